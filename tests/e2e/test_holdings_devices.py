"""`redflag holdings check` and `redflag devices check` on the hand-written fixtures
(tests/fixtures/holdings, tests/fixtures/devices) over the real imported lists and IEEE registry:
every outcome, the three output formats, and bad files named with their line or element."""
import csv
import io
import os
import tempfile

import e2e

FIX = os.path.join(e2e.SOURCE, "tests", "fixtures")
HOLDINGS = os.path.join(FIX, "holdings", "pension_fund.csv")
DEVICES = [os.path.join(FIX, "devices", name) for name in (
    "site_scan.xml", "onvif_answers.xml", "dhcpd.leases", "dnsmasq.leases", "ip_neigh.txt",
    "arp_an.txt", "inventory.csv")]
tmp = tempfile.mkdtemp(prefix="redflag-hd-")


def write(name, text):
    path = os.path.join(tmp, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def holdings(as_of):
    report, result = e2e.run_json("holdings", "check", HOLDINGS, "--as-of", as_of)
    assert result.returncode == 0, result.stderr
    return {row["line"]: row for row in report["holdings"]}, report


@e2e.case("holdings: NS-CMIC outcomes move with the date (Hikvision CNE100000PM8, China Mobile ADR)")
def holdings_dates():
    before, _ = holdings("2021-07-01")
    assert before[4]["outcome"] == "clear" and before[4]["deadline"] == "2021-08-02", before[4]
    during, _ = holdings("2022-01-10")
    assert during[2]["outcome"] == "divest_by" and during[2]["deadline"] == "2022-06-03", during[2]
    assert during[3]["outcome"] == "prohibited_purchase", during[3]  # bought 2021-09-15
    assert during[4]["outcome"] == "divest_by", during[4]
    after, _ = holdings("2022-07-01")
    assert after[2]["outcome"] == "must_not_hold", after[2]
    top = after[2]["findings"][0]
    assert top["entity_id"] == "ofac_cons:30946" and "EO 14032" in top["citation"], top


@e2e.case("holdings: SDN issuers blocked by ISIN and by name; name-only and EL issuers review")
def holdings_other_outcomes():
    rows, report = holdings("2022-01-10")
    assert rows[6]["outcome"] == "blocked" and rows[6]["findings"][0]["entity_id"] == "ofac_sdn:33675"
    assert rows[9]["outcome"] == "blocked", rows[9]  # Sberbank by name
    names = [(f["entity_name"], f["list"][:40]) for f in rows[9]["findings"]]
    assert len(names) == len(set((n, l[:11]) for n, l in names)), names  # OFAC and CSL copy once
    assert rows[5]["outcome"] == "review", rows[5]  # Hikvision by name only, no ISIN
    assert rows[8]["outcome"] == "review", rows[8]  # Dahua: Entity List only
    assert rows[7]["outcome"] == "clear" and rows[10]["outcome"] == "clear"  # Apple, via CUSIP too
    growth = next(f for f in report["funds"] if f["fund"] == "Acme Pension Growth")
    assert growth["counts"]["divest_by"] == 2 and growth["market_value"]["divest_by"] == 854000.0
    assert growth["next_deadlines"][0]["date"] == "2022-06-03", growth


@e2e.case("holdings: CSV and printable HTML carry the same outcomes")
def holdings_formats():
    out = e2e.run("holdings", "check", HOLDINGS, "--as-of", "2022-01-10", "--format", "csv",
                  check=True).stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["outcome"] for r in rows][:3] == ["divest_by", "prohibited_purchase", "divest_by"]
    html = e2e.run("holdings", "check", HOLDINGS, "--as-of", "2022-01-10", "--format", "html",
                   check=True).stdout
    assert html.startswith("<!doctype html>") and "<svg" in html and "divest by 2022-06-03" in html
    assert "<script" not in html and "http://" not in html.replace("http://www.w3.org/2000/svg", "")


@e2e.case("holdings: a bad row is an error naming the file, line and column")
def holdings_bad_file():
    path = write("bad.csv", "fund,isin,issuer_name\nA,US0378331005,Apple\nA,CNE100000PM9,Hik\n")
    result = e2e.run("holdings", "check", path)
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert "bad.csv:3: field \"isin\"" in result.stderr, result.stderr


def devices(as_of, fmt="json"):
    return e2e.run_json("devices", "check", *DEVICES, "--as-of", as_of)


@e2e.case("devices: covered, look-alike, unknown and not covered with evidence (real IEEE data)")
def devices_classes():
    report, result = devices("2021-03-01")
    assert result.returncode == 0, result.stderr
    by_ip = {d["ip"]: d for d in report["devices"]}
    hik = by_ip["10.0.1.20"]  # nmap MAC 04:03:12 + ONVIF HIKVISION DS-2CD2143G0-I joined
    assert (hik["class"], hik["confidence"], hik["outcome"]) == ("covered", "high", "prohibited")
    assert "ieee_oui:MA-L-040312" in " ".join(e["text"] for e in hik["evidence"])
    mac_only = by_ip["10.0.1.21"]
    assert (mac_only["class"], mac_only["confidence"], mac_only["outcome"]) == (
        "covered", "medium", "review"), mac_only
    assert by_ip["10.0.1.23"]["class"] == "look_alike"  # Shanghai Dahua Scale Factory (MA-M)
    assert by_ip["10.0.1.23"]["mac_registrant"] == "Shanghai Dahua Scale Factory"
    assert by_ip["10.0.1.24"]["class"] == "unknown"  # randomised MAC
    assert by_ip["10.0.1.22"]["class"] == "not_covered" and by_ip["10.0.1.22"]["outcome"] == "clear"
    assert by_ip["10.0.2.41"]["company"] == "Dahua" and by_ip["10.0.2.41"]["outcome"] == "prohibited"
    assert by_ip["10.0.6.12"]["class"] == "look_alike"  # Honor after its sale


@e2e.case("devices: before 2019-08-13 nothing is in force; Part B from 2020-08-13")
def devices_dates():
    early, _ = devices("2019-08-12")
    assert all(d["outcome"] == "clear" for d in early["devices"]), early["counts"]
    part_a, _ = devices("2020-01-02")
    hik = next(d for d in part_a["devices"] if d["ip"] == "10.0.1.20")
    assert "889(a)(1)(B)" not in hik["citation"] and "Part B applies from 2020-08-13" in hik["meaning"]
    part_b, _ = devices("2021-03-01")
    hik = next(d for d in part_b["devices"] if d["ip"] == "10.0.1.20")
    assert "889(a)(1)(B)" in hik["citation"], hik["citation"]


@e2e.case("devices: HTML has a table per subnet; CSV one row per device")
def devices_formats():
    html = e2e.run("devices", "check", *DEVICES, "--as-of", "2021-03-01", "--format", "html",
                   check=True).stdout
    assert "<h2>Subnet 10.0.1.0/24</h2>" in html and "<h2>Subnet 10.0.6.0/24</h2>" in html
    out = e2e.run("devices", "check", *DEVICES, "--as-of", "2021-03-01", "--format", "csv",
                  check=True).stdout
    report, _ = devices("2021-03-01")
    assert len(list(csv.DictReader(io.StringIO(out)))) == len(report["devices"])


@e2e.case("devices: a bad file is an error naming the file and the line or element")
def devices_bad_files():
    leases = write("bad.leases", "lease 10.0.0.1 {\n  hardware ethernet 04:03:12;\n}\n")
    result = e2e.run("devices", "check", leases)
    assert result.returncode == 2 and "bad.leases:2:" in result.stderr, result.stderr
    scan = write("bad.xml", "<nmaprun><host><address addr=\"10.0.0.1\" addrtype=\"carrier\"/>"
                            "</host></nmaprun>")
    result = e2e.run("devices", "check", scan)
    assert result.returncode == 2 and "bad.xml: nmaprun/host/address" in result.stderr, result.stderr
    odd = write("odd.txt", "hello\n")
    result = e2e.run("devices", "check", odd)
    assert result.returncode == 2 and "not a known inventory format" in result.stderr


e2e.finish()
