"""POST /v1/payments on a real `redflag serve` (a copy of the imported data dir, a free
127.0.0.1 port): the answer is the decision JSON of `redflag pay check` for the same message,
whether the message is sent as it is (XML, MT text) or as JSON {"message": ...}; a bad message is
400 naming the element; no key 401; the route is audited."""
import http.client
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))
import e2e  # noqa: E402
from e2e import case  # noqa: E402
from stream_cluster import free_port  # noqa: E402

FIXTURES = os.path.join(e2e.SOURCE, "tests/fixtures/payments")
WORK = tempfile.mkdtemp(prefix="redflag-serve-pay-")
HOME = os.path.join(WORK, "home")
os.makedirs(HOME)
with sqlite3.connect(os.path.join(e2e.HOME, "redflag.db")) as source, \
        sqlite3.connect(os.path.join(HOME, "redflag.db")) as target:
    source.backup(target)
KEY = e2e.run("keys", "create", "--role", "screener", "--name", "pay-e2e", data_dir=HOME,
              check=True).stdout.strip().splitlines()[-1]
PORT = free_port()
LOG = open(os.path.join(WORK, "serve.log"), "w")
SERVER = subprocess.Popen([e2e.BIN, "--data-dir", HOME, "serve", "--listen", f"127.0.0.1:{PORT}"],
                          stdout=LOG, stderr=LOG)


def post(body, content_type="application/xml", key=KEY, method="POST"):
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
    headers = {"Content-Type": content_type}
    if key:
        headers["Authorization"] = "Bearer " + key
    conn.request(method, "/v1/payments", body=body.encode() if body is not None else None,
                 headers=headers)
    response = conn.getresponse()
    text = response.read().decode("utf-8", "replace")
    conn.close()
    return response.status, json.loads(text) if text.startswith("{") else text


def fixture(name):
    with open(os.path.join(FIXTURES, name)) as f:
        return f.read()


def pay_check(name):
    out, result = e2e.run_json("pay", "check", os.path.join(FIXTURES, name), data_dir=HOME)
    assert result.returncode == 0, result.stderr
    return out


try:
    end = time.time() + 120
    while time.time() < end:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=5)
            conn.request("GET", "/readyz")
            if conn.getresponse().status == 200:
                break
        except OSError:
            pass
        time.sleep(0.3)

    @case("pacs.008 sent as XML: the same decision as `pay check` (review, Entity List)")
    def xml_body():
        status, out = post(fixture("pacs008_hikvision.xml"))
        assert status == 200, out
        assert out["outcome"] == "review" and out["message_id"] == "FXDESK-20191015-0001", out
        assert out == pay_check("pacs008_hikvision.xml")

    @case("MT103 sent as JSON {\"message\": ...} and SDN pacs.008 as XML: pay check's answers")
    def json_body():
        status, out = post(json.dumps({"message": fixture("mt103_dahua.txt")}), "application/json")
        assert status == 200, out
        assert out == pay_check("mt103_dahua.txt")
        status, out = post(fixture("pacs008_sdn.xml"))
        assert status == 200 and out["outcome"] == "blocked", out
        assert "501.603" in json.dumps(out)

    @case("bad messages: 400 naming the element or field; no key 401; GET 405")
    def errors():
        status, out = post(fixture("bad/wrong_namespace.xml"))
        assert status == 400, (status, out)
        assert "namespace" in out["error"]["message"], out
        status, out = post(fixture("bad/long_field20.txt"), "text/plain")
        assert status == 400 and out["error"].get("field") == "20", out
        status, out = post(json.dumps({"msg": "x"}), "application/json")
        assert status == 400 and "msg" in out["error"]["message"], out
        status, _ = post(fixture("pacs008_clear.xml"), key=None)
        assert status == 401
        status, _ = post(None, method="GET")
        assert status == 405

    @case("every payment answered is in the audit trail")
    def audited():
        with sqlite3.connect(os.path.join(HOME, "redflag.db")) as db:
            kinds = [row[0] for row in db.execute("SELECT kind FROM audit_log")]
        assert kinds.count("payment") == 3, kinds
finally:
    SERVER.terminate()
    SERVER.wait(timeout=30)
e2e.finish()
