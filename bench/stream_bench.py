#!/usr/bin/env python3
"""Payment decisions through NATS JetStream, end to end (docs/benchmarks.md "Payment streams").

Starts a 3-node JetStream cluster on 127.0.0.1 (streams with 3 replicas, as the e2e test), then:
  1. throughput, 1 worker: COUNT pacs.008 messages (4-6 parties, every 50th a listed party) are
     published first, then one `redflag worker` drains them; rate = messages / (last decision -
     first decision), from the decision times in the store (worker start-up excluded);
  2. the same with 2 workers on the same consumer group, in the same run;
  3. latency: 1 worker, messages published at RATE per second (default: half of 1.'s rate);
     publish -> decision = the decision's store time on PAYMENTS_DECIDED minus the message's
     store time on PAYMENTS (both stamped by the servers), p50 / p99 / max.
The in-process ceiling is bench/pay_bench (the same parse + decide without NATS or the store).

  bench/stream_bench.py [--count 20000] [--latency-count 5000] [--rate 0] [--threads 2]
Needs build-test/redflag, build-test/stream_probe and an imported data dir (REDFLAG_E2E_HOME,
default build-test/e2e-home: `ctest --test-dir build-test -R e2e_import_all_lists`). The
100,000-message kill test is `REDFLAG_STREAM_TEST_COUNT=100000 tests/e2e/test_worker.py`."""
import argparse
import json
import os
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
os.environ.setdefault("REDFLAG_BIN", os.path.join(ROOT, "build-test/redflag"))
os.environ.setdefault("REDFLAG_E2E_HOME", os.path.join(ROOT, "build-test/e2e-home"))
os.environ.setdefault("REDFLAG_STREAM_PROBE", os.path.join(ROOT, "build-test/stream_probe"))
sys.path.insert(0, os.path.join(ROOT, "tests/e2e"))
import stream_cluster as sc  # noqa: E402


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def drain(work, cluster, name, count, workers, threads):
    """Publishes `count` messages to a fresh stream, then starts `workers` workers; returns the
    decisions per second between the first and the last decision."""
    decisions = os.path.join(work, f"{name}.db")
    path = os.path.join(work, f"{name}.jsonl")
    sc.write_messages(path, count, seed=29, prefix=name.upper())
    prefix = name.lower()
    # A worker that starts first creates the streams; stop it before publishing the backlog.
    first = sc.Worker(work, f"{name}-setup", cluster.url(), name.upper(), decisions,
                      "--subjects", prefix, "--replicas", "3")
    wait_log(first, "pulling")
    first.stop()
    publisher = sc.publish(cluster.url(), path, subject=f"{prefix}.in")
    out, err = publisher.communicate(timeout=1800)
    assert publisher.returncode == 0, (out, err)
    started = [sc.Worker(work, f"{name}-{idx}", cluster.url(), name.upper(), decisions,
                         "--subjects", prefix, "--threads", str(threads))
               for idx in range(workers)]
    # CPU used by loading the lists, taken when a worker starts pulling (it decides right away:
    # a few ms of deciding may be counted as loading).
    loading = [wait_log(worker, "pulling", poll_s=0.02) for worker in started]
    sc.wait_stored(decisions, count, 3600, started)
    stats = [worker.stop() for worker in started]
    cpu = sum(worker.cpu_total for worker in started) - sum(loading)
    times = [row[4] for row in sc.stored(decisions)]
    span = (max(times) - min(times)) / 1000.0
    return {"messages": count, "workers": workers, "threads_per_worker": threads,
            "seconds": round(span, 2), "decisions_per_s": round(count / span),
            "per_worker_per_s": round(count / span / workers),
            "worker_cpu_us_per_decision": round(cpu / count * 1e6), "stats": stats}


def wait_log(worker, text, deadline_s=120, poll_s=0.2):
    """Waits for `text` in the worker's log; returns the worker's CPU seconds at that moment."""
    end = time.time() + deadline_s
    while time.time() < end:
        if text in worker.log():
            return worker.cpu_seconds()
        if worker.proc.poll() is not None:
            raise SystemExit(f"worker exited: {worker.log()}")
        time.sleep(poll_s)
    raise SystemExit(f"no '{text}' from the worker: {worker.log()}")


def latency(work, cluster, count, rate, threads):
    decisions = os.path.join(work, "lat.db")
    path = os.path.join(work, "lat.jsonl")
    sc.write_messages(path, count, seed=31, prefix="LAT")
    worker = sc.Worker(work, "lat", cluster.url(), "LAT", decisions, "--subjects", "lat",
                       "--replicas", "3", "--threads", str(threads))
    wait_log(worker, "pulling")
    publisher = sc.publish(cluster.url(), path, rate=rate, subject="lat.in")
    out, err = publisher.communicate(timeout=3600)
    assert publisher.returncode == 0, (out, err)
    sc.wait_stored(decisions, count, 3600, [worker])
    time.sleep(2)
    worker.stop()
    inbound = {m["id"]: m["ts"] for m in sc.dump(cluster.url(), "LAT", "lat.in")}
    decided = {m["id"]: m["ts"] for m in sc.dump(cluster.url(), "LAT_DECIDED", "lat.decided")}
    millis = [(decided[key] - inbound[key]) / 1e6 for key in decided if key in inbound]
    return {"messages": count, "rate_per_s": rate, "p50_ms": round(percentile(millis, 0.5), 2),
            "p99_ms": round(percentile(millis, 0.99), 2), "max_ms": round(max(millis), 2)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=20000)
    parser.add_argument("--latency-count", type=int, default=5000)
    parser.add_argument("--rate", type=float, default=0, help="latency run: messages/s")
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="redflag-stream-bench-")
    cluster = sc.Cluster(work, name="redflag-bench")
    results = {"load_average": os.getloadavg()}
    try:
        cluster.start_all()
        results["one_worker"] = drain(work, cluster, "one", args.count, 1, args.threads)
        results["two_workers"] = drain(work, cluster, "two", args.count, 2, args.threads)
        rate = args.rate or max(100, results["one_worker"]["decisions_per_s"] // 2)
        results["latency"] = latency(work, cluster, args.latency_count, rate, args.threads)
        results["load_average_after"] = os.getloadavg()
    finally:
        cluster.stop()
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
