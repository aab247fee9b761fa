#!/usr/bin/env python3
"""Builds the broader evaluation set from the real lists (standard library only, fixed seed).

    python3 eval/generate.py [--out DIR] [--data-dir DIR]

Reads the lists under $REDFLAG_DATA_DIR/lists (default ../shared/data) and
data/names/registered_names.csv, and writes to DIR (default eval/broad):
  pairs.csv   labelled name pairs for `redflag compare --input` (dev pairs format + a `rule` column)
  screen.csv  screening queries for `redflag screen --input`, positive (must find expected_*) and
              negative (must not hit forbidden_*)
  counts.json rows per category and rule, which the ctest e2e_test_eval_broad_generator checks
Every row names its category and the rule that made it. The same lists give the same bytes.
"""
import argparse
import csv
import json
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "gen"))

import lists  # noqa: E402
import rules_org  # noqa: E402
import rules_person  # noqa: E402
import rules_script  # noqa: E402
import rules_translit  # noqa: E402
from common import CATEGORIES, SEED, fold  # noqa: E402

PER_RULE = 60  # rows per rule (fewer where the lists hold fewer names a rule applies to)


def build(ents, enhanced):
    def rng(part):
        # One generator per rule family (a string seed is hashed with SHA-512, not PYTHONHASHSEED), so
        # a new or changed family leaves the other families' rows as they were.
        return random.Random(f"{SEED}/{part}")

    rows = []
    rows += rules_person.structure(rng("person_structure"), ents, PER_RULE)
    rows += rules_translit.romanization(rng("romanization"), ents, PER_RULE)
    rows += rules_script.other_script(rng("other_script"), ents, enhanced, PER_RULE)
    rows += rules_script.registered_pairs(rng("registered"), ents)
    rows += rules_org.numbers(rng("numbers"), ents, PER_RULE)
    rows += rules_org.org_words(rng("org_words"), ents, PER_RULE)
    rows += rules_person.nicknames_initials(rng("nicknames_initials"), ents, PER_RULE)
    seen, out = set(), []
    for r in rows:
        key = (r.name1, r.name2)
        if fold(r.name1) == fold(r.name2) or key in seen or not r.name1.strip():
            continue
        seen.add(key)
        out.append(r)
    return out


def party_ids(ents):
    """folded name -> ids of every entity carrying it (an OFAC entry and its CSL copy are one party)."""
    index = {}
    for es in ents.values():
        for e in es:
            for name in e.names:
                index.setdefault(fold(name), set()).add(e.id)
    return index


def write_pairs(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["pair_id", "case_group", "schema", "name1", "name2", "is_match", "quality", "category",
                    "rule", "notes"])
        for i, r in enumerate(rows, 1):
            w.writerow([f"br-{i:05d}", r.category, r.schema, r.name1, r.name2, str(r.is_match).lower(),
                        r.quality, r.category, r.rule, r.entity2.id if r.entity2 else ""])


def write_screen(path, rows, index):
    kinds = {"Person": "person", "Company": "organization", "Organization": "organization",
             "Vessel": "vessel", "Airplane": "aircraft"}
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["query_id", "name", "type", "category", "rule", "polarity", "expected_ids",
                    "expected_names", "forbidden_ids", "forbidden_names"])
        n = 0
        for r in rows:
            if not (r.screen and r.entity2):
                continue
            n += 1
            ids = sorted({r.entity2.id} | set().union(*(index.get(fold(x), set()) for x in r.entity2.names[:1])))
            names = ";".join(x.replace(";", ",") for x in r.entity2.names)
            pos = [";".join(ids), names] if r.is_match else ["", ""]
            neg = ["", ""] if r.is_match else [";".join(ids), names]
            w.writerow([f"bq-{n:05d}", r.name1, kinds.get(r.schema, "unknown"), r.category, r.rule,
                        "positive" if r.is_match else "negative"] + pos + neg)


def counts(rows):
    out = {c: {"pairs": 0, "match": 0, "nonmatch": 0, "rules": {}} for c in CATEGORIES}
    for r in rows:
        c = out[r.category]
        c["pairs"] += 1
        c["match" if r.is_match else "nonmatch"] += 1
        c["rules"][r.rule] = c["rules"].get(r.rule, 0) + 1
    for c in out.values():
        c["rules"] = dict(sorted(c["rules"].items()))
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=os.path.join(HERE, "broad"))
    ap.add_argument("--data-dir", default=None, help="default: $REDFLAG_DATA_DIR or ../shared/data")
    args = ap.parse_args(argv)
    ents, enhanced = lists.load_all(args.data_dir)
    rows = build(ents, enhanced)
    os.makedirs(args.out, exist_ok=True)
    write_pairs(os.path.join(args.out, "pairs.csv"), rows)
    write_screen(os.path.join(args.out, "screen.csv"), rows, party_ids(ents))
    summary = counts(rows)
    with open(os.path.join(args.out, "counts.json"), "w", encoding="utf-8") as f:
        json.dump(summary, f, indent=1, ensure_ascii=False)
        f.write("\n")
    for cat, c in summary.items():
        print(f"{cat:20s} pairs={c['pairs']:5d} match={c['match']:5d} nonmatch={c['nonmatch']:5d} "
              f"rules={len(c['rules'])}")
    print(f"total pairs={len(rows)} -> {args.out}")


if __name__ == "__main__":
    main()
