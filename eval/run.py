#!/usr/bin/env python3
"""Runs the real redflag binary on the broader evaluation and prints figures per category and rule.

    python3 eval/run.py [--bin build-test/redflag] [--data-dir D] [--set eval/broad]
                        [--failures N] [--json OUT] [--skip-dev]

--data-dir is a redflag data directory with the lists imported; without it, a temporary one is made
and every list under $REDFLAG_DATA_DIR (default ../shared/data) is imported into it. Pairs are
scored at the engine's own decision ("match" in `redflag compare` output, i.e. the default
threshold); screening at the default alert threshold. The dev-set figures come from
../shared/eval/score.py on the same binary and data, so both sets are measured in one run.
"""
import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "gen"))
from common import CATEGORIES, fold  # noqa: E402
from lists import data_dir  # noqa: E402


def run(cmd, **kw):
    result = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if result.returncode not in (0, 1):  # 1: a row was refused; the row says why
        raise SystemExit(f"{' '.join(cmd)} failed ({result.returncode}): {result.stderr[-2000:]}")
    return result


def redflag(args, *rest):
    return run([args.bin, "--quiet", "--data-dir", args.data_dir, *rest])


def fresh(path):
    if os.path.exists(path):
        os.remove(path)  # batch output resumes an existing file; we want a full run
    return path


def read_jsonl(path, key):
    with open(path, encoding="utf-8") as f:
        return {row[key]: row for row in map(json.loads, f) if key in row}


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def tally(rows):
    c = {"tp": 0, "fp": 0, "tn": 0, "fn": 0}
    for r in rows:
        c[("t" if r["said"] == r["truth"] else "f") + ("p" if r["said"] else "n")] += 1
    return c


def score_pairs(args, tmp):
    out = fresh(os.path.join(tmp, "pairs.jsonl"))
    redflag(args, "compare", "--input", os.path.join(args.set, "pairs.csv"), "--output", out)
    results = read_jsonl(out, "pair_id")
    rows = []
    with open(os.path.join(args.set, "pairs.csv"), encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            res = results.get(row["pair_id"], {})
            rows.append({**row, "truth": row["is_match"] == "true", "said": bool(res.get("match")),
                         "score": res.get("score", 0.0), "error": res.get("error")})
    return rows


def best_threshold(rows):
    """The threshold with the best overall F1 on these pairs: tells a threshold problem from a ranking one."""
    best = (0.0, 0.0)
    for t in [x / 100 for x in range(50, 100)]:
        said = [{"truth": r["truth"], "said": r["score"] >= t} for r in rows]
        c = tally(said)
        best = max(best, (prf(c["tp"], c["fp"], c["fn"])[2], t))
    return {"f1": best[0], "threshold": best[1]}


def pair_report(rows):
    total = tally(rows)
    base = prf(total["tp"], total["fp"], total["fn"])
    report = {"overall": {**total, "p": base[0], "r": base[1], "f1": base[2], "n": len(rows)}, "categories": {},
              "rules": {}, "best_threshold": best_threshold(rows)}
    for cat in CATEGORIES:
        t = tally([r for r in rows if r["category"] == cat])
        p, r, f1 = prf(t["tp"], t["fp"], t["fn"])
        report["categories"][cat] = {**t, "p": p, "r": r, "f1": f1, "n": sum(t.values())}
    for key in sorted({(r["category"], r["rule"]) for r in rows}):
        sub = [r for r in rows if (r["category"], r["rule"]) == key]
        t = tally(sub)
        fixed = {"tp": total["tp"] + t["fn"], "fp": total["fp"] - t["fp"], "fn": total["fn"] - t["fn"]}
        cost = prf(fixed["tp"], fixed["fp"], fixed["fn"])[2] - base[2]
        report["rules"]["/".join(key)] = {**t, "n": len(sub), "errors": t["fp"] + t["fn"], "f1_cost": cost}
    return report


# Failure families: rules that one change of the engine would fix together (docs/evaluation.md).
FAMILIES = [
    ("person chains: order and substitutions", lambda k: k.startswith("person_structure/") and
     ("diff_" in k or "swapped" in k)),
    ("person chains: dropped names, family first", lambda k: k.startswith("person_structure/")),
    ("numbers: same number written otherwise", lambda k: k.startswith("numbers/") and "other_" not in k),
    ("numbers: another number or series", lambda k: k.startswith("numbers/")),
    ("Han and Hangul against Latin", lambda k: k.startswith("other_script/") and
     ("han_" in k or "registered_" in k) and "vs_other" not in k),
    ("Arabic script against Latin", lambda k: k.startswith("other_script/arabic_from")),
    ("Greek and Cyrillic against Latin", lambda k: k.startswith("other_script/") and "vs_other" not in k),
    ("Chinese romanization (Wade-Giles, pinyin syllables)", lambda k: "wade_giles" in k or "pinyin" in k),
    ("other romanization (Korean, Slavic, Baltic, Arabic)", lambda k: k.startswith("romanization/")),
    ("hypocoristics", lambda k: k.endswith(("/hypocoristic", "/nickname_of_another_name"))),
    ("initials", lambda k: k.startswith("nicknames_initials/")),
    ("organization words: acronyms, abbreviations, legal forms, qualifiers", lambda k: k.startswith("org_words/")
     and "other_" not in k),
    ("hard negatives: another party with the same generic words or script", lambda k: True),
]


def family_report(pairs):
    """Joint F1 gain per family: fix every rule of the family at once (each rule in one family)."""
    o = pairs["overall"]
    base = prf(o["tp"], o["fp"], o["fn"])[2]
    fams = {}
    for key, c in pairs["rules"].items():
        name = next(n for n, test in FAMILIES if test(key))
        f = fams.setdefault(name, {"tp": o["tp"], "fp": o["fp"], "fn": o["fn"], "errors": 0, "n": 0, "rules": []})
        f["tp"] += c["fn"]
        f["fn"] -= c["fn"]
        f["fp"] -= c["fp"]
        f["errors"] += c["errors"]
        f["n"] += c["n"]
        f["rules"].append(key)
    for f in fams.values():
        f["f1_gain"] = prf(f["tp"], f["fp"], f["fn"])[2] - base
    return dict(sorted(fams.items(), key=lambda kv: -kv[1]["f1_gain"]))


def score_screen(args, tmp):
    out = fresh(os.path.join(tmp, "screen.jsonl"))
    redflag(args, "screen", "--input", os.path.join(args.set, "screen.csv"), "--output", out)
    results = read_jsonl(out, "query_id")
    per = {}
    with open(os.path.join(args.set, "screen.csv"), encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            hits = results.get(row["query_id"], {}).get("hits", [])
            positive = row["polarity"] == "positive"
            ids = set(filter(None, (row["expected_ids"] if positive else row["forbidden_ids"]).split(";")))
            names = {fold(n) for n in (row["expected_names"] if positive else row["forbidden_names"]).split(";")}
            hit = any(set(h.get("entity_ids", [h.get("entity_id")])) & ids or fold(h.get("name", "")) in names
                      or fold(h.get("matched_name", "")) in names for h in hits)
            c = per.setdefault(row["category"], {"pos": 0, "found": 0, "neg": 0, "false_alert": 0})
            c["pos" if positive else "neg"] += 1
            c["found" if positive else "false_alert"] += int(hit)
    return per


def dev_figures(args, tmp):
    dev = os.path.join(data_dir(), "..", "eval")
    score = os.path.join(dev, "score.py")
    outs = {}
    for name in ("screen_positives", "screen_negatives", "pairs"):
        outs[name] = fresh(os.path.join(tmp, f"dev_{name}.jsonl"))
        verb = "compare" if name == "pairs" else "screen"
        redflag(args, verb, "--input", os.path.join(dev, "dev", f"{name}.csv"), "--output", outs[name])
    scr = run([sys.executable, score, "screen", os.path.join(dev, "dev", "screen_positives.csv"),
               os.path.join(dev, "dev", "screen_negatives.csv"), outs["screen_positives"],
               outs["screen_negatives"]], check=True)
    prs = run([sys.executable, score, "pairs", os.path.join(dev, "dev", "pairs.csv"), outs["pairs"],
               "--threshold", "0.80"], check=True)
    return scr.stdout.strip().splitlines()[-1], prs.stdout.strip().splitlines()[-1]


def print_report(pairs, screen, rows, failures):
    print("\n== broader evaluation: pairs at the engine's default threshold ==")
    print(f"{'category':22s} {'n':>5s} {'TP':>5s} {'FP':>5s} {'TN':>5s} {'FN':>5s} {'prec':>6s} {'rec':>6s} {'F1':>6s}")
    for cat, c in list(pairs["categories"].items()) + [("OVERALL", pairs["overall"])]:
        print(f"{cat:22s} {c['n']:5d} {c['tp']:5d} {c['fp']:5d} {c['tn']:5d} {c['fn']:5d} "
              f"{c['p']:6.3f} {c['r']:6.3f} {c['f1']:6.3f}")
    b = pairs["best_threshold"]
    print(f"best overall F1 over thresholds 0.50-0.99: {b['f1']:.3f} at {b['threshold']:.2f}")
    print("\n== broader evaluation: screening (recall on positives, false alerts on hard negatives) ==")
    tot = {"pos": 0, "found": 0, "neg": 0, "false_alert": 0}
    for cat in CATEGORIES:
        c = screen.get(cat, {"pos": 0, "found": 0, "neg": 0, "false_alert": 0})
        for k in tot:
            tot[k] += c[k]
        print(f"{cat:22s} recall {c['found']:4d}/{c['pos']:<4d} = {c['found'] / max(c['pos'], 1):.3f}   "
              f"false alerts {c['false_alert']:4d}/{c['neg']:<4d} = {c['false_alert'] / max(c['neg'], 1):.3f}")
    print(f"{'OVERALL':22s} recall {tot['found']:4d}/{tot['pos']:<4d} = {tot['found'] / max(tot['pos'], 1):.3f}   "
          f"false alerts {tot['false_alert']:4d}/{tot['neg']:<4d} = {tot['false_alert'] / max(tot['neg'], 1):.3f}")
    print("\n== failure families ranked by the pairs F1 fixing them would gain ==")
    for name, f in family_report(pairs).items():
        print(f"{f['f1_gain']:+.4f}  {name:68s} errors {f['errors']:4d}/{f['n']:<4d}")
    print("\n== rules ranked by the pairs F1 they cost (F1 gained if that rule's rows were all right) ==")
    ranked = sorted(pairs["rules"].items(), key=lambda kv: -kv[1]["f1_cost"])
    for key, c in ranked:
        if c["errors"]:
            print(f"{c['f1_cost']:+.4f}  {key:55s} errors {c['errors']:3d}/{c['n']:<3d} (FP {c['fp']}, FN {c['fn']})")
            for r in [r for r in rows if "/".join((r["category"], r["rule"])) == key
                      and r["said"] != r["truth"]][:failures]:
                print(f"          {r['score']:.3f} {'FP' if r['said'] else 'FN'}  {r['name1']!r} ~ {r['name2']!r}")


def write_errors(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["pair_id", "category", "rule", "error", "score", "name1", "name2", "notes"])
        for r in rows:
            if r["said"] != r["truth"]:
                w.writerow([r["pair_id"], r["category"], r["rule"], "FP" if r["said"] else "FN", r["score"],
                            r["name1"], r["name2"], r["notes"]])


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", default=os.environ.get("REDFLAG_BIN", os.path.join(HERE, "..", "build-test", "redflag")))
    ap.add_argument("--data-dir", help="redflag data directory with the lists imported")
    ap.add_argument("--set", default=os.path.join(HERE, "broad"))
    ap.add_argument("--failures", type=int, default=5, help="failed examples printed per rule")
    ap.add_argument("--json", help="also write the figures as JSON here")
    ap.add_argument("--errors-csv", help="write every wrongly decided pair here (with its score)")
    ap.add_argument("--skip-dev", action="store_true")
    args = ap.parse_args(argv)
    if not os.access(args.bin, os.X_OK):
        raise SystemExit(f"{args.bin}: no redflag binary here; build it (scripts/build test) or pass --bin")
    with tempfile.TemporaryDirectory(prefix="redflag-broad-") as tmp:
        if not args.data_dir:
            args.data_dir = os.path.join(tmp, "data")
            src = data_dir()
            run([args.bin, "--quiet", "--data-dir", args.data_dir, "lists", "import",
                 os.path.join(src, "lists"), os.path.join(src, "ieee-oui")], check=True)
        rows = score_pairs(args, tmp)
        pairs = pair_report(rows)
        screen = score_screen(args, tmp)
        if args.errors_csv:
            write_errors(args.errors_csv, rows)
        print_report(pairs, screen, rows, args.failures)
        dev = None if args.skip_dev else dev_figures(args, tmp)
        if dev:
            print(f"\n== dev set (../shared/eval/dev, score.py) ==\nscreen: {dev[0]}\npairs:  {dev[1]}")
        if args.json:
            with open(args.json, "w", encoding="utf-8") as f:
                json.dump({"pairs": pairs, "families": family_report(pairs), "screen": screen, "dev": dev}, f,
                          indent=1)


if __name__ == "__main__":
    main()
