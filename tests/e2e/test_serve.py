"""`redflag serve` end to end: a copy of the imported data dir, a free 127.0.0.1 port, every route
(401/403/4xx included), a yente request/response pair, alerts with four-eyes review, a list import
while serving, audit verify and export; then the server is stopped. HTTP with http.client only."""
import http.client
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))
import e2e  # noqa: E402
from e2e import case  # noqa: E402

WORK = tempfile.mkdtemp(prefix="redflag-serve-")
HOME = os.path.join(WORK, "home")
os.makedirs(HOME)
# A copy of the imported store: this test adds keys, alerts and a list version of its own.
with sqlite3.connect(os.path.join(e2e.HOME, "redflag.db")) as source, \
        sqlite3.connect(os.path.join(HOME, "redflag.db")) as target:
    source.backup(target)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def make_key(role, name):
    result = e2e.run("keys", "create", "--role", role, "--name", name, data_dir=HOME, check=True)
    return result.stdout.strip().splitlines()[-1]


KEYS = {role: make_key(role, role + "-e2e") for role in ("screener", "analyst", "approver", "admin")}
PORT = free_port()
LOG = open(os.path.join(WORK, "serve.log"), "w")
SERVER = subprocess.Popen([e2e.BIN, "--data-dir", HOME, "serve", "--listen", f"127.0.0.1:{PORT}"],
                          stdout=LOG, stderr=LOG)


def request(method, path, body=None, role="screener", raw=None, headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    sent = dict(headers or {})
    if role:
        sent["Authorization"] = "Bearer " + KEYS[role]
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    if data is not None:
        sent["Content-Type"] = "application/json"
    conn.request(method, path, body=data, headers=sent)
    response = conn.getresponse()
    text = response.read().decode("utf-8", "replace")
    conn.close()
    parsed = None
    if response.getheader("Content-Type", "").startswith("application/json"):
        parsed = json.loads(text)
    return response.status, parsed, text, response


def wait_ready(deadline_s=120):
    start = time.time()
    while time.time() - start < deadline_s:
        try:
            status, _, _, _ = request("GET", "/readyz", role=None)
            if status == 200:
                return
        except OSError:
            pass
        if SERVER.poll() is not None:
            raise AssertionError(f"server exited {SERVER.returncode}")
        time.sleep(0.2)
    raise AssertionError("server not ready in time")


try:
    wait_ready()

    @case("health, readiness, openapi, request id")
    def _():
        status, body, _, response = request("GET", "/healthz", role=None)
        assert status == 200 and body["status"] == "ok", body
        assert response.getheader("X-Request-Id"), "no request id"
        status, body, _, _ = request("GET", "/readyz", role=None)
        assert status == 200 and "ofac_sdn" in body["list_versions"], body
        status, body, _, _ = request("GET", "/openapi.json", role=None)
        assert status == 200 and body["openapi"] == "3.1.0" and "/v1/screen" in body["paths"]

    @case("401 without a key, 403 with the wrong role, JSON error bodies")
    def _():
        status, body, _, _ = request("POST", "/v1/screen", {"name": "x"}, role=None)
        assert status == 401 and body["error"]["code"] == "unauthenticated", (status, body)
        status, body, _, _ = request("GET", "/v1/alerts", role="screener")
        assert status == 403 and body["error"]["code"] == "forbidden", (status, body)

    @case("screen one name and a batch")
    def _():
        status, body, _, _ = request("POST", "/v1/screen", {"name": "HIK-VISION DIGITAL TECH CO LTD"})
        assert status == 200, body
        assert any("Hikvision" in hit["name"] or "HIKVISION" in hit["name"].upper()
                   for hit in body["hits"]), body
        queries = [{"query_id": f"q{i}", "name": name}
                   for i, name in enumerate(["Zhejiang Dahua Technology", "Nobody Atall Example"])]
        status, body, _, _ = request("POST", "/v1/screen", {"queries": queries})
        assert status == 200 and [r["query_id"] for r in body["results"]] == ["q0", "q1"], body

    @case("bad input: 4xx JSON, and the server keeps serving")
    def _():
        bad = [
            (b"{not json", 400), (b'{"name": 5}', 400), (b'{"name":"a\xff"}', 400),
            (b"[" * 5000 + b"]" * 5000, 400), (b'{"name":"x","bogus":1}', 400),
            (json.dumps({"queries": [{"name": "a"}] * 1001}).encode(), 413),
            (b'{"name":"' + b"a" * (2 << 20) + b'"}', 413),
        ]
        for raw, expected in bad:
            status, body, text, _ = request("POST", "/v1/screen", raw=raw)
            assert status == expected, (raw[:40], status, text[:200])
            assert body and "error" in body, text[:200]
        status, _, _, _ = request("GET", "/v1/nothing")
        assert status == 404
        status, _, _, _ = request("GET", "/healthz", role=None)
        assert status == 200

    @case("a second server on the same port is refused, not sharing it")
    def _():
        result = e2e.run("serve", "--listen", f"127.0.0.1:{PORT}", data_dir=HOME, timeout=60)
        assert result.returncode != 0 and "cannot listen" in result.stderr, result.stderr

    @case("compare and decide")
    def _():
        status, body, _, _ = request("POST", "/v1/compare", {"name1": "Hikvision", "name2": "Hik Vision"})
        assert status == 200 and 0 <= body["score"] <= 1, body
        with open(os.path.join(e2e.SOURCE, "data", "sample", "transaction.json")) as handle:
            transaction = json.load(handle)
        status, body, _, _ = request("POST", "/v1/decide", transaction)
        assert status == 200 and body["outcome"] in ("clear", "review", "license_required",
                                                     "prohibited", "blocked"), body

    @case("yente /match request and response")
    def _():
        query = {"queries": {"q1": {"schema": "Company",
                                    "properties": {"name": ["Hangzhou Hikvision Digital Technology"],
                                                   "country": ["cn"]}}}}
        status, body, _, _ = request("POST", "/v1/match/default?limit=3", query)
        assert status == 200, body
        results = body["responses"]["q1"]["results"]
        assert 1 <= len(results) <= 3, results
        top = results[0]
        for field in ("id", "caption", "schema", "properties", "score", "match", "datasets"):
            assert field in top, (field, top)
        assert top["match"] is True and "hikvision" in top["caption"].lower(), top

    @case("entities, lists, versions, diff")
    def _():
        status, body, _, _ = request("GET", "/v1/lists")
        assert status == 200 and body["lists"], body
        status, body, _, _ = request("GET", "/v1/lists/un/versions")
        assert status == 200 and body["versions"][0]["list_id"] == "un", body
        status, body, _, _ = request("POST", "/v1/screen", {"name": "Green Pine Associated Corporation"})
        entity_id = body["hits"][0]["entity_id"]
        status, body, _, _ = request("GET", "/v1/entities/" + entity_id)
        assert status == 200 and body["id"] == entity_id and body["listings"], body
        status, _, _, _ = request("GET", "/v1/lists/un/diff")
        assert status in (200, 404)

    @case("alerts: occurrence, four-eyes, false positive suppressed")
    def _():
        query = {"name": "Green Pine Associated Corporation", "customer_ref": "e2e-cust"}
        status, body, _, _ = request("POST", "/v1/screen", query)
        alert = body["alerts"][0]
        assert alert["outcome"] == "opened", body
        _, body, _, _ = request("POST", "/v1/screen", query)
        assert body["alerts"][0]["outcome"] == "occurrence", body
        path = f"/v1/alerts/{alert['alert_id']}"
        status, _, text, _ = request("POST", path + "/disposition",
                                     {"disposition": "false_positive", "comment": "e2e"}, role="approver")
        assert status == 200, text
        status, body, _, _ = request("POST", path + "/approve", role="approver")
        assert status == 403, body
        status, body, _, _ = request("POST", path + "/approve", role="admin")
        assert status == 200 and body["state"] == "closed", body
        _, body, _, _ = request("POST", "/v1/screen", query)
        outcomes = {a["alert_id"]: a["outcome"] for a in body["alerts"]}
        # The approved false positive is quiet; the same name's other listings stay open.
        assert outcomes.pop(alert["alert_id"]) == "suppressed", body
        assert set(outcomes.values()) <= {"occurrence"}, body
        status, body, _, _ = request("GET", path, role="analyst")
        assert [event["kind"] for event in body["history"]] == [
            "opened", "occurrence", "disposition", "approval"], body

    @case("a list import while serving is picked up")
    def _():
        lists = os.path.join(WORK, "lists", "custom-e2ewatch")
        os.makedirs(lists)
        with open(os.path.join(lists, "watch.csv"), "w") as handle:
            handle.write("id,name,type\nw1,Zyxwvut Quillfeather Holdings,organization\n")
        e2e.run("lists", "import", lists, data_dir=HOME, check=True)
        start = time.time()
        while time.time() - start < 30:
            _, body, _, _ = request("POST", "/v1/screen", {"name": "Zyxwvut Quillfeather Holdings"})
            if body["hits"]:
                break
            time.sleep(0.2)
        assert body["hits"] and body["hits"][0]["entity_id"] == "custom-e2ewatch:w1", body

    @case("admin import over the API: 403 for others, served at once for admin")
    def _():
        lists = os.path.join(WORK, "lists", "custom-e2eapi")
        os.makedirs(lists)
        with open(os.path.join(lists, "api.csv"), "w") as handle:
            handle.write("id,name,type\na1,Qwerpoiu Lumberflank Trading,organization\n")
        status, _, _, _ = request("POST", "/v1/lists/import", {"paths": [lists]}, role="approver")
        assert status == 403
        status, body, _, _ = request("POST", "/v1/lists/import", {"paths": [lists]}, role="admin")
        assert status == 200 and body["lists"][0]["status"] == "imported", body
        _, body, _, _ = request("POST", "/v1/screen", {"name": "Qwerpoiu Lumberflank Trading"})
        assert body["hits"] and body["hits"][0]["entity_id"] == "custom-e2eapi:a1", body

    @case("metrics count requests per route and status")
    def _():
        status, _, text, _ = request("GET", "/metrics", role=None)
        assert status == 200
        assert 'redflag_http_requests_total{route="/v1/screen",status="200"}' in text, text[:500]
        assert 'status="401"' in text and "redflag_list_version" in text

    @case("request log: one JSON line per request, no keys or names")
    def _():
        LOG.flush()
        with open(os.path.join(WORK, "serve.log")) as handle:
            lines = [json.loads(line) for line in handle if line.startswith("{")]
        requests = [line for line in lines if "route" in line]
        assert len(requests) > 20, len(requests)
        text = json.dumps(requests)
        assert KEYS["screener"] not in text and "Green Pine" not in text
        assert all(line["request_id"] for line in requests)
finally:
    SERVER.terminate()
    try:
        SERVER.wait(timeout=30)
    except subprocess.TimeoutExpired:
        SERVER.kill()
    LOG.close()


@case("server stopped cleanly on SIGTERM")
def _():
    assert SERVER.returncode == 0, SERVER.returncode


@case("audit verify passes, export has screenings and key changes; an edited row is named")
def _():
    result = e2e.run("audit", "verify", data_dir=HOME)
    assert result.returncode == 0 and "intact" in result.stdout, result.stdout + result.stderr
    result = e2e.run("audit", "export", data_dir=HOME, check=True)
    kinds = {json.loads(line)["kind"] for line in result.stdout.splitlines()}
    assert {"key_created", "screening", "decision", "disposition", "approval"} <= kinds, kinds
    with sqlite3.connect(os.path.join(HOME, "redflag.db")) as db:
        db.execute("UPDATE audit_log SET payload = '{}' WHERE seq = 3")
    result = e2e.run("audit", "verify", data_dir=HOME)
    assert result.returncode != 0 and "entry 3" in result.stderr, result.stderr


@case("alerts list and show from the CLI")
def _():
    result = e2e.run("alerts", "list", "--state", "closed", data_dir=HOME, check=True)
    assert "e2e-cust" in result.stdout, result.stdout


shutil.rmtree(WORK, ignore_errors=True)
e2e.finish()
