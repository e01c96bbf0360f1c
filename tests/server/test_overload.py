"""A server whose every database connection is busy answers 503 with Retry-After, not
500: the terminal takes it as "try later", sends the same entries again, and each is
applied once. Overload made real: PostgreSQL row locks hold the pushes' connections."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import httpx
from sqlalchemy import Engine, func, select, text

from sync.protocol import OutcomeStatus, PushResponse
from sync.server.models import MERCHANT_VERSIONS, TRANSACTIONS
from sync.server.unavailable import BUSY_DETAIL, BUSY_RETRY_AFTER_S
from tests.server.conftest import make_merchant, pair_terminal, start_server

_WAITING = text(
    "SELECT count(*) FROM pg_stat_activity"
    " WHERE wait_event_type = 'Lock' AND datname = current_database()"
)


def _waiting_on_locks(engine: Engine, expected: int) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with engine.connect() as conn:
            waiting = conn.execute(_WAITING).scalar_one()
        if waiting >= expected:
            return
        time.sleep(0.05)
    raise AssertionError(f"fewer than {expected} requests waited on the lock")


def test_busy_connections_answer_503_with_retry_after_and_nothing_is_lost(
    pg_database_url: str, tmp_path: Path
) -> None:
    log = tmp_path / "server.log"
    # One connection per worker and one more at a peak; a request waits 1 s for one.
    server = start_server(
        "postgres", pg_database_url, log, extra=("--pool-size", "1", "--pool-timeout", "1")
    )
    try:
        shop = make_merchant(server)
        tills = [pair_terminal(server, shop.stores[0], shop.staff_id) for _ in range(2)]
        card = shop.card(shop.points)
        for _api, chain in tills:
            chain.add(
                card.id,
                shop.points.id,
                {"kind": "earn_points", "amount_minor": 1000},
                points_delta=10,
            )
        answers: dict[int, httpx.Response] = {}

        def push(index: int) -> None:
            api, chain = tills[index]
            answers[index] = api.push(chain.terminal_id, chain.entries)

        with server.engine.begin() as lock:
            # The merchant's change counter, held: the first push waits on it, the second
            # on the card the first holds, each on one of the server's two connections.
            lock.execute(
                select(MERCHANT_VERSIONS)
                .where(MERCHANT_VERSIONS.c.merchant_id == shop.id)
                .with_for_update()
            )
            pushes = [threading.Thread(target=push, args=(i,)) for i in range(2)]
            for thread in pushes:
                thread.start()
            _waiting_on_locks(server.engine, 2)
            busy = tills[0][0].changes()
        for thread in pushes:
            thread.join(30)

        assert busy.status_code == 503, busy.text
        assert busy.json() == {"detail": BUSY_DETAIL}
        assert busy.headers["Retry-After"] == str(BUSY_RETRY_AFTER_S)
        assert tills[0][0].changes().status_code == 200  # once the load has passed
        # The pushes held on the lock went through when it was let go; any answered busy
        # is sent again, as the terminal does, and nothing is doubled.
        for index, (api, chain) in enumerate(tills):
            if answers[index].status_code == 503:
                answers[index] = api.push(chain.terminal_id, chain.entries)
            outcome = PushResponse.model_validate(answers[index].json()).outcomes[0]
            assert outcome.status is OutcomeStatus.APPLIED
        with server.engine.connect() as conn:
            stored = conn.execute(
                select(func.count())
                .select_from(TRANSACTIONS)
                .where(TRANSACTIONS.c.merchant_id == shop.id, TRANSACTIONS.c.card_id == card.id)
            ).scalar_one()
        assert stored == 2
        assert "Traceback" not in log.read_text()
        for api, _chain in tills:
            api.close()
    finally:
        server.stop()
