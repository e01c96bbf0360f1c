"""Points expiry run by the server: due cards lapse once, as transactions, into the feed."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from pos_app.domain.identifiers import new_card_number, new_qr_token
from pos_app.domain.program import Program, ProgramKind
from sync.server import admin
from sync.server.cli import main
from sync.server.db import read, write
from sync.server.models import CARDS, TRANSACTIONS
from tests.server.conftest import Merchant, ServerProcess, pair_terminal

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def _expire(
    server: ServerProcess, capsys: pytest.CaptureFixture[str], merchant: str, now: datetime
) -> str:
    """`loyalty-server expire-points` as the operator types it (in this process)."""
    args = ["expire-points", "--merchant", merchant, "--now", now.isoformat()]
    code = main([*args, "--db", server.db_url])
    out = capsys.readouterr()
    assert code == 0, out.err
    return out.out.strip()


def test_points_of_inactive_cards_expire_once_and_reach_the_feed(
    server: ServerProcess, merchant: Merchant, capsys: pytest.CaptureFixture[str]
) -> None:
    expiring = Program(
        id=f"exp-{merchant.id}",
        merchant_id=merchant.id,
        name="Points that lapse",
        kind=ProgramKind.POINTS,
        points_expiry_days=30,
    )
    base = merchant.card(merchant.points)
    cards = [
        replace(
            base,
            id=str(uuid.uuid4()),
            card_number=new_card_number(),
            qr_token=new_qr_token(),
            program_id=expiring.id,
            points_balance=100 + i,
            total_points_earned=100 + i,
            last_points_at=NOW - timedelta(days=days),
        )
        for i, days in enumerate((31, 45, 29))
    ]
    with write(server.engine) as conn:
        admin.add_program(conn, expiring, NOW)
        admin.insert_cards(conn, cards, NOW)
        conn.execute(CARDS.update().where(CARDS.c.id == cards[1].id).values(is_active=False))
    api, _ = pair_terminal(server, merchant.stores[0], merchant.staff_id)
    cursor = api.changes().json()["next_cursor"]

    assert _expire(server, capsys, merchant.id, NOW) == "points expired on 1 card(s)"
    assert _expire(server, capsys, merchant.id, NOW) == "points expired on 0 card(s)"  # once only

    with read(server.engine) as conn:
        rows = {
            r.id: r for r in conn.execute(select(CARDS).where(CARDS.c.program_id == expiring.id))
        }
        entries = conn.execute(
            select(TRANSACTIONS).where(TRANSACTIONS.c.program_id == expiring.id)
        ).all()
    assert (rows[cards[0].id].points_balance, rows[cards[0].id].total_points_voided) == (0, 100)
    assert rows[cards[1].id].points_balance == 101  # inactive: left alone
    assert rows[cards[2].id].points_balance == 102  # not due yet
    assert [(e.card_id, e.kind, e.status, e.applied_points_delta) for e in entries] == [
        (cards[0].id, "expire_points", "applied", -100)
    ]
    changed = [c for c in api.changes(cursor).json()["changes"] if c["type"] == "card"]
    assert [(c["card"]["id"], c["card"]["points_balance"]) for c in changed] == [(cards[0].id, 0)]
    api.close()
