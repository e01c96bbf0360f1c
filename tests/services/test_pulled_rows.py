"""A card pulled from the change feed is stored exactly as one the server sent with an answer."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from sqlalchemy import select

from pos_app.domain.demo import demo_cards
from pos_app.services.sync import _server_row
from pos_app.store import Store
from pos_app.store.cards import REPLICA
from pos_app.store.replica import store_server_cards, store_server_rows
from sync.protocol import WireCard

USED = replace(
    demo_cards(1)[0],
    stamp_count=3,
    stamps_on_day=1,
    stamp_day=date(2026, 11, 25),
    last_stamp_at=datetime(2026, 11, 25, 9, 30, 5, 123456, tzinfo=UTC),
    last_activity_at=datetime(2026, 11, 25, 9, 30, 5, 123456, tzinfo=UTC),
)


def _stored(store: Store) -> tuple[object, ...]:
    with store.read() as conn:
        return tuple(conn.execute(select(REPLICA).where(REPLICA.c.id == USED.id)).one())


def test_the_feeds_fast_path_writes_the_same_columns_as_the_answer_path(
    demo_store: Store,
) -> None:
    with demo_store.write() as conn:
        store_server_cards(conn, [(USED, 41)])
    answered = _stored(demo_store)
    with demo_store.write() as conn:
        conn.execute(REPLICA.delete().where(REPLICA.c.id == USED.id))
        store_server_rows(conn, [_server_row(WireCard.from_card(USED, 41))])
    assert _stored(demo_store) == answered
    assert "2026-11-25T09:30:05.123456+00:00" in answered
