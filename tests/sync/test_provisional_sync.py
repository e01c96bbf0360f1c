"""A card issued since the last pull, stamped offline: the server stamps its card, or refuses."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from pos_app.domain.identifiers import CardRef
from pos_app.domain.operations import Stamp
from pos_app.services.counter import Done, perform, undo
from pos_app.services.end_of_day import day_report, report_lines
from pos_app.services.lookup import CardView, find_card, find_or_fetch
from pos_app.store.provisional import provisional_by_ref
from pos_app.store.terminal import URL_KEY, put_setting
from sync.server.db import read
from sync.server.models import CARDS, TRANSACTIONS
from tests.server.conftest import Merchant, ServerProcess, make_merchant
from tests.sync.harness import Terminal, assert_converged, issue_card, new_terminal, next_time

UNHEARD_OF = CardRef.token("Zz9yXw8vUt7sRq6pOn5mLk4jIh3gFe2dCb1aZy0xWvU")


def _offline(t: Terminal) -> None:
    with t.store.write() as conn:
        put_setting(conn, URL_KEY, "http://127.0.0.1:9")  # nothing listens there


def _online(t: Terminal) -> None:
    with t.store.write() as conn:
        put_setting(conn, URL_KEY, t.url)


def _stamp(t: Terminal, ref: CardRef) -> Done:
    view = find_or_fetch(t.store, ref, timeout_s=0.5)
    assert isinstance(view, CardView) and view.provisional, view
    done = perform(t.store, ref, Stamp(), t.merchant.staff_id, next_time(), provisional=True)
    assert isinstance(done, Done), done
    t.done.append(done)
    return done


def test_a_card_issued_since_the_last_pull_is_stamped_offline_and_the_server_confirms_it(
    any_server: ServerProcess, tmp_path: Path
) -> None:
    sync_server = any_server
    shop = make_merchant(sync_server, card_count=4)
    t = new_terminal(sync_server, shop, tmp_path / "t.db")
    newcomer = issue_card(sync_server, shop, seed=4343)
    ref = CardRef.token(newcomer.qr_token)
    _offline(t)

    _stamp(t, ref)
    _online(t)
    t.sync()

    view = find_card(t.store, ref)
    assert view is not None and not view.provisional
    assert view.card.id == newcomer.id  # the server's card, with the stamp on it
    assert view.card.stamp_count == newcomer.stamp_count + 1
    with t.store.read() as conn:
        assert provisional_by_ref(conn, ref) is None  # settled, forgotten
    with read(sync_server.engine) as conn:
        stamped = conn.execute(
            select(TRANSACTIONS.c.status).where(TRANSACTIONS.c.card_id == newcomer.id)
        ).scalars()
        assert list(stamped) == ["applied"]
        assert (
            conn.execute(select(CARDS.c.stamp_count).where(CARDS.c.id == newcomer.id)).scalar_one()
            == newcomer.stamp_count + 1
        )
    assert_converged(sync_server, shop, [t])


def test_a_provisional_stamp_on_a_card_the_server_never_issued_is_refused_and_reported(
    sync_server: ServerProcess, shop: Merchant, tmp_path: Path
) -> None:
    t = new_terminal(sync_server, shop, tmp_path / "t.db")
    _offline(t)

    done = _stamp(t, UNHEARD_OF)
    _online(t)
    t.sync()

    assert find_card(t.store, UNHEARD_OF) is None  # nothing provisional is left to show
    report = day_report(t.store, date.fromisoformat(done.entry.local_time[:10]))
    assert [p.kind for p in report.problems] == ["stamp"]
    assert "does not know this card" in "\n".join(report_lines(report))
    assert_converged(sync_server, shop, [t])


@pytest.mark.parametrize("synced_first", [False, True], ids=["offline", "after-the-answer"])
def test_a_provisional_stamp_undone_is_taken_back_from_the_servers_card(
    synced_first: bool, sync_server: ServerProcess, shop: Merchant, tmp_path: Path
) -> None:
    t = new_terminal(sync_server, shop, tmp_path / "t.db")
    newcomer = issue_card(sync_server, shop, seed=4344 + synced_first)
    ref = CardRef.token(newcomer.qr_token)
    _offline(t)
    done = _stamp(t, ref)
    if synced_first:  # the server has named the card: the undo goes to it
        t.sync()
    assert isinstance(undo(t.store, done.entry.seq, shop.staff_id, next_time()), Done)
    t.sync()

    with read(sync_server.engine) as conn:
        kinds = conn.execute(
            select(TRANSACTIONS.c.kind, TRANSACTIONS.c.status)
            .where(TRANSACTIONS.c.card_id == newcomer.id)
            .order_by(TRANSACTIONS.c.id)
        ).all()
        stamps = conn.execute(
            select(CARDS.c.stamp_count).where(CARDS.c.id == newcomer.id)
        ).scalar_one()
    assert [tuple(k) for k in kinds] == [("stamp", "applied"), ("reverse", "applied")]
    assert stamps == newcomer.stamp_count
    view = find_card(t.store, ref)
    assert view is not None and view.card.stamp_count == newcomer.stamp_count
    assert_converged(sync_server, shop, [t])
