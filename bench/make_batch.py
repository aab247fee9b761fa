#!/usr/bin/env python3
"""Writes a batch-screening input of N rows by repeating the dev queries in file order.

Reproducible: the same dev files and N always give the same file. Each row gets a unique
query_id (<dev id>#<round>) so that resume and output can be checked row by row.

  bench/make_batch.py ../shared/eval/dev 1000000 /tmp/batch_1m.csv
"""
import csv
import sys
from pathlib import Path


def main() -> int:
    if len(sys.argv) != 4:
        print("usage: make_batch.py EVAL_DEV_DIR ROWS OUTPUT.csv", file=sys.stderr)
        return 2
    dev, rows, out = Path(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3])
    queries = []
    for name in ("screen_positives.csv", "screen_negatives.csv"):
        with open(dev / name, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                queries.append((row["query_id"], row["name"], row.get("type", "")))
    if not queries or rows <= 0:
        print("make_batch.py: no dev queries or ROWS <= 0", file=sys.stderr)
        return 2
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["query_id", "name", "type"])
        for i in range(rows):
            qid, name, kind = queries[i % len(queries)]
            w.writerow([f"{qid}#{i // len(queries)}", name, kind])
    print(f"make_batch.py: {rows} rows from {len(queries)} dev queries -> {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
