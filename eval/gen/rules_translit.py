"""Romanization systems (category romanization), each as letter or syllable rules applied to list names.

- Chinese: pinyin -> Wade-Giles (syllable rules; hyphenated, joined, with or without apostrophes).
- Korean: the lists' McCune-Reischauer-style DPRK names -> Revised Romanization (syllable rules).
- Russian: other Latin transliterations (iy/y/ii, kh/h, ks/x, ye/e, yu/iu, ya/ia, -ov/-off);
  Ukrainian, Belarusian and Baltic (Lithuanian/Latvian) forms of Russian-listed names.
- Arabic: Mohammed/Muhammad/Mohamad, Abd al-/Abdul/Abdel, al-/el-, ud-Din, e/a and ou/u vowels.
Hard negatives: a different syllable or name of the same shape, and a gender-flipped Russian name.
"""
import functools
import random
import re

from common import TITLES, Pair, fold, lev, sample, skeleton
from rules_person import chain, culture

_INITIALS = ["zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x",
             "r", "z", "c", "s", "y", "w", ""]
_FINALS = ["iang", "iong", "uang", "ang", "eng", "ing", "ong", "ian", "iao", "uai", "uan", "ai", "ei",
           "ao", "ou", "an", "en", "in", "un", "ia", "ie", "iu", "ua", "uo", "ui", "ue", "er", "a", "o",
           "e", "i", "u"]
PINYIN = {i + f for i in _INITIALS for f in _FINALS} - {"", "i", "u"}
WG_INITIAL = {"b": "p", "p": "p'", "d": "t", "t": "t'", "g": "k", "k": "k'", "z": "ts", "c": "ts'",
              "zh": "ch", "ch": "ch'", "j": "ch", "q": "ch'", "x": "hs", "r": "j"}
WG_WHOLE = {"zi": "tzu", "ci": "tz'u", "si": "ssu", "zhi": "chih", "chi": "ch'ih", "shi": "shih",
            "ri": "jih", "you": "yu", "yi": "i", "ye": "yeh", "yan": "yen", "yong": "yung", "er": "erh",
            "yue": "yueh", "he": "ho", "ge": "ko", "ke": "k'o", "e": "o"}
ENGLISH = {"an", "man", "men", "long", "bang", "sun", "gun", "den", "hang", "ten", "pen", "run", "fan",
           "fun", "she", "he", "me", "la", "pan", "can", "tan", "ran", "hen", "ban", "bin", "sea", "sin",
           "tin", "pin", "din", "ding", "go", "no", "so", "to", "do", "dan", "gas", "dong", "nan", "ma",
           "ye", "bai", "cao", "china", "hong", "kong", "chinese", "marine", "union", "ocean", "nine", "line", "shine"}


@functools.lru_cache(maxsize=None)
def pinyin_split(token):
    t = fold(token)
    if not t.isalpha() or t in ENGLISH:
        return None
    best = {0: []}
    for i in range(len(t)):
        if i in best:
            for j in range(min(len(t), i + 6), i, -1):
                if t[i:j] in PINYIN and j not in best:
                    best[j] = best[i] + [t[i:j]]
    found = best.get(len(t))
    return tuple(found) if found else None  # cached: callers must not be able to change it


def wade_giles(syl, apostrophes=True):
    if syl in WG_WHOLE:
        w = WG_WHOLE[syl]
    else:
        ini = next(i for i in _INITIALS if syl.startswith(i))
        fin = syl[len(ini):]
        fin = {"ong": "ung", "iong": "iung", "ian": "ien", "ie": "ieh", "ue": "ueh"}.get(fin, fin)
        if fin == "uo" and ini not in ("g", "k", "h", "sh"):
            fin = "o"
        if fin == "ui" and ini in ("g", "k"):
            fin = "uei"
        if fin == "e" and ini in ("g", "k", "h"):
            fin = "o"
        w = WG_INITIAL.get(ini, ini) + fin
    return w if apostrophes else w.replace("'", "")


SUPERSCRIPT = ["¹", "²", "³", "⁴", "1", "2", "3", "4"]  # tones drawn at random: the rows test the format


def _wg_token(token, style):
    syls = pinyin_split(token)
    out = [wade_giles(s, style != "plain") for s in syls]
    joined = "-".join(out) if style == "hyphen" else "".join(out)
    return joined.capitalize() if not token.isupper() else joined.upper()


def chinese(rng, ents, n):
    rows, cands = [], []
    for es in ents.values():
        for e in es:
            toks = re.findall(r"[A-Za-z]+", e.names[0])
            sp = [t for t in toks if pinyin_split(t) and len(t) > 2]
            if e.type == "person":
                ok = (len(sp) == len(toks) >= 2 and fold(toks[0]) not in KO_SURNAME
                      and len(pinyin_split(toks[0])) == 1 and all(len(pinyin_split(t)) <= 3 for t in toks))
            else:
                ok = len(sp) >= 2 and re.search(r"china|chinese|hong kong|\b(co|company),? (ltd|limited)",
                                                 e.names[0], re.I)
            chinese_only = any(re.search(r"^(zh|x|q)|iang|iao|uan|iu|ui$", fold(t)) for t in sp)
            if toks and ok and chinese_only:
                cands.append((e, sp))
    for e, sp in sample(rng, cands, n):
        style = rng.choice(["hyphen", "joined", "plain"])
        q = e.names[0]
        for t in sp:
            q = re.sub(rf"\b{t}\b", _wg_token(t, style), q)
        rows.append(Pair("romanization", f"wade_giles_{style}", _schema(e), q, e.names[0], True, e))
    for e, sp in sample(rng, [c for c in cands if c[0].type == "person"], n // 2):
        numbered = rng.random() < 0.5  # numbered pinyin (zhang1), else Wade-Giles with tone numbers
        q = e.names[0]
        for t in sp:
            syls = pinyin_split(t)
            new = ("".join(s + str(rng.randint(1, 4)) for s in syls) if numbered else
                   "-".join(wade_giles(s) + rng.choice(SUPERSCRIPT) for s in syls))
            q = re.sub(rf"\b{t}\b", new.upper() if t.isupper() else new.capitalize(), q)
        rule = "pinyin_tone_numbers" if numbered else "wade_giles_tone_numbers"
        rows.append(Pair("romanization", rule, "Person", q, e.names[0], True, e))
    seen = sorted({s for _, sp in cands for t in sp for s in pinyin_split(t)})
    people = [(e, [t for t in e.parts[:-1] if pinyin_split(t)]) for e, _ in cands
              if e.type == "person" and len(e.parts) >= 2]
    people = [(e, g) for e, g in people if g]
    for e, given in sample(rng, people, n):
        t = rng.choice(given)
        syls = list(pinyin_split(t))
        k = rng.randrange(len(syls))
        alts = [s for s in seen if lev(s, syls[k]) == 1 and wade_giles(s) != wade_giles(syls[k])
                and s[0] == syls[k][0] and len(s) > 1]
        if alts and t.isalpha():
            syls[k] = rng.choice(alts)
            new = "".join(syls)
            new = new.upper() if t.isupper() else new.capitalize()
            q = re.sub(rf"\b{t}\b", new, e.names[0])
            rows.append(Pair("romanization", "pinyin_other_given_syllable", "Person", q, e.names[0], False, e))
    return rows


def _schema(e):
    return {"person": "Person", "organization": "Organization"}.get(e.type, "LegalEntity")


KO_SURNAME = {"kim": ["Gim", "Kim"], "ri": ["Yi", "Lee"], "pak": ["Park", "Bak"], "choe": ["Choi"],
              "jong": ["Jeong", "Chung"], "o": ["Oh"], "paek": ["Baek"], "kang": ["Gang", "Kang"],
              "han": ["Han"], "jang": ["Jang"], "yun": ["Yun", "Yoon"], "hyon": ["Hyeon"], "ryu": ["Yu"],
              "chon": ["Jeon"], "song": ["Seong"], "kwon": ["Gwon", "Kwon"], "sin": ["Shin", "Sin"]}
KO_VOWEL = [("yo", "yeo"), ("o", "eo"), ("u", "eu")]  # MR o-breve / u-breve written without marks


def ko_rr(syl):
    s = fold(syl)
    s = re.sub(r"^k(?!h)", "g", s)
    s = re.sub(r"^t(?!h)", "d", s)
    s = re.sub(r"^p(?!h)", "b", s)
    s = re.sub(r"^ch", "j", s) if not s.startswith("chh") else s
    s = re.sub(r"^(kh|th|ph)", lambda m: m.group(1)[0], s)
    m = re.fullmatch(r"([^aeiou]*w?)(yo|o|u)(ng|n|l|k|m|p)?", s)
    if m and m.group(3) in ("ng", "n", "l", "k") and m.group(2) in ("o", "yo"):
        s = m.group(1) + {"o": "eo", "yo": "yeo"}[m.group(2)] + m.group(3)
    elif m and m.group(2) == "u" and m.group(3) in ("n", "l", "m") and m.group(1) in ("", "g", "h", "s"):
        s = m.group(1) + "eu" + m.group(3)
    return s


def korean(rng, ents, n):
    rows, cands = [], []
    for e in (x for es in ents.values() for x in es if x.type == "person" and x.parts):
        toks = fold(" ".join(e.parts)).split()
        if len(toks) == 3 and toks[-1] in KO_SURNAME and all(len(t) <= 5 and pinyin_split(t) for t in toks):
            cands.append((e, toks))
    for e, toks in sample(rng, cands, n):
        g1, g2, sur = ko_rr(toks[0]), ko_rr(toks[1]), rng.choice(KO_SURNAME[toks[2]])
        given = rng.choice([f"{g1.capitalize()}-{g2}", f"{g1.capitalize()}{g2}"])
        q = rng.choice([f"{sur} {given}", f"{given} {sur}"])
        rows.append(Pair("romanization", "korean_revised_romanization", "Person", q, e.names[0], True, e))
    pool = sorted({t for _, toks in cands for t in toks[:2]})
    for e, toks in sample(rng, cands, n):
        k = rng.randrange(2)
        alts = [s for s in pool if lev(s, toks[k]) == 1 and ko_rr(s) != ko_rr(toks[k])]
        if alts:
            q = list(toks)
            q[k] = rng.choice(alts)
            rows.append(Pair("romanization", "korean_other_syllable", "Person",
                             " ".join(t.capitalize() for t in q[:2]) + " " + q[2].upper(), e.names[0], False, e))
    return rows


RU_RULES = [("iy_y", r"iy\b", "y"), ("y_iy", r"(?<=[^aeiouy])y\b", "iy"), ("iy_ii", r"iy\b", "ii"),
            ("kh_h", r"kh", "h"), ("ks_x", r"ks", "x"), ("ye_e", r"\bYe", "E"), ("yu_iu", r"yu", "iu"),
            ("ya_ia", r"(?<=[^aeiou])ya", "ia"), ("ov_off", r"ov\b", "off"), ("ey_ei", r"ey\b", "ei"),
            ("zh_j_french", r"\bZh", "J"), ("ts_tz", r"ts", "tz")]
UA_RULES = [(r"\bAlek", "Olek"), (r"g", "h"), (r"G", "H"), (r"[ae]y\b", "iy"), (r"\bVladimir", "Volodymyr")]
BY_RULES = [(r"\bVla", "Ula"), (r"\bAlek", "Aliak"), (r"\bD(?=[mi])", "Dz"), (r"(?<=[aeiou])d(?=i)", "dz"),
            (r"g", "h"), (r"\bSer", "Siar"), (r"ey\b", "ei"), (r"iy\b", "y")]
FEMALE = [(r"(ovich|evich)\b", lambda m: m.group(1)[:-3] + "na"), (r"(ov|ev|in)\b", r"\1a"),
          (r"skiy\b", "skaya"), (r"(?<=[^aeiou])\b", "a")]


def _slav(name):
    """A Slavic given name with transliteration and Ukrainian/Belarusian letter variants folded."""
    s = fold(name).replace("x", "ks").replace("dz", "d").replace("h", "g").replace("w", "v")
    s = re.sub(r"(iy|ii|y|i|ey|ei)$", "i", s.replace("j", "y"))
    return re.sub(r"[aeiouy]", "", s)


def _apply(name, rules):
    out = name
    for pat, rep in rules:
        out = re.sub(pat, rep, out)
    return out


def russian(rng, ents, n):
    rows = []
    cands = [e for es in ents.values() for e in es if e.type == "person" and len(e.parts) == 3
             and re.search(r"(ovich|evich|ovna|evna)$", e.parts[1]) and e.parts[-1].isalpha()]
    for label, pat, rep in RU_RULES:
        for e in sample(rng, [e for e in cands if re.search(pat, " ".join(e.parts))], n // 4):
            q = " ".join(e.parts)
            rows.append(Pair("romanization", f"russian_{label}", "Person", re.sub(pat, rep, q), e.names[0], True, e))
    male = [e for e in cands if re.search(r"(ovich|evich)$", e.parts[1])]
    for label, rules in (("ukrainian_form", UA_RULES), ("belarusian_form", BY_RULES)):
        for e in sample(rng, male, n // 2):
            q = _apply(" ".join(e.parts), rules)
            if q != " ".join(e.parts):
                rows.append(Pair("romanization", label, "Person", q, e.names[0], True, e))
    for e in sample(rng, male, n // 2):
        lt = rng.random() < 0.5
        end = (lambda w: re.sub(r"(ey|ei|iy|y)$", "ejus", w) if re.search(r"(ey|ei|iy|y)$", w)
               else w + ("as" if w[-1] not in "aeiou" else "")) if lt else \
            (lambda w: re.sub(r"(ey|ei|iy|y)$", "ejs", w) if re.search(r"(ey|ei|iy|y)$", w)
             else w + ("s" if w[-1] not in "aeiou" else ""))
        q = f"{end(e.parts[0])} {end(e.parts[-1].capitalize())}"
        rows.append(Pair("romanization", "lithuanian_form" if lt else "latvian_form", "Person", q,
                         e.names[0], True, e))
    freq = {}
    for e in cands:
        freq[fold(e.parts[0])] = freq.get(fold(e.parts[0]), 0) + 1
    given = sorted(g for g, c in freq.items() if c >= 5 and g.isalpha())  # common spellings only
    made = 0
    for e in sample(rng, cands, len(cands)):
        if made >= n:
            break
        g = fold(e.parts[0])
        female = e.parts[1].lower().endswith("na")
        alts = [p for p in given if p[:2] == g[:2] and 1 <= lev(p, g) <= 3 and lev(_slav(p), _slav(g)) >= 2
                and not p.startswith(g) and not g.startswith(p) and p.endswith(("a", "ya")) == female]
        if alts:
            q = f"{rng.choice(alts).capitalize()} {e.parts[1]} {e.parts[2]}"
            rows.append(Pair("romanization", "russian_other_given_same_shape", "Person", q, e.names[0], False, e))
            made += 1
    flippable = [e for e in male if re.search(r"(slav|ndr|nder|ntin|geniy|leriy)$", e.parts[0])]
    for e in sample(rng, flippable, n):
        g = re.sub(r"(iy|er|r|v|n)$", lambda m: {"iy": "iya", "er": "ra"}.get(m.group(1), m.group(1) + "a"),
                   e.parts[0])
        sur = _apply(e.parts[2].lower(), FEMALE[1:3])
        sur = sur.upper() if e.parts[2].isupper() else sur.capitalize()
        q = f"{g} {_apply(e.parts[1], FEMALE[:1])} {sur}"
        rows.append(Pair("romanization", "gender_flipped_russian_name", "Person", q, e.names[0], False, e))
    return rows


AR_MOHAMMED = ["Mohammed", "Muhammad", "Mohamad", "Mohamed", "Muhammed", "Mohammad"]
AR_RULES = [
    ("mohammed_forms", r"\bM[ou]h+[ae]m+[ae]d\b", lambda m, rng: rng.choice(
        [x for x in AR_MOHAMMED if x.lower() != m.group(0).lower()])),
    ("abd_al_forms", r"\b[Aa]bd(?:[ -]?[ae]l[ -]|ul[ -]?|el[ -]?|-)([A-Za-z]+)", lambda m, rng: rng.choice(
        [f"Abd al-{m.group(1).capitalize()}", f"Abdul {m.group(1).capitalize()}",
         f"Abdel {m.group(1).capitalize()}", f"Abdul{m.group(1).lower()}"])),
    ("article_al_el", r"\b([Aa][Ll])-(?=[A-Za-z]{3})", lambda m, rng: rng.choice(["El-", "al ", "Al"])),
    ("ud_din_forms", r"\b([A-Za-z]+)[- ]?(?:[UuAa][dl]|e)[- ]?[Dd]in\b", lambda m, rng: rng.choice(
        [f"{m.group(1)}uddin", f"{m.group(1)} ud Din", f"{m.group(1)} al-Din", f"{m.group(1)}-ud-Din"])),
    ("vowel_ou_u", r"ou", lambda m, rng: "u"),
    ("vowel_e_a", r"(?<=[bcdfghjklmnpqrstvz][bcdfghjklmnpqrstvz])e(?=[dr]\b)", lambda m, rng: "a"),
    ("vowel_a_e", r"(?<=hm)a(?=d\b)", lambda m, rng: "e"),
    ("ei_ay", r"ein\b", lambda m, rng: "ayn"),
    ("final_ah_a", r"(?<=[a-z][bcdfghjklmnpqrstvz])ah\b", lambda m, rng: "a"),
]


def arabic(rng, ents, n):
    rows = []
    people = [e for es in ents.values() for e in es if chain(e) and culture(e, chain(e)) == "chain"]
    for label, pat, rep in AR_RULES:
        cands = [e for e in people if re.search(pat, e.names[0])]
        for e in sample(rng, cands, n // 3):
            q = re.sub(pat, lambda m: rep(m, rng), e.names[0], count=1)
            if fold(q) != fold(e.names[0]):
                rows.append(Pair("romanization", f"arabic_{label}", "Person", q, e.names[0], True, e))
    pool = sorted({t for e in people if e.source == "un" for t in fold(" ".join(e.parts)).split()
                   if len(t) >= 4 and t not in TITLES})
    for e in sample(rng, people, n):
        toks = e.names[0].replace(",", "").split()
        k = rng.randrange(len(toks))
        t = fold(toks[k])
        alts = [p for p in pool if 1 <= lev(p, t) <= 2 and skeleton(p) != skeleton(t) and p[0] == t[0]
                and not (re.match(r"m[ou]c?h+[ae]m+[ae]d", p) and re.match(r"m[ou]c?h+[ae]m+[ae]d", t))]
        if alts and len(t) >= 4 and t not in TITLES:
            toks[k] = rng.choice(alts).capitalize()
            rows.append(Pair("romanization", "arabic_other_name_same_shape", "Person", " ".join(toks),
                             e.names[0], False, e))
    return rows


def romanization(rng, ents, n):
    seed = rng.random()  # one stream per system, so a change in one leaves the others' rows alone
    return (chinese(random.Random(f"{seed}/zh"), ents, n) + korean(random.Random(f"{seed}/ko"), ents, n)
            + russian(random.Random(f"{seed}/ru"), ents, n) + arabic(random.Random(f"{seed}/ar"), ents, n))
