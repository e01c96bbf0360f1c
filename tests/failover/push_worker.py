"""A terminal process that works and pushes until told to stop, riding out server outages.

Usage: python -m tests.failover.push_worker DB SEED STAMP_CARD POINT_CARD STAFF_ID STOP_FILE
Prints "ready" after its first acknowledged push, and at the end "unreachable N": how many
syncs found no server to answer. A push the server cannot take (503, no
answer) is what the counter meets during a failover: the entries wait in the outbox, work
goes on, and the next sync sends them again. Once STOP_FILE exists it stops working, sends
what is left (giving up after a minute) and exits 0 with nothing pending.
"""

from __future__ import annotations

import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pos_app.domain.identifiers import CardRef
from pos_app.domain.operations import CardOperation, EarnPoints, RedeemPoints, Stamp
from pos_app.services.counter import perform
from pos_app.services.sync import server_link, sync_once
from pos_app.services.sync_loop import pending_count
from pos_app.store import open_store
from sync.engine.client import ServerClient, ServerUnreachable

RETRY_S = 0.2


def main(db: str, seed: int, stamp_card: str, point_card: str, staff_id: str, stop: str) -> int:
    rng = random.Random(seed)
    store = open_store(Path(db), create=False)
    link = server_link(store)
    assert link is not None
    # Operations eleven minutes apart in the past, so cooldowns never refuse.
    start = datetime.now(UTC) - timedelta(days=100)
    ops: list[tuple[str, CardOperation]] = [
        (stamp_card, Stamp()),
        (point_card, EarnPoints(rng.randint(100, 5000))),
        (point_card, RedeemPoints("croissant")),
    ]
    step = 0
    ready = False
    unreachable = 0
    with ServerClient(link.url, link.token) as client:
        while not Path(stop).exists():
            for _ in range(rng.randint(1, 4)):
                number, op = rng.choice(ops)
                perform(
                    store,
                    CardRef.number(number),
                    op,
                    staff_id,
                    start + timedelta(minutes=11 * step),
                )
                step += 1
            try:
                sync_once(store, client, batch_size=rng.choice([1, 3, 8]))
            except ServerUnreachable:
                unreachable += 1
                time.sleep(RETRY_S)
                continue
            if not ready:
                print("ready", flush=True)
                ready = True
        deadline = time.monotonic() + 60
        while pending_count(store) and time.monotonic() < deadline:
            try:
                sync_once(store, client)
            except ServerUnreachable:
                unreachable += 1
                time.sleep(RETRY_S)
    print(f"unreachable {unreachable}", flush=True)
    left = pending_count(store)
    store.close()
    return 0 if left == 0 else 1


if __name__ == "__main__":
    a = sys.argv
    sys.exit(main(a[1], int(a[2]), a[3], a[4], a[5], a[6]))
