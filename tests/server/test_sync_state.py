"""`POST /v1/sync-state`: where the server's copy of a terminal's journal ends, and the epoch."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import Connection, text

from sync.protocol import SyncState
from sync.server import reports
from sync.server.db import current_version, heal_version_counter, read, write
from sync.server.entries import EntryChain
from sync.server.reports import Scope, TerminalInfo
from tests.server.client import Api
from tests.server.conftest import Merchant, ServerProcess, make_merchant, pair_terminal


def _state(api: Api, chain: EntryChain, cursor: int = 0, acknowledged: int = 0) -> SyncState:
    response = api.sync_state(chain.terminal_id, cursor, acknowledged)
    assert response.status_code == 200, response.text
    return SyncState.model_validate(response.json())


def test_it_says_where_the_journal_ends_and_keeps_the_epoch_while_nothing_went_back(
    server: ServerProcess, merchant: Merchant, terminal: tuple[Api, EntryChain]
) -> None:
    api, chain = terminal
    chain.add(merchant.cards[0].id, merchant.cards[0].program_id, {"kind": "stamp", "count": 1})
    assert api.push(chain.terminal_id, chain.entries).status_code == 200
    first = _state(api, chain, acknowledged=1)
    assert first.last_seq == 1 and first.change_version > 0
    assert _state(api, chain, cursor=first.change_version, acknowledged=1).epoch == first.epoch


def test_a_terminal_that_has_seen_more_than_the_server_holds_renews_its_merchants_epoch(
    server: ServerProcess, merchant: Merchant, terminal: tuple[Api, EntryChain]
) -> None:
    api, chain = terminal
    other_api, other_chain = pair_terminal(server, merchant.stores[1], merchant.staff_id)
    before = _state(other_api, other_chain)
    ahead = _state(api, chain, acknowledged=5)  # answers the server no longer holds
    assert ahead.last_seq == 0 and ahead.epoch != before.epoch
    assert _state(other_api, other_chain).epoch == ahead.epoch  # every terminal hears of it
    beyond = _state(api, chain, cursor=ahead.change_version + 1000)
    assert beyond.epoch != ahead.epoch
    other_api.close()


def test_healing_a_merchant_s_counter_at_start_up_renews_that_merchant_s_epoch(
    server: ServerProcess, merchant: Merchant, terminal: tuple[Api, EntryChain]
) -> None:
    api, chain = terminal
    other = make_merchant(server, card_count=1)
    before = _state(api, chain)
    other_api, other_chain = pair_terminal(server, other.stores[0], other.staff_id)
    untouched = _state(other_api, other_chain)
    with write(server.engine) as conn:  # what a restore can do to the merchant's counter
        _set_counter(conn, merchant.id, 1)
        heal_version_counter(conn)
    assert _state(api, chain).epoch != before.epoch
    # Another merchant's counter did not go back: its terminals keep their state.
    assert _state(other_api, other_chain).epoch == untouched.epoch
    other_api.close()


def _set_counter(conn: Connection, merchant_id: str, value: int) -> None:
    conn.execute(
        text("UPDATE merchant_versions SET value = :v WHERE merchant_id = :m"),
        {"v": value, "m": merchant_id},
    )


def test_each_merchant_draws_its_own_versions(server: ServerProcess) -> None:
    """Versions count per merchant: a busy merchant does not move another's counter, and a
    terminal's cursor compares with its own merchant's versions only."""
    first, second = make_merchant(server, card_count=3), make_merchant(server, card_count=1)
    with read(server.engine) as conn:
        before = current_version(conn, second.id)
    api, chain = pair_terminal(server, first.stores[0], first.staff_id)
    for card in first.cards:
        chain.add(card.id, card.program_id, {"kind": "stamp", "count": 1})
    assert api.push(chain.terminal_id, chain.entries).status_code == 200
    with read(server.engine) as conn:
        assert current_version(conn, second.id) == before
        assert current_version(conn, first.id) > before
    api.close()


def test_another_terminal_s_state_is_refused(
    server: ServerProcess, terminal: tuple[Api, EntryChain]
) -> None:
    api, _chain = terminal
    assert api.sync_state(uuid.uuid4()).status_code == 403


def _pending(server: ServerProcess, merchant: Merchant, chain: EntryChain) -> TerminalInfo:
    with read(server.engine) as conn:
        infos = reports.terminal_list(conn, Scope(merchant.id), datetime.now(UTC))
    return next(t for t in infos if t.id == str(chain.terminal_id))


def test_where_the_terminal_s_journal_ends_gives_its_pending_count_until_the_push(
    server: ServerProcess, merchant: Merchant, terminal: tuple[Api, EntryChain]
) -> None:
    api, chain = terminal
    card = merchant.cards[0]
    for _ in range(3):
        chain.add(card.id, card.program_id, {"kind": "stamp", "count": 1})

    # A terminal of an older version says nothing of its journal: it syncs as before.
    assert api.sync_state(chain.terminal_id).status_code == 200
    assert _pending(server, merchant, chain).pending is None

    before = datetime.now(UTC)
    assert api.sync_state(chain.terminal_id, journal_seq=3).status_code == 200
    info = _pending(server, merchant, chain)
    assert info.pending == 3 and info.pending_as_of is not None and info.pending_as_of >= before
    # The push alone brings the count down: the server now holds what the terminal said.
    assert api.push(chain.terminal_id, chain.entries[:2]).status_code == 200
    assert _pending(server, merchant, chain).pending == 1
    assert api.push(chain.terminal_id, chain.entries[2:]).status_code == 200
    assert _pending(server, merchant, chain).pending == 0
    # An older call afterwards leaves the last report as it was.
    assert api.sync_state(chain.terminal_id, acknowledged_seq=3).status_code == 200
    assert _pending(server, merchant, chain).pending == 0


def test_a_journal_end_that_is_not_a_whole_number_in_range_is_refused(
    server: ServerProcess, merchant: Merchant, terminal: tuple[Api, EntryChain]
) -> None:
    api, chain = terminal
    for bad in (-1, 2**53, "3", True, 1.5):
        response = api.sync_state(chain.terminal_id, journal_seq=bad)
        assert response.status_code == 422, (bad, response.text)
    assert _pending(server, merchant, chain).pending is None
