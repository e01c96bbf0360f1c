"""A loyalty card as the platform models it: identity, stamp and point balances, activity."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, get_args, get_type_hints


@dataclass(frozen=True, slots=True)
class Card:
    id: str
    card_number: str
    qr_token: str
    merchant_id: str
    program_id: str
    enrolled_at_store: str
    customer_name: str = ""
    is_active: bool = True
    # Stamps: toward the next reward, lifetime, and rewards taken.
    stamp_count: int = 0
    total_stamps_earned: int = 0
    stamps_redeemed: int = 0
    # The daily stamp cap counts stamps on one calendar day of the store's local time.
    stamps_on_day: int = 0
    stamp_day: date | None = None
    # Points.
    points_balance: int = 0
    total_points_earned: int = 0
    points_redeemed: int = 0
    total_points_voided: int = 0
    # Activity.
    last_stamp_at: datetime | None = None
    last_points_at: datetime | None = None
    last_redemption_at: datetime | None = None
    last_activity_at: datetime | None = None

    def rewards_available(self, stamps_target: int) -> int:
        return self.stamp_count // stamps_target


# The card's dates and times: JSON and the databases' text columns hold them as ISO 8601.
TEMPORAL_FIELDS = frozenset(
    name for name, hint in get_type_hints(Card).items() if {date, datetime} & set(get_args(hint))
)


def _iso(value: datetime | date | None) -> str | None:
    return None if value is None else value.isoformat()


def card_to_dict(c: Card) -> dict[str, Any]:
    """A JSON-safe form: timestamps as ISO 8601 with their UTC offset."""
    return {
        "id": c.id,
        "card_number": c.card_number,
        "qr_token": c.qr_token,
        "merchant_id": c.merchant_id,
        "program_id": c.program_id,
        "enrolled_at_store": c.enrolled_at_store,
        "customer_name": c.customer_name,
        "is_active": c.is_active,
        "stamp_count": c.stamp_count,
        "total_stamps_earned": c.total_stamps_earned,
        "stamps_redeemed": c.stamps_redeemed,
        "stamps_on_day": c.stamps_on_day,
        "stamp_day": _iso(c.stamp_day),
        "points_balance": c.points_balance,
        "total_points_earned": c.total_points_earned,
        "points_redeemed": c.points_redeemed,
        "total_points_voided": c.total_points_voided,
        "last_stamp_at": _iso(c.last_stamp_at),
        "last_points_at": _iso(c.last_points_at),
        "last_redemption_at": _iso(c.last_redemption_at),
        "last_activity_at": _iso(c.last_activity_at),
    }


def _dt(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)


def card_from_dict(d: dict[str, Any]) -> Card:
    return Card(
        id=d["id"],
        card_number=d["card_number"],
        qr_token=d["qr_token"],
        merchant_id=d["merchant_id"],
        program_id=d["program_id"],
        enrolled_at_store=d["enrolled_at_store"],
        customer_name=d["customer_name"],
        is_active=d["is_active"],
        stamp_count=d["stamp_count"],
        total_stamps_earned=d["total_stamps_earned"],
        stamps_redeemed=d["stamps_redeemed"],
        stamps_on_day=d["stamps_on_day"],
        stamp_day=None if d["stamp_day"] is None else date.fromisoformat(d["stamp_day"]),
        points_balance=d["points_balance"],
        total_points_earned=d["total_points_earned"],
        points_redeemed=d["points_redeemed"],
        total_points_voided=d["total_points_voided"],
        last_stamp_at=_dt(d["last_stamp_at"]),
        last_points_at=_dt(d["last_points_at"]),
        last_redemption_at=_dt(d["last_redemption_at"]),
        last_activity_at=_dt(d["last_activity_at"]),
    )
