"""The server works a return out from its own record of the earn, whatever the terminal says."""

from __future__ import annotations

import uuid

from pos_app.domain.refusal import RefusalCode
from sync.protocol import OutcomeStatus, PushResponse
from sync.server.entries import EntryChain
from tests.server.client import Api
from tests.server.conftest import Merchant


def test_a_return_is_capped_by_the_earn_it_names_and_refused_without_one(
    merchant: Merchant, terminal: tuple[Api, EntryChain]
) -> None:
    api, chain = terminal
    card = merchant.card(merchant.points)
    program = merchant.points.id
    earn = chain.add(
        card.id, program, {"kind": "earn_points", "amount_minor": 10_000}, points_delta=100
    )
    greedy = {"kind": "void_points", "points": 80, "of_entry_id": str(earn.entry_id)}
    half = chain.add(card.id, program, {**greedy, "returned_minor": 5_000}, points_delta=-80)
    stranger = {"kind": "void_points", "points": 5, "of_entry_id": str(uuid.uuid4())}
    unknown = chain.add(card.id, program, {**stranger, "returned_minor": 500}, points_delta=-5)
    response = api.push(chain.terminal_id, [earn, half, unknown])
    assert response.status_code == 200, response.text
    outcomes = PushResponse.model_validate(response.json()).outcomes
    assert outcomes[1].status is OutcomeStatus.ADJUSTED
    assert outcomes[1].applied_points_delta == -50  # half the purchase: half its points
    assert outcomes[2].status is OutcomeStatus.REFUSED
    assert outcomes[2].code is RefusalCode.UNKNOWN_PURCHASE
