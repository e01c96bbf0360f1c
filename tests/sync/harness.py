"""Terminals against a real server: pairing, operating, syncing, and the final reckoning.

`assert_converged` is the check every fault test ends with: every entry has exactly one final
outcome, none is lost and none applied twice, the server's cards equal the replay of the
entries it applied, and each terminal's journal chain and cards verify.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import RowMapping, select

from pos_app.domain.card import Card
from pos_app.domain.identifiers import CardRef
from pos_app.domain.operations import (
    CardOperation,
    Context,
    EarnPoints,
    Enroll,
    RedeemPoints,
    Stamp,
    VoidPoints,
    op_from_dict,
)
from pos_app.domain.refusal import Refused
from pos_app.domain.replay import replay
from pos_app.services.counter import Done, perform
from pos_app.services.end_of_day import day_report
from pos_app.services.integrity import check_store
from pos_app.services.journal_view import journal_lines
from pos_app.services.pairing import pair_terminal
from pos_app.services.sync import server_link, sync_once
from pos_app.store import Store
from pos_app.store.cards import get_card
from pos_app.store.journal import iter_entries
from pos_app.store.outbox import status_counts
from sync.engine.client import ServerClient
from sync.server.cards import card_from_row
from sync.server.db import read
from sync.server.models import CARDS, TRANSACTIONS
from tests.server.conftest import Merchant, ServerProcess, pair_code

# Operations happen in the recent past, eleven minutes apart, so cooldowns never refuse.
T0 = datetime.now(UTC).replace(microsecond=0) - timedelta(days=20)
_clock = itertools.count()


def next_time() -> datetime:
    return T0 + timedelta(minutes=11 * next(_clock))


@dataclass
class Terminal:
    store: Store
    merchant: Merchant
    url: str
    done: list[Done] = field(default_factory=list)

    @property
    def token(self) -> str:
        link = server_link(self.store)
        assert link is not None
        return link.token

    def client(self, url: str | None = None) -> ServerClient:
        """A client to the server, or to `url` (a fault proxy in front of it)."""
        return ServerClient(url or self.url, self.token)

    def operate(self, card: Card, op: CardOperation) -> Done | Refused:
        outcome = perform(
            self.store, CardRef.number(card.card_number), op, self.merchant.staff_id, next_time()
        )
        if isinstance(outcome, Done):
            self.done.append(outcome)
        return outcome

    def busy_day(self, count: int) -> None:
        """A mix of stamps, purchases, rewards and returns across the merchant's cards."""
        stamp_cards = [c for c in self.merchant.cards if c.program_id == self.merchant.stamps.id]
        point_cards = [c for c in self.merchant.cards if c.program_id == self.merchant.points.id]
        ops: list[tuple[list[Card], CardOperation]] = [
            (stamp_cards, Stamp()),
            (point_cards, EarnPoints(12_345)),
            (point_cards, RedeemPoints("croissant")),
            (point_cards, VoidPoints(30)),
        ]
        for i in range(count):
            cards, op = ops[i % len(ops)]
            self.operate(cards[i % len(cards)], op)

    def sync(self, url: str | None = None, batch_size: int = 500) -> None:
        with self.client(url) as client:
            sync_once(self.store, client, batch_size=batch_size)


def new_terminal(
    server: ServerProcess, merchant: Merchant, db: Path, store_index: int = 0
) -> Terminal:
    code = pair_code(server, merchant.stores[store_index])
    store = pair_terminal(db, server.base_url, code, f"Counter {store_index + 1}")
    terminal = Terminal(store, merchant, server.base_url)
    terminal.sync()
    return terminal


def assert_converged(server: ServerProcess, merchant: Merchant, terminals: list[Terminal]) -> None:
    for t in terminals:
        t.sync()  # a clean final sync, no faults
    with read(server.engine) as conn:
        rows = (
            conn.execute(
                select(TRANSACTIONS)
                .where(TRANSACTIONS.c.merchant_id == merchant.id)
                .order_by(TRANSACTIONS.c.id)
            )
            .mappings()
            .all()
        )
        server_cards = {
            r["id"]: card_from_row(r)
            for r in conn.execute(
                select(CARDS).where(CARDS.c.merchant_id == merchant.id)
            ).mappings()
        }
    by_entry = {r["entry_id"]: r for r in rows}
    assert len(by_entry) == len(rows), "an entry was applied twice"
    for t in terminals:
        report = check_store(t.store)
        assert report.ok, (report.chain.problem, report.mismatched_cards)
        counts = status_counts_of(t.store)
        assert counts.get("pending", 0) == 0 and counts.get("sent", 0) == 0, counts
        with t.store.read() as conn:
            entries = list(iter_entries(conn))
        terminal_id = t.store.identity().terminal_id
        mine = {r["entry_id"] for r in rows if r["terminal_id"] == terminal_id}
        assert {e.entry_id for e in entries} == mine, "entries lost or invented"
        _assert_manager_is_shown_the_server_s_outcomes(
            t, [r for r in rows if r["entry_id"] in mine]
        )
        with t.store.read() as conn:
            for card_id, server_card in server_cards.items():
                local = get_card(conn, card_id)
                assert local is None or local == server_card, f"terminal card {card_id} differs"
    initial = {c.id: c for c in merchant.cards}
    programs = {merchant.stamps.id: merchant.stamps, merchant.points.id: merchant.points}
    for card_id, server_card in server_cards.items():
        applied = [r for r in rows if r["card_id"] == card_id and r["status"] != "refused"]
        steps = [
            (
                op_from_dict(_json(r["operation"])),
                Context(datetime.fromisoformat(r["local_time_text"]), r["store_id"]),
            )
            for r in applied
        ]
        start = initial.get(card_id)
        if start is None:
            assert steps and isinstance(steps[0][0], Enroll)
            # The name travels beside the enrolment, outside the operation it hashes.
            named = replace(steps[0][0], customer_name=server_card.customer_name)
            steps[0] = (named, steps[0][1])
        rebuilt = replay(start, programs[server_card.program_id], steps)
        assert rebuilt.refused == (), f"server applied an entry its rules refuse on {card_id}"
        assert rebuilt.card == server_card, (
            f"server card {card_id} is not the replay of its entries"
        )


def _assert_manager_is_shown_the_server_s_outcomes(
    terminal: Terminal, rows: Sequence[RowMapping]
) -> None:
    """Each entry is recorded with the outcome the server decided (never `duplicate`), with
    its applied amounts, and the end of day lists exactly the entries it refused or changed."""
    by_entry = {r["entry_id"]: r for r in rows}
    lines = list(journal_lines(terminal.store))
    for line in lines:
        row = by_entry[line.entry_id]
        recorded = (line.status, line.applied_stamps, line.applied_points)
        decided = (row["status"], row["applied_stamps_delta"], row["applied_points_delta"])
        assert recorded == decided, f"entry {line.seq}: recorded {recorded}, server {decided}"
    shown: set[int] = set()
    for day in {date.fromisoformat(line.local_time[:10]) for line in lines}:
        shown |= {p.seq for p in day_report(terminal.store, day).problems}
    decided_problems = {r["seq"] for r in rows if r["status"] in ("refused", "adjusted")}
    assert shown == decided_problems, "the end of day does not list what the server refused"


def status_counts_of(store: Store) -> dict[str, int]:
    with store.read() as conn:
        return status_counts(conn)


def _json(text: str) -> dict[str, object]:
    value: dict[str, object] = json.loads(text)
    return value


def issue_card(server: ServerProcess, merchant: Merchant, seed: int) -> Card:
    """A stamp card issued on the server (as if enrolled at another shop), not yet pulled."""
    from pos_app.domain.demo import demo_cards
    from sync.server import admin
    from sync.server.db import write

    (card,) = demo_cards(1, [merchant.stamps], merchant.stores, seed=seed)
    with write(server.engine) as conn:
        admin.insert_cards(conn, [card], datetime.now(UTC))
    merchant.cards.append(card)
    return card
