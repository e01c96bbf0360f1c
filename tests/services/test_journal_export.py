"""Exports of the journal leave out customers' QR tokens: the token is the card's credential
(the wallet pass shows it), so a spreadsheet must never be able to present a card."""

from __future__ import annotations

import csv
import io
import json

from pos_app.domain.operations import Stamp
from pos_app.services.counter import enroll_customer, perform
from pos_app.services.journal_view import journal_lines, write_csv
from pos_app.store import Store
from tests.conftest import CASHIER
from tests.services.test_provisional import NEWCOMER, NOW, offline_and_paired


def test_the_csv_keeps_the_entries_and_drops_every_qr_token(demo_store: Store) -> None:
    enrolled = enroll_customer(demo_store, CASHIER, "coffee", "Robin Baker")
    offline_and_paired(demo_store)
    perform(demo_store, NEWCOMER, Stamp(), CASHIER, NOW, provisional=True)
    out = io.StringIO()
    assert write_csv(journal_lines(demo_store), out) == 2
    text = out.getvalue()
    assert enrolled.card.qr_token not in text
    assert NEWCOMER.value not in text
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["kind"] for r in rows] == ["enroll", "stamp"]
    enroll_op = json.loads(rows[0]["operation"])
    # What people need stays: the card's customer, from beside the journal (erasable).
    assert rows[0]["customer"] == "Robin Baker" and not enroll_op["customer_name"]
    assert "qr_token" not in enroll_op
    assert json.loads(rows[1]["operation"]) == {"count": 1, "kind": "stamp"}
