"""After a restore from backup a merchant's counter can lag its rows; start-up heals it."""

from __future__ import annotations

from sqlalchemy import func, select, text

from sync.server.db import current_version, heal_version_counter, read, write
from sync.server.models import CARDS
from tests.server.conftest import Merchant, ServerProcess


def test_start_up_puts_the_counter_back_above_every_stored_version(
    server: ServerProcess, merchant: Merchant
) -> None:
    with write(server.engine) as conn:
        conn.execute(
            text("UPDATE merchant_versions SET value = 1 WHERE merchant_id = :m"),
            {"m": merchant.id},
        )
        heal_version_counter(conn)
    with read(server.engine) as conn:
        highest = conn.execute(
            select(func.max(CARDS.c.version)).where(CARDS.c.merchant_id == merchant.id)
        ).scalar_one()
        assert current_version(conn, merchant.id) >= highest > 1
