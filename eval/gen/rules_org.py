"""Numbers and series (category numbers) and organization words (category org_words).

Numbers: digits <-> number words (with common misspellings), ordinals, Roman numerals are the same
name; another number, ordinal or series numeral is another entity.
Organization words: plural/singular of generic words, abbreviations (Co., Corp., Intl., PSB, an
acronym the listing itself gives in parentheses), misspelled legal forms; the listed name without
its country/city/branch qualifier is related (REVIEW, scored as a match); another distinctive word
with the same generic words is another party.
"""
import re

from common import Pair, fold, sample, schema_of

WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
         "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
ORD = {"one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
       "nine": "ninth", "twelve": "twelfth"}
MISSPELL = {"forty": "fourty", "ninety": "ninty", "fourteen": "forteen", "eighteen": "eightteen",
            "nineteen": "ninteen"}


def words(n):
    if n < 20:
        return WORDS[n]
    return TENS[n // 10] + ("" if n % 10 == 0 else "-" + WORDS[n % 10])


def ordinal_words(n):
    w = words(n)
    last = w.split("-")[-1]
    last = ORD.get(last, last[:-1] + "ieth" if last.endswith("y") else last + "th")
    return "-".join(w.split("-")[:-1] + [last])


def roman(n):
    out = ""
    for v, s in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= v:
            out, n = out + s, n - v
    return out


ROMAN = {roman(i): i for i in range(2, 40)}


def _case(word, like):
    return word.upper() if like.isupper() else word.capitalize()


def numbers(rng, ents, n):
    rows = []
    names = [(e, nm) for es in ents.values() for e in es if e.type != "person" for nm in e.names[:1]]
    digit = [(e, nm, m) for e, nm in names for m in [re.search(r"(?<![\w./-])([1-9]\d?)(?![\w./-])", nm)] if m]
    ordn = [(e, nm, m) for e, nm in names for m in [re.search(r"\b([1-9]\d?)(st|nd|rd|th)\b", nm, re.I)] if m]
    rom = [(e, nm, m) for e, nm in names for m in [re.search(r"(?<!AFTER )(?<!after )\b([IVX]{2,6})\b(?!['.])", nm)]
           if m and m.group(1) in ROMAN]

    def emit(rule, group, make, match, k=n):
        for e, nm, m in sample(rng, group, k):
            q = nm[:m.start()] + make(m, nm) + nm[m.end():]
            if q != nm:
                rows.append(Pair("numbers", rule, schema_of(e, nm), q, nm, match, e))

    def wordform(m, nm):
        w = words(int(m.group(1)))
        w = MISSPELL.get(w, w) if rng.random() < 0.3 else w
        return _case(w, nm)

    emit("digits_to_words", digit, wordform, True)
    emit("digits_to_roman", digit, lambda m, nm: roman(int(m.group(1))) if int(m.group(1)) < 40 else m.group(1),
         True, n // 2)
    emit("ordinal_to_words", ordn, lambda m, nm: _case(ordinal_words(int(m.group(1))), nm), True)
    emit("roman_to_digits", rom, lambda m, nm: str(ROMAN[m.group(1)]), True)
    emit("other_number", digit, lambda m, nm: str(_other(rng, int(m.group(1)))), False)
    emit("other_number_as_words", digit, lambda m, nm: _case(words(_other(rng, int(m.group(1)))), nm),
         False, n // 2)
    emit("other_ordinal", ordn, lambda m, nm: _ord_suffix(_other(rng, int(m.group(1)))), False)
    emit("other_roman_series", rom, lambda m, nm: roman(_other(rng, ROMAN[m.group(1)])), False)
    return rows


def _other(rng, v):
    return rng.choice([x for x in range(max(1, v - 5), v + 6) if x != v and (x < 40 or v >= 40) and x < 100])


def _ord_suffix(v):
    return f"{v}{'th' if 10 <= v % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(v % 10, 'th')}"


PLURAL = ["Industries", "Technologies", "Systems", "Holdings", "Services", "Products", "Enterprises",
          "Solutions", "Networks", "Electronics", "Materials", "Communications", "Investments", "Resources"]
ABBREV = [("Company", "Co."), ("Corporation", "Corp."), ("International", "Intl."), ("Limited", "Ltd."),
          ("Incorporated", "Inc."), ("Technology", "Tech."), ("Manufacturing", "Mfg."),
          ("Engineering", "Eng."), ("Brothers", "Bros."), ("Department", "Dept."),
          ("Public Security Bureau", "PSB"), ("Industries", "Inds.")]
MISSPELT = [("Limited", "Limted"), ("Limited", "Limitted"), ("Company", "Compnay"), ("Company", "Comapny"),
            ("Corporation", "Coporation"), ("Corporation", "Corporaton"), ("Incorporated", "Incoporated"),
            ("LTD", "LDT"), ("LLC", "LCC")]
QUALIFIER = (r"\s*[,(]?\s*\b(Hong Kong|UK|U\.K\.|Dubai|UAE|Singapore|Malaysia|Costa Rica|Germany|Moscow|"
             r"London|Cyprus|Turkey|Panama|Switzerland|Italy|France|India|Pakistan|Lebanon|Beijing|"
             r"Shanghai|Shenzhen|Branch)\b\)?")


def _word_rule(rng, orgs, rule, old, new, match, n, category="org_words"):
    rows = []
    pat = re.compile(rf"\b{re.escape(old)}\b", re.I)
    group = [(e, nm) for e, nm in orgs if pat.search(nm)]
    for e, nm in sample(rng, group, n):
        q = pat.sub(lambda m: _case(new, m.group(0)) if new[0].isalpha() and not new.isupper() else new, nm,
                    count=1)
        if q != nm:
            rows.append(Pair(category, rule, schema_of(e, nm), q, nm, match, e))
    return rows


def org_words(rng, ents, n):
    orgs = [(e, nm) for es in ents.values() for e in es if e.type in ("organization", "unknown")
            for nm in e.names[:1] if len(nm.split()) >= 2]
    rows = []
    for w in PLURAL:
        rows += _word_rule(rng, orgs, "plural_to_singular", w, w[:-3] + "y" if w.endswith("ies") else w[:-1],
                           True, max(2, n // len(PLURAL)))
    for old, new in ABBREV:
        rows += _word_rule(rng, orgs, "abbreviation", old, new, True, max(3, n // len(ABBREV) * 2))
    for old, new in MISSPELT:
        rows += _word_rule(rng, orgs, "misspelled_legal_form", old, new, True, max(3, n // len(MISSPELT)))
    rows += sample(rng, _acronyms(orgs), n)
    df = {}
    for _, nm in orgs:
        for t in set(fold(nm).split()):
            df[t] = df.get(t, 0) + 1
    for e, nm in sample(rng, [(e, nm) for e, nm in orgs if re.search(QUALIFIER, nm)], n):
        q = " ".join(re.sub(QUALIFIER, " ", nm).split()).strip(" ,")
        distinctive = any(df.get(t, 0) <= 5 for t in fold(q).split() if len(t) > 2)
        if len(q.split()) >= 2 and q != nm and distinctive:
            rows.append(Pair("org_words", "qualifier_dropped_related", schema_of(e, nm), q, nm, True, e,
                             quality="REVIEW"))
    rows += _distinctive_swap(rng, orgs, n)
    rows += _place_swap(rng, orgs, n)
    return rows


def _place_swap(rng, orgs, n):
    """Kashgar Prefecture PSB vs Hotan Prefecture PSB: another leading place word, same generic rest."""
    lead = {}
    for _, nm in orgs:
        first = nm.split()[0]
        if first.isalpha() and len(first) >= 4:
            lead.setdefault(first.lower(), set()).add(nm)
    df = {}
    for _, nm in orgs:
        for t in set(nm.lower().split()):
            df[t] = df.get(t, 0) + 1
    places = sorted(w for w, names in lead.items() if len(names) >= 3 and df.get(w, 0) <= 40
                    and not re.search(r"(stvo|ministry|national|joint|limited|general|state|federal|open|closed|"
                                      r"public|private|central|islamic|international|united|first|new|the|otkryt|zakryt|aktsion|publich|"
                                      r"tovarist|sirket|limited|company)", w))
    group = [(e, nm) for e, nm in orgs if nm.split()[0].lower() in places and len(nm.split()) >= 3
             and not re.search(r"\([A-Z]{2,}\)", nm)]  # a listed acronym would still name the party
    rows = []
    for e, nm in sample(rng, group, n):
        first = nm.split()[0]
        new = rng.choice([p for p in places if p != first.lower() and p[:3] != first.lower()[:3]])
        rows.append(Pair("org_words", "other_leading_place", schema_of(e, nm),
                         _case(new, first) + nm[len(first):], nm, False, e))
    return rows


def _acronyms(orgs):
    rows = []
    for e, nm in orgs:
        m = re.search(r"((?:[A-Z][\w']*\s+(?:and\s+|of\s+)?){2,6})\(([A-Z]{2,6})\)", nm)
        if not m:
            continue
        words = [w for w in m.group(1).split() if w.lower() not in ("and", "of")]
        acr = m.group(2)
        k = len(acr)
        if "".join(w[0] for w in words[-k:]).upper() == acr:
            start = m.start(1) + m.group(1).index(words[-k])
            q = " ".join((nm[:start] + acr + nm[m.end():]).split())
            rows.append(Pair("org_words", "acronym_given_in_listing", schema_of(e, nm), q, nm, True, e))
    return rows


def _distinctive_swap(rng, orgs, n):
    df = {}
    for _, nm in orgs:
        for t in set(fold(nm).split()):
            df[t] = df.get(t, 0) + 1
    rare = sorted(t for t, c in df.items() if c == 1 and t.isalpha() and len(t) >= 5)
    rows = []
    for e, nm in sample(rng, orgs, n * 4):
        toks = re.findall(r"[A-Za-z]+", nm)
        scored = sorted((df.get(fold(t), 99), t) for t in toks if len(t) >= 4)
        if len(toks) < 3 or not scored or scored[0][0] > 3 or scored[-1][0] < 20:
            continue  # needs one distinctive word and at least one generic word
        t = scored[0][1]
        new = rng.choice(rare)
        rows.append(Pair("org_words", "other_distinctive_word", schema_of(e, nm),
                         re.sub(rf"\b{t}\b", _case(new, t), nm, count=1), nm, False, e))
        if len(rows) >= n:
            break
    return rows
