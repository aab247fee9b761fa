"""Books and delta re-screening on the real binary and the real OFAC SDN snapshots
(2023-12-28 -> 2024-05-03): the alerts after the delta path equal those of a full re-screen of the
book on the new version; bad book files import nothing and name file, line and field."""
import csv
import json
import os
import shutil
import sqlite3
import tempfile

import e2e

SDN = os.path.join(e2e.DATA, "lists", "ofac_sdn")
tmp = tempfile.mkdtemp(prefix="redflag-books-")


def path(*parts):
    return os.path.join(tmp, *parts)


def write(name, text):
    with open(path(name), "w", encoding="utf-8") as f:
        f.write(text)
    return path(name)


def snapshot_dirs():
    old = path("sdn-2023-12-28", "ofac_sdn")
    new = path("sdn-2024-05-03", "ofac_sdn")
    os.makedirs(old)
    os.makedirs(new)
    for name in ("sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv"):
        shutil.copy(os.path.join(SDN, name), old)
    shutil.copy(os.path.join(SDN, "sdn_2024-05-03", "sdn.csv"), new)
    return os.path.dirname(old), os.path.dirname(new)


def sdn_names(file):
    with open(file, encoding="latin-1") as f:
        return {row[0]: row[1] for row in csv.reader(f) if len(row) > 2}


def make_book():
    """Customers named like SDN entries added, removed, renamed and unchanged between the two
    snapshots (every k-th, so the book is fixed), plus dev-set names that match nothing."""
    old = sdn_names(os.path.join(SDN, "sdn.csv"))
    new = sdn_names(os.path.join(SDN, "sdn_2024-05-03", "sdn.csv"))
    added = sorted(set(new) - set(old))
    removed = sorted(set(old) - set(new))
    renamed = sorted(i for i in set(old) & set(new) if old[i] != new[i])
    same = sorted(i for i in set(old) & set(new) if old[i] == new[i])
    names = [new[i] for i in added[::6]] + [old[i] for i in removed[::2]]
    names += [old[i] for i in renamed[::1]][:40] + [old[i] for i in same[::150]]
    with open(os.path.join(e2e.DATA, "..", "eval", "dev", "screen_negatives.csv"),
              encoding="utf-8") as f:
        names += [row["name"] for row in list(csv.DictReader(f))[:150]]
    lines = ["customer_ref,name,segment"]
    for idx, name in enumerate(names):
        quoted = '"' + name.replace('"', '""') + '"'
        lines.append(f"cust-{idx:05d},{quoted},s{idx % 3}")
    return write("book.csv", "\n".join(lines) + "\n"), len(names)


def open_pairs(home):
    result = e2e.run("alerts", "list", data_dir=home, check=True)
    pairs = set()
    for line in result.stdout.splitlines():
        fields = line.split()
        if len(fields) > 3 and fields[1] != "closed":
            pairs.add((fields[2], fields[3]))
    return pairs


old_dir, new_dir = snapshot_dirs()
book, book_rows = make_book()


@e2e.case("delta re-screen on SDN 2023-12-28 -> 2024-05-03 gives the alerts of a full re-screen")
def delta_equals_full():
    delta_home, full_home = path("home-delta"), path("home-full")
    e2e.run("lists", "import", old_dir, data_dir=delta_home, check=True)
    e2e.run("book", "import", book, data_dir=delta_home, check=True)
    e2e.run("book", "screen", "--full", data_dir=delta_home, check=True)
    before = open_pairs(delta_home)
    result = e2e.run("lists", "import", new_dir, data_dir=delta_home, check=True)
    assert "books re-screened on the ofac_sdn delta" in result.stdout, result.stdout
    after_delta = open_pairs(delta_home)

    e2e.run("lists", "import", new_dir, data_dir=full_home, check=True)
    e2e.run("book", "import", book, data_dir=full_home, check=True)
    e2e.run("book", "screen", "--full", data_dir=full_home, check=True)
    after_full = open_pairs(full_home)
    assert after_full, "the book should hit the new SDN version"
    assert before != after_full, "the delta should change something"
    assert after_delta == after_full, (
        f"only delta: {sorted(after_delta - after_full)[:5]}, "
        f"only full: {sorted(after_full - after_delta)[:5]}")


@e2e.case("new alerts say which list change caused them; removed listings close theirs")
def alert_has_cause():
    home = path("home-delta")
    with sqlite3.connect(os.path.join(home, "redflag.db")) as db:
        causes = [json.loads(row[0]).get("cause", "") for row in
                  db.execute("SELECT hit_json FROM alerts")]
        notes = [row[0] for row in db.execute(
            "SELECT detail FROM alert_events WHERE kind = 'listing_removed'")]
    assert any(c.startswith("added to ofac_sdn in version") for c in causes), causes[-5:]
    assert notes and "removed from ofac_sdn in version" in notes[0], notes[:3]


@e2e.case("book re-import applies adds, changes and removals; status and export show them")
def reimport():
    home = path("home-books")
    first = write("b1.csv", "customer_ref,name\nc1,Alpha Trading\nc2,Beta Shipping\nc3,Gamma\n")
    second = write("b2.csv", "customer_ref,name\nc1,Alpha Trading\nc2,Beta Shipping LLC\nc4,Delta\n")
    e2e.run("book", "import", first, "--book", "suppliers", data_dir=home, check=True)
    out = e2e.run("book", "import", second, "--book", "suppliers", data_dir=home, check=True)
    assert "version 2, 3 rows (1 added, 1 changed, 1 removed)" in out.stdout, out.stdout
    status, _ = e2e.run_json("book", "status", "--json", data_dir=home)
    assert status[0]["book"] == "suppliers" and status[0]["version"] == 2, status
    exported = e2e.run("book", "export", "--book", "suppliers", data_dir=home, check=True).stdout
    assert "c2,Beta Shipping LLC" in exported and "c3" not in exported, exported
    old = e2e.run("book", "export", "--book", "suppliers", "--version", "1", data_dir=home).stdout
    assert "c3,Gamma" in old, old


@e2e.case("a bad book file names file, line and field, reports duplicates, imports nothing")
def bad_file():
    home = path("home-books")
    bad = write("bad.csv", "customer_ref,name,dob\nc1,Alpha,\nc1,Beta,\nc5,Eps,1968-13-02\n")
    result = e2e.run("book", "import", bad, "--book", "suppliers", data_dir=home)
    assert result.returncode == 3, result.returncode
    assert f"{bad}:3: field \"customer_ref\"" in result.stderr, result.stderr
    assert "first on line 2" in result.stderr, result.stderr
    assert f"{bad}:4: field \"dob\"" in result.stderr, result.stderr
    status, _ = e2e.run_json("book", "status", "--json", data_dir=home)
    assert status[0]["version"] == 2, status
    missing = e2e.run("book", "import", path("nope.csv"), data_dir=home)
    assert missing.returncode != 0


@e2e.case("internal list: erc adds by majority, removes only unanimously; non-members cannot vote")
def internal_list():
    home = path("home-books")
    e2e.run("internal", "create", "suppliers", "--committee", "ann,bob,cy", "--policy", "erc",
            data_dir=home, check=True)
    out = e2e.run("internal", "propose", "suppliers", "add", "--name", "Zorblax Widget Trading",
                  "--country", "XX", "--by", "ann", "--reason", "fraud", data_dir=home, check=True)
    proposal = out.stdout.strip().splitlines()[-1]
    outsider = e2e.run("internal", "vote", proposal, "approve", "--by", "eve", data_dir=home)
    assert outsider.returncode != 0 and "committee" in outsider.stderr, outsider.stderr
    e2e.run("internal", "vote", proposal, "approve", "--by", "ann", data_dir=home, check=True)
    twice = e2e.run("internal", "vote", proposal, "approve", "--by", "ann", data_dir=home)
    assert twice.returncode != 0 and "already" in twice.stderr, twice.stderr
    passed = e2e.run("internal", "vote", proposal, "approve", "--by", "bob", data_dir=home,
                     check=True)
    assert "passed" in passed.stdout and "custom-suppliers" in passed.stdout, passed.stdout
    shown, _ = e2e.run_json("internal", "show", "suppliers", "--proposals", "--json", data_dir=home)
    assert [e["name"] for e in shown["entities"]] == ["Zorblax Widget Trading"], shown
    entity = shown["entities"][0]["entity_id"]
    assert shown["proposals"][0]["state"] == "passed", shown
    hits, _ = e2e.run_json("screen", "Zorblax Widget Trading", "--json", data_dir=home)
    assert entity in str(hits), hits

    out = e2e.run("internal", "propose", "suppliers", "remove", "--entity", entity, "--by", "bob",
                  data_dir=home, check=True)
    removal = out.stdout.strip().splitlines()[-1]
    for user in ("ann", "bob"):
        e2e.run("internal", "vote", removal, "approve", "--by", user, data_dir=home, check=True)
    shown, _ = e2e.run_json("internal", "show", "suppliers", "--json", data_dir=home)
    assert len(shown["entities"]) == 1, "2 of 3 must not remove under erc"
    e2e.run("internal", "vote", removal, "approve", "--by", "cy", data_dir=home, check=True)
    shown, _ = e2e.run_json("internal", "show", "suppliers", "--json", data_dir=home)
    assert shown["entities"] == [], shown
    audit = e2e.run("audit", "export", data_dir=home, check=True).stdout
    for kind in ("internal_list_created", "internal_proposal", "internal_vote", "internal_outcome"):
        assert kind in audit, kind
    verify = e2e.run("audit", "verify", data_dir=home)
    assert verify.returncode == 0, verify.stdout + verify.stderr


e2e.finish()
