"""What a card's pass shows, whichever wallet shows it: one source for Apple, Google and the
customer's page."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select

from pos_app.domain.identifiers import format_card_number
from pos_app.domain.program import Program, program_from_dict
from sync.server.models import CARDS, MERCHANTS, PROGRAMS, WALLET_BRANDS

DEFAULT_BACKGROUND = "rgb(28, 56, 41)"
DEFAULT_FOREGROUND = "rgb(255, 255, 255)"
DEFAULT_LABEL = "rgb(200, 230, 210)"


@dataclass(frozen=True, slots=True)
class Brand:
    background: str = DEFAULT_BACKGROUND
    foreground: str = DEFAULT_FOREGROUND
    label: str = DEFAULT_LABEL
    logo_png: bytes | None = None


@dataclass(frozen=True, slots=True)
class CardFace:
    card_id: str
    merchant_id: str
    merchant_name: str
    program_id: str
    program_name: str
    card_number: str
    qr_token: str
    customer_name: str
    is_active: bool
    deleted: bool
    # "4 of 8" toward `reward`, and rewards earned but not yet taken; None without stamps.
    stamps: str | None
    # The same as numbers: stamps toward the next reward, and the stamps it takes.
    stamps_toward: int | None
    stamps_target: int | None
    reward: str | None
    rewards_ready: int
    points: int | None
    # When what the pass shows last changed: the card, its program or the merchant's look.
    updated_at: datetime
    version: int
    apple_serial_number: str | None
    apple_auth_token: str | None
    google_object_id: str | None
    brand: Brand

    @property
    def voided(self) -> bool:
        """A deactivated or erased card's pass stays on the phone, marked void."""
        return self.deleted or not self.is_active

    @property
    def number_text(self) -> str:
        return format_card_number(self.card_number)


_COLUMNS = (
    CARDS.c.id,
    CARDS.c.merchant_id,
    CARDS.c.program_id,
    CARDS.c.card_number,
    CARDS.c.qr_token,
    CARDS.c.customer_name,
    CARDS.c.is_active,
    CARDS.c.deleted_at,
    CARDS.c.stamp_count,
    CARDS.c.points_balance,
    CARDS.c.updated_at,
    CARDS.c.version,
    CARDS.c.apple_serial_number,
    CARDS.c.apple_auth_token,
    CARDS.c.google_object_id,
    MERCHANTS.c.name.label("merchant_name"),
    PROGRAMS.c.rules,
    PROGRAMS.c.updated_at.label("program_updated_at"),
    PROGRAMS.c.version.label("program_version"),
    WALLET_BRANDS.c.updated_at.label("brand_updated_at"),
    WALLET_BRANDS.c.version.label("brand_version"),
    WALLET_BRANDS.c.background,
    WALLET_BRANDS.c.foreground,
    WALLET_BRANDS.c.label,
    WALLET_BRANDS.c.logo_png,
)


def _query() -> Any:
    return (
        select(*_COLUMNS)
        .join(MERCHANTS, MERCHANTS.c.id == CARDS.c.merchant_id)
        .join(
            PROGRAMS,
            (PROGRAMS.c.merchant_id == CARDS.c.merchant_id) & (PROGRAMS.c.id == CARDS.c.program_id),
        )
        .outerjoin(WALLET_BRANDS, WALLET_BRANDS.c.merchant_id == CARDS.c.merchant_id)
    )


def face_of_card(conn: Connection, merchant_id: str, card_id: str) -> CardFace | None:
    """The card's face, erased cards included (their pass is shown void). A card id is
    its merchant's own: another merchant may have a card with the same one."""
    key = (CARDS.c.merchant_id == merchant_id) & (CARDS.c.id == card_id)
    row = conn.execute(_query().where(key)).first()
    return None if row is None else face_from_row(row._mapping)


def face_by_serial(conn: Connection, serial: str) -> CardFace | None:
    """The card whose Apple pass has this serial number (unique server-wide)."""
    row = conn.execute(_query().where(CARDS.c.apple_serial_number == serial)).first()
    return None if row is None else face_from_row(row._mapping)


def faces_by_token(conn: Connection, qr_token: str) -> list[CardFace]:
    """Every live card with this QR token: tokens are unique within a merchant only."""
    live = CARDS.c.deleted_at.is_(None)
    rows = conn.execute(_query().where(CARDS.c.qr_token == qr_token, live).limit(2))
    return [face_from_row(r._mapping) for r in rows]


def faces_by_number(conn: Connection, card_number: str) -> list[CardFace]:
    live = CARDS.c.deleted_at.is_(None)
    rows = conn.execute(_query().where(CARDS.c.card_number == card_number, live).limit(2))
    return [face_from_row(r._mapping) for r in rows]


def face_from_row(row: Any) -> CardFace:
    program: Program = program_from_dict(json.loads(row["rules"]))
    stamps = reward = None
    toward: int | None = None
    target: int | None = None
    ready = 0
    if program.has_stamps:
        target = program.stamps_target
        ready, toward = divmod(row["stamp_count"], target)
        stamps = f"{toward} of {target}"
        reward = program.stamp_reward
    brand = Brand()
    if row["background"] is not None:
        brand = Brand(row["background"], row["foreground"], row["label"], row["logo_png"])
    return CardFace(
        card_id=row["id"],
        merchant_id=row["merchant_id"],
        merchant_name=row["merchant_name"],
        program_id=program.id,
        program_name=program.name,
        card_number=row["card_number"],
        qr_token=row["qr_token"],
        customer_name="" if row["deleted_at"] else (row["customer_name"] or ""),
        is_active=bool(row["is_active"]),
        deleted=row["deleted_at"] is not None,
        stamps=stamps,
        stamps_toward=toward,
        stamps_target=target,
        reward=reward,
        rewards_ready=ready,
        points=int(row["points_balance"]) if program.has_points else None,
        updated_at=max(
            t for t in (row["updated_at"], row["program_updated_at"], row["brand_updated_at"]) if t
        ),
        version=max(int(row["version"]), int(row["program_version"]), row["brand_version"] or 0),
        apple_serial_number=row["apple_serial_number"],
        apple_auth_token=row["apple_auth_token"],
        google_object_id=row["google_object_id"],
        brand=brand,
    )
