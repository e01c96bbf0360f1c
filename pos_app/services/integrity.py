"""Checking a terminal database end to end: the journal chain, and every card against replay."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, func, select

from pos_app.store import Store
from pos_app.store.cards import LOCAL, REPLICA, VIEW, get_card
from pos_app.store.journal import ChainReport, verify_chain
from pos_app.store.replica import cards_with_pending, rebased_card


@dataclass(frozen=True, slots=True)
class IntegrityReport:
    chain: ChainReport
    cards_checked: int
    mismatched_cards: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return self.chain.ok and not self.mismatched_cards


def check_cards(conn: Connection) -> tuple[int, tuple[str, ...]]:
    """Compare every card the cashier sees with its rebase: the count, and the ids that differ.

    Cards with pending entries are replayed one by one. Any other card this terminal keeps
    a version of must equal its replica (when the server has sent one): one set difference
    in SQL checks them at once. The rest are their replica by construction.
    """
    pending_ids = cards_with_pending(conn)
    bad = [cid for cid in sorted(pending_ids) if get_card(conn, cid) != rebased_card(conn, cid)]
    columns = [c.name for c in LOCAL.columns]
    local = select(*[LOCAL.c[n] for n in columns]).where(LOCAL.c.id.in_(select(REPLICA.c.id)))
    replica = select(*[REPLICA.c[n] for n in columns])
    differing = conn.execute(select(local.except_(replica).subquery().c.id)).scalars()
    bad.extend(cid for cid in differing if cid not in pending_ids)
    checked = conn.execute(select(func.count()).select_from(VIEW)).scalar_one()
    return checked, tuple(bad)


def check_store(store: Store, with_cards: bool = True) -> IntegrityReport:
    with store.read() as conn:
        chain = verify_chain(conn)
        checked, bad = check_cards(conn) if with_cards else (0, ())
    return IntegrityReport(chain, checked, bad)
