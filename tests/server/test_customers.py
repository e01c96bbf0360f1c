"""Customers on the server: one card each, found without their card, exported and erased.

On SQLite and PostgreSQL, through the real server process and the real `loyalty-server`
command, as a terminal and an operator would.
"""

from __future__ import annotations

import json
import secrets
import uuid
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import select

from pos_app.domain.identifiers import new_card_number
from pos_app.domain.program import Program
from pos_app.domain.refusal import RefusalCode
from sync.protocol import CustomersFound, OutcomeStatus, PushResponse
from sync.server.cli import main
from sync.server.entries import EntryChain
from sync.server.models import CARDS, CUSTOMERS, TRANSACTIONS
from tests.server.client import Api
from tests.server.conftest import Merchant, ServerProcess, make_merchant, pair_terminal

Terminal = tuple[Api, EntryChain]


def _enrol(
    api: Api, chain: EntryChain, program: Program, name: str, customer: dict[str, Any]
) -> tuple[str, str, PushResponse]:
    card_id, number = str(uuid.uuid4()), new_card_number()
    op = {
        "kind": "enroll",
        "card_id": card_id,
        "card_number": number,
        "qr_token": secrets.token_urlsafe(16),
        "customer_name": name,
    }
    entry = chain.add(
        card_id,
        program.id,
        op,
        customer=customer,
        stamps_delta=program.welcome_bonus_stamps if program.has_stamps else 0,
        points_delta=program.welcome_bonus_points if program.has_points else 0,
    )
    response = api.push(chain.terminal_id, [entry])
    assert response.status_code == 200, response.text
    return card_id, number, PushResponse.model_validate(response.json())


def _search(api: Api, **query: str) -> CustomersFound:
    response = api.http.post("/v1/customers/search", json=query, headers=api._auth())
    assert response.status_code == 200, response.text
    return CustomersFound.model_validate(response.json())


@dataclass(frozen=True)
class Ran:
    returncode: int
    stdout: str
    stderr: str


def _cli(server: ServerProcess, capsys: pytest.CaptureFixture[str], *args: str) -> Ran:
    """`loyalty-server` as the operator types it (its own entry point, in this process)."""
    code = main([*args, "--db", server.db_url])
    out = capsys.readouterr()
    return Ran(code, out.out, out.err)


def test_a_customer_gets_one_card_however_their_phone_is_written(
    merchant: Merchant, terminal: Terminal, server: ServerProcess
) -> None:
    api, chain = terminal
    program = merchant.points
    ada = {"phone": "+447700900123", "email": "ada@example.com", "consent": True}
    card_id, number, first = _enrol(api, chain, program, "Ada Lovelace", ada)
    assert first.outcomes[0].status is OutcomeStatus.APPLIED

    # The same phone written another way, at the other store of a program that works in both.
    other_api, other_chain = pair_terminal(server, merchant.stores[1], merchant.staff_id)
    again = {"phone": "00447700900123", "email": "", "consent": False}
    _, _, second = _enrol(other_api, other_chain, program, "Ada", again)
    outcome = second.outcomes[0]
    assert outcome.status is OutcomeStatus.REFUSED
    assert outcome.code is RefusalCode.ALREADY_ENROLLED
    assert f"{number[:4]}-{number[4:8]}-{number[8:]}" in (outcome.reason or "")

    # By e-mail alone it is the same customer too.
    _, _, third = _enrol(api, chain, merchant.stamps, "", {"email": "ADA@example.com"})
    assert third.outcomes[0].code is RefusalCode.ALREADY_ENROLLED  # same store
    other_api.close()

    with server.engine.connect() as conn:
        customer_id = conn.execute(
            select(CARDS.c.customer_id).where(CARDS.c.id == card_id)
        ).scalar_one()
        row = conn.execute(select(CUSTOMERS).where(CUSTOMERS.c.id == customer_id)).one()
    assert (row.phone, row.email, row.contact_consent) == ("+447700900123", "ada@example.com", True)
    assert row.consent_at is not None


def test_the_counter_finds_a_customer_masked_and_only_its_own_merchants(
    merchant: Merchant, terminal: Terminal, server: ServerProcess
) -> None:
    api, chain = terminal
    contact = {"phone": "07700900456", "email": "grace@example.org"}
    _, number, _ = _enrol(api, chain, merchant.points, "Grace Hopper", contact)

    for query in ({"phone": "07700900456"}, {"email": "Grace@Example.org"}, {"name": "hopp"}):
        found = _search(api, **query).customers
        assert len(found) == 1, query
        assert found[0].name == "Grace H."
        assert found[0].phone == "•••••••••56"
        assert found[0].email == "g•••@example.org"
        assert [c.card_number for c in found[0].cards] == [number]

    bad = api.http.post("/v1/customers/search", json={"phone": "call me"}, headers=api._auth())
    assert bad.status_code == 422, bad.text
    assert "phone" in bad.text
    assert _search(api).customers == []  # nothing asked, nobody found
    anonymous = api.http.post("/v1/customers/search", json={"name": "Grace"})
    assert anonymous.status_code == 401

    stranger = make_merchant(server, card_count=0)
    other_api, _ = pair_terminal(server, stranger.stores[0], stranger.staff_id)
    assert _search(other_api, phone="07700900456").customers == []
    assert _search(other_api, name="Grace").customers == []
    other_api.close()


def test_erasing_a_customer_leaves_their_transactions_and_nothing_personal(
    merchant: Merchant,
    terminal: Terminal,
    server: ServerProcess,
    capsys: pytest.CaptureFixture[str],
) -> None:
    api, chain = terminal
    contact = {"phone": "+33612345678", "email": "marie@example.fr", "consent": True}
    card_id, _, _ = _enrol(api, chain, merchant.points, "Marie Curie", contact)
    earn = chain.add(
        card_id, merchant.points.id, {"kind": "earn_points", "amount_minor": 4200}, points_delta=42
    )
    assert api.push(chain.terminal_id, [earn]).status_code == 200
    customer_id = str(_search(api, phone="+33612345678").customers[0].customer_id)

    exported = _cli(server, capsys, "customer", "export", customer_id)
    assert exported.returncode == 0, exported.stderr
    data = json.loads(exported.stdout)
    assert data["customer"]["phone"] == "+33612345678"
    assert data["customer"]["name"] == "Marie Curie"
    assert [c["id"] for c in data["cards"]] == [card_id]
    assert [t["kind"] for t in data["transactions"]] == ["enroll", "earn_points"]

    erased = _cli(server, capsys, "customer", "erase", customer_id, "--yes")
    assert erased.returncode == 0, erased.stderr
    assert "1 card(s) deactivated" in erased.stdout
    # Enrolled the way terminals before schema 0006 did, with the name inside the hashed
    # operation: the operator is told which terminal's journal still holds it.
    assert f"terminal {chain.terminal_id} still holds the name" in erased.stdout
    again = _cli(server, capsys, "customer", "erase", customer_id, "--yes")
    assert again.returncode == 1
    assert "already erased" in again.stderr

    with server.engine.connect() as conn:
        customer = conn.execute(select(CUSTOMERS).where(CUSTOMERS.c.id == customer_id)).one()
        card = conn.execute(select(CARDS).where(CARDS.c.id == card_id)).one()
        rows = conn.execute(select(TRANSACTIONS).where(TRANSACTIONS.c.card_id == card_id)).all()
    assert (customer.name, customer.phone, customer.email) == ("", None, None)
    assert customer.erased_at is not None
    assert (card.customer_name, card.is_active, card.google_jwt) == ("", False, None)
    assert card.points_balance == 20 + 42  # welcome bonus and the purchase: totals intact
    assert sum(r.applied_points_delta for r in rows) == 62
    every_text = " ".join(r.operation for r in rows) + str(card._mapping) + str(customer._mapping)
    for personal in ("Marie", "Curie", "33612345678", "marie@example.fr"):
        assert personal not in every_text

    # Gone from the counter's search and from the feed: the card arrives nameless, inactive.
    assert _search(api, phone="+33612345678").customers == []
    assert _search(api, name="Marie").customers == []
    feed = api.changes().json()["changes"]
    fed = [c["card"] for c in feed if c["type"] == "card" and c["card"]["id"] == card_id]
    assert fed == [fed[-1]]
    assert (fed[0]["customer_name"], fed[0]["is_active"]) == ("", False)
    assert "Marie" not in json.dumps(feed)

    unknown = _cli(server, capsys, "customer", "export", str(uuid.uuid4()))
    assert unknown.returncode == 1
    assert "there is no customer" in unknown.stderr
