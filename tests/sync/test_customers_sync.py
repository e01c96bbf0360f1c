"""Customers between the counter and the server: one card each, phone numbers never kept.

A terminal enrols a customer with a phone; the phone waits beside the entry until the
server has it, then only a keyed hash stays. Another counter, offline or not, then refuses
that customer a second card, naming theirs; and an erasure on the server reaches both.
"""

from __future__ import annotations

import secrets
import sqlite3
import subprocess
import sys
import uuid
from contextlib import closing
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import delete, make_url, select

from pos_app.domain.customer import contact
from pos_app.domain.identifiers import CardRef, new_card_number, new_qr_token
from pos_app.domain.operations import Context, Enroll, enroll
from pos_app.services.counter import enroll_customer
from pos_app.services.customers import enrol, find_customer
from pos_app.services.end_of_day import day_report, report_lines
from pos_app.services.errors import AlreadyEnrolledError
from pos_app.services.integrity import check_store
from pos_app.services.lookup import find_card
from pos_app.store import Store
from pos_app.store.cards import insert_card
from pos_app.store.journal import append
from pos_app.store.programs import get_program
from pos_app.store.schema import CustomerKeyRow, EnrolmentContactRow, JournalRow
from sync.server.models import CARDS, CUSTOMERS
from tests.server.conftest import ROOT, Merchant, ServerProcess, make_merchant
from tests.sync.harness import new_terminal, next_time


def _every_row(store: Store) -> str:
    """Every row of every table of the terminal's database, as text."""
    with store.read() as conn:
        raw = conn.connection.driver_connection
        assert raw is not None
        return "\n".join(raw.iterdump())


def test_a_customer_enrolled_at_one_counter_is_refused_a_second_card_at_another(
    any_server: ServerProcess, tmp_path: Path
) -> None:
    shop: Merchant = make_merchant(any_server, card_count=2)
    first = new_terminal(any_server, shop, tmp_path / "a.db")
    second = new_terminal(any_server, shop, tmp_path / "b.db", store_index=1)
    ada = contact("+44 7700 900123", "Ada@Example.com", consent=True)

    done = enroll_customer(
        first.store, shop.staff_id, shop.points.id, "Ada Lovelace", next_time(), ada
    )
    number = done.card.card_number
    # Offline, this counter already knows: the same phone gets no second card.
    with pytest.raises(AlreadyEnrolledError, match=f"{number[:4]}-{number[4:8]}"):
        again = contact("0044 7700-900123")
        enroll_customer(first.store, shop.staff_id, shop.points.id, "", next_time(), again)
    with first.store.read() as conn:
        journal = " ".join(conn.execute(select(JournalRow.operation)).scalars())
        waiting = conn.execute(select(EnrolmentContactRow.phone)).scalars().all()
    assert "7700900123" not in journal and "example.com" not in journal
    assert waiting == ["+447700900123"]

    first.sync()
    with first.store.read() as conn:
        assert conn.execute(select(EnrolmentContactRow)).all() == []
    with any_server.engine.connect() as conn:
        customer = conn.execute(
            select(CUSTOMERS)
            .join(CARDS, CARDS.c.customer_id == CUSTOMERS.c.id)
            .where(CARDS.c.card_number == number)
        ).one()
    assert (customer.phone, customer.email, customer.contact_consent) == (
        "+447700900123",
        "ada@example.com",
        True,
    )

    # The other counter pulls the customer's keys, and refuses at once, even offline.
    second.sync()
    by_mail = contact(email="ada@example.com")
    with pytest.raises(AlreadyEnrolledError, match=number[-4:]):
        enroll_customer(second.store, shop.staff_id, shop.points.id, "", next_time(), by_mail)
    assert number in _every_row(second.store)  # the card, of course
    for readable in ("7700900123", "ada@example.com"):
        assert readable not in _every_row(second.store)
        assert readable not in _every_row(first.store)

    # A counter that had not pulled yet enrols; the server refuses, the manager sees why.
    late = new_terminal(any_server, shop, tmp_path / "c.db", store_index=1)
    with late.store.write() as conn:
        conn.execute(delete(CustomerKeyRow))
    # Online, the counter asks the server before making the card, and finds the customer.
    with pytest.raises(AlreadyEnrolledError, match=number[-4:]):
        enrol(late.store, shop.staff_id, shop.points.id, "", contact("+447700900123"))
    found = find_customer(late.store, "+44 7700 900123")
    assert found.online
    assert [(c.name, c.details, c.card_numbers) for c in found.customers] == [
        ("Ada L.", ("•••••••••••23", "a•••@example.com"), (number,))
    ]
    # Offline (the enrolment below does not ask), the server refuses it at the sync; the
    # name given for the card it refused stays nowhere on this counter.
    late_done = enroll_customer(
        late.store,
        shop.staff_id,
        shop.points.id,
        "Augusta Ada King",
        next_time(),
        contact("+447700900123"),
    )
    assert "Augusta Ada King" in _every_row(late.store)
    late.sync()
    day = datetime.fromisoformat(late_done.entry.local_time).date()
    report = "\n".join(report_lines(day_report(late.store, day)))
    assert "already has card" in report
    assert "Augusta Ada King" not in _every_row(late.store)
    view = find_card(late.store, CardRef.number(late_done.card.card_number))
    assert view is not None and view.card.customer_name == ""


def test_an_erased_customer_is_forgotten_by_the_counter_at_its_next_pull(
    sync_server: ServerProcess, tmp_path: Path
) -> None:
    shop = make_merchant(sync_server, card_count=0)
    counter = new_terminal(sync_server, shop, tmp_path / "t.db")
    # Unique to this run: the server's database is shared by the session's tests.
    name, phone = f"Marie Curie {uuid.uuid4().hex[:8]}", f"+336{secrets.randbelow(10**8):08d}"
    done = enroll_customer(
        counter.store, shop.staff_id, shop.points.id, name, next_time(), contact(phone)
    )
    # The name waits beside the entry, outside its hash: the journal names no one.
    with counter.store.read() as conn:
        journal = " ".join(conn.execute(select(JournalRow.operation)).scalars())
    assert name not in journal and check_store(counter.store).ok
    shown = find_card(counter.store, CardRef.number(done.card.card_number))
    assert shown is not None and shown.card.customer_name == name  # offline, before a sync
    counter.sync()
    # The server has the name now (its card, in the replica), the terminal nothing else.
    holding = [line.split()[2] for line in _every_row(counter.store).splitlines() if name in line]
    assert holding == ['"card_replica"']
    shown = find_card(counter.store, CardRef.number(done.card.card_number))
    assert shown is not None and shown.card.customer_name == name
    with sync_server.engine.connect() as conn:
        customer_id = conn.execute(
            select(CARDS.c.customer_id).where(CARDS.c.id == done.card.id)
        ).scalar_one()
    command = ["customer", "erase", customer_id, "--yes", "--db", sync_server.db_url]
    erased = subprocess.run(
        [sys.executable, "-m", "sync.server.cli", *command],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert erased.returncode == 0, erased.stderr
    counter.sync()
    with counter.store.read() as conn:
        assert conn.execute(select(CustomerKeyRow)).all() == []
    view = find_card(counter.store, CardRef.number(done.card.card_number))
    assert view is not None
    assert (view.card.customer_name, view.card.is_active) == ("", False)
    assert name not in _every_row(counter.store) and check_store(counter.store).ok
    # Not in the files either (SQLite's secure_delete, the log emptied): neither the
    # terminal's, once closed, nor the server's, its log copied in.
    counter.store.close()
    assert _held(tmp_path / "t.db", name, phone) == []
    server_file = Path(make_url(sync_server.db_url).database or "")
    with closing(sqlite3.connect(server_file)) as raw:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert _held(server_file, name, phone) == []


def _held(path: Path, *texts: str) -> list[str]:
    """Which of `texts` the database file or its write-ahead log still contains."""
    files = [p for p in (path, path.with_name(path.name + "-wal")) if p.exists()]
    content = b"".join(p.read_bytes() for p in files)
    return [t for t in texts if t.encode() in content]


def test_an_enrolment_written_before_schema_0006_keeps_its_name_and_still_syncs(
    sync_server: ServerProcess, tmp_path: Path
) -> None:
    """An older terminal's enrolment, name inside the hashed operation, still pending at the
    upgrade: its chain verifies, it shows the name and the server takes it from the entry."""
    shop = make_merchant(sync_server, card_count=0)
    counter = new_terminal(sync_server, shop, tmp_path / "t.db")
    terminal = counter.store.identity()
    op = Enroll(str(uuid.uuid4()), new_card_number(), new_qr_token(), "Old Format")
    ctx = Context(next_time(), terminal.store_id)
    with counter.store.write() as conn:  # as `enroll_customer` wrote it before 0006
        program = get_program(conn, shop.points.id)
        assert program is not None
        applied = enroll(op, program, ctx)
        insert_card(conn, applied.card)
        append(
            conn,
            terminal_id=terminal.terminal_id,
            card_id=applied.card.id,
            program=program,
            op=op,
            effect=applied.effect,
            staff_id=shop.staff_id,
            ctx=ctx,
        )
    assert check_store(counter.store).ok  # the replay reads the name from the entry
    counter.sync()
    with sync_server.engine.connect() as conn:
        held = conn.execute(select(CARDS.c.customer_name).where(CARDS.c.id == op.card_id))
        assert held.scalar_one() == "Old Format"
    shown = find_card(counter.store, CardRef.number(op.card_number))
    assert shown is not None and shown.card.customer_name == "Old Format"
