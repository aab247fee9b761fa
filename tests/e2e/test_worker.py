"""`redflag worker` on a real 3-node NATS JetStream cluster (nats-server processes on free
127.0.0.1 ports, streams with 3 replicas): payments are decided exactly once in effect and none
is lost when a worker and a NATS node are killed with SIGKILL mid-stream and restarted.

1. A worker that dies right after storing a batch (before publishing or acking it) leaves the
   batch to another worker, which answers it from the store: the decisions keep the first
   worker's name and time (decided once), and each is on payments.decided once.
2. REDFLAG_STREAM_TEST_COUNT generated pacs.008 messages (4-6 parties; every 50th names a listed
   party of the real lists, every 97th is cut short) published with Nats-Msg-Id while 2 workers
   pull; one worker and one NATS node are killed -9 at a third and restarted. Every message id is
   stored once, on payments.decided once (or payments.dead once for the cut ones), every held
   decision is on payments.held once, listed parties are held with their expected outcome.
The suite default is 20,000 messages (about a minute on the loaded 2-core machine); the issue's
100,000 is `REDFLAG_STREAM_TEST_COUNT=100000` (2 min 46 s there: too close to the 3-minute budget
of one CI test; docs/benchmarks.md "Payment streams")."""
import os
import sys
import tempfile
import time
from collections import Counter

sys.path.insert(0, os.path.dirname(__file__))
import e2e  # noqa: E402
from e2e import case  # noqa: E402
import stream_cluster as sc  # noqa: E402

COUNT = int(os.environ.get("REDFLAG_STREAM_TEST_COUNT", "20000"))
WORK = tempfile.mkdtemp(prefix="redflag-worker-")
CLUSTER = sc.Cluster(WORK)
WORKERS = []


def worker(name, stream, decisions, *extra):
    started = sc.Worker(WORK, name, CLUSTER.url(), stream, decisions, "--replicas", "3",
                        "--ack-wait", "2", "--subjects", stream.lower(), *extra)
    WORKERS.append(started)
    return started


def check_streams(stream, expected, decisions):
    """Every id stored once; decided/held/dead streams hold each id exactly once as stored."""
    prefix = stream.lower()
    rows = sc.stored(decisions)
    ids = Counter(row[0] for row in rows)
    assert len(rows) == len(expected), (len(rows), len(expected))
    assert set(ids) == set(expected), sorted(set(expected) - set(ids))[:5]
    by_id = {row[0]: row for row in rows}
    decided = sc.dump(CLUSTER.url(), f"{stream}_DECIDED", f"{prefix}.decided")
    held = sc.dump(CLUSTER.url(), f"{stream}_HELD", f"{prefix}.held")
    dead = sc.dump(CLUSTER.url(), f"{stream}_DEAD", f"{prefix}.dead")
    for name, messages in (("decided", decided), ("held", held), ("dead", dead)):
        twice = [key for key, count in Counter(m["id"] for m in messages).items() if count > 1]
        assert not twice, f"{len(twice)} ids twice on payments.{name}: {twice[:5]}"
    want_decided = {key for key, row in by_id.items() if row[1] == "decided"}
    want_held = {key for key, row in by_id.items() if row[1] == "decided" and row[2] != "clear"}
    want_dead = {key for key, row in by_id.items() if row[1] == "dead"}
    assert {m["id"] for m in decided} == want_decided, len(want_decided ^ {m["id"] for m in decided})
    assert {m["id"] for m in held} == want_held, len(want_held ^ {m["id"] for m in held})
    assert {m["id"] for m in dead} == want_dead, len(want_dead ^ {m["id"] for m in dead})
    for message in decided:
        row = by_id[message["id"]]
        # The published decision is the stored one: same worker, same time, same outcome.
        assert message["Redflag-Worker"] == row[3], (message, row)
        assert message["Redflag-Decided-At"] == str(row[4]), (message, row)
        assert message["outcome"] == row[2] and message["message_id"] == message["id"], message
    for message in dead:
        assert "error" in message["Redflag-Error"], message
    return by_id, decided


try:
    CLUSTER.start_all()

    @case("no NATS server at the URL: exit 6 (I/O/network) naming the URL")
    def unreachable():
        result = e2e.run("worker", "--nats", f"nats://127.0.0.1:{sc.free_port()}", "--decisions",
                         os.path.join(WORK, "none.db"), timeout=120)
        assert result.returncode == 6, (result.returncode, result.stderr)
        assert "connecting to NATS at nats://127.0.0.1:" in result.stderr, result.stderr

    @case("worker killed after storing, before publishing: the batch is answered from the store")
    def crash_after_store():
        decisions = os.path.join(WORK, "crash.db")
        path = os.path.join(WORK, "crash.jsonl")
        expected = sc.write_messages(path, 300, seed=3, prefix="CRASH")
        first = worker("crashing", "CRASH", decisions, "--crash-after-stored", "40", "--threads", "1",
                       "--batch", "20")
        first.wait_pulling()
        publisher = sc.publish(CLUSTER.url(), path, subject="crash.in")
        first.proc.wait(timeout=120)
        assert first.proc.returncode == 137, (first.proc.returncode, first.log())
        crashed_rows = sc.stored(decisions)
        assert len(crashed_rows) >= 40, len(crashed_rows)
        published = {m["id"] for m in sc.dump(CLUSTER.url(), "CRASH_DECIDED", "crash.decided")}
        unpublished = [row for row in crashed_rows if row[0] not in published]
        assert unpublished, "the last batch was stored and died unpublished"
        second = worker("second", "CRASH", decisions)
        sc.wait_stored(decisions, len(expected), 120, [second])
        out, _ = publisher.communicate(timeout=120)
        assert publisher.returncode == 0, out
        time.sleep(1)
        stats = second.stop()
        assert stats["already_stored"] >= len(unpublished), (stats, len(unpublished))
        by_id, _ = check_streams("CRASH", expected, decisions)
        for row in crashed_rows:  # decided by the worker that died, never again by the second
            assert by_id[row[0]][3] == "crashing" and by_id[row[0]][4] == row[4], row

    @case(f"{COUNT} payments, 2 workers, kill -9 a worker and a NATS node mid-stream: "
          "each decided once, none lost")
    def kill_mid_stream():
        decisions = os.path.join(WORK, "decisions.db")
        path = os.path.join(WORK, "payments.jsonl")
        expected = sc.write_messages(path, COUNT, seed=17, listed_every=50, poison_every=97)
        workers = [worker("a", "PAYMENTS", decisions), worker("b", "PAYMENTS", decisions)]
        for started in workers:
            started.wait_pulling()
        publisher = sc.publish(CLUSTER.url(), path, subject="payments.in")
        start = time.time()
        sc.wait_stored(decisions, COUNT // 3, 600, workers)
        workers[0].kill9()
        CLUSTER.kill(1)
        killed_at = sc.stored_count(decisions)
        time.sleep(2)
        CLUSTER.start(1)
        workers[0] = worker("a2", "PAYMENTS", decisions)
        sc.wait_stored(decisions, COUNT, 900, workers)
        out, err = publisher.communicate(timeout=300)
        assert publisher.returncode == 0, (out, err)
        elapsed = time.time() - start
        time.sleep(3)  # the last acks and publishes
        stats = [w.stop() for w in workers]
        by_id, decided = check_streams("PAYMENTS", expected, decisions)
        for key, want in expected.items():
            row = by_id[key]
            if want == "dead":
                assert row[1] == "dead", row
            elif want is not None:
                assert row[2] == want, (key, want, row)
        assert killed_at < COUNT, "the kill came after the last message: nothing was tested"
        print(f"     {COUNT} messages in {elapsed:.1f} s (loaded machine), killed at {killed_at}; "
              f"publisher {out.strip()}; workers {stats}")
finally:
    for started in WORKERS:
        if started.proc.poll() is None:
            started.proc.kill()
    CLUSTER.stop()
e2e.finish()
