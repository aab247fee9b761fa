"""Two `redflag serve` processes on one PostgreSQL database (docs/store.md, "PostgreSQL"): a
throwaway server (tests/postgres_server.py), a copy of the imported lists, both servers started
with --db and hammered at once. Checks: no alert opened twice, every occurrence counted, every
approval applied exactly once, one audit chain that verifies and holds every acknowledged
request; kill -9 of a server while a client disposes: nothing acknowledged is lost.
Exits 77 (skipped by ctest) only when the PostgreSQL server binaries are absent."""
import json
import os
import signal
import sqlite3
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

try:
    PG = postgres_server.Server()
except postgres_server.Unavailable as why:
    print(f"SKIPPED: {why}")
    sys.exit(postgres_server.SKIP)

WORK = tempfile.mkdtemp(prefix="redflag-serve-pg-")
HOME = os.path.join(WORK, "home")
os.makedirs(HOME)
with sqlite3.connect(os.path.join(e2e.HOME, "redflag.db")) as source, \
        sqlite3.connect(os.path.join(HOME, "redflag.db")) as target:
    source.backup(target)

NAMES = ["Green Pine Associated Corporation", "Korea Mining Development Trading Corporation",
         "Bank Melli Iran"]
CUSTOMERS = [f"pg-cust-{idx}" for idx in range(3)]


def rf(*args, check=True, timeout=120):
    return e2e.run("--db", URL, *args, data_dir=HOME, check=check, timeout=timeout)


def make_key(role, name):
    return rf("keys", "create", "--role", role, "--name", name).stdout.strip().splitlines()[-1]


def all_alerts(server):
    alerts, after = [], 0
    while True:
        query = f"&after={after}" if after else ""
        status, page = server.call("GET", "/v1/alerts?limit=500" + query, role="analyst")
        assert status == 200, page
        alerts += page["alerts"]
        if "next" not in page:
            return alerts
        after = page["next"]


def audit_kinds():
    entries = [json.loads(line) for line in rf("audit", "export").stdout.splitlines()]
    kinds = {}
    for entry in entries:
        kinds[entry["kind"]] = kinds.get(entry["kind"], 0) + 1
    return kinds, entries


def run_threads(count, target):
    errors = []

    def guarded(idx):
        try:
            target(idx)
        except BaseException as error:  # noqa: B902 - reported by the case below
            errors.append(f"{type(error).__name__}: {error}")
    threads = [threading.Thread(target=guarded, args=(idx,)) for idx in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors[:3]


with PG as URL:
    KEYS = {role: make_key(role, role + "-pg") for role in ("screener", "analyst", "approver",
                                                             "admin")}
    KEYS["approver2"] = make_key("approver", "approver2-pg")
    A = Served(e2e.BIN, HOME, ["--db", URL], KEYS, WORK, tag="a")
    B = Served(e2e.BIN, HOME, ["--db", URL], KEYS, WORK, tag="b")
    SCREENS = {"count": 0, "hits": 0}
    LOCK = threading.Lock()
    try:
        A.start()
        B.start()

        @case("the SQLite file holds no records when --db names PostgreSQL")
        def _():
            with sqlite3.connect(os.path.join(HOME, "redflag.db")) as db:
                made = db.execute("SELECT COUNT(*) FROM api_keys WHERE name LIKE '%-pg'").fetchone()
            assert made[0] == 0, made

        @case("concurrent screens on two servers open one alert per customer x entity")
        def _():
            rounds = 12

            def client(idx):
                for step in range(rounds):
                    server = A if (idx + step) % 2 == 0 else B
                    query = {"name": NAMES[(idx + step) % len(NAMES)],
                             "customer_ref": CUSTOMERS[(idx * 7 + step) % len(CUSTOMERS)]}
                    status, body = server.call("POST", "/v1/screen", query)
                    assert status == 200, body
                    with LOCK:
                        SCREENS["count"] += 1
                        SCREENS["hits"] += len(body.get("alerts", []))
            run_threads(8, client)
            alerts = all_alerts(B)
            pairs = [(alert["customer_ref"], alert["entity_id"]) for alert in alerts]
            assert len(pairs) == len(set(pairs)), "an alert was opened twice"
            assert len(alerts) >= len(CUSTOMERS), alerts
            assert sum(alert["occurrences"] for alert in alerts) == SCREENS["hits"], \
                (sum(alert["occurrences"] for alert in alerts), SCREENS["hits"])
            print(f"     {SCREENS['count']} screens, {SCREENS['hits']} alert hits, "
                  f"{len(alerts)} alerts")

        @case("dispositions on one server, approvals racing on both: each applied once")
        def _():
            alerts = [alert for alert in all_alerts(A) if alert["state"] == "open"]
            for alert in alerts:
                status, body = A.call("POST", f"/v1/alerts/{alert['alert_id']}/disposition",
                                      {"disposition": "true_match", "comment": "pg"},
                                      role="analyst")
                assert status == 200, body
            results = {"ok": 0, "conflict": 0}

            def approver(idx):
                server, role = (A, "approver") if idx == 0 else (B, "approver2")
                order = alerts if idx == 0 else list(reversed(alerts))
                for alert in order:
                    status, body = server.call("POST", f"/v1/alerts/{alert['alert_id']}/approve",
                                               role=role)
                    assert status in (200, 409), (status, body)
                    with LOCK:
                        results["ok" if status == 200 else "conflict"] += 1
            run_threads(2, approver)
            assert results == {"ok": len(alerts), "conflict": len(alerts)}, results
            for alert in alerts:
                status, body = B.call("GET", f"/v1/alerts/{alert['alert_id']}", role="analyst")
                kinds = [event["kind"] for event in body["history"]]
                assert body["state"] == "closed" and kinds.count("approval") == 1, body
            SCREENS["dispositions"] = len(alerts)

        @case("one audit chain holds every request of both servers and verifies")
        def _():
            result = rf("audit", "verify", check=False)
            assert result.returncode == 0, result.stderr
            kinds, entries = audit_kinds()
            assert kinds.get("key_created") == 5, kinds
            assert kinds.get("screening") == SCREENS["count"], (kinds, SCREENS)
            assert kinds.get("disposition") == SCREENS["dispositions"], kinds
            assert kinds.get("approval") == SCREENS["dispositions"], kinds
            assert [entry["seq"] for entry in entries] == list(range(1, len(entries) + 1))

        @case("a list import with --db is audited in the PostgreSQL chain")
        def _():
            lists = os.path.join(WORK, "lists", "custom-pgwatch")
            os.makedirs(lists)
            with open(os.path.join(lists, "watch.csv"), "w") as handle:
                handle.write("id,name,type\nw1,Zyxwvut Quillfeather Holdings,organization\n")
            rf("lists", "import", lists)
            kinds, entries = audit_kinds()
            assert kinds.get("import") == 1, kinds
            assert entries[-1]["payload"]["list_id"] == "custom-pgwatch", entries[-1]
            assert rf("audit", "verify", check=False).returncode == 0

        @case("kill -9 of a server while a client disposes: nothing acknowledged is lost")
        def _():
            acknowledged = []
            stop = threading.Event()
            # Fresh open alerts to dispose of: new customers screening a listed name.
            targets = []
            for idx in range(60):
                status, body = B.call("POST", "/v1/screen", {
                    "name": NAMES[0], "customer_ref": f"pg-kill-{idx}"})
                assert status == 200 and body["alerts"], body
                targets.append(body["alerts"][0]["alert_id"])

            def client():
                for alert_id in targets:
                    if stop.is_set():
                        return
                    try:
                        status, _ = A.call("POST", f"/v1/alerts/{alert_id}/disposition",
                                           {"disposition": "false_positive", "comment": "k"},
                                           role="analyst")
                    except OSError:
                        return  # the server died mid-request: not acknowledged
                    if status == 200:
                        acknowledged.append(alert_id)
            worker = threading.Thread(target=client)
            worker.start()
            while len(acknowledged) < 10 and worker.is_alive():
                time.sleep(0.01)
            A.process.kill()
            A.process.wait(timeout=30)
            stop.set()
            worker.join()
            assert acknowledged, "no disposition was acknowledged before the kill"
            A.start()
            for alert_id in acknowledged:
                status, body = A.call("GET", f"/v1/alerts/{alert_id}", role="analyst")
                assert status == 200 and body["state"] == "pending_approval", body
            kinds, _ = audit_kinds()
            assert kinds.get("disposition", 0) >= SCREENS["dispositions"] + len(acknowledged)
            assert rf("audit", "verify", check=False).returncode == 0

        @case("both servers stop cleanly on SIGTERM")
        def _():
            assert A.stop() == 0 and B.stop() == 0
    finally:
        A.stop(signal.SIGKILL)
        B.stop(signal.SIGKILL)

e2e.finish()
