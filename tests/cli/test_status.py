"""`loyalty-pos status` says what the server thinks of this terminal, revoked included."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from sync.server import admin
from sync.server.db import write
from tests.cli.test_cli import Terminal
from tests.server.conftest import Merchant, ServerProcess


def _terminal_id(t: Terminal) -> str:
    with sqlite3.connect(t.db) as conn:
        return str(conn.execute("SELECT terminal_id FROM terminal").fetchone()[0])


def test_a_paired_terminal_is_reachable(paired: Terminal) -> None:
    shown = paired.run("status")
    assert shown.returncode == 0, shown.stderr
    assert "          reachable\n" in shown.stdout
    assert "REVOKED" not in shown.stdout


def test_a_terminal_revoked_on_the_server_says_so(
    paired: Terminal, shop: Merchant, cli_server: ServerProcess
) -> None:
    # Work waiting to be pushed: a push is refused like any bad token, and says no more.
    assert paired.run("earn", shop.card(shop.points).card_number, "10").returncode == 0
    with write(cli_server.engine) as conn:
        admin.revoke_terminal(conn, _terminal_id(paired), datetime.now(UTC))
    before = paired.journal()

    shown = paired.run("status")

    assert shown.returncode == 0, shown.stderr
    assert "REVOKED: the server revoked this terminal: a manager must pair it again" in shown.stdout
    assert "reachable" not in shown.stdout
    assert paired.journal() == before
