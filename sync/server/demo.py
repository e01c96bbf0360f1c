"""The server's demo merchant: two stores, a stamps and a points program, staff, N cards.

Ids, rules and PINs match the terminal's own demo (`loyalty-pos` set-up), so a demo
terminal paired with this server finds the programs and staff it expects.
"""

from __future__ import annotations

import base64
import random
import uuid
from datetime import datetime

from sqlalchemy import Connection

from pos_app.domain.card import Card
from pos_app.domain.demo import DEMO_MERCHANT, demo_programs
from pos_app.domain.identifiers import luhn_check_digit
from pos_app.domain.program import Program
from sync.server import admin

DEMO_STORES = (("store-1", "Main street"), ("store-2", "Station"))
DEMO_STAFF = (
    ("staff-alex", "Alex", "cashier", "1234"),
    ("staff-sam", "Sam", "manager", "9999"),
)


def demo_cards(count: int, programs: list[Program], stores: list[str], seed: int = 7) -> list[Card]:
    """Deterministic cards, alternating programs and stores, some with history already."""
    rng = random.Random(seed)
    cards = []
    for i in range(count):
        body = str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(10))
        program = programs[i % len(programs)]
        stamps = rng.randint(0, program.stamps_target - 1) if program.has_stamps else 0
        points = rng.randint(0, 400) if program.has_points else 0
        cards.append(
            Card(
                id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                card_number=body + luhn_check_digit(body),
                qr_token=base64.urlsafe_b64encode(rng.randbytes(24)).decode(),
                merchant_id=program.merchant_id,
                program_id=program.id,
                enrolled_at_store=stores[(i // len(programs)) % len(stores)],
                customer_name=f"Demo customer {i + 1}",
                stamp_count=stamps,
                total_stamps_earned=stamps,
                points_balance=points,
                total_points_earned=points,
            )
        )
    return cards


def seed_demo(conn: Connection, card_count: int, now: datetime, seed: int = 7) -> None:
    admin.create_merchant(conn, DEMO_MERCHANT, "Demo café & bakery", now)
    for store_id, name in DEMO_STORES:
        admin.add_store(conn, store_id, DEMO_MERCHANT, name, now)
    for staff_id, name, role, pin in DEMO_STAFF:
        admin.add_staff(conn, staff_id, DEMO_MERCHANT, name, role, pin, now)
    programs = [admin.add_program(conn, p, now) for p in demo_programs()]
    stores = [s for s, _ in DEMO_STORES]
    admin.insert_cards(conn, demo_cards(card_count, programs, stores, seed), now)
