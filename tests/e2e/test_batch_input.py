"""Batch input forms on the real binary and data: JSON lines with keys that appear only on later
lines, CSV with quoted fields and embedded newlines, and the errors for a bad line (file and line
named, nothing written) — the same hits whichever form carries the query."""
import json
import os
import tempfile

import e2e

tmp = tempfile.mkdtemp(prefix="redflag-batch-")


def write(name, text):
    path = os.path.join(tmp, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return {row["query_id"]: row for row in map(json.loads, f)}


def top_ids(row):
    return [hit["entity_id"] for hit in row["hits"]]


@e2e.case("JSON lines: a key first seen on a later line is a column; earlier rows have it empty")
def jsonl_sparse_keys():
    path = write("q.jsonl",
                 '{"query_id": "a", "name": "Hangzhou Hikvision Digital Technology Co., Ltd."}\n'
                 "\n"
                 '{"query_id": "b", "name": "Hikvision", "type": "organization", "country": "CN"}\n'
                 '{"name": "Zhejiang Dahua Technology", "query_id": "c", "id": ["x", "y"]}\n')
    out = os.path.join(tmp, "q.out.jsonl")
    e2e.run("--quiet", "screen", "--input", path, "--output", out, check=True)
    rows = read_jsonl(out)
    assert sorted(rows) == ["a", "b", "c"], sorted(rows)
    for qid in rows:
        assert "error" not in rows[qid], rows[qid]
        assert rows[qid]["hits"], f"{qid}: no hits"
    assert any("Hikvision" in hit["name"] or "HIKVISION" in hit["name"].upper()
               for hit in rows["a"]["hits"]), rows["a"]["hits"][:2]
    assert any("DAHUA" in hit["name"].upper() for hit in rows["c"]["hits"]), rows["c"]["hits"][:2]


@e2e.case("CSV: quoted commas and newlines in a field give the same hits as the one-name command")
def csv_quoted():
    path = write("q.csv", 'query_id,name,type\n'
                          '"q,1","Hangzhou Hikvision Digital Technology Co., Ltd.",organization\n'
                          'q2,"Zhejiang Dahua\nTechnology Co., Ltd.",\n')
    out = os.path.join(tmp, "q.out2.jsonl")
    e2e.run("--quiet", "screen", "--input", path, "--output", out, check=True)
    rows = read_jsonl(out)
    assert sorted(rows) == ["q,1", "q2"], sorted(rows)
    single, _ = e2e.run_json("screen", "Hangzhou Hikvision Digital Technology Co., Ltd.",
                             "--type", "organization", "--json")
    single_ids = [hit["entity_id"] for hit in single["hits"]]
    assert top_ids(rows["q,1"]) == single_ids, (top_ids(rows["q,1"]), single_ids)
    assert rows["q2"]["hits"], "embedded newline lost the name"


@e2e.case("JSON lines: a bad line is an error naming the file and line; no output is written")
def jsonl_bad_line():
    path = write("bad.jsonl", '{"query_id": "a", "name": "Hikvision"}\n[1, 2]\n')
    out = os.path.join(tmp, "bad.out.jsonl")
    result = e2e.run("screen", "--input", path, "--output", out)
    assert result.returncode != 0, "a bad line was accepted"
    assert "bad.jsonl:2" in result.stderr and "not a JSON object" in result.stderr, result.stderr
    assert not os.path.exists(out), "output written despite the input error"


@e2e.case("a row with an invalid field gets an error line with its input line; the others run")
def row_error():
    path = write("dob.csv", "query_id,name,dob\nok,Hikvision,\nbad,Hikvision,1970-13-45\n")
    out = os.path.join(tmp, "dob.out.jsonl")
    result = e2e.run("screen", "--input", path, "--output", out, check=True)
    rows = read_jsonl(out)
    assert rows["ok"]["hits"] and "error" not in rows["ok"], rows["ok"]
    assert rows["bad"]["error"]["line"] == 3, rows["bad"]
    assert rows["bad"]["error"]["field"] == "dob", rows["bad"]
    assert "1 rows had errors" in result.stderr, result.stderr


e2e.finish()
