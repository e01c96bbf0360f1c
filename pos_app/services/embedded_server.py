"""A central server on this machine, for a shop with one counter and for the demo.

The terminal never imports the server's code: it runs `python -m sync.server.cli` as a child
process on a loopback port, over a SQLite file beside the terminal database, exactly as an
operator would, and talks to it over HTTP like to any other server.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from pos_app.services.errors import ServiceError
from pos_app.services.pairing import pair_terminal
from pos_app.services.sync import server_link, sync_once
from pos_app.store import Store, open_store
from pos_app.store.private_files import create_private_file, make_private, make_private_folder
from pos_app.store.terminal import URL_KEY, put_setting
from sync.engine.client import ServerClient

DEMO_STORE = "store-1"
STARTUP_TIMEOUT_S = 30.0


@dataclass
class EmbeddedServer:
    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def server_command(db_url: str, *args: str) -> str:
    """Run one `loyalty-server` command against `db_url`; its output, or ServiceError."""
    result = subprocess.run(  # noqa: S603 - our own module, fixed arguments
        [sys.executable, "-m", "sync.server.cli", *args, "--db", db_url],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if result.returncode != 0:
        raise ServiceError(f"embedded server: {' '.join(args)} failed: {result.stderr.strip()}")
    return result.stdout.strip()


def _die_with_parent() -> None:
    """Linux: the server gets SIGTERM if the terminal dies, even by SIGKILL."""
    import ctypes
    import signal

    pr_set_pdeathsig = 1
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)


def _port(preferred: int) -> int:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", preferred))
        except OSError:
            s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def start_embedded_server(data_dir: Path, demo_cards: int = 2000) -> EmbeddedServer:
    """Start (creating and seeding it the first time) the server that lives in `data_dir`."""
    make_private_folder(data_dir)
    db_file = data_dir / "server.db"
    db_url = f"sqlite:///{db_file}"
    fresh = not db_file.exists() or db_file.stat().st_size == 0
    # It holds the terminals' token hashes and every card: for this user alone, like the
    # terminal's (SQLite gives the server's -wal and -shm files the same mode).
    create_private_file(db_file)
    make_private(db_file)
    if fresh:
        server_command(db_url, "init-db")
        server_command(db_url, "seed-demo", "--cards", str(demo_cards))
    port_file = data_dir / "server.port"
    preferred = int(port_file.read_text()) if port_file.exists() else 8765
    port = _port(preferred)
    port_file.write_text(str(port))
    log = data_dir / "server.log"
    with log.open("ab") as out:
        process = subprocess.Popen(  # noqa: S603 - our own module, fixed arguments
            [sys.executable, "-m", "sync.server.cli", "serve", "--db", db_url, "--port", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
            preexec_fn=_die_with_parent if sys.platform == "linux" else None,  # noqa: PLW1509
        )
    server = EmbeddedServer(f"http://127.0.0.1:{port}", process, log)
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServiceError(f"the embedded server stopped at start; see {log}")
        try:
            if httpx.get(server.url + "/v1/health", timeout=1).status_code == 200:
                return server
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    server.stop()
    raise ServiceError(f"the embedded server did not start in {STARTUP_TIMEOUT_S:.0f} s; see {log}")


def demo_terminal(db: Path, server: EmbeddedServer) -> Store:
    """The demo terminal, paired with the embedded server (and pointed at its current port)."""
    if db.exists():
        store = open_store(db, create=False)
        link = server_link(store)
        if link is not None and link.url != server.url:
            with store.write() as conn:
                put_setting(conn, URL_KEY, server.url)
    else:
        db_url = f"sqlite:///{server.log.parent / 'server.db'}"
        code = server_command(db_url, "pair-code", "--store", DEMO_STORE).splitlines()[-1]
        store = pair_terminal(db, server.url, code, "Counter 1")
    link = server_link(store)
    if link is not None:
        with ServerClient(link.url, link.token) as client:
            sync_once(store, client)
    return store
