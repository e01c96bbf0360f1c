"""Two terminals redeem offline on one card, together more than it holds (DESIGN, principle 5).

On PostgreSQL with two workers and two threads pushing at the same instant: the server
serialises them on the card row, applies the first and refuses the second; neither is lost.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime

from sqlalchemy import select

from pos_app.domain.card import Card
from pos_app.domain.refusal import RefusalCode
from sync.protocol import OutcomeStatus, PushResponse
from sync.server import admin
from sync.server.db import write
from sync.server.models import CARDS, TRANSACTIONS
from tests.server.conftest import ServerProcess, make_merchant, pair_terminal

ROUNDS = 8


def test_the_redemption_the_balance_no_longer_covers_is_refused(pg_server: ServerProcess) -> None:
    merchant = make_merchant(pg_server, card_count=0)
    a, chain_a = pair_terminal(pg_server, merchant.stores[0], merchant.staff_id)
    b, chain_b = pair_terminal(pg_server, merchant.stores[1], merchant.staff_id)
    cards = [
        Card(
            id=f"00000000-0000-4000-8000-{merchant.id[2:]}{n:02d}",
            card_number=f"9{int(merchant.id[2:], 16) % 10**9:09d}{n:02d}",
            qr_token=f"conc-{merchant.id}-{n:02d}".ljust(32, "q"),
            merchant_id=merchant.id,
            program_id=merchant.points.id,
            enrolled_at_store=merchant.stores[0],
            points_balance=500,
            total_points_earned=500,
        )
        for n in range(ROUNDS)
    ]
    with write(pg_server.engine) as conn:
        admin.insert_cards(conn, cards, datetime.now(UTC))
    redeem_cake = {"kind": "redeem_points", "reward_code": "cake"}  # 300 of 500 points
    for card in cards:
        chain_a.add(card.id, merchant.points.id, redeem_cake, points_delta=-300)
        chain_b.add(card.id, merchant.points.id, redeem_cake, points_delta=-300)

    results: dict[str, list[PushResponse]] = {"a": [], "b": []}
    for n in range(ROUNDS):
        barrier = threading.Barrier(2)

        def run(name: str, api=a, chain=chain_a, n=n, barrier=barrier) -> None:  # type: ignore[no-untyped-def]
            barrier.wait()
            response = api.push(chain.terminal_id, chain.entries[n : n + 1])
            assert response.status_code == 200, response.text
            results[name].append(PushResponse.model_validate(response.json()))

        threads = [
            threading.Thread(target=run, args=("a",)),
            threading.Thread(target=run, args=("b",), kwargs={"api": b, "chain": chain_b}),
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()

    for n, card in enumerate(cards):
        outcomes = [results["a"][n].outcomes[0], results["b"][n].outcomes[0]]
        statuses = sorted(o.status for o in outcomes)
        assert statuses == [OutcomeStatus.APPLIED, OutcomeStatus.REFUSED], card.id
        refused = next(o for o in outcomes if o.status == OutcomeStatus.REFUSED)
        assert refused.code == RefusalCode.INSUFFICIENT_POINTS
        assert refused.card is not None and refused.card.points_balance == 200
        with pg_server.engine.connect() as conn:
            balance = conn.execute(
                select(CARDS.c.points_balance).where(CARDS.c.id == card.id)
            ).scalar_one()
            recorded = conn.execute(
                select(TRANSACTIONS.c.status).where(TRANSACTIONS.c.card_id == card.id)
            ).scalars()
            assert sorted(recorded) == ["applied", "refused"]
        assert balance == 200
