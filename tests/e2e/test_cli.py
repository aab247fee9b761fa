"""The command line as a newcomer meets it: bytes that are not UTF-8 in a name, a path or a list,
errors that quote huge or binary input, argument errors, the exit-code table of the README, and
the help texts. Runs the real binary on the imported lists (and on fresh data dirs of its own)."""
import json
import os
import re
import shutil
import subprocess
import tempfile

import e2e

tmp = tempfile.mkdtemp(prefix="redflag-cli-")


def run_bytes(*args, data_dir=e2e.HOME):
    """Runs redflag with arguments that may hold any bytes; returns the raw result."""
    cmd = [os.fsencode(e2e.BIN), b"--data-dir", os.fsencode(data_dir)]
    cmd += [arg if isinstance(arg, bytes) else arg.encode() for arg in args]
    return subprocess.run(cmd, capture_output=True, timeout=600)


@e2e.case("screen --json with a byte that is not UTF-8: valid JSON, the byte as U+FFFD, exit 0")
def screen_invalid_utf8():
    result = run_bytes("screen", b"Hikvision \xff", "--json")
    assert result.returncode == 0, (result.returncode, result.stderr[:500])
    out = json.loads(result.stdout.decode("utf-8"))
    assert out["query"] == "Hikvision \ufffd", out["query"]
    assert out["hits"], "the valid part of the name should still find Hikvision"


@e2e.case("compare --json with bytes that are not UTF-8: valid JSON, exit 0")
def compare_invalid_utf8():
    result = run_bytes("compare", b"Hikvision \xff\xfe", b"HIK\xc0VISION", "--json")
    assert result.returncode == 0, (result.returncode, result.stderr[:500])
    out = json.loads(result.stdout.decode("utf-8"))
    assert 0 <= out["score"] <= 1 and out["name1"].startswith("Hikvision"), out


@e2e.case("lists status --json after an import from a directory whose name holds byte 0xFF")
def status_with_invalid_path():
    home = os.path.join(tmp, "home-ff")
    lists = os.path.join(os.fsencode(tmp), b"lists-\xff")
    os.makedirs(os.path.join(lists, b"us_csl"))
    shutil.copy(os.fsencode(os.path.join(e2e.SOURCE, "data/sample/us_csl/consolidated.csv")),
                os.path.join(lists, b"us_csl", b"consolidated.csv"))
    result = run_bytes("lists", "import", lists, data_dir=home)
    assert result.returncode == 0, (result.returncode, result.stderr[:500])
    result = run_bytes("lists", "status", "--json", data_dir=home)
    assert result.returncode == 0, (result.returncode, result.stderr[:500])
    status = json.loads(result.stdout.decode("utf-8"))
    paths = [f["path"] for item in status["lists"] for f in item["files"]]
    assert any("lists-\ufffd" in path for path in paths), paths
    assert all(os.path.isabs(path) for path in paths), paths


@e2e.case("lists import of a relative path stores the absolute path")
def import_relative_path():
    home = os.path.join(tmp, "home-rel")
    work = os.path.join(tmp, "work")
    os.makedirs(os.path.join(work, "us_csl"))
    shutil.copy(os.path.join(e2e.SOURCE, "data/sample/us_csl/consolidated.csv"),
                os.path.join(work, "us_csl"))
    result = subprocess.run([os.path.abspath(e2e.BIN), "--data-dir", home, "lists", "import", "us_csl"],
                            capture_output=True, text=True, cwd=work, timeout=120)
    assert result.returncode == 0, result.stderr
    status, _ = e2e.run_json("lists", "status", "--json", data_dir=home)
    path = status["lists"][0]["files"][0]["path"]
    assert path == os.path.join(work, "us_csl", "consolidated.csv"), path


@e2e.case("lists import of a path that does not exist: one error, no summary line, exit 5")
def import_missing_path():
    result = e2e.run("lists", "import", "/nonexistent/redflag-lists", data_dir=os.path.join(tmp, "h2"))
    assert result.returncode == 5, (result.returncode, result.stderr)
    assert result.stderr.startswith("redflag: error:") and "/nonexistent/redflag-lists" in result.stderr
    assert "imported" not in result.stdout, result.stdout


@e2e.case("decide with a 100 KB field: the error quotes it cut short, escaped, exit 2")
def decide_huge_field():
    tx = {"type": "export", "date": "2019-10-10", "destination": "CN",
          "parties": [{"role": "ultimate_consignee", "name": "Acme",
                       "country": "\u001b[2J" + "X" * 100000}]}
    path = os.path.join(tmp, "huge.json")
    with open(path, "w") as f:
        json.dump(tx, f)
    result = e2e.run("decide", path)
    assert result.returncode == 2, (result.returncode, result.stderr[:300])
    assert len(result.stderr) < 400, len(result.stderr)
    assert "\x1b" not in result.stderr and "(100004 bytes)" in result.stderr, result.stderr[:300]


@e2e.case("exit codes follow the README table: missing file 5, no lists 4, bad usage 2")
def exit_codes():
    empty = os.path.join(tmp, "empty-home")
    assert e2e.run("decide", "/nonexistent/tx.json").returncode == 5
    result = e2e.run("screen", "Hikvision", data_dir=empty)
    assert result.returncode == 4 and "lists import" in result.stderr, (result.returncode, result.stderr)
    tx = os.path.join(e2e.SOURCE, "data/sample/transaction.json")
    assert e2e.run("decide", tx, data_dir=empty).returncode == 4
    assert e2e.run("screen", "Hikvision", "--threshold", "7").returncode == 2
    assert e2e.run("frobnicate").returncode == 2


@e2e.case("argument errors read 'redflag: error:' and point to --help")
def argument_errors():
    result = e2e.run("screen", "--no-such-flag")
    assert result.returncode == 2
    assert result.stderr.startswith("redflag: error:"), result.stderr
    assert "--help" in result.stderr, result.stderr


@e2e.case("help texts: lists diff names its from and to versions; every command has --help")
def help_texts():
    result = e2e.run("lists", "diff", "--help", check=True)
    assert "list-id [from] [to]" in result.stdout and "0x" not in result.stdout, result.stdout
    for command in (["screen"], ["compare"], ["decide"], ["demo"], ["lists", "import"],
                    ["lists", "status"], ["lists", "update"]):
        result = e2e.run(*command, "--help")
        assert result.returncode == 0 and "Usage" in result.stdout, (command, result.stdout[:200])


@e2e.case("the README's compare example is a match, and says so")
def readme_compare_example():
    with open(os.path.join(e2e.SOURCE, "README.md"), encoding="utf-8") as f:
        readme = f.read()
    example = re.search(r'redflag compare "([^"]+)" "([^"]+)"', readme)
    assert example, "no compare example in the README"
    result = e2e.run("compare", example.group(1), example.group(2), check=True)
    assert re.match(r"\d\.\d{3}  match \(threshold", result.stdout), result.stdout


e2e.finish()
