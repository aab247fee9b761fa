#!/usr/bin/env python3
"""Inputs for the 100,000-row speed claims of `redflag holdings check` and `devices check`.

Reproducible (fixed seed). Holdings: ROWS positions spread over 50 funds, drawn from a universe
of ISSUERS issuers: the NS-CMIC issuers with their listed ISINs (read from the OFAC consolidated
CSV under DATA_DIR/lists/ofac_cons), and made-up company names built from common company words,
each with a made-up ISIN that has a valid check digit. Devices: ROWS hosts with real IEEE
prefixes (DATA_DIR/ieee-oui/oui.csv: every 40th MA-L assignment, plus the Hikvision and Dahua
ones) and, for a third of them, a manufacturer and model as ONVIF would report.

  bench/make_holdings_devices.py ../shared/data 100000 5000 /tmp/hd
  -> /tmp/hd/holdings.csv, /tmp/hd/devices.csv, /tmp/hd/devices_nmap.xml
"""
import csv
import os
import random
import re
import sys

WORDS = ("Atlantic Pacific Northern Southern Eastern Western Global United General National "
         "International Continental Royal Imperial Golden Silver Blue Green Red Summit Pioneer "
         "Frontier Harbor Bridge River Lake Mountain Valley Forest Ocean Star Sun Moon Eagle Falcon "
         "Lion Tiger Phoenix Crown Liberty Heritage Legacy Vision Horizon Apex Vertex Prime Alpha "
         "Beta Delta Omega Quantum Fusion Nova Stellar Orbit Matrix Vector Signal Digital Data "
         "Cloud Software Systems Networks Energy Power Solar Wind Water Gas Oil Mining Metals Steel "
         "Chemical Pharma Bio Health Medical Foods Beverage Retail Consumer Brands Media Telecom "
         "Logistics Shipping Transport Airlines Rail Motors Auto Industrial Machinery Engineering "
         "Construction Materials Cement Paper Textile Apparel Home Realty Property Capital Finance "
         "Bank Insurance Trust Investment Asset Securities").split()
KINDS = ("Holdings", "Group", "Industries", "Technologies", "Partners", "Resources", "Solutions",
         "Enterprises", "Corporation", "Company")
SUFFIX = ("Inc.", "Ltd.", "plc", "AG", "SA", "Corp.", "N.V.", "S.p.A.", "Co., Ltd.", "LLC")


def isin_check(first11):
    digits = "".join(str(int(ch, 36)) for ch in first11)
    total, double = 0, True
    for ch in reversed(digits):
        d = int(ch) * (2 if double else 1)
        total += d // 10 + d % 10
        double = not double
    return str((10 - total % 10) % 10)


def cmic_issuers(data):
    issuers = []
    with open(os.path.join(data, "lists", "ofac_cons", "cons_prim.csv"), encoding="latin-1") as f:
        for row in csv.reader(f):
            if len(row) > 11 and "CMIC" in row[3]:
                for isin in re.findall(r"ISIN ([A-Z]{2}[A-Z0-9]{9}[0-9])", row[11]):
                    if isin_check(isin[:11]) == isin[11]:  # 2 of OFAC's fail their check digit
                        issuers.append((row[1], isin))
    return issuers


def holdings(data, rows, universe, out, rng):
    listed = cmic_issuers(data)
    issuers = list(listed)
    while len(issuers) < universe:
        name = f"{rng.choice(WORDS)} {rng.choice(WORDS)} {rng.choice(KINDS)} {rng.choice(SUFFIX)}"
        first11 = rng.choice(("US", "GB", "DE", "FR", "JP", "CA")) + "".join(
            rng.choice("0123456789") for _ in range(9))
        issuers.append((name, first11 + isin_check(first11)))
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["fund", "isin", "ticker", "issuer_name", "quantity", "market_value",
                    "acquisition_date"])
        for i in range(rows):
            name, isin = issuers[i % len(issuers)] if i < len(issuers) else rng.choice(issuers)
            w.writerow([f"Fund {i % 50:02d}", isin, "", name, rng.randint(1, 100000),
                        f"{rng.uniform(1000, 5000000):.2f}",
                        f"{rng.randint(2015, 2023)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"])
    return len(listed)


def prefixes(data):
    out, covered = [], []
    with open(os.path.join(data, "ieee-oui", "oui.csv"), encoding="utf-8") as f:
        for i, row in enumerate(csv.DictReader(f)):
            name = row["Organization Name"]
            if re.search(r"hikvision|dahua|ezviz", name, re.I):
                covered.append(row["Assignment"])
            elif i % 40 == 0:
                out.append(row["Assignment"])
    return out, covered


MODELS = [("HIKVISION", "DS-2CD2143G0-I"), ("Dahua", "IPC-HFW2431S-S-S2"), ("AXIS", "P3245-V"),
          ("General", "IPC-HDW5231R-ZE"), ("Bosch", "FLEXIDOME IP 5000i"), ("Hanwha", "XNV-6080R")]


def devices(data, rows, out_csv, out_xml, rng):
    other, covered = prefixes(data)
    with open(out_csv, "w", newline="", encoding="utf-8") as f, \
            open(out_xml, "w", encoding="utf-8") as x:
        w = csv.writer(f)
        w.writerow(["ip", "mac", "manufacturer", "model", "serial"])
        x.write('<?xml version="1.0"?>\n<nmaprun scanner="nmap" args="nmap -sn -oX">\n')
        for i in range(rows):
            prefix = rng.choice(covered) if i % 10 == 0 else rng.choice(other)
            if i % 17 == 0:  # a randomised (locally administered) MAC
                prefix = f"{(rng.randint(0, 63) << 2) | 2:02X}" + prefix[2:]
            mac = ":".join((prefix + f"{rng.randint(0, 0xFFFFFF):06X}")[k:k + 2] for k in range(0, 12, 2))
            ip = f"10.{(i >> 16) & 255}.{(i >> 8) & 255}.{i & 255}"
            maker, model = rng.choice(MODELS) if i % 3 == 0 else ("", "")
            w.writerow([ip, mac, maker, model, f"SN{i:08d}" if maker else ""])
            x.write(f'<host><status state="up"/><address addr="{ip}" addrtype="ipv4"/>'
                    f'<address addr="{mac}" addrtype="mac"/></host>\n')
        x.write("</nmaprun>\n")


def main():
    if len(sys.argv) != 5:
        print("usage: make_holdings_devices.py DATA_DIR ROWS ISSUERS OUT_DIR", file=sys.stderr)
        return 2
    data, rows, universe, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    os.makedirs(out, exist_ok=True)
    rng = random.Random(18)
    listed = holdings(data, rows, universe, os.path.join(out, "holdings.csv"), rng)
    devices(data, rows, os.path.join(out, "devices.csv"), os.path.join(out, "devices_nmap.xml"), rng)
    print(f"make_holdings_devices.py: {rows} holdings over {universe} issuers ({listed} NS-CMIC "
          f"ISINs), {rows} devices -> {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
