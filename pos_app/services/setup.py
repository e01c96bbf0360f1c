"""Creating a terminal database: its identity, and optionally a demo merchant to try it on."""

from __future__ import annotations

import uuid
from pathlib import Path

from sqlalchemy import Connection

from pos_app.domain.demo import DEMO_STAFF, demo_cards, demo_programs
from pos_app.domain.pin import hash_pin
from pos_app.services.clock import local_now
from pos_app.services.errors import ServiceError
from pos_app.store import Store, open_store
from pos_app.store.cards import REPLICA, insert_card
from pos_app.store.programs import save_program
from pos_app.store.staff import save_staff
from pos_app.store.terminal import has_identity, set_identity


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
                raise ServiceError(
                    f"{path} is already a terminal database; nothing changed",
                    "already_database",
                    path=str(path),
                )
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
