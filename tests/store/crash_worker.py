"""A counter that never rests, for the crash-safety test to kill.

`python -m tests.store.crash_worker DB SEED [OPS]`

It applies a random mix of operations (stamps, stamp redemptions, earned, redeemed and voided
points, enrolments) through the real services, back to back, against the terminal database
DB. Around each one it tells its parent, on stdout and flushed at once:

    begin              an operation is about to start (so a kill after it landed mid-flight)
    committed SEQ ID   the operation's transaction has committed as journal entry SEQ
    refused            the rules refused it (nothing was written)

The store-local clock is injected and moves forward 30 s to 4 min per operation, starting
after the newest journal entry, so cooldowns and daily caps refuse some stamps but not most,
and a restarted worker never goes back in time. With OPS it stops after that many
operations; without, it runs until killed.
"""

from __future__ import annotations

import random
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pos_app.domain.identifiers import CardRef
from pos_app.domain.operations import (
    CardOperation,
    EarnPoints,
    RedeemPoints,
    RedeemStamps,
    Stamp,
    VoidPoints,
)
from pos_app.services.counter import Done, enroll_customer, perform
from pos_app.store import Store, open_store

STAFF = "staff-alex"
START = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def last_entry_time(store: Store) -> datetime:
    with store.read() as conn:
        value = conn.exec_driver_sql(
            "SELECT local_time FROM journal ORDER BY seq DESC LIMIT 1"
        ).scalar()
    return START if value is None else datetime.fromisoformat(value)


def cards_by_program(store: Store) -> dict[str, list[tuple[str, str]]]:
    """Program id -> (card number, QR token) of each of its cards."""
    found: dict[str, list[tuple[str, str]]] = {}
    with store.read() as conn:
        rows = conn.exec_driver_sql("SELECT program_id, card_number, qr_token FROM card_view")
        for program_id, number, token in rows:
            found.setdefault(program_id, []).append((number, token))
    return found


def card_operation(rng: random.Random, program_id: str) -> CardOperation:
    if program_id == "coffee":
        return Stamp(rng.randint(1, 2)) if rng.random() < 0.85 else RedeemStamps()
    roll = rng.random()
    if roll < 0.55:
        return EarnPoints(rng.randint(50, 20_000))
    if roll < 0.8:
        return RedeemPoints(rng.choice(("croissant", "cake")))
    return VoidPoints(rng.randint(1, 300))


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def run(path: Path, seed: int, ops: int | None) -> None:
    rng = random.Random(seed)
    store = open_store(path, create=False)
    cards = cards_by_program(store)
    now = last_entry_time(store)
    done = 0
    while ops is None or done < ops:
        now += timedelta(seconds=rng.uniform(30, 240))
        say("begin")
        if rng.random() < 0.1:
            program_id = rng.choice(("coffee", "bakery"))
            outcome: object = enroll_customer(
                store, STAFF, program_id, f"Customer {seed}-{done}", now=now
            )
            assert isinstance(outcome, Done)
            cards.setdefault(program_id, []).append(
                (outcome.card.card_number, outcome.card.qr_token)
            )
        else:
            program_id = rng.choice(sorted(cards))
            number, token = rng.choice(cards[program_id])
            ref = CardRef.token(token) if rng.random() < 0.7 else CardRef.number(number)
            outcome = perform(store, ref, card_operation(rng, program_id), STAFF, now=now)
        if isinstance(outcome, Done):
            say(f"committed {outcome.entry.seq} {outcome.entry.entry_id}")
        else:
            say("refused")
        done += 1
    store.close()


def main(argv: list[str]) -> int:
    if len(argv) not in (2, 3):
        print(__doc__, file=sys.stderr)
        return 2
    run(Path(argv[0]), int(argv[1]), int(argv[2]) if len(argv) == 3 else None)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
