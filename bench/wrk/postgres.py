#!/usr/bin/env python3
"""POST /v1/screen under wrk with the service's records in SQLite, in PostgreSQL, and with two
servers on one PostgreSQL database (docs/benchmarks.md, "PostgreSQL").

  bench/wrk/postgres.py BUILD/redflag DATA_DIR [SECONDS]

DATA_DIR is a data directory with lists imported (it is copied, not changed). PostgreSQL is a
throwaway server from tests/postgres_server.py. Each run: wrk -t2 -c16 --latency with
bench/wrk/screen.lua; with two servers, one wrk per server at the same time. Afterwards the
audit chain is verified and its length printed (one entry per screening)."""
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "tests"))
import postgres_server  # noqa: E402

BIN, SOURCE_HOME = sys.argv[1], sys.argv[2]
SECONDS = int(sys.argv[3]) if len(sys.argv) > 3 else 20
WORK = tempfile.mkdtemp(prefix="redflag-bench-pg-")
HOME = os.path.join(WORK, "home")
os.makedirs(HOME)
with sqlite3.connect(os.path.join(SOURCE_HOME, "redflag.db")) as source, \
        sqlite3.connect(os.path.join(HOME, "redflag.db")) as target:
    source.backup(target)


def rf(db, *args):
    extra = ["--db", db] if db else []
    return subprocess.run([BIN, "--data-dir", HOME, *extra, *args], check=True,
                          capture_output=True, text=True).stdout


def serve(db):
    port = postgres_server.free_port()
    extra = ["--db", db] if db else []
    process = subprocess.Popen([BIN, "--data-dir", HOME, *extra, "serve", "--listen",
                                f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    for _ in range(600):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=2) as reply:
                if reply.status == 200:
                    return process, port
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("server not ready")


def wrk(key, ports):
    env = dict(os.environ, REDFLAG_KEY=key)
    runs = [subprocess.Popen(["wrk", "-t2", "-c16", f"-d{SECONDS}s", "--latency", "-s",
                              os.path.join(HERE, "screen.lua"),
                              f"http://127.0.0.1:{port}/v1/screen"], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for port in ports]
    results = []
    for run in runs:
        out, err = run.communicate()
        rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
        p50 = re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1)
        p99 = re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1)
        errors = err.count("unexpected status")
        non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
        results.append((rate, p50, p99, errors + (int(non2xx.group(1)) if non2xx else 0)))
    return results


def measure(label, db, servers):
    key = rf(db, "keys", "create", "--role", "screener", "--name", "bench").strip().splitlines()[-1]
    started = [serve(db) for _ in range(servers)]
    try:
        results = wrk(key, [port for _, port in started])
    finally:
        for process, _ in started:
            process.terminate()
            process.wait()
    verdict = rf(db, "audit", "verify").strip()
    total = sum(rate for rate, _, _, _ in results)
    detail = "; ".join(f"{rate:,.0f}/s p50 {p50} p99 {p99} errors {errors}"
                       for rate, p50, p99, errors in results)
    print(f"{label}: {total:,.0f} requests/s in all ({detail}); {verdict}", flush=True)


print(f"load average before: {os.getloadavg()}", flush=True)
measure("SQLite, one server", "", 1)
with postgres_server.Server() as url:
    measure("PostgreSQL, one server", url, 1)
    measure("PostgreSQL, two servers at once", url, 2)
print(f"load average after: {os.getloadavg()}", flush=True)
