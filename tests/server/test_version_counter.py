"""After a restore from backup the change counter can lag its rows; start-up heals it."""

from __future__ import annotations

from sqlalchemy import func, select, text

from sync.server.db import current_version, heal_version_counter, read, write
from sync.server.models import CARDS
from tests.server.conftest import Merchant, ServerProcess


def test_start_up_puts_the_counter_back_above_every_stored_version(
    server: ServerProcess, merchant: Merchant
) -> None:
    with write(server.engine) as conn:
        if server.backend == "sqlite":
            conn.execute(text("UPDATE change_counter SET value = 1 WHERE id = 1"))
        else:
            conn.execute(text("SELECT setval('change_version_seq', 1)"))
        heal_version_counter(conn)
    with read(server.engine) as conn:
        highest = conn.execute(select(func.max(CARDS.c.version))).scalar_one()
        assert current_version(conn) >= highest > 1
