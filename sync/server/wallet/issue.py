"""Issuing a card's passes: the Apple serial and authentication token, the Google object id
and its save JWT, written on the card the first time a pass is asked for.

A card id is only its merchant's own, so neither pass is named by it: the serial and the
object id are random, made here, and unique server-wide (an index on each).
"""

from __future__ import annotations

import secrets

from sqlalchemy import ColumnElement, Connection

from sync.server.models import CARDS
from sync.server.wallet.face import CardFace, face_of_card

# Apple asks for at least 16 characters; the token authorises a device to fetch the pass.
AUTH_TOKEN_BYTES = 24
# 128 random bits: hex, so the id is within Google's characters [A-Za-z0-9._-].
ID_BYTES = 16


def _key(face: CardFace) -> ColumnElement[bool]:
    return (CARDS.c.merchant_id == face.merchant_id) & (CARDS.c.id == face.card_id)


def _fresh(conn: Connection, face: CardFace) -> CardFace:
    fresh = face_of_card(conn, face.merchant_id, face.card_id)
    assert fresh is not None
    return fresh


def ensure_apple_identity(conn: Connection, face: CardFace) -> CardFace:
    """The card with its serial number and auth token, made now if it has none yet.

    Not a change a terminal replicates: the card's change version is left as it is.
    """
    if face.apple_serial_number and face.apple_auth_token:
        return face
    conn.execute(
        CARDS.update()
        .where(_key(face), CARDS.c.apple_serial_number.is_(None))
        .values(
            apple_serial_number=secrets.token_hex(ID_BYTES),
            apple_auth_token=secrets.token_urlsafe(AUTH_TOKEN_BYTES),
        )
    )
    return _fresh(conn, face)


def ensure_google_identity(conn: Connection, face: CardFace, issuer_id: str) -> CardFace:
    """The card with its Google object id `<issuer id>.<random>`, made now if it has none
    under this issuer. Compare-and-set: two first saves at once agree on one object."""
    if face.google_object_id and face.google_object_id.startswith(f"{issuer_id}."):
        return face
    held = CARDS.c.google_object_id
    unchanged = held.is_(None) if face.google_object_id is None else held == face.google_object_id
    conn.execute(
        CARDS.update()
        .where(_key(face), unchanged)
        .values(google_object_id=f"{issuer_id}.{secrets.token_hex(ID_BYTES)}")
    )
    return _fresh(conn, face)


def record_google_jwt(conn: Connection, face: CardFace, jwt: str) -> None:
    """The card's latest save JWT (made from its state now); from here on, changes of the
    card are PATCHed to its object."""
    conn.execute(CARDS.update().where(_key(face)).values(google_jwt=jwt))
