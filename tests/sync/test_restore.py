"""A server restored from a backup heals at the terminal's next sync, nothing pending or not.

The restore is real: the server's database is copied (a SQLite file copy; a PostgreSQL
database made from it as a template) while the server is stopped, the terminal syncs more,
the server is stopped again, the copy put back, and the server started on it.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import select

from pos_app.domain.operations import EarnPoints, Stamp
from pos_app.services.counter import Done
from pos_app.store.cards import get_card
from sync.server.db import read
from sync.server.models import CARDS, TRANSACTIONS
from tests.pg import create_database, drop_database
from tests.server.conftest import ServerProcess, make_merchant, start_server
from tests.sync.harness import Terminal, assert_converged, new_terminal, status_counts_of

Backup = Callable[[], None]


class RestorableServer:
    """A server on its own database, which can be backed up and restored from the backup."""

    def __init__(self, backend: str, db_url: str, tmp: Path, admin_url: str | None) -> None:
        self.backend, self.db_url, self.tmp, self.admin_url = backend, db_url, tmp, admin_url
        self.server = self._start()
        self._backup_url: str | None = None

    def _start(self) -> ServerProcess:
        return start_server(self.backend, self.db_url, self.tmp / "server.log")

    def _sqlite_file(self) -> Path:
        return Path(self.db_url.removeprefix("sqlite:///"))

    def backup(self) -> None:
        self.server.stop()
        if self.backend == "sqlite":
            shutil.copyfile(self._sqlite_file(), self.tmp / "backup.db")
        else:
            assert self.admin_url is not None
            self._backup_url = self._copy_pg(self.db_url)
        self.server = self._start()

    def restore(self) -> None:
        self.server.stop()
        if self.backend == "sqlite":
            live = self._sqlite_file()
            for leftover in (Path(f"{live}-wal"), Path(f"{live}-shm")):
                leftover.unlink(missing_ok=True)
            shutil.copyfile(self.tmp / "backup.db", live)
        else:
            assert self.admin_url is not None and self._backup_url is not None
            drop_database(self.admin_url, self.db_url)
            name = self.db_url.rsplit("/", 1)[1]
            source = self._backup_url.rsplit("/", 1)[1]
            with psycopg.connect(self.admin_url, autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{source}"')
        self.server = self._start()

    def _copy_pg(self, url: str) -> str:
        assert self.admin_url is not None
        copy = create_database(self.admin_url)
        drop_database(self.admin_url, copy)
        name, source = copy.rsplit("/", 1)[1], url.rsplit("/", 1)[1]
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{source}"')
        return copy

    def close(self) -> None:
        self.server.stop()
        if self.admin_url is not None:
            drop_database(self.admin_url, self.db_url)
            if self._backup_url is not None:
                drop_database(self.admin_url, self._backup_url)


@pytest.fixture(params=["sqlite", "postgres"])
def restorable(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[RestorableServer]:
    if request.param == "sqlite":
        server = RestorableServer("sqlite", f"sqlite:///{tmp_path / 'server.db'}", tmp_path, None)
    else:
        admin: str = request.getfixturevalue("pg_admin_url")
        server = RestorableServer("postgres", create_database(admin), tmp_path, admin)
    try:
        yield server
    finally:
        server.close()


def _server_seqs(server: ServerProcess, terminal: Terminal) -> list[int]:
    with read(server.engine) as conn:
        return list(
            conn.execute(
                select(TRANSACTIONS.c.seq)
                .where(TRANSACTIONS.c.terminal_id == terminal.store.identity().terminal_id)
                .order_by(TRANSACTIONS.c.seq)
            ).scalars()
        )


def test_after_a_restore_the_terminal_resends_what_the_server_lost_and_shows_its_cards(
    restorable: RestorableServer, tmp_path: Path
) -> None:
    shop = make_merchant(restorable.server, card_count=4)
    t = new_terminal(restorable.server, shop, tmp_path / "t.db")
    t.busy_day(8)
    t.sync()
    restorable.backup()
    t.url = restorable.server.base_url
    t.busy_day(12)
    t.sync()
    made = len(t.done)
    restorable.restore()  # the server is back at the backup: 12 entries' worth short
    t.url = restorable.server.base_url
    assert len(_server_seqs(restorable.server, t)) < made
    assert status_counts_of(t.store).get("pending", 0) == 0  # nothing pending to push

    t.sync()

    assert _server_seqs(restorable.server, t) == list(range(1, made + 1))  # each exactly once
    with read(restorable.server.engine) as conn:
        server_cards = {
            r.id: r.points_balance
            for r in conn.execute(select(CARDS.c.id, CARDS.c.points_balance))
            if r.id in {c.id for c in shop.cards}
        }
    with t.store.read() as conn:
        shown = {card_id: get_card(conn, card_id) for card_id in server_cards}
    assert {k: v.points_balance for k, v in shown.items() if v} == server_cards

    # What it shows is the server's card plus what is still pending.
    restorable.server.stop()
    point_card = shop.card(shop.points)
    assert isinstance(t.operate(point_card, EarnPoints(10_000)), Done)
    with t.store.read() as conn:
        card = get_card(conn, point_card.id)
    assert card is not None and card.points_balance == server_cards[point_card.id] + 100
    restorable.server = restorable._start()
    t.url = restorable.server.base_url
    assert_converged(restorable.server, shop, [t])


def test_after_a_restore_a_terminal_that_lost_nothing_takes_the_server_s_lower_cards(
    restorable: RestorableServer, tmp_path: Path
) -> None:
    """Another terminal's entries were lost: this one's cards must go back to the server's."""
    shop = make_merchant(restorable.server, card_count=4)
    reader = new_terminal(restorable.server, shop, tmp_path / "reader.db", store_index=1)
    restorable.backup()
    reader.url = restorable.server.base_url
    writer = new_terminal(restorable.server, shop, tmp_path / "writer.db")
    stamp_card = shop.card(shop.stamps)
    for _ in range(3):
        assert isinstance(writer.operate(stamp_card, Stamp()), Done)
    writer.sync()
    reader.sync()
    with reader.store.read() as conn:
        before = get_card(conn, stamp_card.id)
    assert before is not None and before.stamp_count == stamp_card.stamp_count + 3
    restorable.restore()  # the writer's pairing and its stamps are gone
    reader.url = restorable.server.base_url

    reader.sync()

    with read(restorable.server.engine) as conn:
        count = conn.execute(
            select(CARDS.c.stamp_count).where(CARDS.c.id == stamp_card.id)
        ).scalar_one()
    with reader.store.read() as conn:
        after = get_card(conn, stamp_card.id)
    assert count == stamp_card.stamp_count
    assert after is not None and after.stamp_count == count
