"""Creating a terminal database: its identity, and optionally a demo merchant to try it on."""

from __future__ import annotations

import base64
import random
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection

from pos_app.domain.card import Card
from pos_app.domain.demo import DEMO_MERCHANT, demo_programs
from pos_app.domain.identifiers import luhn_check_digit
from pos_app.domain.pin import hash_pin
from pos_app.services.clock import local_now
from pos_app.services.errors import ServiceError
from pos_app.store import Store, open_store
from pos_app.store.cards import REPLICA, insert_card
from pos_app.store.programs import save_program
from pos_app.store.staff import save_staff
from pos_app.store.terminal import has_identity, set_identity

DEMO_STORE = "store-1"


@dataclass(frozen=True, slots=True)
class DemoStaff:
    id: str
    name: str
    role: str
    pin: str


DEMO_STAFF = (
    DemoStaff("staff-alex", "Alex", "cashier", "1234"),
    DemoStaff("staff-sam", "Sam", "manager", "9999"),
)


def demo_cards(count: int, seed: int = 7) -> list[Card]:
    """Deterministic demo cards, alternating programs, some with history already."""
    rng = random.Random(seed)
    programs = demo_programs()
    cards = []
    for i in range(count):
        body = str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(10))
        token = base64.urlsafe_b64encode(rng.randbytes(24)).decode()
        program = programs[i % len(programs)]
        stamps = rng.randint(0, program.stamps_target - 1) if program.has_stamps else 0
        points = rng.randint(0, 400) if program.has_points else 0
        cards.append(
            Card(
                id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                card_number=body + luhn_check_digit(body),
                qr_token=token,
                merchant_id=DEMO_MERCHANT,
                program_id=program.id,
                enrolled_at_store=DEMO_STORE,
                customer_name=f"Demo customer {i + 1}",
                stamp_count=stamps,
                total_stamps_earned=stamps,
                points_balance=points,
                total_points_earned=points,
            )
        )
    return cards


def init_terminal(
    path: Path,
    *,
    merchant_id: str,
    store_id: str,
    name: str = "Counter 1",
    demo_card_count: int = 0,
) -> Store:
    """Create the database at `path` with this terminal's identity (and demo data if asked)."""
    store = open_store(path)
    try:
        with store.write() as conn:
            if has_identity(conn):
                raise ServiceError(f"{path} is already a terminal database; nothing changed")
            set_identity(
                conn,
                terminal_id=str(uuid.uuid4()),
                merchant_id=merchant_id,
                store_id=store_id,
                name=name,
                created=local_now().isoformat(),
            )
            if demo_card_count:
                _seed_demo(conn, demo_card_count)
    except BaseException:
        store.close()
        raise
    return store


def _seed_demo(conn: Connection, card_count: int) -> None:
    for program in demo_programs():
        save_program(conn, program)
    for s in DEMO_STAFF:
        save_staff(conn, staff_id=s.id, name=s.name, role=s.role, pin_hash=hash_pin(s.pin))
    for card in demo_cards(card_count):
        # As if pulled from the server: the replica is the card's view until it is used.
        insert_card(conn, card, REPLICA)
