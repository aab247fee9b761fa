#!/usr/bin/env python3
"""A throwaway PostgreSQL server for the tests (docs/store.md, "Tests on PostgreSQL").

Debian's server binaries (/usr/lib/postgresql/<version>/bin, package `postgresql`, installed by
scripts/setup) run initdb in a fresh temporary directory; the server listens on a free port of
127.0.0.1 with its socket in that directory, trusts local connections, and is stopped and its
directory removed afterwards. PostgreSQL refuses to run as root, so under root (CI) it runs as
the unprivileged `postgres` user the Debian package creates (REDFLAG_PG_USER overrides).

As a wrapper:  postgres_server.py COMMAND [ARGS...]
  runs COMMAND with REDFLAG_TEST_POSTGRES_URL=postgresql://redflag@127.0.0.1:<port>/redflag and
  exits with its status. Without the server binaries it prints why and exits 77, which ctest
  reports as skipped (SKIP_RETURN_CODE): never a silent pass.
As a module:   with postgres_server.Server() as url: ...
"""
import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

SKIP = 77


class Unavailable(Exception):
    """The server binaries are not installed."""


def find_bindir():
    explicit = os.environ.get("REDFLAG_PG_BINDIR")
    candidates = [explicit] if explicit else sorted(
        glob.glob("/usr/lib/postgresql/*/bin"), key=lambda path: int(path.split("/")[-2]),
        reverse=True)
    for bindir in candidates:
        if all(os.access(os.path.join(bindir, tool), os.X_OK)
               for tool in ("initdb", "postgres", "pg_isready", "createdb")):
            return bindir
    raise Unavailable("no PostgreSQL server binaries (initdb, postgres) in "
                      + (explicit or "/usr/lib/postgresql/*/bin")
                      + ": install the `postgresql` package (scripts/setup)")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    def __init__(self):
        self.bindir = find_bindir()
        self.dir = None
        self.process = None
        self.port = None
        self.url = None

    def _as_owner(self, argv):
        if os.geteuid() != 0:
            return argv
        return ["runuser", "-u", self.user, "--", *argv]

    def start(self):
        self.dir = tempfile.mkdtemp(prefix="redflag-pg-")
        self.user = None
        if os.geteuid() == 0:
            self.user = os.environ.get("REDFLAG_PG_USER", "postgres")
            try:
                entry = pwd.getpwnam(self.user)
            except KeyError:
                raise RuntimeError(f"running as root, and there is no user {self.user!r} to run "
                                   "PostgreSQL as (the postgresql package creates `postgres`; "
                                   "or set REDFLAG_PG_USER)")
            os.chown(self.dir, entry.pw_uid, entry.pw_gid)
        data = os.path.join(self.dir, "data")
        log = os.path.join(self.dir, "server.log")
        subprocess.run(self._as_owner([os.path.join(self.bindir, "initdb"), "-D", data,
                                       "-U", "redflag", "--auth=trust", "--no-locale",
                                       "-E", "UTF8", "--no-sync"]),
                       check=True, capture_output=True)
        self.port = free_port()
        with open(os.devnull, "w") as devnull:
            # fsync off: a test server's data need not survive a crash of the machine.
            self.process = subprocess.Popen(
                self._as_owner([os.path.join(self.bindir, "postgres"), "-D", data,
                                "-p", str(self.port), "-k", self.dir,
                                "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off",
                                "-c", "logging_collector=off", "-c", f"log_directory={self.dir}",
                                "-c", "max_connections=200"]),
                stdout=devnull, stderr=open(log, "w"))
        deadline = time.monotonic() + 60
        while True:
            ready = subprocess.run([os.path.join(self.bindir, "pg_isready"), "-q", "-h",
                                    "127.0.0.1", "-p", str(self.port)])
            if ready.returncode == 0:
                break
            if self.process.poll() is not None or time.monotonic() > deadline:
                with open(log) as handle:
                    raise RuntimeError("PostgreSQL did not start: " + handle.read()[-2000:])
            time.sleep(0.1)
        subprocess.run([os.path.join(self.bindir, "createdb"), "-h", "127.0.0.1", "-p",
                        str(self.port), "-U", "redflag", "redflag"], check=True)
        self.url = f"postgresql://redflag@127.0.0.1:{self.port}/redflag"
        return self.url

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            # The postmaster's pid (runuser sits between us and it under root); SIGINT is
            # PostgreSQL's fast shutdown.
            pid = None
            try:
                with open(os.path.join(self.dir, "data", "postmaster.pid")) as handle:
                    pid = int(handle.readline())
            except (OSError, ValueError):
                pass
            try:
                os.kill(pid if pid else self.process.pid, signal.SIGINT)
                self.process.wait(timeout=30)
            except (OSError, subprocess.TimeoutExpired):
                if pid:
                    os.kill(pid, signal.SIGKILL)
                self.process.wait(timeout=30)
        if self.dir:
            shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self):
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc):
        self.stop()
        return False


def main(argv):
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        server = Server()
    except Unavailable as why:
        print(f"SKIPPED: {why}", file=sys.stderr)
        return SKIP
    with server as url:
        print(f"postgres_server: {url} (in {server.dir})", file=sys.stderr)
        env = dict(os.environ, REDFLAG_TEST_POSTGRES_URL=url)
        return subprocess.run(argv, env=env).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
