"""The operator's card actions on the command line, journalled like a manager's."""

from __future__ import annotations

import subprocess
import sys

from sqlalchemy import select

from pos_app.domain.refusal import RefusalCode
from sync.protocol import PushResponse
from sync.server.db import read
from sync.server.entries import EntryChain
from sync.server.models import CARDS, RETIRED_CODES, TRANSACTIONS
from tests.server.client import Api
from tests.server.conftest import ROOT, Merchant, ServerProcess


def _card(server: ServerProcess, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sync.server.cli", "card", *args, "--db", server.db_url],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )


def test_the_operator_deactivates_replaces_and_adjusts_a_card(
    server: ServerProcess, merchant: Merchant, terminal: tuple[Api, EntryChain]
) -> None:
    api, chain = terminal
    card = merchant.card(merchant.stamps)
    m = ("--merchant", merchant.id)
    done = _card(server, "deactivate", card.card_number, *m, "--reason", "reported stolen")
    assert done.returncode == 0, done.stderr
    stamp = chain.add(card.id, merchant.stamps.id, {"kind": "stamp", "count": 1}, stamps_delta=1)
    answer = PushResponse.model_validate(api.push(chain.terminal_id, [stamp]).json())
    assert answer.outcomes[0].code is RefusalCode.CARD_INACTIVE
    again = _card(server, "deactivate", card.card_number, *m)
    assert again.returncode == 1 and "already inactive" in again.stderr

    replaced = _card(server, "replace", card.card_number, *m)
    assert replaced.returncode == 0, replaced.stderr
    new = replaced.stdout.strip()[-14:].replace("-", "")
    old = _card(server, "reactivate", card.card_number, *m)
    assert old.returncode == 1 and "was replaced by a new card" in old.stderr
    too_far = _card(server, "adjust", new, *m, "--stamps", "-999", "--reason", "x")
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
