"""Keys are a merchant's own: an entry id another merchant used is no concern of this one,
and within a merchant it is still refused (exactly-once holds per merchant)."""

from __future__ import annotations

import uuid

from tests.server.conftest import ServerProcess, make_merchant, pair_terminal

STAMP = {"kind": "stamp", "count": 1}


def test_two_merchants_push_entries_with_the_same_entry_id_and_both_are_applied(
    server: ServerProcess,
) -> None:
    shared = uuid.uuid4()
    answers = []
    for merchant in (make_merchant(server, card_count=2), make_merchant(server, card_count=2)):
        api, chain = pair_terminal(server, merchant.stores[0], merchant.staff_id)
        card = merchant.card(merchant.stamps)
        chain.add(card.id, card.program_id, STAMP, stamps_delta=1, entry_id=shared)
        response = api.push(chain.terminal_id, chain.entries)
        answers.append((response.status_code, response.json()["outcomes"][0]["status"]))
        api.close()
    assert answers == [(200, "applied"), (200, "applied")]


def test_within_a_merchant_an_entry_id_its_other_terminal_used_is_refused(
    server: ServerProcess,
) -> None:
    merchant = make_merchant(server, card_count=2)
    card, shared = merchant.card(merchant.stamps), uuid.uuid4()
    codes = []
    for store in merchant.stores:
        api, chain = pair_terminal(server, store, merchant.staff_id)
        chain.add(card.id, card.program_id, STAMP, stamps_delta=1, entry_id=shared)
        response = api.push(chain.terminal_id, chain.entries)
        codes.append(response.status_code)
        api.close()
    assert codes == [200, 409]
