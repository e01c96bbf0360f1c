"""The operator's card actions on the command line, journalled like a manager's."""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import select

from pos_app.domain.identifiers import format_card_number, new_card_number
from pos_app.domain.refusal import RefusalCode
from sync.protocol import PushResponse
from sync.server.cli import main
from sync.server.db import read
from sync.server.entries import EntryChain
from sync.server.models import CARDS, RETIRED_CODES, TRANSACTIONS
from tests.server.client import Api
from tests.server.conftest import Merchant, ServerProcess


@dataclass(frozen=True)
class Ran:
    returncode: int
    stdout: str
    stderr: str


def _card(server: ServerProcess, capsys: pytest.CaptureFixture[str], *args: str) -> Ran:
    """`loyalty-server card ...` as the operator types it (its entry point, in this process)."""
    code = main(["card", *args, "--db", server.db_url])
    out = capsys.readouterr()
    return Ran(code, out.out, out.err)


def test_the_operator_deactivates_replaces_and_adjusts_a_card(
    server: ServerProcess,
    merchant: Merchant,
    terminal: tuple[Api, EntryChain],
    capsys: pytest.CaptureFixture[str],
) -> None:
    api, chain = terminal
    card = merchant.card(merchant.stamps)
    m = ("--merchant", merchant.id)
    done = _card(server, capsys, "deactivate", card.card_number, *m, "--reason", "reported stolen")
    assert done.returncode == 0, done.stderr
    stamp = chain.add(card.id, merchant.stamps.id, {"kind": "stamp", "count": 1}, stamps_delta=1)
    answer = PushResponse.model_validate(api.push(chain.terminal_id, [stamp]).json())
    assert answer.outcomes[0].code is RefusalCode.CARD_INACTIVE
    again = _card(server, capsys, "deactivate", card.card_number, *m)
    assert again.returncode == 1 and "already inactive" in again.stderr

    replaced = _card(server, capsys, "replace", card.card_number, *m)
    assert replaced.returncode == 0, replaced.stderr
    new = replaced.stdout.strip()[-14:].replace("-", "")
    old = _card(server, capsys, "reactivate", card.card_number, *m)
    assert old.returncode == 1 and "was replaced by a new card" in old.stderr
    too_far = _card(server, capsys, "adjust", new, *m, "--stamps", "-999", "--reason", "x")
    assert too_far.returncode == 1 and "cannot lose 999" in too_far.stderr
    with read(server.engine) as conn:
        row = conn.execute(select(CARDS).where(CARDS.c.id == card.id)).one()
        retired = conn.execute(
            select(RETIRED_CODES.c.code_kind, RETIRED_CODES.c.value).where(
                RETIRED_CODES.c.card_id == card.id
            )
        ).all()
        kinds = conn.execute(
            select(TRANSACTIONS.c.kind, TRANSACTIONS.c.staff_id)
            .where(TRANSACTIONS.c.card_id == card.id, TRANSACTIONS.c.status == "applied")
            .order_by(TRANSACTIONS.c.id)
        ).all()
    assert row.is_active and row.card_number == new != card.card_number
    assert sorted(retired) == [("number", card.card_number), ("token", card.qr_token)]
    assert [k.kind for k in kinds] == ["deactivate", "replace"]
    assert {k.staff_id for k in kinds} == {"server:operator"}
    feed = api.changes().json()["changes"]
    assert {("number", card.card_number), ("token", card.qr_token)} <= {
        (c["code_kind"], c["value"]) for c in feed if c["type"] == "retired"
    }


def _balances(server: ServerProcess, *card_ids: str) -> list[tuple[bool, int, int]]:
    with read(server.engine) as conn:
        rows = {
            r.id: (r.is_active, r.points_balance, r.total_points_earned)
            for r in conn.execute(select(CARDS).where(CARDS.c.id.in_(card_ids)))
        }
    return [rows[c] for c in card_ids]


def _enrol(chain: EntryChain, program_id: str, welcome: int, phone: str) -> tuple[str, Any]:
    """An enrolment entry of a customer known by phone: (card number, entry)."""
    card_id, number = str(uuid.uuid4()), new_card_number()
    op = {
        "kind": "enroll",
        "card_id": card_id,
        "card_number": number,
        "qr_token": secrets.token_urlsafe(16),
        "customer_name": "",
    }
    customer = {"phone": phone, "consent": True}
    return number, chain.add(card_id, program_id, op, customer=customer, points_delta=welcome)


def test_the_operator_merges_two_cards_of_one_customer_never_of_two(
    server: ServerProcess,
    merchant: Merchant,
    terminal: tuple[Api, EntryChain],
    capsys: pytest.CaptureFixture[str],
) -> None:
    api, chain = terminal
    program = merchant.points
    other, card = merchant.card(program, 0), merchant.card(program, 1)
    earn = {"kind": "earn_points", "amount_minor": 4000}
    pushed = api.push(chain.terminal_id, [chain.add(other.id, program.id, earn, points_delta=40)])
    assert PushResponse.model_validate(pushed.json()).outcomes[0].code is None
    (_, gives, _), (_, had, lifetime) = _balances(server, other.id, card.id)
    assert gives >= 40

    m = ("--merchant", merchant.id)
    done = _card(server, capsys, "merge", other.card_number, card.card_number, *m)
    assert done.returncode == 0, done.stderr
    assert format_card_number(card.card_number) in done.stdout
    assert _balances(server, other.id, card.id) == [
        (False, 0, gives),
        (True, had + gives, lifetime + gives),
    ]
    latest = {
        c["card"]["id"]: c["card"] for c in api.changes().json()["changes"] if c["type"] == "card"
    }
    assert not latest[other.id]["is_active"] and latest[other.id]["points_balance"] == 0
    assert latest[card.id]["points_balance"] == had + gives
    twice = _card(server, capsys, "merge", other.card_number, card.card_number, *m)
    assert twice.returncode == 1 and "no longer active" in twice.stderr

    bonus = program.welcome_bonus_points
    ada, ada_entry = _enrol(chain, program.id, bonus, "+447700900123")
    bob, bob_entry = _enrol(chain, program.id, bonus, "+447700900456")
    assert api.push(chain.terminal_id, [ada_entry, bob_entry]).status_code == 200
    before = _balances(server, str(ada_entry.card_id), str(bob_entry.card_id))
    refused = _card(server, capsys, "merge", ada, bob, *m)
    assert refused.returncode == 1 and refused.stdout == ""
    assert "two different customers" in refused.stderr
    assert _balances(server, str(ada_entry.card_id), str(bob_entry.card_id)) == before
    stamps = _card(server, capsys, "merge", merchant.card(merchant.stamps).card_number, bob, *m)
    assert stamps.returncode == 1 and "one program" in stamps.stderr
