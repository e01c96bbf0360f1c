"""Refused codes and tokens recorded in the database, so every worker counts them together."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, delete, func, insert, select

from sync.server.db import write
from sync.server.models import AUTH_FAILURES


def shared_failures(engine: Engine, window_s: float) -> Callable[[str], int]:
    """`FailureLimiter.shared`: record one failure of a client, count its recent ones."""

    def record(client: str) -> int:
        client = client[:64]
        now = datetime.now(UTC)
        horizon = now - timedelta(seconds=window_s)
        table = AUTH_FAILURES
        with write(engine) as conn:
            # Only this client's old rows: the table holds at most a window's failures.
            conn.execute(
                delete(table).where(table.c.client == client, table.c.failed_at <= horizon)
            )
            conn.execute(insert(table).values(client=client, failed_at=now))
            return int(
                conn.execute(
                    select(func.count())
                    .select_from(table)
                    .where(table.c.client == client, table.c.failed_at > horizon)
                ).scalar_one()
            )

    return record
