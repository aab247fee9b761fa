"""Batch input forms on the real binary and data: JSON lines with keys that appear only on later
lines, CSV with quoted fields and embedded newlines, and the errors for a bad line (file and line
named, nothing written) — the same hits whichever form carries the query."""
import json
import os
import subprocess
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


@e2e.case("JSON lines: a bad line is a row error with its line; the other rows run; exit 1")
def jsonl_bad_line():
    path = write("bad.jsonl", '{"query_id": "a", "name": "Hikvision"}\n[1, 2]\n{"query_id": "c", "name": "Dahua"}\n')
    out = os.path.join(tmp, "bad.out.jsonl")
    result = e2e.run("screen", "--input", path, "--output", out)
    assert result.returncode == 1, (result.returncode, result.stderr)
    assert "1 row of 3 failed" in result.stderr, result.stderr
    with open(out, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    assert len(rows) == 3, rows
    bad = [row for row in rows if "error" in row]
    assert len(bad) == 1 and bad[0]["error"]["line"] == 2, bad
    assert "not a JSON object" in bad[0]["error"]["message"], bad
    good = {row["query_id"]: row for row in rows if "error" not in row}
    assert good["a"]["hits"] and good["c"]["hits"], good


@e2e.case("--strict: a bad JSON line stops the batch naming file and line; nothing is written")
def jsonl_bad_line_strict():
    path = write("bad2.jsonl", '{"query_id": "a", "name": "Hikvision"}\n[1, 2]\n')
    out = os.path.join(tmp, "bad2.out.jsonl")
    result = e2e.run("screen", "--input", path, "--output", out, "--strict")
    assert result.returncode == 3, (result.returncode, result.stderr)
    assert "bad2.jsonl:2" in result.stderr and "not a JSON object" in result.stderr, result.stderr
    assert not os.path.exists(out), "output written despite the input error"


@e2e.case("--strict: the first row that fails stops the batch with its file and line")
def strict_row_error():
    path = write("dob2.csv", "query_id,name,dob\nbad,Hikvision,1970-13-45\n")
    out = os.path.join(tmp, "dob2.out.jsonl")
    result = e2e.run("screen", "--input", path, "--output", out, "--strict")
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert "dob2.csv:2" in result.stderr and "--strict" in result.stderr, result.stderr


@e2e.case("a row with an invalid field gets an error line with its input line; the others run; exit 1")
def row_error():
    path = write("dob.csv", "query_id,name,dob\nok,Hikvision,\nbad,Hikvision,1970-13-45\n")
    out = os.path.join(tmp, "dob.out.jsonl")
    result = e2e.run("screen", "--input", path, "--output", out)
    assert result.returncode == 1, (result.returncode, result.stderr)
    rows = read_jsonl(out)
    assert rows["ok"]["hits"] and "error" not in rows["ok"], rows["ok"]
    assert rows["bad"]["error"]["line"] == 3, rows["bad"]
    assert rows["bad"]["error"]["field"] == "dob", rows["bad"]
    assert "1 row of 2 failed" in result.stderr, result.stderr
    assert "screened 2 names" in result.stderr, result.stderr


@e2e.case("--format jsonl reads JSON lines whatever the file is called")
def format_flag():
    path = write("queries.txt", '{"query_id": "a", "name": "Hikvision"}\n')
    out = os.path.join(tmp, "fmt.out.jsonl")
    e2e.run("--quiet", "screen", "--input", path, "--output", out, "--format", "jsonl", check=True)
    assert read_jsonl(out)["a"]["hits"], "no hits through --format jsonl"


@e2e.case("a binary file as batch input: one short line naming the file, exit 3, whatever its bytes")
def binary_input():
    for name, content in [("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 40),
                          ("blob.jsonl", b"\x00\x1b[2J\x1b]0;owned\x07" + bytes(range(256)) * 40)]:
        path = os.path.join(tmp, name)
        with open(path, "wb") as f:
            f.write(content)
        out = os.path.join(tmp, name + ".out")
        result = subprocess.run([e2e.BIN, "--data-dir", e2e.HOME, "screen", "--input", path,
                                 "--output", out], capture_output=True, timeout=120)
        assert result.returncode == 3, (name, result.returncode, result.stderr[:300])
        assert b"not a text file" in result.stderr and name.encode() in result.stderr, result.stderr[:300]
        assert len(result.stderr) < 400, (name, len(result.stderr))
        assert b"\x00" not in result.stderr and b"\x1b" not in result.stderr, result.stderr[:300]


e2e.finish()
