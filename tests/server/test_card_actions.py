"""The operator's card actions on the command line, journalled like a manager's."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlalchemy import select

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
