"""Undo against the real server: it takes back what the server applied, once, and never a
refused entry's nothing."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from sqlalchemy import select

from pos_app.domain.operations import RedeemPoints, Stamp
from pos_app.services.counter import Done, undo
from sync.server.db import read, write
from sync.server.models import CARDS, TRANSACTIONS
from tests.server.conftest import Merchant, ServerProcess, make_merchant
from tests.sync.harness import assert_converged, new_terminal, next_time


def statuses(server: ServerProcess, merchant: Merchant) -> list[tuple[str, str, str | None]]:
    with read(server.engine) as conn:
        rows = conn.execute(
            select(TRANSACTIONS.c.kind, TRANSACTIONS.c.status, TRANSACTIONS.c.code)
            .where(TRANSACTIONS.c.merchant_id == merchant.id)
            .order_by(TRANSACTIONS.c.id)
        ).all()
    return [(r.kind, r.status, r.code) for r in rows]


def test_an_undo_synced_with_its_entry_takes_it_back_on_the_server(
    sync_server: ServerProcess, shop: Merchant, tmp_path: Path
) -> None:
    t = new_terminal(sync_server, shop, tmp_path / "t.db")
    stamped = t.operate(shop.card(shop.stamps), Stamp())
    assert isinstance(stamped, Done)
    assert isinstance(undo(t.store, stamped.entry.seq, shop.staff_id, next_time()), Done)
    t.sync()
    assert statuses(sync_server, shop) == [("stamp", "applied", None), ("reverse", "applied", None)]
    assert_converged(sync_server, shop, [t])


def test_undoing_an_entry_the_server_refused_is_refused_too(
    sync_server: ServerProcess, tmp_path: Path
) -> None:
    shop = make_merchant(sync_server, card_count=4)
    card = replace(shop.card(shop.points), points_balance=300)
    with write(sync_server.engine) as conn:
        conn.execute(CARDS.update().where(CARDS.c.id == card.id).values(points_balance=300))
    shop.cards[shop.cards.index(shop.card(shop.points))] = card
    first = new_terminal(sync_server, shop, tmp_path / "a.db", store_index=0)
    second = new_terminal(sync_server, shop, tmp_path / "b.db", store_index=1)
    assert isinstance(first.operate(card, RedeemPoints("cake")), Done)
    cake = second.operate(card, RedeemPoints("cake"))
    assert isinstance(cake, Done)
    assert isinstance(undo(second.store, cake.entry.seq, shop.staff_id, next_time()), Done)
    first.sync()
    second.sync()
    assert statuses(sync_server, shop) == [
        ("redeem_points", "applied", None),
        ("redeem_points", "refused", "insufficient_points"),
        ("reverse", "refused", "not_undoable"),  # no 300 points given back out of thin air
    ]
    with read(sync_server.engine) as conn:
        balance = conn.execute(select(CARDS.c.points_balance).where(CARDS.c.id == card.id)).scalar()
    assert balance == 0
    assert_converged(sync_server, shop, [first, second])
