"""Entries deleted from the end of the journal: `verify-journal` names them, and the
terminal refuses to go on (exit 4, one line) rather than reuse their numbers."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.cli.test_cli import BAKERY, Terminal
from tests.server.conftest import Merchant


def _delete_last_entry(db: Path, *, with_its_sync_status: bool) -> None:
    """What someone with the file and sqlite3 could do: drop the guard, delete the row."""
    with sqlite3.connect(db) as conn:  # foreign keys off, as in the sqlite3 shell
        conn.execute("DROP TRIGGER journal_no_delete")
        last = conn.execute("SELECT max(seq) FROM journal").fetchone()[0]
        conn.execute("DELETE FROM journal WHERE seq = ?", (last,))
        if with_its_sync_status:
            conn.execute("DELETE FROM journal_sync WHERE seq = ?", (last,))


def _assert_refused_untouched(t: Terminal, card: str, program: str) -> None:
    before = t.journal()
    for args in (("earn", card, "5"), ("enroll", "--program", program)):
        result = t.run(*args)
        assert result.returncode == 4, result.stderr
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, result.stderr
        assert lines[0].startswith(f"error: {t.db}: "), lines[0]
        assert "missing at the end of the journal" in lines[0]
        assert "docs/operators.md" in lines[0]
        assert "UNIQUE" not in lines[0]
    assert t.journal() == before


def test_a_deleted_last_entry_is_named_by_its_sync_status(tmp_path: Path) -> None:
    t = Terminal(tmp_path / "terminal.db")
    t.run("init", "--demo", "--demo-cards", "2")
    for amount in ("10", "20", "30"):
        assert t.run("earn", BAKERY, amount).returncode == 0
    _delete_last_entry(t.db, with_its_sync_status=False)

    verified = t.run("verify-journal")

    assert verified.returncode == 4, verified.stdout
    assert verified.stderr.strip() == (
        "FAILED  entry 3 missing at the end of the journal (deleted): the journal ends at "
        "entry 2, but its sync status is still recorded"
    )
    _assert_refused_untouched(t, BAKERY, "bakery")


def test_a_deleted_last_entry_the_server_holds_is_named(paired: Terminal, shop: Merchant) -> None:
    card = shop.card(shop.points).card_number
    for amount in ("10", "20"):
        assert paired.run("earn", card, amount).returncode == 0
    assert paired.run("sync").returncode == 0
    _delete_last_entry(paired.db, with_its_sync_status=True)

    verified = paired.run("verify-journal")

    assert verified.returncode == 4, verified.stdout
    assert verified.stderr.strip() == (
        "FAILED  entry 2 missing at the end of the journal (deleted): the journal ends at "
        "entry 1, but the server holds it"
    )
    _assert_refused_untouched(paired, card, shop.points.id)
