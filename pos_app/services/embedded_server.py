"""A central server on this machine, for a shop with one counter and for the demo.

The terminal never imports the server's code: it runs `python -m sync.server.cli` as a child
process on a loopback port, over a SQLite file beside the terminal database, exactly as an
operator would, and talks to it over HTTP like to any other server.
"""

from __future__ import annotations

import contextlib
import hashlib
import secrets
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
from pydantic import ValidationError

from pos_app.domain.demo import DEMO_STORE
from pos_app.domain.demo import demo_cards as make_demo_cards
from pos_app.services.errors import ServiceError
from pos_app.services.pairing import pair_terminal
from pos_app.services.sync import server_link, sync_once
from pos_app.store import Store, open_store
from pos_app.store.private_files import create_private_file, make_private, make_private_folder
from pos_app.store.terminal import URL_KEY, put_setting
from sync.engine.client import AuthRejected, ServerClient
from sync.protocol import Health

STARTUP_TIMEOUT_S = 30.0
START_ATTEMPTS = 3


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
        detail = result.stderr.strip()
        raise ServiceError(
            f"embedded server: {' '.join(args)} failed: {detail}",
            "server_command_failed",
            command=" ".join(args),
            detail=detail,
        )
    return result.stdout.strip()


def _die_with_parent() -> None:
    """Linux: the server gets SIGTERM if the terminal dies, even by SIGKILL."""
    import ctypes
    import signal

    pr_set_pdeathsig = 1
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)


def demo_data_mark(card_count: int) -> str:
    """What the demo server was seeded with, in short: a server seeded with other demo cards
    would refuse the codes the demo camera shows."""
    cards = [(c.card_number, c.qr_token, c.program_id) for c in make_demo_cards(card_count)]
    return hashlib.sha256(repr(cards).encode()).hexdigest()


def free_port() -> int:
    """A loopback port nothing listens on now (the server binds it a moment later)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def start_embedded_server(data_dir: Path, demo_cards: int = 2000) -> EmbeddedServer:
    """Start (creating and seeding it the first time) the server that lives in `data_dir`.

    It takes a free port each time, and is known by a label of this start that its
    /v1/health reports: whatever else may answer on a port, the terminal talks to its own.
    """
    make_private_folder(data_dir)
    db_file = data_dir / "server.db"
    db_url = f"sqlite:///{db_file}"
    seeded = data_dir / "server.seed"
    mark = demo_data_mark(demo_cards)
    fresh = not db_file.exists() or db_file.stat().st_size == 0
    # It holds the terminals' token hashes and every card: for this user alone, like the
    # terminal's (SQLite gives the server's -wal and -shm files the same mode).
    create_private_file(db_file)
    make_private(db_file)
    if fresh:
        try:
            server_command(db_url, "init-db")
            server_command(db_url, "seed-demo", "--cards", str(demo_cards))
        except BaseException:
            # Half made is not made: the next start seeds it again from the beginning.
            for path in data_dir.glob("server.db*"):
                path.unlink(missing_ok=True)
            raise
        seeded.write_text(mark)
    elif not seeded.exists() or seeded.read_text() != mark:
        raise ServiceError(
            f"the demo server in {data_dir} holds other demo cards than this version shows; "
            f"remove the folder to start the demo afresh: rm -r '{data_dir}'",
            "demo_data_differs",
            folder=str(data_dir),
        )
    log = data_dir / "server.log"
    for _ in range(START_ATTEMPTS - 1):
        # Another program may take the port between our look and the server's bind: the
        # server then stops at once, and the next attempt takes another port.
        with contextlib.suppress(_StoppedAtStart):
            return _start_once(db_url, log)
    try:
        return _start_once(db_url, log)
    except _StoppedAtStart:
        last = _last_line(log)
        raise ServiceError(
            f"the embedded server stopped at start ({last}); see {log}",
            "server_stopped",
            detail=last,
            log=str(log),
        ) from None


class _StoppedAtStart(Exception):  # noqa: N818 - a state, not a bug
    pass


def _start_once(db_url: str, log: Path) -> EmbeddedServer:
    port = free_port()
    instance = secrets.token_urlsafe(16)
    command = [sys.executable, "-m", "sync.server.cli", "serve", "--db", db_url]
    with log.open("ab") as out:
        process = subprocess.Popen(  # noqa: S603 - our own module, fixed arguments
            [*command, "--port", str(port), "--instance", instance],
            stdout=out,
            stderr=subprocess.STDOUT,
            preexec_fn=_die_with_parent if sys.platform == "linux" else None,  # noqa: PLW1509
        )
    server = EmbeddedServer(f"http://127.0.0.1:{port}", process, log)
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise _StoppedAtStart
        if answers_as(server.url, instance):
            return server
        time.sleep(0.1)
    server.stop()
    raise ServiceError(
        f"the embedded server did not start in {STARTUP_TIMEOUT_S:.0f} s; see {log}",
        "server_slow",
        seconds=f"{STARTUP_TIMEOUT_S:.0f}",
        log=str(log),
    )


def answers_as(url: str, instance: str) -> bool:
    """True when the server at `url` is up and is the one started with this label."""
    try:
        response = httpx.get(url + "/v1/health", timeout=1)
        return (
            response.status_code == 200
            and Health.model_validate_json(response.content).instance == instance
        )
    except (httpx.TransportError, ValidationError):
        return False


def _last_line(log: Path) -> str:
    lines = log.read_text(errors="replace").strip().splitlines()
    return lines[-1].strip() if lines else "no output"


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
        try:
            with ServerClient(link.url, link.token) as client:
                sync_once(store, client)
        except AuthRejected:
            store.close()
            raise ServiceError(
                f"the demo terminal {db} is paired with another server than the one in "
                f"{server.log.parent}; remove {db} to pair it afresh",
                "demo_paired_elsewhere",
                db=str(db),
                folder=str(server.log.parent),
            ) from None
    return store
