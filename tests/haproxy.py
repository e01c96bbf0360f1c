"""HAProxy on a free loopback port in front of several server processes, for tests.

The configuration is written here: round robin; a request whose connection to a server
fails is sent to another one (`retries`, `option redispatch`); a server that stops answering
two health checks in a row (`GET /v1/health`, one a second) is taken out. A request already sent
to a server that dies is not resent by HAProxy (it cannot know it is safe): the client gets
502 and, being a terminal, sends it again (a push is applied once however often it comes).
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import httpx

from tests.pg import free_port

CONFIG = """\
global
    maxconn 500

defaults
    mode http
    timeout connect 1s
    timeout client 30s
    timeout server 30s
    timeout check 3s
    retries 3
    option redispatch

frontend loyalty
    bind 127.0.0.1:{port}
    default_backend servers

backend servers
    balance roundrobin
    option httpchk GET /v1/health
{servers}
"""


def available() -> str | None:
    return None if shutil.which("haproxy") else "haproxy is not installed (Debian haproxy)"


@contextlib.contextmanager
def haproxy(backends: Sequence[str]) -> Iterator[str]:
    """HAProxy balancing over `backends` (base URLs); yields its own base URL."""
    root = Path(tempfile.mkdtemp(prefix="loyalty-haproxy-"))
    port = free_port()
    servers = "\n".join(
        f"    server s{i} {url.removeprefix('http://')} check inter 1s fall 2 rise 1"
        for i, url in enumerate(backends)
    )
    config = root / "haproxy.cfg"
    config.write_text(CONFIG.format(port=port, servers=servers))
    log = (root / "haproxy.log").open("wb")
    # -db: stay in the foreground, so the process we started is the one to stop.
    proc = subprocess.Popen(
        ["haproxy", "-db", "-f", str(config)], stdout=log, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"haproxy exited: {(root / 'haproxy.log').read_text()}")
            with contextlib.suppress(httpx.TransportError):
                if httpx.get(url + "/v1/health", timeout=1).status_code == 200:
                    break
            if time.monotonic() > deadline:
                raise RuntimeError("haproxy did not answer in 20 s")
            time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
        shutil.rmtree(root, ignore_errors=True)
