"""The bench's gunicorn servers: started, waited for, read for CPU time, and stopped.

Each server is its own process group (a master and its sync workers); the bench stops only
the groups it started, by their id.
"""

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).parent / "gunicorn"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
# The portal sits behind a reverse proxy that ends TLS (README: 生产部署): the proxy's header
# keeps the production settings' HTTPS redirect from answering every request with a 301.
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(port, path, timeout=60):
    """(status, headers, body) of one GET, as a reader behind the proxy sends it."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path, headers=PROXY_HEADERS)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def process_cpu_seconds(pid):
    """User plus system CPU time of one process, from /proc/<pid>/stat (0 once it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError):
        return 0.0
    # After the command name: state is field 3, utime and stime are fields 14 and 15.
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def children(pid):
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        if int(fields[1]) == pid:
            found.append(int(entry.name))
    return found


class Server:
    """One gunicorn: ``workers`` sync workers on 127.0.0.1:``port`` with ``env``."""

    def __init__(self, name, env, log_dir, workers=2):
        self.name = name
        self.env = env
        self.port = free_port()
        self.workers = workers
        self.log = Path(log_dir) / f"server-{name}.log"
        self.process = None

    def start(self):
        self.log.parent.mkdir(parents=True, exist_ok=True)
        command = [
            str(GUNICORN),
            "portal.wsgi",
            "--workers",
            str(self.workers),
            "--worker-class",
            "sync",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--timeout",
            "60",
            "--graceful-timeout",
            "5",
            # Several servers at once: none takes over the one default control socket.
            "--no-control-socket",
        ]
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(
                command,
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        return self

    def wait_ready(self, path="/bench/trivial/", timeout=180):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited: see {self.log}")
            try:
                status, _headers, _body = get(self.port, path, timeout=10)
                # Both workers answer before the first measurement.
                if status == 200 and len(children(self.process.pid)) >= self.workers:
                    return self
            except OSError:
                pass
            time.sleep(0.5)
        raise RuntimeError(f"{self.name} did not answer {path} in {timeout} s: see {self.log}")

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def cpu_seconds(self):
        """CPU time of the master and its workers so far."""
        pid = self.process.pid
        return process_cpu_seconds(pid) + sum(process_cpu_seconds(c) for c in children(pid))

    def wait_idle(self, quiet=0.5, timeout=180):
        """Wait until the workers have answered what the last client left queued.

        wrk stops at its deadline, but the requests it already sent wait in the listen queue
        and the workers answer them all: without this, that work would be counted in the next
        measurement, and take CPU from it.
        """
        deadline = time.monotonic() + timeout
        last = self.cpu_seconds()
        while time.monotonic() < deadline:
            time.sleep(quiet)
            now = self.cpu_seconds()
            if now - last < 2 / CLOCK_TICKS:
                return
            last = now

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
