"""Shared helpers: the row type every rule emits, spelling tests, deterministic sampling."""
import functools
import re
import unicodedata
from dataclasses import dataclass

SEED = 20261206

CATEGORIES = ("person_structure", "romanization", "other_script", "numbers", "org_words",
              "nicknames_initials")


@dataclass
class Pair:
    category: str
    rule: str  # the rule that made the row, e.g. "drop_grandfather" or "diff_father"
    schema: str  # Person | Company | Organization | LegalEntity | Vessel
    name1: str  # the query-side name
    name2: str  # the listed name
    is_match: bool
    entity2: object = None  # lists.Entity of name2 (for screening rows)
    quality: str = "MEDIUM"  # REVIEW marks "related, to be reviewed" (scored as a match)
    screen: bool = True  # False: name1 is itself a listed alias, so a screening query would be trivial


SCHEMA = {"person": "Person", "organization": "Organization", "vessel": "Vessel",
          "aircraft": "Airplane", "unknown": "LegalEntity"}


def schema_of(entity, name=None):
    if entity.type == "organization" and name and re.search(
            r"\b(co|ltd|llc|inc|corp|limited|company|gmbh|jsc|ojsc|ooo|sa|ag)\b", name, re.I):
        return "Company"
    return SCHEMA.get(entity.type, "LegalEntity")


@functools.lru_cache(maxsize=None)
def fold(text):
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"['.\u2019`]", "", text)
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


@functools.lru_cache(maxsize=None)
def skeleton(token):
    """Consonant skeleton: what transliteration variants of one name share (Mohammed/Muhammad)."""
    t = fold(token).replace(" ", "")
    t = re.sub(r"^(al|el|ul)(?=[a-z]{3})", "", t)
    t = t.replace("ph", "f").replace("kh", "h").replace("q", "k").replace("ck", "k")
    t = re.sub(r"[aeiouyhw']", "", t)
    return re.sub(r"(.)\1+", r"\1", t)


def lev(a, b):
    if a == b:
        return 0
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


TITLES = {"haji", "hajji", "haj", "hajj", "sheikh", "shaikh", "shaykh", "mullah", "mulla", "imam", "sayyid",
          "sayed", "seyed", "seyyed", "syed", "sayyed", "mawlawi", "maulvi", "qari", "dr", "general"}


def different_name(a, b):
    """True when two name tokens are plainly different names, not spellings of one name."""
    fa, fb = fold(a), fold(b)
    if fa in TITLES or fb in TITLES:
        return False  # a title is not a name: swapping one in makes no hard negative
    if not fa or not fb or fa == fb or skeleton(a) == skeleton(b):
        return False
    if fa[0] != fb[0] and lev(fa, fb) <= 1:
        return False
    return lev(fa, fb) >= 2 and not (fa.startswith(fb) or fb.startswith(fa))


def is_alpha_token(t):
    return bool(re.fullmatch(r"[A-Za-z][A-Za-z'\-]*", t))


def sample(rng, items, n):
    items = list(items)
    return items if len(items) <= n else rng.sample(items, n)


def person_name(parts, surname_first=False, upper_surname=True):
    """Writes name parts (given..., family last) as a listed person would be written."""
    parts = list(parts)
    if surname_first:
        return f"{parts[-1]}, {' '.join(parts[:-1])}"
    return " ".join(parts)
