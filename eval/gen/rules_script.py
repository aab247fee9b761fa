"""Other scripts against Latin listings (category other_script).

Sources: the native-script names the lists carry (UN NAME_ORIGINAL_SCRIPT: Arabic, Cyrillic, Han;
OFAC's enhanced XML translations: Cyrillic, Han; the Canadian list's Cyrillic aliases), the
registered names in data/names/registered_names.csv (Han, Hangul), and rules: Han
simplified <-> traditional (character table), Russian genitive case endings in Cyrillic, and a
Greek-script spelling of Latin person names. Hard negatives: the native name of one party against
the Latin name of another party that shares words with the first one's Latin name.
"""
import csv
import os
import re

from common import Pair, fold, sample, schema_of, skeleton

# Simplified -> traditional, for the characters of company, place and bureau names.
S2T = dict(zip(
    "电国际贸发华东门连龙汉广术业团图视数码讯飞网络云从产设兴学应气车银实运输进军区维尔厅乌鲁齐苏乐汤旷联亚动机罗约岛汇"
    "宝达时长会开关经济万与卫义书买亿仪众优传伟体侨价协单卖厂历压县双台号后园圣场坚报处备复头宁对导层币带庆库异张强总战"
    "护据换无显条杨极构标样桥检泽测浙润满灵热环现监盘种积称稳笔节范级纪纳纺线组细织终结统继续综缆职胜舰艺药莱获营蓝补装"
    "规览观计订认论证识诉诊试询质购资赛轮软辉边过还这远选邮钢钱铁链销锋镇间闻阳阶险随隐难静顺项领频题风马驱验鱼鸿黄烨钰"
    "奥丝汤兵柏",
    "電國際貿發華東門連龍漢廣術業團圖視數碼訊飛網絡雲從產設興學應氣車銀實運輸進軍區維爾廳烏魯齊蘇樂湯曠聯亞動機羅約島匯"
    "寶達時長會開關經濟萬與衛義書買億儀眾優傳偉體僑價協單賣廠歷壓縣雙臺號後園聖場堅報處備復頭寧對導層幣帶慶庫異張強總戰"
    "護據換無顯條楊極構標樣橋檢澤測浙潤滿靈熱環現監盤種積稱穩筆節範級紀納紡線組細織終結統繼續綜纜職勝艦藝藥萊獲營藍補裝"
    "規覽觀計訂認論證識訴診試詢質購資賽輪軟輝邊過還這遠選郵鋼錢鐵鏈銷鋒鎮間聞陽階險隨隱難靜順項領頻題風馬驅驗魚鴻黃燁鈺"
    "奧絲湯兵柏"))
T2S = {t: s for s, t in S2T.items() if s != t}

GREEK = [("kh", "χ"), ("ch", "τσ"), ("sh", "σ"), ("th", "θ"), ("ph", "φ"), ("ts", "τσ"), ("ou", "ου"),
         ("b", "μπ"), ("d", "ντ"), ("g", "γκ"), ("j", "τζ"), ("zh", "ζ"), ("a", "α"), ("c", "κ"),
         ("e", "ε"), ("f", "φ"), ("h", ""), ("i", "ι"), ("k", "κ"), ("l", "λ"), ("m", "μ"), ("n", "ν"),
         ("o", "ο"), ("p", "π"), ("q", "κ"), ("r", "ρ"), ("s", "σ"), ("t", "τ"), ("u", "ου"),
         ("v", "β"), ("w", "β"), ("x", "ξ"), ("y", "ι"), ("z", "ζ")]


def greek(word):
    w, out = fold(word), ""
    while w:
        for lat, gr in GREEK:
            if w.startswith(lat):
                out, w = out + gr, w[len(lat):]
                break
        else:
            w = w[1:]
    return re.sub(r"σ$", "ς", out).capitalize()


GENITIVE = [(r"(ович|евич)$", r"\1а"), (r"(овна|евна)$", lambda m: m.group(1)[:-1] + "ы"),
            (r"(ов|ев|ин|ёв)$", r"\1а"), (r"(ова|ева|ина)$", lambda m: m.group(1)[:-1] + "ой"),
            (r"(ский)$", "ского"), (r"(ская)$", "ской"), (r"ий$", "ия"), (r"ей$", "ея"),
            (r"(?<=[гкхжшчщ])а$", "и"), (r"а$", "ы"), (r"я$", "и"), (r"(?<=[бвгдзклмнпрстфхцжшчщ])$", "а")]


def genitive(word, given=False):
    low = word.lower()
    rules = GENITIVE[6:] if given else GENITIVE  # a given name (Галина) takes no surname ending
    for pat, rep in rules:
        if re.search(pat, low):
            g = re.sub(pat, rep, low, count=1)
            return g.upper() if word.isupper() else g.capitalize()
    return word


def registered(ents):
    """Rows of data/names/registered_names.csv with the entities their listed name belongs to."""
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, "..", "..", "data", "names", "registered_names.csv")
    by_name = {}
    for es in ents.values():
        for e in es:
            for name in e.names:
                by_name.setdefault(fold(name), []).append(e)
    rows = []
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            owners = by_name.get(fold(row["listed_name"]))
            if not owners:
                raise SystemExit(f"{path}: listed_name {row['listed_name']!r} is on no list")
            rows.append((row, owners))
    return rows


def _native_sources(ents, enhanced):
    out = []
    for es in ents.values():
        for e in es:
            for script, native, latin in e.native:
                if script != "Latin":
                    out.append((e, script, native, latin, e.source))
    by_id = {e.id.split(":")[1]: e for e in ents["ofac_cons"]}
    for eid in sorted(enhanced, key=int):
        for script, native, latin in enhanced[eid]:
            if eid in by_id:
                out.append((by_id[eid], script, native, latin, "ofac_cons_enhanced"))
    return out


_SKELETONS = {}


def _skeletons(names):
    key = tuple(names)
    if key not in _SKELETONS:
        _SKELETONS[key] = [{skeleton(t) for t in fold(n).split() if len(t) > 2} for n in names]
    return _SKELETONS[key]


def _neighbour(rng, e, pool_by_token):
    """Another party sharing a word with e's Latin name but no second one (the same person on another
    list shares given and family names, spelt otherwise: UMAROV, Doku): a hard negative."""
    toks = [t for t in fold(e.names[0]).split() if len(t) > 2]
    mine = set().union(*_skeletons(e.names))

    def unrelated(x):
        return x.id != e.id and all(len(s & mine) <= 1 for s in _skeletons(x.names))

    cands = sorted({x.id: x for t in toks for x in pool_by_token.get(t, []) if unrelated(x)}.values(),
                   key=lambda x: x.id)
    return rng.choice(cands) if cands else None


def other_script(rng, ents, enhanced, n):
    rows = []
    natives = _native_sources(ents, enhanced)
    pool_by_token = {}
    for es in ents.values():
        for x in es:
            for t in set(fold(x.names[0]).split()):
                pool_by_token.setdefault(t, []).append(x)
    by_script = {}
    for item in natives:
        by_script.setdefault((item[1], item[4]), []).append(item)
    for (script, src), items in sorted(by_script.items()):
        script = "Han" if script.startswith("Chinese") else script
        label = f"{script.lower()}_from_{src}"
        in_index = src in ("un", "ca_sema")  # the engine imports these names as aliases
        usable = [x for x in items if x[0].type != "person" or len(x[2].split()) >= 2]  # not a lone pseudonym
        for e, _, native, latin, _ in sample(rng, usable, n // 2):
            rows.append(Pair("other_script", label, schema_of(e, latin), native, latin, True, e,
                             screen=not in_index))
            if script == "Cyrillic" and e.type == "person":
                words = native.split()
                given = [i + 1 < len(words) and re.search(r"(вич|вна|чна)$", words[i + 1].lower()) is not None
                         for i in range(len(words))]
                gen = " ".join(genitive(w, g) for w, g in zip(words, given))
                if gen != native:
                    rows.append(Pair("other_script", "cyrillic_genitive_case", "Person", gen, latin, True, e))
        for e, _, native, latin, _ in sample(rng, items, n // 4):
            other = _neighbour(rng, e, pool_by_token)
            if other:
                rows.append(Pair("other_script", f"{script.lower()}_vs_other_party", schema_of(other),
                                 native, other.names[0], False, other))
    rows += _han_variants(natives, ents)
    rows += _greek(rng, ents, n)
    return rows


def _han_variants(natives, ents):
    rows = []
    items = [(e, native, latin) for e, script, native, latin, _ in natives if script == "Han"]
    items += [(owners[0], r["native_name"], r["listed_name"]) for r, owners in registered(ents)
              if r["script"] == "Han"]
    for e, native, latin in items:
        trad = "".join(S2T.get(c, c) for c in native)
        simp = "".join(T2S.get(c, c) for c in native)
        for form, label in ((trad, "han_traditional_form"), (simp, "han_simplified_form")):
            if form != native:
                rows.append(Pair("other_script", label, schema_of(e, latin), form, latin, True, e))
    return rows


def _greek(rng, ents, n):
    rows = []
    people = [e for e in ents["ofac_sdn"] if e.type == "person" and len(e.parts) == 2
              and all(p.isalpha() for p in e.parts)]
    for e in sample(rng, people, n // 2):
        rows.append(Pair("other_script", "greek_script_spelling", "Person",
                         " ".join(greek(p) for p in e.parts), e.names[0], True, e))
    return rows


def registered_pairs(rng, ents):
    """The registered-name file: characters -> the listed romanized name, and against other parties."""
    rows, regs = [], registered(ents)
    for r, owners in regs:
        rows.append(Pair("other_script", f"registered_{r['relation']}_{r['script'].lower()}",
                         schema_of(owners[0], r["listed_name"]), r["native_name"], r["listed_name"], True,
                         owners[0]))
    for i, (r, owners) in enumerate(regs):
        others = [(x, o) for x, o in regs if x["script"] == r["script"] and o[0].id != owners[0].id
                  and not set(fold(n) for n in o[0].names) & set(fold(n) for n in owners[0].names)]
        if others:
            x, o = others[rng.randrange(len(others))]
            rows.append(Pair("other_script", "registered_name_vs_other_party", schema_of(o[0]),
                             r["native_name"], x["listed_name"], False, o[0]))
    return rows
