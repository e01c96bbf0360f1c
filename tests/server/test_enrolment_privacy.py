"""Enrolment tells a terminal nothing of another merchant's cards.

Card ids, numbers and QR tokens are unique within a merchant: an enrolment whose id,
number or token another merchant's card holds is applied exactly as one with identifiers
nobody holds, and the two cards live side by side. Only a clash with the terminal's own
merchant's card (which its feed shows it anyway) is refused.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select

from pos_app.domain.refusal import RefusalCode
from sync.protocol import CardChange, ChangesPage, EntryOutcome, OutcomeStatus, PushResponse
from sync.server.models import CARDS
from tests.server.conftest import ServerProcess, make_merchant, pair_terminal


def _fresh_number(n: int) -> str:
    return f"{uuid.uuid4().int % 10**11:011d}{n}"


def _enroll(
    card_number: str, qr_token: str, card_id: str | None = None
) -> tuple[str, dict[str, Any]]:
    card_id = card_id or str(uuid.uuid4())
    op = {
        "kind": "enroll",
        "card_id": card_id,
        "card_number": card_number,
        "qr_token": qr_token,
        "customer_name": "Kim",
    }
    return card_id, op


def _shape(outcome: EntryOutcome) -> tuple[Any, ...]:
    """All an outcome says, but for the identifiers the terminal chose itself."""
    card = outcome.card
    assert card is not None
    return (
        outcome.status,
        outcome.code,
        outcome.reason,
        outcome.applied_stamps_delta,
        outcome.applied_points_delta,
        card.stamp_count,
        card.points_balance,
        card.customer_name,
    )


def test_another_merchant_s_number_and_token_are_free_here(server: ServerProcess) -> None:
    ours, theirs = make_merchant(server, card_count=2), make_merchant(server, card_count=2)
    api, chain = pair_terminal(server, ours.stores[0], ours.staff_id)
    their_card = theirs.card(theirs.stamps)
    own_card = ours.card(ours.stamps)
    attempts = {
        "their number": _enroll(their_card.card_number, uuid.uuid4().hex),
        "their token": _enroll(_fresh_number(1), their_card.qr_token),
        "unused": _enroll(_fresh_number(2), uuid.uuid4().hex),
        "our number": _enroll(own_card.card_number, uuid.uuid4().hex),
    }
    for card_id, op in attempts.values():
        chain.add(card_id, ours.stamps.id, op, stamps_delta=1)

    response = api.push(chain.terminal_id, chain.entries)

    assert response.status_code == 200, response.text
    outcomes = dict(
        zip(attempts, PushResponse.model_validate(response.json()).outcomes, strict=True)
    )
    unused = _shape(outcomes["unused"])
    assert unused[0] == OutcomeStatus.APPLIED
    assert _shape(outcomes["their number"]) == unused
    assert _shape(outcomes["their token"]) == unused
    for name in ("their number", "their token"):
        card = outcomes[name].card
        assert card is not None
        card_id, op = attempts[name]
        assert (str(card.id), card.card_number, card.qr_token) == (
            card_id,
            op["card_number"],
            op["qr_token"],
        )
    assert (outcomes["our number"].status, outcomes["our number"].code) == (
        OutcomeStatus.REFUSED,
        RefusalCode.ALREADY_ENROLLED,
    )
    # Each merchant finds its own card under the shared number; theirs is untouched.
    with server.engine.connect() as conn:
        theirs_now = conn.execute(
            select(CARDS.c.merchant_id, CARDS.c.stamp_count).where(CARDS.c.id == their_card.id)
        ).one()
    assert tuple(theirs_now) == (theirs.id, their_card.stamp_count)
    mine = api.lookup(number=their_card.card_number)
    assert mine.status_code == 200 and mine.json()["id"] == attempts["their number"][0]
    their_api, _ = pair_terminal(server, theirs.stores[0], theirs.staff_id)
    found = their_api.lookup(number=their_card.card_number)
    assert found.status_code == 200 and found.json()["id"] == their_card.id


def _outcomes(response: Any) -> list[EntryOutcome]:
    assert response.status_code == 200, response.text
    return PushResponse.model_validate(response.json()).outcomes


def test_another_merchant_s_card_id_is_enrolled_here_as_a_fresh_one(
    server: ServerProcess,
) -> None:
    ours, theirs = make_merchant(server, card_count=2), make_merchant(server, card_count=2)
    api, chain = pair_terminal(server, ours.stores[0], ours.staff_id)
    their_card = theirs.card(theirs.points)
    attempts = {
        "their id": _enroll(_fresh_number(3), uuid.uuid4().hex, card_id=their_card.id),
        "fresh id": _enroll(_fresh_number(4), uuid.uuid4().hex),
    }
    earn = {"kind": "earn_points", "amount_minor": 700}
    for card_id, op in attempts.values():
        chain.add(card_id, ours.points.id, op, points_delta=ours.points.welcome_bonus_points)
    for card_id, _ in attempts.values():
        chain.add(card_id, ours.points.id, earn, points_delta=7)

    first = _outcomes(api.push(chain.terminal_id, chain.entries))

    by_name = dict(zip(attempts, zip(first[:2], first[2:], strict=True), strict=True))
    for enrolment, earning in by_name.values():
        assert (enrolment.status, earning.status) == (OutcomeStatus.APPLIED,) * 2
    assert [_shape(o) for o in by_name["their id"]] == [_shape(o) for o in by_name["fresh id"]]
    # Our card under their id is ours: our number, our balance; theirs is untouched.
    card_id, op = attempts["their id"]
    found = api.lookup(number=op["card_number"])
    assert found.status_code == 200, found.text
    assert (found.json()["id"], found.json()["points_balance"]) == (
        card_id,
        ours.points.welcome_bonus_points + 7,
    )
    their_api, _ = pair_terminal(server, theirs.stores[0], theirs.staff_id)
    theirs_now = their_api.lookup(number=their_card.card_number).json()
    assert (theirs_now["id"], theirs_now["points_balance"]) == (
        their_card.id,
        their_card.points_balance,
    )
    # Each merchant's feed carries its own card under the shared id, never the other's.
    for client, number in ((api, op["card_number"]), (their_api, their_card.card_number)):
        page = ChangesPage.model_validate(client.changes(limit=1000).json())
        shared = [
            c.card for c in page.changes if isinstance(c, CardChange) and str(c.card.id) == card_id
        ]
        assert [c.card_number for c in shared] == [number]
    # A replay is answered as the first time: both cards as they were, nothing doubled.
    again = _outcomes(api.push(chain.terminal_id, chain.entries))
    assert [o.first_status for o in again] == [o.status for o in first]
    assert [o.card for o in again] == [o.card for o in first]
