"""The broader evaluation set (eval/generate.py) is reproducible and covers every category.

Regenerates the set from the real lists twice, in two processes with different hash seeds, and
checks that both runs give the bytes committed in eval/broad/, that every category of issue #20 has
matches and hard negatives in the counts the set is built for, and that every row names its
category and rule. It does not score the engine (eval/run.py does; docs/evaluation.md has the figures).
"""
import csv
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
import e2e  # noqa: E402

EVAL = os.path.join(e2e.SOURCE, "eval")
COMMITTED = os.path.join(EVAL, "broad")
FILES = ("pairs.csv", "screen.csv", "counts.json")
CATEGORIES = ("person_structure", "romanization", "other_script", "numbers", "org_words",
              "nicknames_initials")
# Rows the set is built for, per category: at least this many matches and hard negatives.
MINIMUM = {"person_structure": (200, 300), "romanization": (250, 100), "other_script": (200, 100),
           "numbers": (120, 150), "org_words": (250, 100), "nicknames_initials": (100, 60)}

tmp = tempfile.mkdtemp(prefix="redflag-broad-gen-")
runs = []
for seed in ("1", "2"):
    out = os.path.join(tmp, f"run{seed}")
    env = dict(os.environ, PYTHONHASHSEED=seed, REDFLAG_DATA_DIR=e2e.DATA)
    runs.append((out, subprocess.Popen([sys.executable, os.path.join(EVAL, "generate.py"), "--out", out], env=env,
                                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)))
results = [(out, proc.communicate(timeout=300), proc.returncode) for out, proc in runs]


def read(path):
    with open(path, "rb") as f:
        return f.read()


@e2e.case("the generator runs and is deterministic: two runs, different hash seeds, same bytes")
def deterministic():
    for out, (stdout, stderr), code in results:
        assert code == 0, f"generate.py exited {code}: {stderr[-2000:]}"
    for name in FILES:
        first, second = (read(os.path.join(out, name)) for out, _, _ in results)
        assert first == second, f"{name} differs between two runs"


@e2e.case("the committed eval/broad/ is what the generator makes from the lists")
def committed_is_current():
    out = results[0][0]
    for name in FILES:
        assert read(os.path.join(out, name)) == read(os.path.join(COMMITTED, name)), \
            f"eval/broad/{name} is stale: run python3 eval/generate.py and commit it"


@e2e.case("every category has matches and hard negatives, every row names its category and rule")
def categories_populated():
    out = results[0][0]
    with open(os.path.join(out, "counts.json"), encoding="utf-8") as f:
        counts = json.load(f)
    assert sorted(counts) == sorted(CATEGORIES), sorted(counts)
    for cat, (min_match, min_non) in MINIMUM.items():
        c = counts[cat]
        assert c["match"] >= min_match and c["nonmatch"] >= min_non, (cat, c["match"], c["nonmatch"])
        assert all(n >= 3 for n in c["rules"].values()), (cat, c["rules"])
    with open(os.path.join(out, "pairs.csv"), encoding="utf-8", newline="") as f:
        pairs = list(csv.DictReader(f))
    assert len({p["pair_id"] for p in pairs}) == len(pairs) == sum(c["pairs"] for c in counts.values())
    for p in pairs:
        assert p["category"] in CATEGORIES and p["rule"] and p["is_match"] in ("true", "false"), p
        assert p["name1"].strip() and p["name2"].strip() and p["name1"] != p["name2"], p
    with open(os.path.join(out, "screen.csv"), encoding="utf-8", newline="") as f:
        queries = list(csv.DictReader(f))
    for cat in CATEGORIES:
        polarity = {q["polarity"] for q in queries if q["category"] == cat}
        assert polarity == {"positive", "negative"}, (cat, polarity)
    for q in queries:
        key = "expected" if q["polarity"] == "positive" else "forbidden"
        assert q[f"{key}_ids"] and q[f"{key}_names"], q


@e2e.case("the registered-names file: every row has a source kind and a confidence")
def registered_names():
    path = os.path.join(e2e.SOURCE, "data", "names", "registered_names.csv")
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) >= 40, len(rows)
    for row in rows:
        assert row["source_kind"].strip() and row["confidence"] in ("high", "medium", "low"), row
        assert row["script"] in ("Han", "Hangul", "Cyrillic", "Arabic", "Greek"), row
    listed = {row["listed_name"] for row in rows}
    for party in ("HANGZHOU HIKVISION DIGITAL TECHNOLOGY CO., LTD.", "Dahua Technology", "IFLYTEK",
                  "Megvii Technology", "Xiamen Meiya Pico Information Co. Ltd.", "XINJIANG PRODUCTION AND CONSTRUCTION CORPS"):
        assert party in listed, f"{party} has no registered name"


e2e.finish()
