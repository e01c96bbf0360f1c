"""Push: each entry applied exactly once, in order, by the same rules as the terminal."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from pos_app.domain.refusal import RefusalCode
from sync.protocol import OutcomeStatus, PushResponse, SequenceGap
from sync.server.entries import EntryChain
from sync.server.models import CARDS, TRANSACTIONS
from tests.server.client import Api
from tests.server.conftest import Merchant, ServerProcess, make_merchant

Terminal = tuple[Api, EntryChain]


def _push(api: Api, chain: EntryChain, entries: list | None = None) -> PushResponse:  # type: ignore[type-arg]
    response = api.push(chain.terminal_id, entries if entries is not None else chain.entries)
    assert response.status_code == 200, response.text
    return PushResponse.model_validate(response.json())


def _count(server: ServerProcess, terminal_id: object) -> int:
    with server.engine.connect() as conn:
        return conn.execute(
            select(func.count())
            .select_from(TRANSACTIONS)
            .where(TRANSACTIONS.c.terminal_id == str(terminal_id))
        ).scalar_one()


def test_entries_are_applied_and_answered_with_the_authoritative_card(
    merchant: Merchant, terminal: Terminal
) -> None:
    api, chain = terminal
    card = merchant.card(merchant.points)
    chain.add(
        card.id, merchant.points.id, {"kind": "earn_points", "amount_minor": 1250}, points_delta=12
    )
    chain.add(
        card.id, merchant.points.id, {"kind": "earn_points", "amount_minor": 999}, points_delta=9
    )

    result = _push(api, chain)

    assert [o.status for o in result.outcomes] == [OutcomeStatus.APPLIED] * 2
    assert [o.applied_points_delta for o in result.outcomes] == [12, 9]
    final = result.outcomes[-1].card
    assert final is not None and final.points_balance == card.points_balance + 21
    assert final.total_points_earned == card.total_points_earned + 21
    assert final.version > 0
    assert result.last_seq == 2


def test_a_retried_batch_returns_the_same_outcomes_and_changes_nothing(
    server: ServerProcess, merchant: Merchant, terminal: Terminal
) -> None:
    api, chain = terminal
    card = merchant.card(merchant.points)
    chain.add(
        card.id, merchant.points.id, {"kind": "earn_points", "amount_minor": 5000}, points_delta=50
    )
    chain.add(
        card.id,
        merchant.points.id,
        {"kind": "redeem_points", "reward_code": "cake"},
        points_delta=-300,
    )
    chain.add(
        "00000000-0000-4000-8000-000000000000",
        merchant.points.id,
        {"kind": "earn_points", "amount_minor": 100},
        points_delta=1,
    )
    first = _push(api, chain)
    rows_after_first = _count(server, chain.terminal_id)

    again = _push(api, chain)

    assert [o.status for o in again.outcomes] == [OutcomeStatus.DUPLICATE] * 3
    for before, after in zip(first.outcomes, again.outcomes, strict=True):
        assert (after.entry_id, after.seq, after.code) == (before.entry_id, before.seq, before.code)
        assert after.applied_points_delta == before.applied_points_delta
        assert after.card == before.card
    assert _count(server, chain.terminal_id) == rows_after_first == 3
    assert again.last_seq == 3


def test_a_batch_mixing_received_and_new_entries_applies_only_the_new(
    merchant: Merchant, terminal: Terminal
) -> None:
    api, chain = terminal
    card = merchant.card(merchant.points)
    chain.add(
        card.id, merchant.points.id, {"kind": "earn_points", "amount_minor": 1000}, points_delta=10
    )
    _push(api, chain)
    chain.add(
        card.id, merchant.points.id, {"kind": "earn_points", "amount_minor": 2000}, points_delta=20
    )

    result = _push(api, chain)

    assert [o.status for o in result.outcomes] == [OutcomeStatus.DUPLICATE, OutcomeStatus.APPLIED]
    assert result.outcomes[-1].card is not None
    assert result.outcomes[-1].card.points_balance == card.points_balance + 30


def test_a_batch_that_skips_entries_is_refused_with_the_expected_seq(
    terminal: Terminal, merchant: Merchant
) -> None:
    api, chain = terminal
    card = merchant.card(merchant.points)
    for _ in range(3):
        chain.add(
            card.id,
            merchant.points.id,
            {"kind": "earn_points", "amount_minor": 100},
            points_delta=1,
        )

    response = api.push(chain.terminal_id, chain.entries[2:])

    assert response.status_code == 409
    assert SequenceGap.model_validate(response.json()).expected_seq == 1


def test_an_altered_entry_is_refused_and_nothing_is_applied(
    server: ServerProcess, terminal: Terminal, merchant: Merchant
) -> None:
    api, chain = terminal
    card = merchant.card(merchant.points)
    chain.add(
        card.id, merchant.points.id, {"kind": "earn_points", "amount_minor": 100}, points_delta=1
    )
    chain.add(
        card.id, merchant.points.id, {"kind": "earn_points", "amount_minor": 100}, points_delta=1
    )
    forged = chain.entries[1].model_copy(update={"points_delta": 1000})

    response = api.push(chain.terminal_id, [chain.entries[0], forged])

    assert response.status_code == 409
    assert "entry 2" in response.json()["detail"]
    assert _count(server, chain.terminal_id) == 0


def test_a_terminal_that_rewrote_its_history_is_refused(
    merchant: Merchant, terminal: Terminal
) -> None:
    api, chain = terminal
    card = merchant.card(merchant.points)
    chain.add(
        card.id, merchant.points.id, {"kind": "earn_points", "amount_minor": 100}, points_delta=1
    )
    _push(api, chain)
    # A new journal from scratch: entry 1 again, but a different one.
    rewritten = EntryChain(chain.terminal_id, chain.store_id, chain.staff_id)
    rewritten.add(
        card.id, merchant.points.id, {"kind": "earn_points", "amount_minor": 900}, points_delta=9
    )
    rewritten.add(
        card.id, merchant.points.id, {"kind": "earn_points", "amount_minor": 900}, points_delta=9
    )

    whole = api.push(chain.terminal_id, rewritten.entries)
    continuing = api.push(chain.terminal_id, rewritten.entries[1:])

    assert whole.status_code == 409 and "rewritten" in whole.json()["detail"]
    assert continuing.status_code == 409 and "does not chain" in continuing.json()["detail"]


def test_the_body_must_name_the_token_s_own_terminal(
    terminal: Terminal, merchant: Merchant
) -> None:
    api, chain = terminal
    other = EntryChain(uuid.uuid4(), chain.store_id, chain.staff_id)
    other.add(
        merchant.card(merchant.points).id,
        merchant.points.id,
        {"kind": "earn_points", "amount_minor": 100},
        points_delta=1,
    )

    assert api.push(other.terminal_id, other.entries).status_code == 403


def test_rules_refuse_and_adjust_like_the_terminal(merchant: Merchant, terminal: Terminal) -> None:
    api, chain = terminal
    points_card = merchant.card(merchant.points)
    stamps_card = merchant.card(merchant.stamps)
    now = datetime.now(UTC)
    balance = points_card.points_balance
    chain.add(
        points_card.id,
        merchant.points.id,
        {"kind": "void_points", "points": balance + 40},
        points_delta=-(balance + 40),
    )
    chain.add(
        points_card.id,
        merchant.points.id,
        {"kind": "redeem_points", "reward_code": "croissant"},
        points_delta=-50,
    )
    chain.add(
        stamps_card.id,
        merchant.stamps.id,
        {"kind": "stamp", "count": 1},
        stamps_delta=1,
        local_time=now,
    )
    chain.add(
        stamps_card.id,
        merchant.stamps.id,
        {"kind": "stamp", "count": 1},
        stamps_delta=1,
        local_time=now + timedelta(minutes=3),
    )

    void, redeem, stamp, too_soon = _push(api, chain).outcomes

    assert void.status == OutcomeStatus.ADJUSTED and void.applied_points_delta == -balance
    assert void.card is not None and void.card.total_points_voided == balance + 40
    assert (redeem.status, redeem.code) == (OutcomeStatus.REFUSED, RefusalCode.INSUFFICIENT_POINTS)
    assert redeem.reason and "croissant" in redeem.reason.lower()
    assert stamp.status == OutcomeStatus.APPLIED
    assert (too_soon.status, too_soon.code) == (OutcomeStatus.REFUSED, RefusalCode.COOLDOWN)
    assert too_soon.reason and "7 minutes" in too_soon.reason


def test_enrolment_creates_the_card_once(
    server: ServerProcess, merchant: Merchant, terminal: Terminal
) -> None:
    api, chain = terminal
    card_id = "11111111-2222-4333-8444-" + merchant.id[-10:].rjust(12, "0").replace("m", "0")[-12:]
    number = str(int(merchant.id[2:], 16) % 10**11).rjust(11, "1") + "7"
    token = ("Tok" + merchant.id).ljust(32, "x")[:32]
    enroll = {
        "kind": "enroll",
        "card_id": card_id,
        "card_number": number,
        "qr_token": token,
        "customer_name": "Kim",
    }
    chain.add(card_id, merchant.points.id, enroll, points_delta=20)
    chain.add(
        card_id, merchant.points.id, {"kind": "earn_points", "amount_minor": 3000}, points_delta=30
    )
    taken = dict(enroll, card_id=card_id[:-1] + ("1" if card_id[-1] != "1" else "2"))
    chain.add(taken["card_id"], merchant.points.id, taken, points_delta=20)

    created, earned, duplicate = _push(api, chain).outcomes

    assert created.status == OutcomeStatus.APPLIED and created.applied_points_delta == 20
    assert earned.card is not None and earned.card.points_balance == 50
    assert earned.card.enrolled_at_store == chain.store_id and earned.card.customer_name == "Kim"
    assert (duplicate.status, duplicate.code) == (
        OutcomeStatus.REFUSED,
        RefusalCode.ALREADY_ENROLLED,
    )
    with server.engine.connect() as conn:
        assert (
            conn.execute(
                select(func.count()).select_from(CARDS).where(CARDS.c.qr_token == token)
            ).scalar_one()
            == 1
        )


def test_another_merchant_s_card_is_refused_as_unknown(
    server: ServerProcess, merchant: Merchant, terminal: Terminal
) -> None:
    api, chain = terminal
    stranger = make_merchant(server)
    theirs = stranger.card(stranger.points)
    chain.add(
        theirs.id,
        merchant.points.id,
        {"kind": "earn_points", "amount_minor": 1000},
        points_delta=10,
    )
    chain.add(
        theirs.id,
        stranger.points.id,
        {"kind": "earn_points", "amount_minor": 1000},
        points_delta=10,
    )
    chain.add(
        "4b9e3f1c-8a2d-4e5f-9a6b-7c8d9e0f1a2b",
        merchant.points.id,
        {"kind": "earn_points", "amount_minor": 1000},
        points_delta=10,
    )

    outcomes = _push(api, chain).outcomes

    assert [(o.status, o.code, o.card) for o in outcomes] == [
        (OutcomeStatus.REFUSED, RefusalCode.UNKNOWN_CARD, None)
    ] * 3
    assert len({o.reason for o in outcomes}) == 1
    with server.engine.connect() as conn:
        balance = conn.execute(
            select(CARDS.c.points_balance).where(CARDS.c.id == theirs.id)
        ).scalar_one()
    assert balance == theirs.points_balance


def test_a_terminal_clock_far_ahead_is_flagged(
    server: ServerProcess, merchant: Merchant, terminal: Terminal
) -> None:
    api, chain = terminal
    card = merchant.card(merchant.points)
    chain.add(
        card.id,
        merchant.points.id,
        {"kind": "earn_points", "amount_minor": 100},
        points_delta=1,
        local_time=datetime.now(UTC) + timedelta(days=3),
    )

    _push(api, chain)

    with server.engine.connect() as conn:
        row = conn.execute(
            select(TRANSACTIONS).where(TRANSACTIONS.c.terminal_id == str(chain.terminal_id))
        ).one()
    assert row.clock_suspect is True
    assert row.local_time - row.received_at > timedelta(days=2)
