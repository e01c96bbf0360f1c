"""A terminal process that works and syncs nonstop, to be killed with SIGKILL at any instant.

Usage: python -m tests.sync.sync_worker DB SEED STAMP_CARD POINT_CARD STAFF_ID
Prints "ready" once it has started syncing, so the killer knows the process is in its loop.
"""

from __future__ import annotations

import random
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pos_app.domain.identifiers import CardRef
from pos_app.domain.operations import CardOperation, EarnPoints, RedeemPoints, Stamp
from pos_app.services.counter import perform
from pos_app.services.sync import server_link, sync_once
from pos_app.store import open_store
from sync.engine.client import ServerClient


def main(db: str, seed: int, stamp_card: str, point_card: str, staff_id: str) -> None:
    rng = random.Random(seed)
    store = open_store(Path(db), create=False)
    link = server_link(store)
    assert link is not None
    # Each run starts a day later than the last could have reached, so cooldowns never refuse.
    start = datetime.now(UTC) - timedelta(days=200) + timedelta(days=seed % 150)
    ops: list[tuple[str, CardOperation]] = [
        (stamp_card, Stamp()),
        (point_card, EarnPoints(rng.randint(100, 5000))),
        (point_card, RedeemPoints("croissant")),
    ]
    with ServerClient(link.url, link.token) as client:
        print("ready", flush=True)
        for i in range(10_000):
            for j in range(rng.randint(1, 6)):
                number, op = rng.choice(ops)
                now = start + timedelta(minutes=11 * (i * 10 + j))
                perform(store, CardRef.number(number), op, staff_id, now)
            sync_once(store, client, batch_size=rng.choice([1, 3, 8]))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5])
