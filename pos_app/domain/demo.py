"""The demo merchant, once: its stores, staff, programs and cards.

The terminal's demo (`init --demo`, "Try the demo"), the server's `seed-demo`, the demo
camera's video and the self-test image all derive from these definitions, so a demo
terminal paired with a demo server finds on it every card the demo camera shows.
"""

from __future__ import annotations

import base64
import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from pos_app.domain.card import Card
from pos_app.domain.identifiers import luhn_check_digit
from pos_app.domain.program import Program, ProgramKind, Reward

DEMO_MERCHANT = "demo-merchant"
DEMO_MERCHANT_NAME = "Demo café & bakery"
DEMO_SEED = 7


@dataclass(frozen=True, slots=True)
class DemoStore:
    id: str
    name: str


@dataclass(frozen=True, slots=True)
class DemoStaff:
    id: str
    name: str
    role: str
    pin: str


DEMO_STORES = (DemoStore("store-1", "Main street"), DemoStore("store-2", "Station"))
DEMO_STORE = DEMO_STORES[0].id
"""The store a demo terminal belongs to."""
DEMO_STAFF = (
    DemoStaff("staff-alex", "Alex", "cashier", "1234"),
    DemoStaff("staff-sam", "Sam", "manager", "9999"),
)


def demo_programs(merchant_id: str = DEMO_MERCHANT) -> list[Program]:
    """A stamp card for coffee and a points card for the bakery."""
    return [
        Program(
            id="coffee",
            merchant_id=merchant_id,
            name="Coffee card",
            kind=ProgramKind.STAMPS,
            stamps_target=8,
            stamp_reward="Free coffee",
            cooldown_minutes=2,
            daily_stamp_cap=5,
            welcome_bonus_stamps=1,
        ),
        Program(
            id="bakery",
            merchant_id=merchant_id,
            name="Bakery points",
            kind=ProgramKind.POINTS,
            points_per_unit=Decimal(1),
            rewards=(Reward("croissant", "Croissant", 50), Reward("cake", "Whole cake", 300)),
            welcome_bonus_points=20,
            points_expiry_days=365,
        ),
    ]


def demo_cards(
    count: int,
    programs: Sequence[Program] | None = None,
    stores: Sequence[str] | None = None,
    seed: int = DEMO_SEED,
) -> list[Card]:
    """Deterministic cards, alternating programs and stores, some with history already.

    The same arguments give the same cards, tokens included, wherever they are called:
    by default the demo merchant's, which the terminal and the server both seed.
    """
    programs = list(programs) if programs is not None else demo_programs()
    stores = list(stores) if stores is not None else [s.id for s in DEMO_STORES]
    rng = random.Random(seed)
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
