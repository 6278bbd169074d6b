"""Run wrk against one of the bench's servers and read what it printed."""

import re
import subprocess
from pathlib import Path

from servers import PROXY_HEADERS

WRK = "/usr/bin/wrk"
# A response slower than this counts as a socket error (timeout) rather than a latency.
TIMEOUT = "10s"
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def milliseconds(text):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * UNITS[unit]


def parse(output):
    def find(pattern, default=None):
        match = re.search(pattern, output, re.MULTILINE)
        return match.groups() if match else default

    latency = dict(re.findall(r"^\s+(50|75|90|99)%\s+(\S+)\s*$", output, re.MULTILINE))
    requests, duration = find(r"^\s+(\d+) requests in ([\d.]+\w+),")
    socket = find(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", ("0",) * 4
    )
    (non_2xx,) = find(r"Non-2xx or 3xx responses: (\d+)", ("0",))
    (rps,) = find(r"^Requests/sec:\s+([\d.]+)")
    return {
        "requests": int(requests),
        "seconds": milliseconds(duration) / 1000,
        "rps": float(rps),
        # wrk prints no distribution when no request finished.
        "p50_ms": milliseconds(latency["50"]) if "50" in latency else None,
        "p99_ms": milliseconds(latency["99"]) if "99" in latency else None,
        "non_2xx_3xx": int(non_2xx),
        "socket_errors": dict(
            zip(("connect", "read", "write", "timeout"), map(int, socket), strict=True)
        ),
    }


def run(url, seconds, connections, threads=2, script=None):
    """wrk -t<threads> -c<connections> -d<seconds>s --latency ``url``: the parsed summary."""
    command = [WRK, f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    command += ["--timeout", TIMEOUT]
    for name, value in PROXY_HEADERS.items():
        command += ["-H", f"{name}: {value}"]
    if script:
        command += ["-s", str(script)]
    output = subprocess.run(
        [*command, url], capture_output=True, text=True, timeout=seconds + 60, check=True
    ).stdout
    return parse(output)


def mix_script(paths, where):
    """A wrk script that sends ``paths`` in turn (the load round's mix of public pages)."""
    quoted = ", ".join(f'"{path}"' for path in paths)
    Path(where).write_text(
        f"""local paths = {{{quoted}}}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
""",
        encoding="utf-8",
    )
    return where
