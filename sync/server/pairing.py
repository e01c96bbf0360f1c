"""One-time pairing codes, and turning one into a terminal's token."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, select

from sync.server.auth import new_token, secret_hash
from sync.server.models import GENESIS, PAIR_CODES, STORES, TERMINALS

# No 0/O, 1/I/L: a code is read off one screen and typed on another.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10
DEFAULT_CODE_TTL = timedelta(minutes=15)


class PairingError(Exception):
    """The code cannot pair a terminal; the message says why."""


@dataclass(frozen=True, slots=True)
class Paired:
    token: str
    merchant_id: str
    store_id: str


def normalize_code(code: str) -> str:
    return code.upper().replace("-", "").replace(" ", "")


def create_pair_code(
    conn: Connection, store_id: str, now: datetime, ttl: timedelta = DEFAULT_CODE_TTL
) -> str:
    """A fresh code for `store_id`, shown as `XXXXX-XXXXX`; only its hash is stored."""
    merchant_id = conn.execute(
        select(STORES.c.merchant_id).where(STORES.c.id == store_id)
    ).scalar_one_or_none()
    if merchant_id is None:
        raise PairingError(f"there is no store {store_id!r}")
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    conn.execute(
        PAIR_CODES.insert().values(
            code_hash=secret_hash(raw),
            merchant_id=merchant_id,
            store_id=store_id,
            created_at=now,
            expires_at=now + ttl,
        )
    )
    half = CODE_LENGTH // 2
    return f"{raw[:half]}-{raw[half:]}"


def redeem_pair_code(
    conn: Connection, code: str, terminal_id: str, terminal_name: str, now: datetime
) -> Paired:
    """Use the code once: the terminal gets a new token (re-pairing keeps its journal state)."""
    code_hash = secret_hash(normalize_code(code))
    row = conn.execute(
        select(PAIR_CODES).where(PAIR_CODES.c.code_hash == code_hash).with_for_update()
    ).first()
    if row is None:
        raise PairingError("Unknown pairing code: check it, or ask for a new one.")
    if row.used_at is not None:
        raise PairingError("This pairing code was already used: ask for a new one.")
    if row.expires_at <= now:
        raise PairingError("This pairing code has expired: ask for a new one.")
    existing = conn.execute(
        select(TERMINALS.c.merchant_id).where(TERMINALS.c.id == terminal_id)
    ).first()
    if existing is not None and existing.merchant_id != row.merchant_id:
        raise PairingError("This terminal id belongs to another merchant.")
    token = new_token()
    conn.execute(
        PAIR_CODES.update()
        .where(PAIR_CODES.c.code_hash == code_hash)
        .values(used_at=now, terminal_id=terminal_id)
    )
    if existing is None:
        conn.execute(
            TERMINALS.insert().values(
                id=terminal_id,
                merchant_id=row.merchant_id,
                store_id=row.store_id,
                name=terminal_name,
                token_hash=secret_hash(token),
                created_at=now,
                last_seq=0,
                last_hash=GENESIS,
            )
        )
    else:
        # A reinstalled terminal keeps its id and journal: only its token and store change.
        conn.execute(
            TERMINALS.update()
            .where(TERMINALS.c.id == terminal_id)
            .values(
                store_id=row.store_id,
                name=terminal_name,
                token_hash=secret_hash(token),
                revoked_at=None,
                version=None,
            )
        )
    return Paired(token, row.merchant_id, row.store_id)
