"""Whole conversations with the real server, walked by hypothesis: pair, push, pull, push again.

A random schemathesis call can never push an applied entry (each must chain to the last
by its hash), so its stateful phase cannot walk this chain; this machine is the terminal a
fuzzer cannot be. Terminals pair, enrol cards and stamp, earn, redeem, void and undo on
theirs and each other's cards, push some or all of what is pending, replay earlier
batches and page through the feed. After every call:

- no 5xx, and every answer is one the published `docs/openapi.json` allows;
- a fresh entry gets an outcome of its own, in order; a replayed one its first outcome;
- no balance is ever negative;
- every applied entry is in the cards: each card the feed delivers holds its starting
  balance plus exactly the deltas the server said it applied, no more, no fewer, and it
  equals the card the last push answered with; the server's last seq is the terminal's.
"""

from __future__ import annotations

import json
import uuid
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, ClassVar

import httpx
import jsonschema_rs
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from pos_app.domain.program import Program, ProgramKind
from sync.protocol import (
    CardChange,
    ChangesPage,
    EntryOutcome,
    OutcomeStatus,
    PairResponse,
    PushResponse,
    SyncState,
    WireCard,
    WireEntry,
)
from sync.server.entries import EntryChain
from tests.server.client import Api
from tests.server.conftest import ROOT, Merchant, ServerProcess, make_merchant, pair_code

OPENAPI = json.loads((ROOT / "docs" / "openapi.json").read_text())
APPLIED = {OutcomeStatus.APPLIED, OutcomeStatus.ADJUSTED}
UNDOABLE = {"stamp", "redeem_stamps", "earn_points", "redeem_points", "void_points"}
walked: Counter[str] = Counter()
"""What the machine did over all its runs: the test fails if the chain was never walked."""


def conforming(response: httpx.Response, path: str, method: str) -> Any:
    """The answer's JSON, once the published document is shown to allow it."""
    assert response.status_code < 500, response.text
    answers = OPENAPI["paths"][path][method]["responses"]
    assert str(response.status_code) in answers, (response.status_code, response.text)
    schema = answers[str(response.status_code)]["content"]["application/json"]["schema"]
    body = response.json()
    validator = jsonschema_rs.validator_for(
        {**schema, "components": OPENAPI["components"]}, validate_formats=True
    )
    errors = [e.message for e in validator.iter_errors(body)]
    assert not errors, (path, response.status_code, errors[:3])
    return body


@dataclass
class Terminal:
    api: Api
    chain: EntryChain
    pushed: int = 0
    batches: list[tuple[list[WireEntry], list[EntryOutcome]]] = field(default_factory=list)
    cursor: int = 0
    replica: dict[str, WireCard] = field(default_factory=dict)

    @property
    def pending(self) -> list[WireEntry]:
        return self.chain.entries[self.pushed :]


class SyncConversation(RuleBasedStateMachine):
    server: ClassVar[ServerProcess]

    def __init__(self) -> None:
        super().__init__()
        self.merchant: Merchant = make_merchant(self.server, card_count=4)
        self.programs: dict[str, Program] = {
            p.id: p for p in (self.merchant.stamps, self.merchant.points)
        }
        # Every card a terminal may name: the merchant's, and each one enrolled here.
        self.cards: dict[str, str] = {c.id: c.program_id for c in self.merchant.cards}
        self.numbers: list[str] = [c.card_number for c in self.merchant.cards]
        self.start: dict[str, tuple[int, int]] = {
            c.id: (c.stamp_count, c.points_balance) for c in self.merchant.cards
        }
        self.applied: dict[str, list[int]] = {}
        self.truth: dict[str, WireCard] = {}
        self.outcomes: dict[uuid.UUID, EntryOutcome] = {}
        self.all_terminals: list[Terminal] = []

    def teardown(self) -> None:
        for terminal in self.all_terminals:
            terminal.api.close()

    # --- pair ----------------------------------------------------------------------------

    def _one(self, data: st.DataObject, which: list[Terminal]) -> Terminal:
        return data.draw(st.sampled_from(which), label="terminal")

    @property
    def with_pending(self) -> list[Terminal]:
        return [t for t in self.all_terminals if t.pending]

    @property
    def with_batches(self) -> list[Terminal]:
        return [t for t in self.all_terminals if t.batches]

    @initialize()
    def pair_first(self) -> None:
        self.pair()

    @precondition(lambda self: len(self.all_terminals) < 3)
    @rule()
    def pair(self) -> None:
        api = Api(self.server.base_url)
        terminal_id = uuid.uuid4()
        response = api.pair(pair_code(self.server, self.merchant.stores[0]), terminal_id)
        paired = PairResponse.model_validate(conforming(response, "/v1/pair", "post"))
        assert response.status_code == 200 and paired.terminal_id == terminal_id
        api.token = paired.token
        chain = EntryChain(terminal_id, self.merchant.stores[0], self.merchant.staff_id)
        terminal = Terminal(api, chain)
        self.all_terminals.append(terminal)
        walked["pair"] += 1

    # --- what a cashier does, journalled on the terminal --------------------------------

    @rule(data=st.data(), kind=st.sampled_from(["stamps", "points"]), clash=st.booleans())
    def enroll(self, data: st.DataObject, kind: str, clash: bool) -> None:
        terminal = self._one(data, self.all_terminals)
        program = self.merchant.stamps if kind == "stamps" else self.merchant.points
        card_id = str(uuid.uuid4())
        # Now and then a number the merchant already has: refused, and nothing else moves.
        number = self.numbers[0] if clash else f"{uuid.uuid4().int % 10**12:012d}"
        op = {
            "kind": "enroll",
            "card_id": card_id,
            "card_number": number,
            "qr_token": uuid.uuid4().hex,
            "customer_name": "Kim",
        }
        bonus = program.welcome_bonus_stamps, program.welcome_bonus_points
        terminal.chain.add(card_id, program.id, op, stamps_delta=bonus[0], points_delta=bonus[1])
        self.cards[card_id] = program.id
        self.numbers.append(number)

    @rule(data=st.data())
    def operate(self, data: st.DataObject) -> None:
        terminal = self._one(data, self.all_terminals)
        card_id = data.draw(st.sampled_from(list(self.cards)))
        program = self.programs[self.cards[card_id]]
        if program.kind == ProgramKind.STAMPS:
            op, deltas = data.draw(
                st.one_of(
                    st.integers(1, 3).map(lambda n: ({"kind": "stamp", "count": n}, (n, 0))),
                    st.just(({"kind": "redeem_stamps"}, (-program.stamps_target, 0))),
                )
            )
        else:
            costs = {r.code: r.points_cost for r in program.rewards}
            op, deltas = data.draw(
                st.one_of(
                    st.integers(100, 40_000).map(
                        lambda a: ({"kind": "earn_points", "amount_minor": a}, (0, a // 100))
                    ),
                    st.sampled_from(sorted(costs)).map(
                        lambda r: ({"kind": "redeem_points", "reward_code": r}, (0, -costs[r]))
                    ),
                    st.integers(1, 80).map(
                        lambda p: ({"kind": "void_points", "points": p}, (0, -p))
                    ),
                )
            )
        terminal.chain.add(card_id, program.id, op, stamps_delta=deltas[0], points_delta=deltas[1])

    @precondition(lambda self: self.with_batches)
    @rule(data=st.data())
    def undo(self, data: st.DataObject) -> None:
        terminal = self._one(data, self.with_batches)
        done = [
            (entry, self.outcomes[entry.entry_id])
            for entries, _ in terminal.batches
            for entry in entries
            if entry.operation.kind in UNDOABLE
        ]
        if not done:
            return
        entry, outcome = data.draw(st.sampled_from(done))
        op: dict[str, Any] = {
            "kind": "reverse",
            "of_entry_id": str(entry.entry_id),
            "of_kind": entry.operation.kind,
            "stamps": outcome.applied_stamps_delta,
            "points": outcome.applied_points_delta,
        }
        if entry.operation.kind == "void_points":
            op["requested_points"] = entry.operation.points
        terminal.chain.add(
            entry.card_id,
            entry.program_id,
            op,
            stamps_delta=-outcome.applied_stamps_delta,
            points_delta=-outcome.applied_points_delta,
        )

    # --- sync ----------------------------------------------------------------------------

    @precondition(lambda self: self.with_pending)
    @rule(data=st.data())
    def push(self, data: st.DataObject) -> None:
        """Some or all of a terminal's pending entries; now and then the answer is lost and
        the terminal sends the batch again at once."""
        terminal = self._one(data, self.with_pending)
        size = data.draw(st.integers(1, len(terminal.pending)), label="entries pushed")
        entries = terminal.pending[:size]
        response = terminal.api.push(terminal.chain.terminal_id, entries)
        answer = PushResponse.model_validate(conforming(response, "/v1/push", "post"))
        assert response.status_code == 200
        assert [(o.entry_id, o.seq) for o in answer.outcomes] == [
            (e.entry_id, e.seq) for e in entries
        ]
        assert answer.last_seq == entries[-1].seq
        for entry, outcome in zip(entries, answer.outcomes, strict=True):
            assert outcome.status != OutcomeStatus.DUPLICATE, outcome
            assert (outcome.status == OutcomeStatus.REFUSED) == (outcome.code is not None)
            self.outcomes[entry.entry_id] = outcome
            if outcome.status in APPLIED and outcome.card is not None:
                sums = self.applied.setdefault(str(outcome.card.id), [0, 0])
                sums[0] += outcome.applied_stamps_delta
                sums[1] += outcome.applied_points_delta
                walked["applied"] += 1
            if outcome.card is not None:
                self.truth[str(outcome.card.id)] = outcome.card
        terminal.pushed += size
        terminal.batches.append((entries, answer.outcomes))
        walked["push"] += 1
        walked["push after pull"] += terminal.cursor > 0
        if data.draw(st.booleans(), label="answer lost"):
            self._send_again(terminal, entries, answer.outcomes)

    @precondition(lambda self: self.with_batches)
    @rule(data=st.data())
    def replay(self, data: st.DataObject) -> None:
        """A batch whose answer was lost, sent again: its first outcomes, nothing changed."""
        terminal = self._one(data, self.with_batches)
        entries, first = data.draw(st.sampled_from(terminal.batches))
        self._send_again(terminal, entries, first)

    def _send_again(
        self, terminal: Terminal, entries: list[WireEntry], first: list[EntryOutcome]
    ) -> None:
        response = terminal.api.push(terminal.chain.terminal_id, entries)
        answer = PushResponse.model_validate(conforming(response, "/v1/push", "post"))
        assert response.status_code == 200
        for was, now in zip(first, answer.outcomes, strict=True):
            assert now.status == OutcomeStatus.DUPLICATE
            assert (now.first_status, now.code, now.reason) == (was.status, was.code, was.reason)
            assert (now.applied_stamps_delta, now.applied_points_delta) == (
                was.applied_stamps_delta,
                was.applied_points_delta,
            )
            if now.card is not None:
                assert now.card == self.truth[str(now.card.id)]
            walked["refusal replayed"] += was.status == OutcomeStatus.REFUSED
        walked["replay"] += 1

    @rule(data=st.data(), limit=st.integers(1, 40))
    def pull(self, data: st.DataObject, limit: int) -> None:
        terminal = self._one(data, self.all_terminals)
        while True:
            response = terminal.api.changes(terminal.cursor, limit)
            page = ChangesPage.model_validate(conforming(response, "/v1/changes", "get"))
            assert response.status_code == 200 and len(page.changes) <= limit
            assert page.next_cursor >= terminal.cursor
            for change in page.changes:
                assert change.version > terminal.cursor
                if isinstance(change, CardChange):
                    terminal.replica[str(change.card.id)] = change.card
            terminal.cursor = page.next_cursor
            if not page.has_more:
                break
        walked["pull"] += 1
        walked["pull after push"] += terminal.pushed > 0
        # The feed carries every card as the last push left it, every applied delta in it.
        for card_id, card in self.truth.items():
            assert terminal.replica.get(card_id) == card, f"card {card_id} as the feed has it"
        for card_id, card in terminal.replica.items():
            stamps, points = self.start.get(card_id, (0, 0))
            applied = self.applied.get(card_id, [0, 0])
            assert (card.stamp_count, card.points_balance) == (
                stamps + applied[0],
                points + applied[1],
            ), card_id
        state = terminal.api.sync_state(
            terminal.chain.terminal_id, terminal.cursor, terminal.pushed
        )
        answer = SyncState.model_validate(conforming(state, "/v1/sync-state", "post"))
        assert answer.last_seq == terminal.pushed

    @invariant()
    def no_balance_is_negative(self) -> None:
        for card in self.truth.values():
            assert card.stamp_count >= 0 and card.points_balance >= 0, card


def test_conversations_of_pair_push_pull_and_push_again_keep_every_invariant(
    server: ServerProcess,
) -> None:
    SyncConversation.server = server
    walked.clear()
    run_state_machine_as_test(
        SyncConversation,
        settings=settings(
            max_examples=12,
            stateful_step_count=25,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        ),
    )
    # The chain was walked, not only started: pushes applied entries, pulls followed them,
    # pushes came after pulls, and lost answers were replayed, refusals among them.
    steps = ("pair", "applied", "push after pull", "pull after push", "refusal replayed")
    for step in steps:
        assert walked[step] > 0, dict(walked)
