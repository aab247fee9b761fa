"""Person-name structure, nicknames and initials: rules over the listed persons' name parts.

Structure (category person_structure). A listed person's parts are read as a chain
given, father's, grandfather's ..., family/clan/tribal name (UN FIRST..FOURTH_NAME; OFAC
"FAMILY, Given ..."). Same person: a query that drops the middle names or the grandfather's name,
or that puts the family name first. Different person: another given, father's or grandfather's
name, another family/clan/tribal name, or the father's and grandfather's names swapped.
"""
import re

from common import Pair, different_name, fold, sample, schema_of

PARTICLES = {"abd", "abdul", "abdel", "abu", "abou", "bin", "ben", "ibn", "bint", "ould", "al", "el",
             "van", "von", "de", "del", "da", "dos", "la", "le", "di", "ul", "ud"}

# Hypocoristics: a lexical fact of each language, so a table; every row below is read from it.
NICKNAMES = {
    "william": ["Bill", "Billy", "Will"], "robert": ["Bob", "Rob", "Bobby"], "richard": ["Rick", "Dick"],
    "james": ["Jim", "Jimmy"], "joseph": ["Joe"], "michael": ["Mike"], "thomas": ["Tom"],
    "charles": ["Charlie", "Chuck"], "edward": ["Ed", "Ted"], "anthony": ["Tony"],
    "daniel": ["Dan", "Danny"], "david": ["Dave"], "alexander": ["Alex"], "nicholas": ["Nick"],
    "christopher": ["Chris"], "matthew": ["Matt"], "steven": ["Steve"], "stephen": ["Steve"],
    "samuel": ["Sam"], "benjamin": ["Ben"], "jonathan": ["Jon"], "patrick": ["Pat"],
    "kenneth": ["Ken"], "ronald": ["Ron"], "donald": ["Don"], "gerald": ["Jerry"],
    "lawrence": ["Larry"], "frederick": ["Fred"], "elizabeth": ["Liz", "Beth"],
    "aleksandr": ["Sasha", "Sanya"], "alexandr": ["Sasha"], "aleksey": ["Alyosha", "Lyosha"],
    "alexey": ["Alyosha"], "vladimir": ["Volodya", "Vova"], "mikhail": ["Misha"],
    "dmitriy": ["Dima"], "dmitry": ["Dima"], "dmitri": ["Dima"], "ivan": ["Vanya"],
    "yevgeniy": ["Zhenya"], "evgeny": ["Zhenya"], "evgeniy": ["Zhenya"], "sergey": ["Seryozha"],
    "sergei": ["Seryozha"], "nikolay": ["Kolya"], "nikolai": ["Kolya"], "anatoliy": ["Tolya"],
    "viktor": ["Vitya"], "pavel": ["Pasha"], "yuriy": ["Yura"], "yuri": ["Yura"],
    "andrey": ["Andryusha"], "andrei": ["Andryusha"], "boris": ["Borya"], "konstantin": ["Kostya"],
    "vyacheslav": ["Slava"], "stanislav": ["Stas"], "gennadiy": ["Gena"], "leonid": ["Lyonya"],
    "yekaterina": ["Katya"], "tatyana": ["Tanya"], "yelena": ["Lena"], "elena": ["Lena"],
    "olga": ["Olya"], "natalya": ["Natasha"], "mariya": ["Masha"], "maria": ["Masha"],
    "anastasiya": ["Nastya"], "irina": ["Ira"], "svetlana": ["Sveta"], "francisco": ["Paco", "Pancho"],
    "jose": ["Pepe"], "guillermo": ["Memo"], "roberto": ["Beto"], "alberto": ["Beto"],
    "ignacio": ["Nacho"], "eduardo": ["Lalo"], "enrique": ["Kike"], "manuel": ["Manolo"],
}


def units(tokens):
    """Groups tokens into name units: a particle belongs to the word after it (Abd al-Rahman)."""
    out, carry = [], []
    for tok in tokens:
        base = fold(tok).split(" ")[0] if fold(tok) else ""
        carry.append(tok)
        if base not in PARTICLES:
            out.append(" ".join(carry))
            carry = []
    if carry:
        if out:
            out[-1] += " " + " ".join(carry)
        else:
            out.append(" ".join(carry))
    return out


_CHAINS = {}


def chain(entity):
    """given..., family as units; None when the name has no usable structure."""
    if entity.id not in _CHAINS:
        _CHAINS[entity.id] = _chain(entity)
    return _CHAINS[entity.id]


def _chain(entity):
    if entity.type != "person" or len(entity.parts) < 2:
        return None
    if entity.source == "un":
        parts = units(" ".join(entity.parts).split())
    else:
        parts = units(entity.parts[:-1]) + [entity.parts[-1]]
    if len(parts) < 2 or not all(re.fullmatch(r"[A-Za-z][A-Za-z' \-]*", p) for p in parts):
        return None
    return parts


ARABIC_MARKERS = {"muhammad", "mohammed", "mohammad", "ahmad", "ahmed", "ali", "hassan", "hussein", "husayn",
                  "abdullah", "abdallah", "mahmoud", "mustafa", "omar", "umar", "khalid", "ibrahim", "yusuf"}


def east_asian(parts):
    """Chinese/Korean-style: every part one syllable (KANG Phyong Guk): its given name is two parts,
    so dropping one is not dropping a middle name."""
    return all(re.fullmatch(r"[^aeiouy]*[aeiouy]+(ng|n|k|l|m|p|t|r|h)?", fold(t)) for p in parts for t in p.split())


def culture(entity, parts):
    """slavic (patronymic in -ovich/-ovna), chain (Arabic-style patronymic chain) or other."""
    if any(re.search(r"(ovich|evich|ovna|evna|ichna)$", fold(p)) for p in parts):
        return "slavic"
    first_words = {fold(w) for p in parts for w in p.replace("-", " ").split()}
    chain_un = entity.source == "un" and entity.id[3:6] in {"QDi", "TAi", "IQi", "LYi", "SOi", "SDi", "YEi"}
    if chain_un or first_words & (PARTICLES - {"van", "von", "de", "del", "da", "dos",
                                                            "la", "le", "di"}) or first_words & ARABIC_MARKERS:
        return "chain"
    return "other"


def _pools(people):
    """Replacement parts by culture and position, so a hard negative stays in its own naming system."""
    pools = {}
    for kind, parts in people:
        for pos, part in enumerate(parts[:-1]):
            pools.setdefault((kind, min(pos, 2)), set()).add(part)
        pools.setdefault((kind, "family"), set()).add(parts[-1])
    return {k: sorted(v) for k, v in pools.items()}


def _replace(rng, parts, pos, pool):
    for _ in range(30):
        cand = rng.choice(pool)
        if all(different_name(cand, p) for p in parts):
            out = list(parts)
            out[pos] = cand
            return out
    return None


def structure(rng, ents, n):
    people = [(e, chain(e)) for es in ents.values() for e in es]
    people = [(e, p, culture(e, p)) for e, p in people if p]
    pools = _pools([(k, p) for _, p, k in people])
    chained = [x for x in people if x[2] == "chain"]
    long3 = [x for x in chained if len(x[1]) >= 3]
    long4 = [x for x in chained if len(x[1]) >= 4]
    slavic = [x for x in people if x[2] == "slavic" and len(x[1]) >= 3]
    out = []

    def emit(rule, group, make, match):
        for e, parts, kind in sample(rng, group, n):
            q = make(parts, kind)
            if q and " ".join(q) != " ".join(parts):
                out.append(Pair("person_structure", rule, "Person", " ".join(q), e.names[0], match, e))

    droppable = [x for x in people if len(x[1]) >= 3 and not east_asian(x[1])]
    emit("drop_middle_names", droppable, lambda p, k: [p[0], p[-1]], True)
    emit("drop_grandfather", long4, lambda p, k: p[:2] + p[3:], True)
    emit("drop_one_middle_name", droppable,
         lambda p, k: p[:1] + p[2:] if rng.random() < 0.5 else p[:-2] + p[-1:], True)
    emit("family_first_middle_dropped", droppable,
         lambda p, k: [p[-1].upper(), p[0]], True)
    emit("family_name_first", people, lambda p, k: [p[-1].upper()] + p[:-1], True)
    emit("diff_given_name", people, lambda p, k: _replace(rng, p, 0, pools[(k, 0)]), False)
    emit("diff_father_name", long3, lambda p, k: _replace(rng, p, 1, pools[(k, 1)]), False)
    emit("diff_patronymic", slavic, lambda p, k: _replace(rng, p, 1, pools[(k, 1)]), False)
    emit("diff_grandfather_name", long4, lambda p, k: _replace(rng, p, 2, pools[(k, 2)]), False)
    emit("diff_family_clan_tribal_name", people,
         lambda p, k: _replace(rng, p, len(p) - 1, pools[(k, "family")]), False)
    emit("swapped_patronymic_order", [x for x in long4 if different_name(x[1][1], x[1][2])],
         lambda p, k: [p[0], p[2], p[1]] + p[3:], False)
    emit("swapped_given_and_father", [x for x in long3 if different_name(x[1][0], x[1][1])],
         lambda p, k: [p[1], p[0]] + p[2:], False)
    return out


def _hyphen_given(entity):
    parts = chain(entity)
    if not parts:
        return None
    m = re.fullmatch(r"([A-Z][a-z]{2,})-([A-Z][a-z]{2,})", parts[0])
    if m and fold(m.group(1)) not in PARTICLES and fold(m.group(2)) not in PARTICLES:
        return parts, m.group(1), m.group(2)
    return None


def nicknames_initials(rng, ents, n):
    out = []
    persons = [e for es in ents.values() for e in es if chain(e)]
    with_nick = [e for e in persons if fold(chain(e)[0]) in NICKNAMES]
    other_nicks = sorted({x for v in NICKNAMES.values() for x in v})
    for e in sample(rng, with_nick, n):
        parts = chain(e)
        nicks = NICKNAMES[fold(parts[0])]
        q = [rng.choice(nicks)] + parts[1:]
        out.append(Pair("nicknames_initials", "hypocoristic", "Person", " ".join(q),
                        e.names[0], True, e))
    for e in sample(rng, with_nick, n):
        parts = chain(e)
        mine = {fold(x) for x in NICKNAMES[fold(parts[0])]}
        wrong = rng.choice([x for x in other_nicks if fold(x) not in mine and different_name(x, parts[0])])
        out.append(Pair("nicknames_initials", "nickname_of_another_name", "Person",
                        " ".join([wrong] + parts[1:]), e.names[0], False, e))
    out += _initials(rng, persons, n)
    return out


def _initials(rng, persons, n):
    out = []
    hyph = [(e, h) for e in persons for h in [_hyphen_given(e)] if h]
    forms = [lambda a, b: f"{a}.{b}.", lambda a, b: f"{a}{b}", lambda a, b: f"{a}-{b}.",
             lambda a, b: f"{a}. {b}."]
    for e, (parts, g1, g2) in sample(rng, hyph, n):
        ini = rng.choice(forms)(g1[0], g2[0])
        out.append(Pair("nicknames_initials", "initials_of_hyphenated_given", "Person",
                        " ".join([ini] + parts[1:]), e.names[0], True, e))
    for e, (parts, g1, g2) in sample(rng, hyph, n):
        other = rng.choice([c for c in "BDFGJKLMNRSTW" if c != g2[0]])
        out.append(Pair("nicknames_initials", "initials_wrong_second_letter", "Person",
                        " ".join([f"{g1[0]}.{other}."] + parts[1:]), e.names[0], False, e))
    doubles = [e for e in persons if len(chain(e)) == 3 and e.source != "un"
               and all(re.fullmatch(r"[A-Z][a-z]{2,}", p) for p in chain(e)[:2])]
    for e in sample(rng, doubles, n):
        p = chain(e)
        out.append(Pair("nicknames_initials", "initials_of_double_given", "Person",
                        f"{p[0][0]}.{p[1][0]}. {p[2]}", e.names[0], True, e))
    return out
