"""Issuing a card's passes: the Apple serial and authentication token, the Google object id
and its save JWT, written on the card the first time a pass is asked for."""

from __future__ import annotations

import secrets

from sqlalchemy import Connection

from sync.server.models import CARDS
from sync.server.wallet.face import CardFace, face_by_id

# Apple asks for at least 16 characters; the token authorises a device to fetch the pass.
AUTH_TOKEN_BYTES = 24


def ensure_apple_identity(conn: Connection, face: CardFace) -> CardFace:
    """The card with its serial number and auth token, made now if it has none yet.

    The serial is the card's id (unique across merchants; a card has one pass). Not a
    change a terminal replicates: the card's change version is left as it is.
    """
    if face.apple_serial_number and face.apple_auth_token:
        return face
    conn.execute(
        CARDS.update()
        .where(CARDS.c.id == face.card_id, CARDS.c.apple_serial_number.is_(None))
        .values(
            apple_serial_number=face.card_id,
            apple_auth_token=secrets.token_urlsafe(AUTH_TOKEN_BYTES),
        )
    )
    fresh = face_by_id(conn, face.card_id)
    assert fresh is not None
    return fresh


def ensure_google_identity(conn: Connection, face: CardFace, object_id: str, jwt: str) -> None:
    """Record the card's Google object id and its latest save JWT (made from its state now):
    from here on, changes of the card are PATCHed to that object."""
    conn.execute(
        CARDS.update()
        .where(CARDS.c.id == face.card_id)
        .values(google_object_id=object_id, google_jwt=jwt)
    )
