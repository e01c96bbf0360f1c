"""Wallet tests: a throwaway PKI, and a SQLite server database with one merchant's cards."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pos_app.domain.card import Card
from pos_app.domain.demo import demo_cards
from pos_app.domain.program import Program, ProgramKind
from sync.server import admin
from sync.server.db import make_engine, migrate, write
from tests.server.wallet.pki import Pki, make_pki


@pytest.fixture(scope="session")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    return make_pki(tmp_path_factory.mktemp("pki"))


@dataclass
class Shop:
    merchant_id: str
    store_id: str
    staff_id: str
    program: Program
    cards: list[Card]


def add_shop(db_url: str, name: str = "Harbour Coffee", card_count: int = 3) -> Shop:
    tag = uuid.uuid4().hex[:8]
    mid, store, staff = f"m-{tag}", f"s-{tag}", f"st-{tag}"
    program = Program(
        id=f"coffee-{tag}",
        merchant_id=mid,
        name="Coffee card",
        kind=ProgramKind.STAMPS,
        stamps_target=8,
        stamp_reward="Free coffee",
    )
    now = datetime.now(UTC)
    engine = make_engine(db_url, pool_size=1)
    with write(engine) as conn:
        admin.create_merchant(conn, mid, name, now)
        admin.add_store(conn, store, mid, "Harbour", now)
        admin.add_staff(conn, staff, mid, "Alex", "cashier", "1234", now)
        admin.add_program(conn, program, now)
        cards = demo_cards(card_count, [program], [store], seed=int(tag, 16) % 10**6)
        admin.insert_cards(conn, cards, now)
    engine.dispose()
    return Shop(mid, store, staff, program, cards)


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'server.db'}"
    migrate(url)
    return url
