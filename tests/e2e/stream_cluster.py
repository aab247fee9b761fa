"""Helpers for the payment-stream tests and bench/stream_bench.py: a NATS JetStream cluster of
real nats-server processes on 127.0.0.1 (free ports, store dirs in a temp dir), `redflag worker`
processes, stream_probe (tests/tools/stream_probe.cc) to publish and read streams, and a
generator of pacs.008 messages with 4-6 parties, some of them listed parties of the real lists."""
import json
import os
import random
import shutil
import signal
import socket
import sqlite3
import subprocess
import time

import e2e

PROBE = os.environ.get("REDFLAG_STREAM_PROBE", "build-test/stream_probe")
NATS_SERVER = shutil.which("nats-server") or "/usr/sbin/nats-server"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_port(port, deadline_s=30):
    end = time.time() + deadline_s
    while time.time() < end:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"nothing listens on 127.0.0.1:{port} after {deadline_s} s")


class Cluster:
    """`size` nats-server processes with JetStream, routed to each other as one cluster."""

    def __init__(self, work, size=3, name="redflag-test"):
        self.work = work
        self.name = name
        self.client_ports = [free_port() for _ in range(size)]
        self.route_ports = [free_port() for _ in range(size)]
        self.procs = [None] * size
        self.logs = [os.path.join(work, f"nats-{idx}.log") for idx in range(size)]

    def url(self, idx=None):
        ports = self.client_ports if idx is None else [self.client_ports[idx]]
        return ",".join(f"nats://127.0.0.1:{port}" for port in ports)

    def start(self, idx):
        routes = ",".join(f"nats://127.0.0.1:{port}" for port in self.route_ports)
        store = os.path.join(self.work, f"js-{idx}")
        os.makedirs(store, exist_ok=True)
        cmd = [NATS_SERVER, "-js", "-sd", store, "-a", "127.0.0.1", "-p", str(self.client_ports[idx]),
               "--server_name", f"n{idx}", "--cluster_name", self.name,
               "--cluster", f"nats://127.0.0.1:{self.route_ports[idx]}", "--routes", routes]
        self.procs[idx] = subprocess.Popen(cmd, stdout=open(self.logs[idx], "a"),
                                           stderr=subprocess.STDOUT)
        wait_port(self.client_ports[idx])

    def start_all(self):
        for idx in range(len(self.procs)):
            self.start(idx)

    def kill(self, idx):
        self.procs[idx].send_signal(signal.SIGKILL)
        self.procs[idx].wait()

    def stop(self):
        for proc in self.procs:
            if proc is not None and proc.poll() is None:
                proc.terminate()
        for proc in self.procs:
            if proc is not None:
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    proc.kill()


class Worker:
    """One `redflag worker` process on the imported lists, storing into `decisions`."""

    def __init__(self, work, name, nats, stream, decisions, *extra):
        self.log_path = os.path.join(work, f"worker-{name}.log")
        self.out_path = os.path.join(work, f"worker-{name}.out")
        cmd = [e2e.BIN, "--data-dir", e2e.HOME, "worker", "--nats", nats, "--stream", stream,
               "--decisions", decisions, "--name", name, "--stats-every", "5", *extra]
        self.proc = subprocess.Popen(cmd, stdout=open(self.out_path, "w"),
                                     stderr=open(self.log_path, "w"))

    def wait_pulling(self, deadline_s=180):
        """Until the worker has loaded the lists, made the streams and started pulling."""
        end = time.time() + deadline_s
        while time.time() < end:
            with open(self.log_path) as log:
                if "pulling" in log.read():
                    return
            if self.proc.poll() is not None:
                raise AssertionError(f"worker exited {self.proc.returncode}: {self.log()}")
            time.sleep(0.1)
        raise AssertionError(f"worker not pulling after {deadline_s} s: {self.log()}")

    def cpu_seconds(self):
        """User + system CPU time used so far (Linux /proc)."""
        with open(f"/proc/{self.proc.pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def kill9(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def stop(self):
        """SIGTERM; returns the stats JSON the worker prints on its way out. Sets `cpu_total`
        (user + system seconds of the whole run)."""
        self.cpu_total = None
        if self.proc.poll() is None:
            self.proc.terminate()
            _, status, usage = os.wait4(self.proc.pid, 0)
            self.proc.returncode = os.waitstatus_to_exitcode(status)
            self.cpu_total = usage.ru_utime + usage.ru_stime
        self.proc.wait(timeout=60)
        with open(self.out_path) as out:
            lines = [line for line in out.read().splitlines() if line.startswith("{")]
        return json.loads(lines[-1]) if lines else None

    def log(self):
        with open(self.log_path) as log:
            return log.read()[-3000:]


def stored_count(decisions):
    if not os.path.exists(decisions):
        return 0
    try:
        with sqlite3.connect(f"file:{decisions}?mode=ro", uri=True, timeout=10) as db:
            return db.execute("SELECT count(*) FROM payment_decisions").fetchone()[0]
    except sqlite3.OperationalError:
        return 0  # the table is not created yet


def stored(decisions):
    with sqlite3.connect(f"file:{decisions}?mode=ro", uri=True, timeout=10) as db:
        return db.execute("SELECT message_id, kind, outcome, worker, decided_at_ms "
                          "FROM payment_decisions").fetchall()


def wait_stored(decisions, count, deadline_s, workers=()):
    end = time.time() + deadline_s
    while time.time() < end:
        if stored_count(decisions) >= count:
            return
        for worker in workers:
            if worker.proc.poll() not in (None, 137, -9):
                raise AssertionError(f"worker exited {worker.proc.returncode}: {worker.log()}")
        time.sleep(0.2)
    raise AssertionError(f"{stored_count(decisions)} of {count} stored after {deadline_s} s")


def publish(nats, path, rate=0, subject="payments.in"):
    """Starts stream_probe publish in the background."""
    return subprocess.Popen([PROBE, "publish", "--nats", nats, "--input", path,
                             "--subject", subject, "--rate", str(rate)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def dump(nats, stream, subject):
    result = subprocess.run([PROBE, "dump", "--nats", nats, "--stream", stream, "--subject", subject],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


# --- pacs.008 generator -------------------------------------------------------------------------

SYLLABLES = ["vel", "mor", "quin", "tar", "ash", "grov", "bril", "dan", "kes", "tor", "lun", "ari",
             "zen", "pol", "fer", "nix", "oda", "rim", "sal", "ube"]
KINDS = ["Ltd", "GmbH", "BV", "SARL", "Oy", "AB", "Pty Ltd", "SpA"]
COUNTRIES = ["DE", "FR", "NL", "GB", "SE", "FI", "IT", "ES", "CH", "AT"]
# Listed parties of the real lists (what tests/e2e/test_payments.py decides from the fixtures).
LISTED = [
    ("Cdtr", "Hangzhou Hikvision Digital Technology Co., Ltd.", "CN", "review"),
    ("Cdtr", "Zhejiang Dahua Technology Co., Ltd.", "CN", "review"),
    ("Cdtr", "Islamic Republic of Iran Shipping Lines", "IR", "blocked"),
    ("UltmtCdtr", "Islamic Republic of Iran Shipping Lines", "IR", "blocked"),
]


def fictional_name(rng):
    words = ["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
             for _ in range(rng.randint(1, 2))]
    return f"{' '.join(words)} {rng.choice(['Trading', 'Holding', 'Textiles', 'Foods'])} " \
           f"{rng.randint(10, 9999)} {rng.choice(KINDS)}"


def bic(rng):
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return "".join(rng.choice(letters) for _ in range(4)) + rng.choice(COUNTRIES) + "2X"


def party(tag, name, country):
    return (f"<{tag}><Nm>{name}</Nm><PstlAdr><TwnNm>City</TwnNm><Ctry>{country}</Ctry></PstlAdr>"
            f"</{tag}>")


def agent(tag, code):
    return f"<{tag}><FinInstnId><BICFI>{code}</BICFI></FinInstnId></{tag}>"


def pacs008(msg_id, rng, listed=None):
    """A pacs.008.001.08 with 4-6 parties: Dbtr, DbtrAgt, CdtrAgt, Cdtr, and 0-2 of UltmtDbtr,
    UltmtCdtr. `listed` = one LISTED row put into its element."""
    names = {"Dbtr": (fictional_name(rng), rng.choice(COUNTRIES)),
             "Cdtr": (fictional_name(rng), rng.choice(COUNTRIES))}
    extra = rng.sample(["UltmtDbtr", "UltmtCdtr"], rng.randint(0, 2))
    for tag in extra:
        names[tag] = (fictional_name(rng), rng.choice(COUNTRIES))
    if listed is not None:
        names[listed[0]] = (listed[1], listed[2])
    body = []
    if "UltmtDbtr" in names:
        body.append(party("UltmtDbtr", *names["UltmtDbtr"]))
    body.append(party("Dbtr", *names["Dbtr"]))
    body.append(agent("DbtrAgt", bic(rng)))
    body.append(agent("CdtrAgt", bic(rng)))
    body.append(party("Cdtr", *names["Cdtr"]))
    if "UltmtCdtr" in names:
        body.append(party("UltmtCdtr", *names["UltmtCdtr"]))
    return ('<?xml version="1.0" encoding="UTF-8"?>'
            '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"><FIToFICstmrCdtTrf>'
            f'<GrpHdr><MsgId>{msg_id}</MsgId><CreDtTm>2024-01-15T09:30:00Z</CreDtTm>'
            '<NbOfTxs>1</NbOfTxs><SttlmInf><SttlmMtd>INDA</SttlmMtd></SttlmInf></GrpHdr>'
            f'<CdtTrfTxInf><PmtId><EndToEndId>E2E-{msg_id}</EndToEndId></PmtId>'
            f'<IntrBkSttlmAmt Ccy="EUR">{rng.randint(100, 900000)}.00</IntrBkSttlmAmt>'
            '<IntrBkSttlmDt>2024-01-15</IntrBkSttlmDt><ChrgBr>SHAR</ChrgBr>'
            + "".join(body) +
            f'<RmtInf><Ustrd>Invoice {rng.randint(1000, 99999)}</Ustrd></RmtInf>'
            '</CdtTrfTxInf></FIToFICstmrCdtTrf></Document>')


def write_messages(path, count, seed=17, listed_every=50, poison_every=0, prefix="PAY"):
    """Writes `count` JSON lines {"id", "body"}; returns {id: expected} where expected is the
    outcome a listed party must give ("review"/"blocked"), "dead" for a poison message, or None."""
    rng = random.Random(seed)
    expected = {}
    with open(path, "w") as out:
        for idx in range(count):
            msg_id = f"{prefix}-{idx:07d}"
            if poison_every and idx % poison_every == poison_every - 1:
                body = pacs008(msg_id, rng)[: rng.randint(40, 400)]  # cut short: not well formed
                expected[msg_id] = "dead"
            elif listed_every and idx % listed_every == 0:
                row = LISTED[(idx // listed_every) % len(LISTED)]
                body = pacs008(msg_id, rng, row)
                expected[msg_id] = row[3]
            else:
                body = pacs008(msg_id, rng)
                expected[msg_id] = None
            out.write(json.dumps({"id": msg_id, "body": body}) + "\n")
    return expected
