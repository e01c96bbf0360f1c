"""The server works a return out from its own record of the earn, whatever the terminal says."""

from __future__ import annotations

import uuid

import httpx

from pos_app.domain.refusal import RefusalCode
from sync.protocol import EarnFound, OutcomeStatus, PushResponse
from sync.server.entries import EntryChain
from tests.server.client import Api
from tests.server.conftest import Merchant, ServerProcess, make_merchant, pair_terminal


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


def test_an_earn_is_found_by_its_receipt_reference_for_this_merchant_s_terminals_only(
    server: ServerProcess, merchant: Merchant, terminal: tuple[Api, EntryChain]
) -> None:
    api, chain = terminal
    card = merchant.card(merchant.points)
    op = {"kind": "earn_points", "amount_minor": 10_000, "receipt": "TILL 2/4411"}
    earn = chain.add(card.id, merchant.points.id, op, points_delta=100)
    assert api.push(chain.terminal_id, [earn]).status_code == 200

    def ask(client: Api, receipt: str) -> httpx.Response:
        path = f"/v1/cards/{card.id}/earn"
        return client.http.get(path, params={"receipt": receipt}, headers=client._auth())

    found = ask(api, "TILL 2/4411")
    assert found.status_code == 200, found.text
    assert EarnFound.model_validate(found.json()) == EarnFound(
        entry_id=earn.entry_id, amount_minor=10_000, points=100, returned_minor=0
    )
    assert ask(api, "TILL 2/4412").status_code == 404
    assert ask(api, "till 2/4411").status_code == 422  # not a reference as the journal keeps it
    other = make_merchant(server, card_count=2)
    stranger, _ = pair_terminal(server, other.stores[0], other.staff_id)
    assert ask(stranger, "TILL 2/4411").status_code == 404  # another merchant's card
    stranger.close()
