"""Returns tied to the purchase: the cashier picks the earn, types what came back.

The points taken back are that earn's (its rate, never more than it gave in all, earlier
returns of it counted), and the balance stops at zero when they were spent. The server
works them out again from its own record of the earn and applies the same rule.
"""

from __future__ import annotations

import enum
import json
from dataclasses import dataclass
from datetime import datetime

from pos_app.domain.identifiers import CardRef
from pos_app.domain.operations import EarnRecord, return_of
from pos_app.domain.refusal import RefusalCode, Refused
from pos_app.services.counter import Done, perform
from pos_app.store import Store
from pos_app.store.journal import JournalEntry, iter_entries


@dataclass(frozen=True, slots=True)
class Purchase:
    """An earn a return can take back, as the cashier picks it from the card's history."""

    entry_id: str
    seq: int
    local_time: str
    amount_minor: int
    points: int
    returned_minor: int
    receipt: str = ""

    @property
    def returnable_minor(self) -> int:
        return self.amount_minor - self.returned_minor


def _purchases(entries: list[JournalEntry]) -> list[Purchase]:
    returned: dict[str, int] = {}
    # A return undone (the cashier's Undo) gives its share of the purchase back.
    undone = {json.loads(e.operation)["of_entry_id"] for e in entries if e.kind == "reverse"}
    for e in entries:
        if e.kind == "void_points" and e.entry_id not in undone:
            op = json.loads(e.operation)
            if op.get("of_entry_id"):
                returned[op["of_entry_id"]] = returned.get(op["of_entry_id"], 0) + int(
                    op.get("returned_minor") or 0
                )
    return [
        Purchase(
            e.entry_id,
            e.seq,
            e.local_time,
            int(json.loads(e.operation)["amount_minor"]),
            e.points_delta,
            returned.get(e.entry_id, 0),
            str(json.loads(e.operation).get("receipt") or ""),
        )
        for e in entries
        if e.kind == "earn_points"
    ]


def recent_purchases(store: Store, card_id: str, limit: int = 10) -> list[Purchase]:
    """The card's purchases made at this terminal, newest first, with something returnable."""
    with store.read() as conn:
        entries = list(iter_entries(conn, card_id))
    found = [p for p in _purchases(entries) if p.returnable_minor > 0]
    return sorted(found, key=lambda p: p.seq, reverse=True)[:limit]


class ReceiptMiss(enum.StrEnum):
    """Why no purchase was found under a receipt reference: what was asked, and who.

    Only this terminal's own purchases are in its journal; another counter's reach it
    through no feed (the feed carries cards, not their entries), so they are found only
    while the server answers.
    """

    UNKNOWN = "receipt_unknown"  # neither this terminal nor the server knows it
    UNREACHABLE = "receipt_unreachable"  # not this terminal's, and the server did not answer
    NO_SERVER = "receipt_no_server"  # not this terminal's, and it has no server to ask

    def describe(self, receipt: str) -> str:
        """In English, for the command line and the logs (the window says it in its own)."""
        match self:
            case ReceiptMiss.UNKNOWN:
                return f"no purchase of this card has receipt {receipt}, here or on the server"
            case ReceiptMiss.UNREACHABLE:
                return (
                    f"no purchase of this card at this terminal has receipt {receipt}, and the "
                    "server could not be reached to look at the other counters' (offline, only "
                    "this terminal's own purchases are found): try again, or pick the purchase "
                    "from the card's history"
                )
        return (
            f"no purchase of this card at this terminal has receipt {receipt}, and this "
            "terminal has no server to ask"
        )


def purchase_by_receipt(store: Store, card_id: str, receipt: str) -> Purchase | ReceiptMiss:
    """The card's latest purchase under that receipt reference (already normal, see
    `normal_receipt`): this terminal's, else the server's when it answers quickly (a
    purchase made at another terminal of the merchant); else why there is none."""
    with store.read() as conn:
        entries = list(iter_entries(conn, card_id))
    found = [p for p in _purchases(entries) if receipt and p.receipt == receipt]
    mine = max(found, key=lambda p: p.seq, default=None)
    if mine is not None:
        return mine
    return _server_purchase(store, card_id, receipt) if receipt else ReceiptMiss.UNKNOWN


def _server_purchase(store: Store, card_id: str, receipt: str) -> Purchase | ReceiptMiss:
    import httpx

    from pos_app.services.customers import SERVER_TIMEOUT_S
    from pos_app.services.sync import server_link
    from sync.engine.client import ServerClient, SyncError

    link = server_link(store)
    if link is None:
        return ReceiptMiss.NO_SERVER
    try:
        with ServerClient(link.url, link.token, timeout=httpx.Timeout(SERVER_TIMEOUT_S)) as client:
            found = client.earn_by_receipt(card_id, receipt)
    except SyncError:
        # Unreachable, too slow, or an answer that is none: either way nothing was learnt.
        return ReceiptMiss.UNREACHABLE
    if found is None:
        return ReceiptMiss.UNKNOWN
    # Not in this terminal's journal: no journal number or time of its own here.
    return Purchase(
        str(found.entry_id), 0, "", found.amount_minor, found.points, found.returned_minor, receipt
    )


def return_purchase(
    store: Store,
    ref: CardRef,
    earn_entry_id: str,
    returned_minor: int,
    staff_id: str,
    now: datetime | None = None,
) -> Done | Refused:
    """Take back the points of `returned_minor` of the purchase `earn_entry_id`."""
    from pos_app.services.lookup import find_card

    view = find_card(store, ref)
    card_id = None if view is None else view.card.id
    with store.read() as conn:
        entries = [] if card_id is None else list(iter_entries(conn, card_id))
    purchase = next((p for p in _purchases(entries) if p.entry_id == earn_entry_id), None)
    if purchase is None:
        return Refused(
            RefusalCode.UNKNOWN_PURCHASE, "That purchase is not on this card at this terminal."
        )
    return return_of_purchase(store, ref, purchase, returned_minor, staff_id, now)


def return_of_purchase(
    store: Store,
    ref: CardRef,
    purchase: Purchase,
    returned_minor: int,
    staff_id: str,
    now: datetime | None = None,
) -> Done | Refused:
    """Take back the points of `returned_minor` of `purchase` (this terminal's, or the
    server's answer for a receipt reference: the server checks it again on push)."""
    earn = EarnRecord(
        purchase.entry_id,
        purchase.amount_minor,
        purchase.points,
        purchase.returned_minor,
        purchase.points * purchase.returned_minor // purchase.amount_minor,
    )
    void = return_of(earn, returned_minor)
    if isinstance(void, Refused):
        return void
    return perform(store, ref, void, staff_id, now)


def return_by_receipt(
    store: Store,
    ref: CardRef,
    card_id: str,
    receipt: str,
    returned_minor: int | None,
    staff_id: str,
    now: datetime | None = None,
) -> Done | Refused:
    """Take back the points of `returned_minor` (None: all that is left) of the card's
    purchase under `receipt` (see `purchase_by_receipt`)."""
    found = purchase_by_receipt(store, card_id, receipt)
    if isinstance(found, ReceiptMiss):
        message = found.describe(receipt)
        return Refused(
            RefusalCode.UNKNOWN_PURCHASE,
            message[0].upper() + message[1:] + ".",
            {"rule": found.value, "receipt": receipt},
        )
    amount = found.returnable_minor if returned_minor is None else returned_minor
    return return_of_purchase(store, ref, found, amount, staff_id, now)
