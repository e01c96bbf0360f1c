"""Schema upgrades keep every pending entry: a terminal may upgrade in the middle of an outage."""

from __future__ import annotations

from typing import Any

from alembic import command
from sqlalchemy import Connection, select

from pos_app.domain.card import Card
from pos_app.domain.demo import demo_cards
from pos_app.domain.identifiers import CardRef
from pos_app.domain.operations import EarnPoints, Stamp
from pos_app.services.counter import Done, perform
from pos_app.services.integrity import check_store
from pos_app.store import Store, open_store
from pos_app.store.cards import LOCAL, VIEW, card_from_row
from pos_app.store.database import alembic_config, head_revision
from pos_app.store.schema import JournalRow, JournalSyncRow
from tests.conftest import CASHIER
from tests.store.test_database import NOON

COFFEE, BAKERY, *_ = demo_cards(20)


def _everything(conn: Connection) -> tuple[list[Any], list[Any], dict[str, Card]]:
    journal = [tuple(r) for r in conn.execute(select(JournalRow.__table__))]
    sync = [tuple(r) for r in conn.execute(select(JournalSyncRow.__table__))]
    cards = {r.id: card_from_row(r) for r in conn.execute(select(VIEW))}
    return journal, sync, cards


def _revision(conn: Connection) -> str:
    return str(conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar_one())


def test_upgrading_from_0001_keeps_pending_entries_and_what_the_cashier_sees(
    demo_store: Store,
) -> None:
    for ref, op in ((COFFEE, Stamp()), (BAKERY, EarnPoints(2_500))):
        assert isinstance(
            perform(demo_store, CardRef.number(ref.card_number), op, CASHIER, NOON), Done
        )
    with demo_store.read() as conn:
        before = _everything(conn)
    path = demo_store.path
    with demo_store.engine.connect() as conn:
        command.downgrade(alembic_config(conn), "0001")
        conn.commit()
        # Schema 0001 kept a local copy of every card, synced or not.
        assert conn.exec_driver_sql("SELECT count(*) FROM cards").scalar_one() == 20
    demo_store.close()

    upgraded = open_store(path, create=False)
    try:
        with upgraded.read() as conn:
            assert _revision(conn) == head_revision()
            assert _everything(conn) == before
            kept = set(conn.execute(select(LOCAL.c.id)).scalars())
        assert kept == {COFFEE.id, BAKERY.id}  # only the cards with work not yet synced
        assert check_store(upgraded).ok
    finally:
        upgraded.close()


def test_upgrading_from_0003_keeps_what_the_server_applied_where_the_answer_says_it(
    demo_store: Store,
) -> None:
    from pos_app.store.outbox import Answer, record_answers

    done = [
        perform(demo_store, CardRef.number(BAKERY.card_number), EarnPoints(n), CASHIER, NOON)
        for n in (2_500, 1_000, 3_000, 500)
    ]
    assert all(isinstance(d, Done) for d in done)
    seqs = [d.entry.seq for d in done if isinstance(d, Done)]
    with demo_store.write() as conn:
        record_answers(
            conn,
            [
                Answer(seqs[0], "applied", None, None, None),
                Answer(seqs[1], "refused", "card_inactive", "Inactive.", None),
                Answer(seqs[2], "adjusted", None, "Other rules.", None),
            ],
            NOON.isoformat(),
        )
    path = demo_store.path
    with demo_store.engine.connect() as conn:
        command.downgrade(alembic_config(conn), "0003")
        conn.commit()
    demo_store.close()

    upgraded = open_store(path, create=False)
    try:
        with upgraded.read() as conn:
            rows = conn.execute(
                select(
                    JournalSyncRow.status,
                    JournalSyncRow.applied_stamps,
                    JournalSyncRow.applied_points,
                ).order_by(JournalSyncRow.seq)
            ).all()
        assert [tuple(r) for r in rows] == [
            ("applied", 0, 25),
            ("refused", 0, 0),
            ("adjusted", None, None),  # its amounts were never kept: the report says so
            ("pending", None, None),
        ]
    finally:
        upgraded.close()
