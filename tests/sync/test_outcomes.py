"""What the manager is finally shown is what the server decided the first time.

A retry of a batch whose answer was lost gets the first answer again (as Stripe's
idempotency keys do); the terminal records that answer and the end of day lists every
refusal, whatever was lost on the way.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from pos_app.domain.operations import RedeemPoints
from pos_app.services.counter import Done
from pos_app.services.end_of_day import day_report, report_lines
from sync.engine.client import ServerUnreachable
from sync.server.db import write
from sync.server.models import CARDS
from tests.server.conftest import Merchant, ServerProcess, make_merchant
from tests.sync.fault_proxy import Fault, FaultProxy, Request
from tests.sync.harness import Terminal, assert_converged, new_terminal, status_counts_of


def overdrawing_terminals(
    server: ServerProcess, tmp_path: Path
) -> tuple[Merchant, Terminal, Terminal]:
    """Two terminals that, offline, each give the one cake a card's 300 points cover."""
    shop = make_merchant(server, card_count=4)
    card = shop.card(shop.points)
    with write(server.engine) as conn:
        conn.execute(CARDS.update().where(CARDS.c.id == card.id).values(points_balance=300))
    card = replace(card, points_balance=300)
    shop.cards[shop.cards.index(shop.card(shop.points))] = card
    first = new_terminal(server, shop, tmp_path / "a.db", store_index=0)
    second = new_terminal(server, shop, tmp_path / "b.db", store_index=1)
    assert isinstance(first.operate(card, RedeemPoints("cake")), Done)
    assert isinstance(second.operate(card, RedeemPoints("cake")), Done)
    return shop, first, second


def _drop_first_push() -> tuple[list[int], object]:
    dropped: list[int] = []

    def plan(request: Request, index: int) -> Fault:
        if request.path.startswith("/v1/push") and not dropped:
            dropped.append(index)
            return Fault.DROP_RESPONSE
        return Fault.PASS

    return dropped, plan


def test_a_refusal_whose_answer_was_lost_is_recorded_and_reported_as_a_refusal(
    any_server: ServerProcess, tmp_path: Path
) -> None:
    server = any_server
    shop, first, second = overdrawing_terminals(server, tmp_path)
    first.sync()
    upstream = int(server.base_url.rsplit(":", 1)[1])
    dropped, plan = _drop_first_push()
    with FaultProxy(upstream, plan) as proxy:  # type: ignore[arg-type]
        with pytest.raises(ServerUnreachable):
            second.sync(proxy.url)  # the server refused the cake; the answer never arrived
        second.sync(proxy.url)  # the retry
    assert dropped
    assert status_counts_of(second.store) == {"refused": 1}
    entry_day = date.fromisoformat(second.done[-1].entry.local_time[:10])
    text = "\n".join(report_lines(day_report(second.store, entry_day)))
    assert "refused" in text and "costs 300" in text, text
    assert "duplicate" not in text and "Nothing was refused" not in text, text
    assert_converged(server, shop, [first, second])
