"""kill -9 while working, on SQLite and on PostgreSQL (docs/store.md, "PostgreSQL"):

- `redflag serve` killed while a client posts dispositions and approvals: after a restart every
  acknowledged disposition and approval is there, and `redflag audit verify` passes;
- `redflag lists import` killed half-way through a large new version: the active version is the
  last good one or the complete new one, never a part, and the chain still verifies.

PostgreSQL comes from tests/postgres_server.py; without its server binaries only SQLite runs
(and the test says so)."""
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
import e2e  # noqa: E402
from e2e import case  # noqa: E402
import postgres_server  # noqa: E402
from serve_helpers import Served  # noqa: E402

NAME = "Green Pine Associated Corporation"


def fresh_home(tag):
    home = os.path.join(tempfile.mkdtemp(prefix=f"redflag-kill-{tag}-"), "home")
    os.makedirs(home)
    with sqlite3.connect(os.path.join(e2e.HOME, "redflag.db")) as source, \
            sqlite3.connect(os.path.join(home, "redflag.db")) as target:
        source.backup(target)
    return home


def write_list(directory, rows):
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, "watch.csv"), "w") as handle:
        handle.write("id,name,type\n")
        for idx in range(rows):
            handle.write(f"k{idx},Quillfeather Holding Number {idx} Limited,organization\n")


def check_backend(label, url):
    home = fresh_home(label)
    db = ["--db", url] if url else []

    def rf(*args, check=True):
        return e2e.run(*db, *args, data_dir=home, check=check, timeout=300)

    keys = {role: rf("keys", "create", "--role", role, "--name", f"{role}-kill")
            .stdout.strip().splitlines()[-1] for role in ("screener", "analyst", "approver")}
    server = Served(e2e.BIN, home, db, keys, os.path.dirname(home), tag=label)

    @case(f"{label}: kill -9 of serve while disposing and approving loses nothing acknowledged")
    def _():
        server.start()
        targets = []
        for idx in range(80):
            status, body = server.call("POST", "/v1/screen", {"name": NAME,
                                                              "customer_ref": f"kill-{idx}"})
            assert status == 200 and body["alerts"], body
            targets.append(body["alerts"][0]["alert_id"])
        disposed, approved = [], []

        def client():
            for alert_id in targets:
                try:
                    status, _ = server.call("POST", f"/v1/alerts/{alert_id}/disposition",
                                            {"disposition": "true_match", "comment": "k"},
                                            role="analyst")
                    if status != 200:
                        return
                    disposed.append(alert_id)
                    status, _ = server.call("POST", f"/v1/alerts/{alert_id}/approve",
                                            role="approver")
                    if status != 200:
                        return
                    approved.append(alert_id)
                except OSError:
                    return  # the server died mid-request: that one was not acknowledged
        worker = threading.Thread(target=client)
        worker.start()
        while len(approved) < 15 and worker.is_alive():
            time.sleep(0.005)
        server.process.kill()
        server.process.wait(timeout=30)
        worker.join()
        assert len(approved) >= 15, (len(disposed), len(approved))
        server.start()
        for alert_id in disposed:
            status, body = server.call("GET", f"/v1/alerts/{alert_id}", role="analyst")
            want = "closed" if alert_id in approved else ("pending_approval", "closed")
            assert status == 200 and (body["state"] == want or body["state"] in want), body
        result = rf("audit", "verify", check=False)
        assert result.returncode == 0, result.stderr
        kinds = {}
        for line in rf("audit", "export").stdout.splitlines():
            kind = json.loads(line)["kind"]
            kinds[kind] = kinds.get(kind, 0) + 1
        assert kinds.get("disposition", 0) >= len(disposed), kinds
        assert kinds.get("approval", 0) >= len(approved), kinds
        assert server.stop() == 0

    @case(f"{label}: kill -9 of lists import leaves the last good version active")
    def _():
        lists = os.path.join(os.path.dirname(home), "lists", f"custom-kill{label}")
        write_list(lists, 500)
        rf("lists", "import", lists)
        status = json.loads(rf("lists", "status", "--json").stdout)
        before = {entry["list_id"]: entry for entry in status["lists"]}
        good = before[f"custom-kill{label}"]
        assert good["entities"] == 500, good
        write_list(lists, 120000)
        # Kill once the import is writing its transaction (the WAL file grows), not while it
        # still parses.
        wal = os.path.join(home, "redflag.db-wal")

        def wal_size():
            return os.path.getsize(wal) if os.path.exists(wal) else 0
        start_size = wal_size()
        importing = subprocess.Popen([e2e.BIN, "--data-dir", home, *db, "lists", "import", lists],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        while importing.poll() is None and wal_size() < start_size + (1 << 20):
            time.sleep(0.002)
        assert importing.poll() is None, "the import finished before the kill: make it larger"
        importing.send_signal(signal.SIGKILL)
        importing.wait()
        status = json.loads(rf("lists", "status", "--json").stdout)
        after = {entry["list_id"]: entry for entry in status["lists"]}
        now = after[f"custom-kill{label}"]
        assert now["entities"] in (500, 120000), now
        print(f"     killed while writing; active afterwards: {now['entities']} entities")
        for list_id, entry in before.items():
            if list_id != f"custom-kill{label}":
                assert after[list_id]["version"] == entry["version"], (list_id, entry)
        with sqlite3.connect(os.path.join(home, "redflag.db")) as check:
            assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        result = rf("audit", "verify", check=False)
        assert result.returncode == 0, result.stderr
        found = rf("screen", "Quillfeather Holding Number 7 Limited", "--json", check=False)
        assert found.returncode == 0, found.stderr


check_backend("sqlite", None)
try:
    PG = postgres_server.Server()
except postgres_server.Unavailable as why:
    PG = None
    print(f"note: PostgreSQL part not run: {why}")
if PG is not None:
    with PG as url:
        check_backend("postgres", url)
e2e.finish()
