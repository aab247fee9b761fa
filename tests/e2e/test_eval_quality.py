"""Matching quality on ../shared/eval/dev at the engine's default threshold, scored by score.py.

Issue #3's bar: recall >= 0.98 on screen_positives, alert rate <= 1% on screen_negatives,
F1 >= 0.92 on pairs. Also checks that a killed batch resumes without redoing finished rows.
"""
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
import e2e  # noqa: E402

EVAL = os.path.join(e2e.DATA, "..", "eval")
DEV = os.path.join(EVAL, "dev")
SCORE = os.path.join(EVAL, "score.py")
THRESHOLD = "0.80"  # match::kDefaultThreshold


def summary(output):
    last = output.strip().splitlines()[-1]
    return {k: v for k, v in (item.split("=", 1) for item in last.split())}


tmp = tempfile.mkdtemp(prefix="redflag-eval-")
pos_out = os.path.join(tmp, "pos.jsonl")
neg_out = os.path.join(tmp, "neg.jsonl")
pairs_out = os.path.join(tmp, "pairs.jsonl")


def refused_rows(path):
    """query_id -> message of the rows the engine refused (an "error" object in the output)."""
    with open(path, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    return {row["query_id"]: row["error"]["message"] for row in rows if "error" in row}


# The one dev query the engine refuses: "Doo Co., Ltd." reads as the legal forms d.o.o. + Co. +
# Ltd. only (a false-negative risk noted for the matching issue). Any other refusal fails.
KNOWN_REFUSED = {"dn-17048"}


@e2e.case("screen positives and negatives: recall >= 0.98, alert rate <= 0.01")
def screen_quality():
    e2e.run("--quiet", "screen", "--input", os.path.join(DEV, "screen_positives.csv"), "--output", pos_out, check=True)
    result = e2e.run("--quiet", "screen", "--input", os.path.join(DEV, "screen_negatives.csv"), "--output", neg_out)
    refused = refused_rows(neg_out)
    assert set(refused) <= KNOWN_REFUSED, f"rows refused: {refused}"
    assert result.returncode == (1 if refused else 0), (result.returncode, result.stderr)
    result = subprocess.run([sys.executable, SCORE, "screen", os.path.join(DEV, "screen_positives.csv"),
                             os.path.join(DEV, "screen_negatives.csv"), pos_out, neg_out],
                            capture_output=True, text=True, check=True)
    stats = summary(result.stdout)
    print(result.stdout.strip().splitlines()[-1])
    assert stats["missing"] == "0", f"queries without a result line: {stats['missing']}"
    assert float(stats["recall"]) >= 0.98, f"recall {stats['recall']} < 0.98"
    assert float(stats["alert_rate"]) <= 0.01, f"alert rate {stats['alert_rate']} > 0.01"


@e2e.case("pairs: F1 >= 0.92 at the default threshold")
def pairs_quality():
    e2e.run("--quiet", "compare", "--input", os.path.join(DEV, "pairs.csv"), "--output", pairs_out, check=True)
    result = subprocess.run([sys.executable, SCORE, "pairs", os.path.join(DEV, "pairs.csv"), pairs_out,
                             "--threshold", THRESHOLD], capture_output=True, text=True, check=True)
    stats = summary(result.stdout)
    print(result.stdout.strip().splitlines()[-1])
    assert stats["missing"] == "0"
    assert float(stats["f1"]) >= 0.92, f"F1 {stats['f1']} < 0.92"


@e2e.case("a batch cut short resumes: finished rows are not redone, torn line is repaired")
def resume():
    out = os.path.join(tmp, "resume.jsonl")
    with open(pos_out) as done:
        lines = done.readlines()
    # Simulate a run killed after 700 rows, in the middle of writing row 701.
    with open(out, "w") as partial:
        partial.writelines(lines[:700])
        partial.write(lines[700][: len(lines[700]) // 2])
    result = e2e.run("screen", "--input", os.path.join(DEV, "screen_positives.csv"), "--output", out, check=True)
    assert "700 already done" in result.stderr, result.stderr
    with open(out) as resumed:
        ids = [line.split('"query_id":"', 1)[1].split('"', 1)[0] for line in resumed]
    assert len(ids) == 2000, f"{len(ids)} lines after resume"
    assert len(set(ids)) == 2000, "some rows were written twice"


e2e.finish()
