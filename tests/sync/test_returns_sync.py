"""Returns tied to the purchase: that earn's rate, partial returns, never more than it gave,
clamped at zero when the points were spent, and the server agreeing on its own record."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from pos_app.domain.identifiers import CardRef
from pos_app.domain.operations import EarnPoints, RedeemPoints, normal_receipt
from pos_app.domain.refusal import RefusalCode, Refused
from pos_app.services.counter import Done, undo
from pos_app.services.returns import (
    Purchase,
    ReceiptMiss,
    purchase_by_receipt,
    recent_purchases,
    return_of_purchase,
    return_purchase,
)
from sync.server.db import read, write
from sync.server.models import CARDS, TRANSACTIONS
from tests.server.conftest import ServerProcess, make_merchant
from tests.sync.harness import new_terminal, next_time


def test_a_purchase_is_returned_in_parts_at_its_rate_and_never_beyond(
    any_server: ServerProcess, tmp_path: Path
) -> None:
    shop = make_merchant(any_server, card_count=2)
    card = shop.card(shop.points)
    with write(any_server.engine) as conn:  # a known start: 20 points
        conn.execute(CARDS.update().where(CARDS.c.id == card.id).values(points_balance=20))
    counter = new_terminal(any_server, shop, tmp_path / "t.db")
    ref = CardRef.number(card.card_number)

    earned = counter.operate(card, EarnPoints(10_001))  # 100.01 bought: 100 points
    assert isinstance(earned, Done) and earned.effect.points_delta == 100
    (purchase,) = recent_purchases(counter.store, card.id)
    assert (purchase.entry_id, purchase.amount_minor, purchase.points) == (
        earned.entry.entry_id,
        10_001,
        100,
    )

    def give_back(minor: int) -> Done | Refused:
        return return_purchase(
            counter.store, ref, purchase.entry_id, minor, shop.staff_id, next_time()
        )

    mistaken = give_back(2_500)
    assert isinstance(mistaken, Done)
    assert isinstance(undo(counter.store, mistaken.entry.seq, shop.staff_id, next_time()), Done)
    assert recent_purchases(counter.store, card.id)[0].returned_minor == 0  # given back
    first = give_back(2_500)  # a quarter of it
    assert isinstance(first, Done) and first.effect.points_delta == -24
    too_much = give_back(8_000)
    assert isinstance(too_much, Refused) and "at most 75.01" in too_much.message
    # The cake eats the balance: the rest of the return clamps at zero.
    assert isinstance(counter.operate(card, RedeemPoints("croissant")), Done)
    rest = give_back(7_501)
    assert isinstance(rest, Done)
    assert rest.effect.points_delta == -46 and rest.card.points_balance == 0
    assert rest.card.total_points_voided - card.total_points_voided == 24 + 76
    assert recent_purchases(counter.store, card.id) == []  # all of it came back
    nothing = give_back(1)
    assert isinstance(nothing, Refused) and nothing.code is RefusalCode.NOTHING_TO_RETURN

    counter.sync()
    with read(any_server.engine) as conn:
        rows = conn.execute(
            select(TRANSACTIONS.c.kind, TRANSACTIONS.c.status, TRANSACTIONS.c.applied_points_delta)
            .where(TRANSACTIONS.c.card_id == card.id)
            .order_by(TRANSACTIONS.c.id)
        ).all()
        balance = conn.execute(
            select(CARDS.c.points_balance).where(CARDS.c.id == card.id)
        ).scalar_one()
    assert [tuple(r) for r in rows] == [
        ("earn_points", "applied", 100),
        ("void_points", "applied", -24),
        ("reverse", "applied", 24),
        ("void_points", "applied", -24),
        ("redeem_points", "applied", -50),
        ("void_points", "applied", -46),
    ]
    assert balance == 0


def test_a_purchase_made_at_another_counter_is_returned_by_its_receipt_reference(
    any_server: ServerProcess, tmp_path: Path
) -> None:
    shop = make_merchant(any_server, card_count=2)
    card = shop.card(shop.points)
    till, other = (new_terminal(any_server, shop, tmp_path / f"{n}.db") for n in "ab")
    ref = CardRef.number(card.card_number)
    receipt = normal_receipt("  r-1001 / 7 ")
    earned = till.operate(card, EarnPoints(8_000, receipt))
    assert isinstance(earned, Done) and receipt == "R-1001 / 7"
    mine = purchase_by_receipt(till.store, card.id, receipt)
    assert isinstance(mine, Purchase) and mine.seq == earned.entry.seq  # its own, offline
    # Not synced yet: the server answers that it knows no such purchase either.
    assert purchase_by_receipt(other.store, card.id, receipt) is ReceiptMiss.UNKNOWN
    till.sync()
    # The other counter's continuous sync has pulled the card since: its balance holds the
    # 80 points (the demo card's own balance is random, and may be below 40).
    other.sync()

    found = purchase_by_receipt(other.store, card.id, receipt)  # the server's answer
    assert isinstance(found, Purchase) and (found.entry_id, found.amount_minor, found.points) == (
        earned.entry.entry_id,
        8_000,
        80,
    )
    half = return_of_purchase(other.store, ref, found, 4_000, shop.staff_id, next_time())
    assert isinstance(half, Done) and half.effect.points_delta == -40
    other.sync()
    again = purchase_by_receipt(other.store, card.id, receipt)
    assert isinstance(again, Purchase) and again.returned_minor == 4_000  # the server counts it
    too_much = return_of_purchase(other.store, ref, again, 4_001, shop.staff_id, next_time())
    assert isinstance(too_much, Refused) and "at most 40.00" in too_much.message
    assert purchase_by_receipt(other.store, card.id, "R-1002") is ReceiptMiss.UNKNOWN
    with read(any_server.engine) as conn:
        void = conn.execute(
            select(TRANSACTIONS.c.status, TRANSACTIONS.c.applied_points_delta).where(
                TRANSACTIONS.c.card_id == card.id, TRANSACTIONS.c.kind == "void_points"
            )
        ).one()
    assert tuple(void) == ("applied", -40)
