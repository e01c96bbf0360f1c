"""The change feed and card lookup: paged, resumable, ordered, and only the merchant's own."""

from __future__ import annotations

from sync.protocol import CardChange, ChangesPage, ProgramChange, StaffChange, WireCard
from tests.server.client import Api
from tests.server.conftest import Merchant, ServerProcess, make_merchant, pair_terminal


def _page(api: Api, cursor: int, limit: int | None = None) -> ChangesPage:
    response = api.changes(cursor, limit)
    assert response.status_code == 200, response.text
    return ChangesPage.model_validate(response.json())


def _pull_all(api: Api, cursor: int = 0, limit: int = 7) -> tuple[list[ChangesPage], int]:
    pages = []
    while True:
        page = _page(api, cursor, limit)
        pages.append(page)
        cursor = page.next_cursor
        if not page.has_more:
            return pages, cursor


def test_a_first_sync_pages_through_everything_in_version_order(server: ServerProcess) -> None:
    merchant = make_merchant(server, card_count=30)
    api, _ = pair_terminal(server, merchant.stores[0], merchant.staff_id)

    pages, _ = _pull_all(api, limit=7)

    changes = [c for p in pages for c in p.changes]
    assert len(changes) == 2 + 1 + 30  # programs, staff, cards
    versions = [c.version for c in changes]
    assert versions == sorted(versions) and len(set(versions)) == len(versions)
    assert {c.program.id for c in changes if isinstance(c, ProgramChange)} == {
        merchant.stamps.id,
        merchant.points.id,
    }
    assert [c.staff.id for c in changes if isinstance(c, StaffChange)] == [merchant.staff_id]
    cards = {c.card.id: c.card for c in changes if isinstance(c, CardChange)}
    assert {str(i) for i in cards} == {c.id for c in merchant.cards}
    assert all(len(p.changes) <= 7 for p in pages) and len(pages) == 5
    remaining = [p.remaining_estimate for p in pages]
    assert remaining == sorted(remaining, reverse=True) and remaining[-1] == 0
    assert pages[0].remaining_estimate == 33 - 7


def test_an_interrupted_pull_resumes_from_its_cursor_without_gaps(server: ServerProcess) -> None:
    merchant = make_merchant(server, card_count=12)
    api, _ = pair_terminal(server, merchant.stores[0], merchant.staff_id)
    first = _page(api, 0, 5)

    # The connection dropped here; a new client resumes with the cursor it had saved.
    resumed, _ = _pull_all(Api(str(api.http.base_url), api.token), first.next_cursor, 4)
    everything, _ = _pull_all(api, 0, 100)

    seen = first.changes + [c for p in resumed for c in p.changes]
    assert [c.version for c in seen] == [c.version for c in everything[0].changes]


def test_a_pushed_change_comes_back_once_after_the_cursor(server: ServerProcess) -> None:
    merchant = make_merchant(server, card_count=4)
    api, chain = pair_terminal(server, merchant.stores[0], merchant.staff_id)
    _, cursor = _pull_all(api)
    card = merchant.card(merchant.points)
    chain.add(
        card.id, merchant.points.id, {"kind": "earn_points", "amount_minor": 700}, points_delta=7
    )
    assert api.push(chain.terminal_id, chain.entries).status_code == 200

    page = _page(api, cursor)

    assert [type(c) for c in page.changes] == [CardChange]
    change = page.changes[0]
    assert isinstance(change, CardChange)
    assert change.card.points_balance == card.points_balance + 7
    assert _page(api, page.next_cursor).changes == []


def test_the_feed_and_the_lookup_describe_a_card_identically(server: ServerProcess) -> None:
    # On PostgreSQL the feed's JSON is written by the database, the lookup's by Python.
    merchant = make_merchant(server, card_count=3)
    api, chain = pair_terminal(server, merchant.stores[0], merchant.staff_id)
    _, cursor = _pull_all(api)
    card = merchant.card(merchant.stamps)
    chain.add(card.id, merchant.stamps.id, {"kind": "stamp", "count": 1}, stamps_delta=1)
    assert api.push(chain.terminal_id, chain.entries).status_code == 200

    (change,) = _page(api, cursor).changes
    looked_up = api.lookup(token=card.qr_token)

    assert looked_up.status_code == 200, looked_up.text
    assert isinstance(change, CardChange)
    assert change.card == WireCard.model_validate(looked_up.json())
    assert change.card.last_stamp_at is not None and change.card.stamp_day is not None


def test_a_terminal_sees_only_its_own_merchant(server: ServerProcess, merchant: Merchant) -> None:
    stranger = make_merchant(server, card_count=5)
    api, _ = pair_terminal(server, merchant.stores[0], merchant.staff_id)

    pages, _ = _pull_all(api, limit=1000)

    ids = {c.card.id for p in pages for c in p.changes if isinstance(c, CardChange)}
    assert {str(i) for i in ids} == {c.id for c in merchant.cards}
    theirs = stranger.cards[0]
    assert api.lookup(token=theirs.qr_token).status_code == 404
    assert api.lookup(number=theirs.card_number).status_code == 404


def test_lookup_by_token_or_number(server: ServerProcess, merchant: Merchant) -> None:
    api, _ = pair_terminal(server, merchant.stores[0], merchant.staff_id)
    card = merchant.cards[0]

    by_token = api.lookup(token=card.qr_token)
    by_number = api.lookup(number=card.card_number)

    assert by_token.status_code == by_number.status_code == 200
    assert WireCard.model_validate(by_token.json()).to_card() == card
    assert by_token.json() == by_number.json()
    assert api.lookup().status_code == 400
    assert api.lookup(token=card.qr_token, number=card.card_number).status_code == 200
    assert api.lookup(token=card.qr_token, number=merchant.cards[1].card_number).status_code == 404
    assert api.lookup(number="12345").status_code == 422


def test_pages_are_bounded(server: ServerProcess, merchant: Merchant) -> None:
    api, _ = pair_terminal(server, merchant.stores[0], merchant.staff_id)
    assert api.changes(0, 10_001).status_code == 422
    assert api.changes(-1).status_code == 422
