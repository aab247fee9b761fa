"""Reads the real list files into plain records for the generator (standard library only).

An Entity is one listed party with the engine's id scheme (ofac_sdn:<ent_num>, un:<ref>,
us_csl:<_id>, ofac_cons:<ent_num>, ca_sema:<native id>), its type, its Latin names and, where
the list carries them, names in another script (`native`: list of (script, name, latin_name)).
Person names keep their parts where the list gives them (UN FIRST..FOURTH_NAME, OFAC
"SURNAME, Given", CA LastName/GivenName) so that structure rules can work on the parts.
"""
import csv
import os
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field


@dataclass
class Entity:
    id: str
    type: str  # person | organization | vessel | aircraft | unknown
    names: list  # Latin-script names, primary first
    parts: list = field(default_factory=list)  # person: name parts in listed order (given..., family last)
    surname: str = ""  # person: the family name when the list marks it
    native: list = field(default_factory=list)  # (script, native name, Latin name it translates)
    source: str = ""


def data_dir():
    here = os.path.dirname(os.path.abspath(__file__))
    default = os.path.join(here, "..", "..", "..", "shared", "data")
    return os.path.abspath(os.environ.get("REDFLAG_DATA_DIR", default))


def _sdn_rows(path):
    with open(path, encoding="latin-1", newline="") as f:
        for row in csv.reader(f):
            if len(row) >= 3 and row[0].strip().isdigit():
                yield [c.strip() for c in row]


def _clean(v):
    return "" if v in ("-0-", "") else v


def load_ofac(lists, list_id, prim, alt):
    kinds = {"individual": "person", "vessel": "vessel", "aircraft": "aircraft", "": "organization"}
    out = {}
    for row in _sdn_rows(os.path.join(lists, list_id, prim)):
        kind = kinds.get(_clean(row[2]), "organization")
        name = row[1]
        e = Entity(f"{list_id}:{row[0]}", kind, [name], source=list_id)
        if kind == "person" and ", " in name:
            surname, given = name.split(", ", 1)
            e.surname = surname
            e.parts = given.split() + [surname]
        out[row[0]] = e
    for row in _sdn_rows(os.path.join(lists, list_id, alt)):
        if row[0] in out and _clean(row[3]):
            out[row[0]].names.append(row[3])
    return list(out.values())


def _text(node, tag):
    child = node.find(tag)
    return (child.text or "").strip() if child is not None and child.text else ""


def load_un(lists):
    root = ET.parse(os.path.join(lists, "un", "consolidated.xml")).getroot()
    out = []
    for ind in root.iter("INDIVIDUAL"):
        parts = [_text(ind, t) for t in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")]
        parts = [p for p in parts if p]
        full = " ".join(parts)
        e = Entity(f"un:{_text(ind, 'REFERENCE_NUMBER')}", "person", [full], source="un")
        e.parts = parts  # FIRST..FOURTH_NAME as listed: given, father, grandfather, family/tribe
        e.surname = ""  # the UN list does not mark the family name
        _un_aliases(ind, "INDIVIDUAL_ALIAS", e, full)
        out.append(e)
    for ent in root.iter("ENTITY"):
        name = _text(ent, "FIRST_NAME")
        e = Entity(f"un:{_text(ent, 'REFERENCE_NUMBER')}", "organization", [name], source="un")
        _un_aliases(ent, "ENTITY_ALIAS", e, name)
        out.append(e)
    return out


def _un_aliases(node, tag, e, latin):
    for alias in node.findall(tag):
        name = _text(alias, "ALIAS_NAME")
        if name and _text(alias, "QUALITY") != "Low":
            e.names.append(name)
    native = _text(node, "NAME_ORIGINAL_SCRIPT")
    if native:
        e.native.append((script_of(native), native, latin))


def load_csl(lists):
    by_id = {}
    with open(os.path.join(lists, "us_csl", "consolidated.csv"), encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            key = row["_id"]
            kind = {"Individual": "person", "Entity": "organization", "Vessel": "vessel",
                    "Aircraft": "aircraft"}.get(row["type"], "unknown")
            e = by_id.setdefault(key, Entity(f"us_csl:{key}", kind, [], source=row["source"]))
            for name in [row["name"]] + _csl_alts(row["alt_names"]):
                if name and name not in e.names:
                    e.names.append(name)
    return [e for e in by_id.values() if e.names]


def _csl_alts(value):
    alts = []
    for a in value.split(";"):
        a = re.sub(r"^\s*and\s+", "", a.strip())
        if a:
            alts.append(a)
    return alts


def load_cons_enhanced(lists):
    """Non-Latin translations that OFAC's enhanced XML carries; the engine imports the legacy CSV of
    the same list, so these names are not in its index: a fair cross-script query."""
    path = os.path.join(lists, "ofac_cons", "CONS_ENHANCED.XML")
    root = ET.parse(path).getroot()
    for node in root.iter():
        node.tag = node.tag.rsplit("}", 1)[-1]
    out = {}
    for ent in root.iter("entity"):
        eid = ent.get("id")
        for name in ent.iter("name"):
            latin, others = "", []
            for tr in name.iter("translation"):
                script = _text(tr, "script")
                full = _text(tr, "formattedFullName")
                if script == "Latin":
                    latin = latin or full
                elif full:
                    others.append((script, full))
            for script, full in others:
                if latin:
                    out.setdefault(eid, []).append((script, full, latin))
    return out


def load_ca_sema(lists):
    root = ET.parse(os.path.join(lists, "ca_sema", "sema-lmes.xml")).getroot()
    out = []
    for i, rec in enumerate(root.iter("record")):
        last, given = _text(rec, "LastName"), _text(rec, "GivenName")
        org = _text(rec, "EntityOrShip")
        aliases = _text(rec, "Aliases")
        if not (last and given) or not aliases:
            continue
        latin = f"{given} {last}"
        e = Entity(f"ca_sema:{_ca_id(rec, i + 1)}", "person", [latin], parts=given.split() + [last],
                   surname=last, source="ca_sema")
        for alias in re.split(r"[;,/]\s*|\s+(?:and|or)\s+", aliases):
            alias = re.sub(r"^\s*[A-Za-z]+\s*:\s*", "", alias).strip()  # "Russian : ..." labels
            if alias and script_of(alias) != "Latin":
                e.native.append((script_of(alias), alias, latin))
        if org:
            continue
        out.append(e)
    return out


def _slug(text):
    """The engine's Canadian record id part (src/sources/ca_sema.cc Slug)."""
    return re.sub(r"[^0-9a-z.]+", "-", text.lower().encode("ascii", "replace").decode()).strip("-")


def _ca_id(rec, index):
    regime = " ".join(_text(rec, "Country").split(" / ")[0].split())
    schedule, item = _text(rec, "Schedule"), _text(rec, "Item")
    if not item:
        return f"record-{index}"
    return "_".join([_slug(regime)] + ([_slug(schedule)] if schedule else []) + [_slug(item)])


def script_of(text):
    counts = {}
    for ch in text:
        o = ord(ch)
        script = ("Cyrillic" if 0x400 <= o <= 0x52F else "Arabic" if 0x600 <= o <= 0x6FF else
                  "Han" if 0x4E00 <= o <= 0x9FFF else "Hangul" if 0xAC00 <= o <= 0xD7AF else
                  "Greek" if 0x370 <= o <= 0x3FF else "Latin" if ch.isalpha() else None)
        if script:
            counts[script] = counts.get(script, 0) + 1
    return max(counts, key=counts.get) if counts else "Latin"


def load_all(base=None):
    """Every list the generator uses, as {list_id: [Entity]} plus the enhanced-XML translations."""
    lists = os.path.join(base or data_dir(), "lists")
    if not os.path.isdir(lists):
        raise SystemExit(f"{lists}: no lists folder here; set REDFLAG_DATA_DIR or --data-dir to ../shared/data")
    ents = {
        "ofac_sdn": load_ofac(lists, "ofac_sdn", "sdn.csv", "alt.csv"),
        "ofac_cons": load_ofac(lists, "ofac_cons", "cons_prim.csv", "cons_alt.csv"),
        "un": load_un(lists),
        "us_csl": load_csl(lists),
        "ca_sema": load_ca_sema(lists),
    }
    return ents, load_cons_enhanced(lists)
