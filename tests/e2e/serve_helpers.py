"""A `redflag serve` process for the end-to-end tests that start servers of their own
(test_serve_postgres.py, test_serve_kill.py): a free 127.0.0.1 port, ready when /readyz says so."""
import http.client
import json
import os
import signal
import socket
import subprocess
import time


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Served:
    def __init__(self, binary, home, db_args, keys, log_dir, tag="serve"):
        self.binary, self.home, self.db_args, self.keys = binary, home, list(db_args), keys
        self.tag = tag
        self.port = free_port()
        self.log = open(os.path.join(log_dir, f"{tag}.log"), "a")
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [self.binary, "--data-dir", self.home, *self.db_args, "serve", "--listen",
             f"127.0.0.1:{self.port}"], stdout=self.log, stderr=self.log)
        deadline = time.time() + 120
        while time.time() < deadline:
            try:
                if self.call("GET", "/readyz", role=None)[0] == 200:
                    return
            except OSError:
                pass
            if self.process.poll() is not None:
                raise AssertionError(f"server {self.tag} exited {self.process.returncode}")
            time.sleep(0.2)
        raise AssertionError(f"server {self.tag} not ready in time")

    def call(self, method, path, body=None, role="screener"):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"Content-Type": "application/json"}
        if role:
            headers["Authorization"] = "Bearer " + self.keys[role]
        conn.request(method, path, body=json.dumps(body).encode() if body is not None else None,
                     headers=headers)
        response = conn.getresponse()
        text = response.read().decode("utf-8", "replace")
        conn.close()
        try:
            return response.status, json.loads(text)
        except json.JSONDecodeError:
            return response.status, text

    def stop(self, sig=signal.SIGTERM):
        if self.process and self.process.poll() is None:
            self.process.send_signal(sig)
            return self.process.wait(timeout=60)
        return None
