"""The customer's side of the card: Apple and Google Wallet passes, and their updates.

What the rest of the server calls, inside its own transaction (a card is named by its
merchant and its id: card ids are only a merchant's own):
- `record_cards_changed(conn, merchant_id, card_ids, now)`: these cards changed; their
  passes are owed an update (the push calls it for every card a batch changed).
- `void_pass(conn, merchant_id, card_id, now)`: the card was deactivated or erased; its
  passes are updated to show it void (call after marking the card so).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection

from sync.server.wallet.outbox import record_cards_changed


def void_pass(conn: Connection, merchant_id: str, card_id: str, now: datetime) -> None:
    """The card's passes turn void on the phone: a pass shows void while its card is
    inactive or deleted (see `CardFace.voided`), so an update owed is all it takes."""
    record_cards_changed(conn, merchant_id, [card_id], now)


__all__ = ["record_cards_changed", "void_pass"]
