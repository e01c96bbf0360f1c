"""The server's demo merchant (pos_app.domain.demo): its stores, staff, programs and cards.

The same definitions seed the terminal's own demo, so a demo terminal paired with this
server finds the programs, staff and cards it expects, QR tokens included.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection

from pos_app.domain.demo import (
    DEMO_MERCHANT,
    DEMO_MERCHANT_NAME,
    DEMO_SEED,
    DEMO_STAFF,
    DEMO_STORES,
    demo_cards,
    demo_programs,
)
from sync.server import admin


def seed_demo(conn: Connection, card_count: int, now: datetime, seed: int = DEMO_SEED) -> None:
    admin.create_merchant(conn, DEMO_MERCHANT, DEMO_MERCHANT_NAME, now)
    for store in DEMO_STORES:
        admin.add_store(conn, store.id, DEMO_MERCHANT, store.name, now)
    for s in DEMO_STAFF:
        admin.add_staff(conn, s.id, DEMO_MERCHANT, s.name, s.role, s.pin, now)
    programs = [admin.add_program(conn, p, now) for p in demo_programs()]
    stores = [s.id for s in DEMO_STORES]
    admin.insert_cards(conn, demo_cards(card_count, programs, stores, seed), now)
