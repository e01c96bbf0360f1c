"""A card's life reaches its passes: an operator's deactivation and replacement, points
expiry and a customer's erasure each owe an update to the card's devices and Google object,
and what the pass then shows is the card's new state (void, new number, no points)."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, delete, insert, select, update

from pos_app.domain.program import Program, ProgramKind
from sync.server import admin
from sync.server.card_actions import card_action, deactivate_op, replace_op
from sync.server.customers import erase_customer
from sync.server.db import make_engine, migrate, read, write
from sync.server.expiry import expire_points
from sync.server.models import CARDS, CUSTOMERS, WALLET_DEVICES, WALLET_OUTBOX
from sync.server.wallet.face import CardFace, face_of_card
from sync.server.wallet.issue import ensure_apple_identity, ensure_google_identity
from tests.pg import create_database, drop_database, pg_admin_url  # noqa: F401
from tests.server.wallet.conftest import Shop, add_shop
from tests.server.wallet.pki import PASS_TYPE_ID

Key = tuple[str, str, str]


@pytest.fixture(params=["sqlite", "postgres"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        sqlite = f"sqlite:///{tmp_path / 'server.db'}"
        migrate(sqlite)
        yield sqlite
        return
    admin_url: str = request.getfixturevalue("pg_admin_url")
    pg = create_database(admin_url)
    try:
        migrate(pg)
        yield pg
    finally:
        drop_database(admin_url, pg)


def issue_and_register(engine: Engine, merchant_id: str, card_id: str, google: bool) -> Key:
    """The card's Apple pass issued and a device registered for it (as PassKit's register
    call stores it); its Google object too if `google`."""
    device = f"dev-{uuid.uuid4().hex[:8]}"
    with write(engine) as conn:
        face = face_of_card(conn, merchant_id, card_id)
        assert face is not None
        face = ensure_apple_identity(conn, face)
        if google:
            ensure_google_identity(conn, face, "3388000000012345678")
        conn.execute(
            insert(WALLET_DEVICES).values(
                device_id=device,
                pass_type_id=PASS_TYPE_ID,
                serial_number=face.apple_serial_number,
                card_id=card_id,
                merchant_id=merchant_id,
                push_token="ab" * 32,
                registered_at=datetime.now(UTC),
            )
        )
    return (merchant_id, card_id, f"apns:{device}")


def owed(engine: Engine) -> set[Key]:
    """The updates owed, then forgotten (as if sent): each step sees only its own."""
    with write(engine) as conn:
        rows = conn.execute(
            select(WALLET_OUTBOX.c.merchant_id, WALLET_OUTBOX.c.card_id, WALLET_OUTBOX.c.target)
        ).all()
        conn.execute(delete(WALLET_OUTBOX))
    return {(r.merchant_id, r.card_id, r.target) for r in rows}


def face(engine: Engine, shop: Shop, index: int) -> CardFace:
    with read(engine) as conn:
        found = face_of_card(conn, shop.merchant_id, shop.cards[index].id)
    assert found is not None
    return found


def test_deactivation_replacement_expiry_and_erasure_reach_the_pass(url: str) -> None:
    now = datetime.now(UTC)
    shop = add_shop(url, card_count=3)
    # Another merchant with a card of the same id as the erased one: never touched.
    other = add_shop(url, "Dockside Tea", card_count=1)
    lapsing = Program(
        id=f"lapse-{shop.merchant_id}",
        merchant_id=shop.merchant_id,
        name="Points that lapse",
        kind=ProgramKind.POINTS,
        points_expiry_days=30,
    )
    points_card = dataclasses.replace(
        shop.cards[0],
        id=str(uuid.uuid4()),
        card_number="400000000001",
        qr_token=uuid.uuid4().hex,
        program_id=lapsing.id,
        points_balance=120,
        total_points_earned=120,
        last_points_at=now - timedelta(days=40),
    )
    engine = make_engine(url, pool_size=1)
    customer = str(uuid.uuid4())
    try:
        with write(engine) as conn:
            admin.add_program(conn, lapsing, now)
            admin.insert_cards(conn, [points_card], now)
            mine = (CARDS.c.merchant_id == other.merchant_id) & (CARDS.c.id == other.cards[0].id)
            conn.execute(update(CARDS).where(mine).values(id=shop.cards[2].id))
            conn.execute(
                insert(CUSTOMERS).values(
                    id=customer, merchant_id=shop.merchant_id, name="Ada", created_at=now
                )
            )
            theirs = (CARDS.c.merchant_id == shop.merchant_id) & (CARDS.c.id == shop.cards[2].id)
            conn.execute(update(CARDS).where(theirs).values(customer_id=customer))
        shop = dataclasses.replace(shop, cards=[*shop.cards, points_card])
        keys = [issue_and_register(engine, shop.merchant_id, c.id, i == 2)
                for i, c in enumerate(shop.cards)]  # fmt: skip
        issue_and_register(engine, other.merchant_id, shop.cards[2].id, True)
        assert owed(engine) == set()

        # An operator deactivates card 0: its pass shows void, its device is told.
        card_action(engine, shop.merchant_id, shop.cards[0].card_number, deactivate_op("lost"), now)
        assert owed(engine) == {keys[0]}
        assert face(engine, shop, 0).voided

        # Card 1 replaced: the same pass (serial) now carries the new number and QR token.
        before = face(engine, shop, 1)
        card_action(engine, shop.merchant_id, shop.cards[1].card_number, replace_op(), now)
        assert owed(engine) == {keys[1]}
        after = face(engine, shop, 1)
        assert after.card_number != before.card_number and after.qr_token != before.qr_token
        assert after.apple_serial_number == before.apple_serial_number
        assert after.apple_auth_token == before.apple_auth_token and not after.voided

        # The points card's points expire: its pass shows none.
        assert expire_points(engine, now, shop.merchant_id) == 1
        assert owed(engine) == {keys[3]}
        assert face(engine, shop, 3).points == 0

        # The customer of card 2 is erased: the pass (Apple and Google) turns void and
        # nameless, still reachable by its serial; the other merchant's card of that id stays.
        with write(engine) as conn:
            assert erase_customer(conn, customer, now).cards == 1
        google = (shop.merchant_id, shop.cards[2].id, "google")
        assert owed(engine) == {keys[2], google}  # not the other merchant's card
        erased = face(engine, shop, 2)
        assert erased.voided and erased.customer_name == ""
        assert erased.apple_serial_number and erased.google_object_id
        with read(engine) as conn:
            jwt = conn.execute(
                select(CARDS.c.google_jwt).where(
                    CARDS.c.merchant_id == shop.merchant_id, CARDS.c.id == shop.cards[2].id
                )
            ).scalar_one()
            bystanding = face_of_card(conn, other.merchant_id, shop.cards[2].id)
        assert jwt is None
        assert bystanding is not None and not bystanding.voided and bystanding.customer_name
    finally:
        engine.dispose()
