"""`redflag pay check` on the real lists: the hand-written ISO 20022 and SWIFT MT fixtures of
tests/fixtures/payments (fictional customers; listed companies and banks by their listed names
and BICs) decide as an FX or payment desk expects, and bad messages fail naming the element or
field with exit code 2 (README "Exit codes")."""
import json
import os

import e2e

FIXTURES = os.path.join(e2e.SOURCE, "tests/fixtures/payments")


def check(name, *extra):
    return e2e.run_json("pay", "check", os.path.join(FIXTURES, name), *extra)


def findings(decision):
    return [f for party in decision["parties"] for f in party["findings"]]


@e2e.case("pacs.008 to Hikvision after its Entity List date: review, the FX desk's case")
def pacs008_hikvision():
    out, result = check("pacs008_hikvision.xml")
    assert result.returncode == 0, result.stderr
    assert out["outcome"] == "review", out["explanation"]
    assert out["message_id"] == "FXDESK-20191015-0001"
    assert out["type"] == "payment"
    beneficiary = [p for p in out["parties"] if p["role"] == "beneficiary"][0]
    assert any(f["list"] == "Entity List" and f["effect"] == "review"
               for f in beneficiary["findings"]), beneficiary["findings"]
    assert all(f["effect"] != "blocked" for f in findings(out))


@e2e.case("pain.001 to Dahua: review; MT103 to Dahua with a name wrapped over two lines: review")
def dahua_both_formats():
    for name in ("pain001_dahua.xml", "mt103_dahua.txt"):
        out, result = check(name)
        assert result.returncode == 0, result.stderr
        assert out["outcome"] == "review", (name, out["explanation"])
        assert any(f["list"] == "Entity List" for f in findings(out)), name


@e2e.case("pacs.008 to an SDN: blocked, citing 31 CFR 501.603 and the 501.604 report")
def pacs008_sdn():
    out, result = check("pacs008_sdn.xml")
    assert result.returncode == 0, result.stderr
    assert out["outcome"] == "blocked", out["explanation"]
    blocked = [f for f in findings(out) if f["effect"] == "blocked"]
    assert blocked and blocked[0]["list"] == "SDN", blocked
    assert "501.603" in blocked[0]["citation"], blocked[0]
    assert "501.604" in json.dumps(out), "the reject-and-report duty should be stated"
    assert out["message_id"] == "PAY-2021-SDN-77"


@e2e.case("pacs.009 COV and MT202 COV through Korea Daesong Bank's BIC alone: blocked by BIC")
def cover_through_listed_bic():
    for name in ("pacs009_cov.xml", "mt202cov_intermediary.txt"):
        out, result = check(name)
        assert result.returncode == 0, result.stderr
        assert out["outcome"] == "blocked", (name, out["explanation"])
        bank = [p for p in out["parties"] if p.get("bic") == "KDBKKPPY"][0]
        assert bank["role"] == "intermediary_bank", bank
        assert bank["hits"][0]["score"] == 1, bank["hits"]


@e2e.case("MT103 naming an SDN only in field 70: review with a text hit from field 70")
def mt103_free_text():
    out, result = check("mt103_freetext_sdn.txt")
    assert result.returncode == 0, result.stderr
    assert out["outcome"] == "review", out["explanation"]
    assert any(hit["source"] == "70" and "SHIPPING" in hit["name"].upper()
               for hit in out["text_hits"]), out["text_hits"]


@e2e.case("clean pacs.008 and MT103: clear, no text hits")
def clean_messages():
    for name in ("pacs008_clear.xml", "mt103_clear.txt"):
        out, result = check(name)
        assert result.returncode == 0, result.stderr
        assert out["outcome"] == "clear", (name, out["explanation"], findings(out))
        assert out["text_hits"] == [], out["text_hits"]


@e2e.case("bad messages: exit 2 and one error line naming the element or field")
def bad_messages():
    expected = {
        "bad/truncated.xml": "not well formed",
        "bad/wrong_namespace.xml": "camt.053.001.08",
        "bad/bad_bic.xml": "CdtTrfTxInf/DbtrAgt/FinInstnId/BICFI",
        "bad/truncated_mt103.txt": "block 4",
        "bad/long_field20.txt": 'field "20"',
    }
    for name, text in expected.items():
        result = e2e.run("pay", "check", os.path.join(FIXTURES, name))
        assert result.returncode == 2, (name, result.returncode, result.stderr)
        assert result.stderr.startswith("redflag: error: "), result.stderr
        assert text in result.stderr, (name, result.stderr)
        assert result.stdout == "", result.stdout


@e2e.case("a missing message file: exit 5")
def missing_file():
    result = e2e.run("pay", "check", os.path.join(FIXTURES, "no-such-message.xml"))
    assert result.returncode == 5, (result.returncode, result.stderr)


@e2e.case("--format text shows the parsed parties with their source and the outcome")
def text_format():
    result = e2e.run("pay", "check", os.path.join(FIXTURES, "pacs009_cov.xml"), "--format", "text")
    assert result.returncode == 0, result.stderr
    assert "KDBKKPPY" in result.stdout and "IntrmyAgt1" in result.stdout, result.stdout
    assert "Outcome: blocked" in result.stdout, result.stdout


e2e.finish()
