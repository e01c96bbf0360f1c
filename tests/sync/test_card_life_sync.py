"""The card's life between counters: deactivate, reactivate, replace, adjust, and what an
offline counter's stamps meet afterwards (the rule in `pos_app.services.card_life`)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from pos_app.domain.identifiers import CardRef, format_card_number
from pos_app.domain.operations import EarnPoints, Stamp
from pos_app.domain.refusal import RefusalCode, Refused
from pos_app.services.card_life import adjust, deactivate, merge_cards, reactivate, replace_card
from pos_app.services.counter import Done, perform
from pos_app.services.end_of_day import day_report, report_lines
from pos_app.services.errors import SignInError
from pos_app.services.lookup import NotFound, find_card, find_or_fetch
from pos_app.services.staff_auth import sign_in
from pos_app.store.staff import StaffMember
from sync.server import admin
from sync.server.db import read, write
from sync.server.models import CARDS, TRANSACTIONS
from tests.server.conftest import Merchant, ServerProcess, make_merchant
from tests.sync.harness import Terminal, new_terminal, next_time

MANAGER_PIN = "8642"


def _shop_with_a_manager(server: ServerProcess) -> Merchant:
    shop = make_merchant(server, card_count=4)
    with write(server.engine) as conn:
        admin.add_staff(
            conn, f"boss-{shop.id}", shop.id, "Morgan", "manager", MANAGER_PIN, datetime.now(UTC)
        )
    return shop


def _manager(t: Terminal) -> StaffMember:
    return sign_in(t.store, "Morgan", MANAGER_PIN)


def _transactions(server: ServerProcess, card_id: str) -> list[tuple[str, str, str | None]]:
    with read(server.engine) as conn:
        rows = conn.execute(
            select(TRANSACTIONS.c.kind, TRANSACTIONS.c.status, TRANSACTIONS.c.code)
            .where(TRANSACTIONS.c.card_id == card_id)
            .order_by(TRANSACTIONS.c.id)
        ).all()
    return [(r.kind, r.status, r.code) for r in rows]


def test_a_card_deactivated_meanwhile_refuses_an_offline_counter_s_stamp_and_says_so(
    any_server: ServerProcess, tmp_path: Path
) -> None:
    shop = _shop_with_a_manager(any_server)
    back_office = new_terminal(any_server, shop, tmp_path / "a.db")
    offline = new_terminal(any_server, shop, tmp_path / "b.db", store_index=1)
    card = shop.card(shop.stamps)
    ref = CardRef.number(card.card_number)

    cashier = sign_in(back_office.store, "Alex", "1234")
    with pytest.raises(SignInError, match="not a manager"):
        deactivate(back_office.store, ref, cashier, "lost")
    manager = _manager(back_office)
    assert isinstance(deactivate(back_office.store, ref, manager, "lost", next_time()), Done)
    refused = perform(back_office.store, ref, Stamp(), shop.staff_id, next_time())
    assert isinstance(refused, Refused) and refused.code is RefusalCode.CARD_INACTIVE
    back_office.sync()

    stamped = offline.operate(card, Stamp())  # it has not heard yet
    assert isinstance(stamped, Done)
    offline.sync()
    assert _transactions(any_server, card.id) == [
        ("deactivate", "applied", None),
        ("stamp", "refused", "card_inactive"),
    ]
    day = datetime.fromisoformat(stamped.entry.local_time).date()
    assert "no longer active" in "\n".join(report_lines(day_report(offline.store, day)))

    assert isinstance(reactivate(back_office.store, ref, manager, next_time()), Done)
    again = reactivate(back_office.store, ref, manager, next_time())
    assert isinstance(again, Refused) and again.code is RefusalCode.CARD_ACTIVE
    back_office.sync()
    offline.sync()
    assert isinstance(offline.operate(card, Stamp()), Done)
    offline.sync()
    assert _transactions(any_server, card.id)[-1] == ("stamp", "applied", None)


def test_a_lost_card_replaced_keeps_its_balance_and_its_old_code_says_replaced(
    any_server: ServerProcess, tmp_path: Path
) -> None:
    shop = _shop_with_a_manager(any_server)
    back_office = new_terminal(any_server, shop, tmp_path / "a.db")
    offline = new_terminal(any_server, shop, tmp_path / "b.db", store_index=1)
    card = shop.card(shop.points)
    old = CardRef.number(card.card_number)

    done = replace_card(back_office.store, old, _manager(back_office), next_time())
    assert isinstance(done, Done)
    new = done.card
    assert new.id == card.id and new.card_number != card.card_number
    assert new.qr_token != card.qr_token
    assert new.points_balance == card.points_balance  # balances (and history) carried
    here = find_or_fetch(back_office.store, old)
    assert isinstance(here, NotFound)
    assert f"replaced by a new card: {format_card_number(new.card_number)}" in here.message
    back_office.sync()

    # A counter that has not pulled yet stamps the old code: the points go to the card.
    assert isinstance(offline.operate(card, EarnPoints(1_000)), Done)
    offline.sync()
    assert _transactions(any_server, card.id)[-2:] == [
        ("replace", "applied", None),
        ("earn_points", "applied", None),
    ]
    with read(any_server.engine) as conn:
        row = conn.execute(select(CARDS).where(CARDS.c.id == card.id)).one()
    assert (row.card_number, row.qr_token) == (new.card_number, new.qr_token)
    assert row.points_balance == card.points_balance + 10

    # Now it has pulled: the old number and the old QR code say what happened.
    for ref in (old, CardRef.token(card.qr_token)):
        answer = find_or_fetch(offline.store, ref)
        assert isinstance(answer, NotFound)
        assert "replaced by a new card" in answer.message
    view = find_card(offline.store, CardRef.token(new.qr_token))
    assert view is not None and view.card.points_balance == card.points_balance + 10


def test_a_manager_s_adjustment_needs_a_reason_and_syncs(
    sync_server: ServerProcess, tmp_path: Path
) -> None:
    shop = _shop_with_a_manager(sync_server)
    counter = new_terminal(sync_server, shop, tmp_path / "a.db")
    card = shop.card(shop.points)
    ref = CardRef.number(card.card_number)
    manager = _manager(counter)

    no_reason = adjust(counter.store, ref, manager, "  ", points=50)
    assert isinstance(no_reason, Refused) and "needs a reason" in no_reason.message
    overdraw = adjust(counter.store, ref, manager, "typo", points=-(card.points_balance + 1))
    assert isinstance(overdraw, Refused) and overdraw.code is RefusalCode.INSUFFICIENT_POINTS
    done = adjust(counter.store, ref, manager, "till was down, receipt 4411", points=50)
    assert isinstance(done, Done) and done.card.points_balance == card.points_balance + 50
    counter.sync()
    assert _transactions(sync_server, card.id) == [("adjust", "applied", None)]
    with read(sync_server.engine) as conn:
        balance = conn.execute(
            select(CARDS.c.points_balance).where(CARDS.c.id == card.id)
        ).scalar_one()
    assert balance == card.points_balance + 50


def test_two_cards_of_one_customer_merge_into_one_and_the_server_agrees(
    any_server: ServerProcess, tmp_path: Path
) -> None:
    shop = _shop_with_a_manager(any_server)
    counter = new_terminal(any_server, shop, tmp_path / "a.db")
    keep, other = shop.card(shop.points, 0), shop.card(shop.points, 1)
    with write(any_server.engine) as conn:  # one customer (imported cards are nameless)
        customer = conn.execute(select(CARDS.c.customer_id).where(CARDS.c.id == keep.id))
        conn.execute(
            CARDS.update().where(CARDS.c.id == other.id).values(customer_id=customer.scalar_one())
        )
    manager = _manager(counter)
    done = merge_cards(
        counter.store,
        CardRef.number(other.card_number),
        CardRef.number(keep.card_number),
        manager,
        next_time(),
    )
    assert isinstance(done, Done)
    assert done.card.points_balance == keep.points_balance + other.points_balance
    gone = find_card(counter.store, CardRef.number(other.card_number))
    assert gone is not None and not gone.card.is_active and gone.card.points_balance == 0
    counter.sync()
    assert _transactions(any_server, other.id) == [("merge_out", "applied", None)]
    assert _transactions(any_server, keep.id) == [("merge_in", "applied", None)]
    with read(any_server.engine) as conn:
        balances = dict(
            conn.execute(
                select(CARDS.c.id, CARDS.c.points_balance).where(
                    CARDS.c.id.in_([keep.id, other.id])
                )
            ).all()
        )
    assert balances == {keep.id: keep.points_balance + other.points_balance, other.id: 0}
