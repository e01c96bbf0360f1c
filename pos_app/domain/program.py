"""Loyalty programs: the rules a terminal applies offline exactly as the server does."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from pos_app.domain.currency import DEFAULT_CURRENCY, check_currency


class ProgramKind(enum.StrEnum):
    STAMPS = "stamps"
    POINTS = "points"
    BOTH = "both"


@dataclass(frozen=True, slots=True)
class Reward:
    """A catalogue entry bought with points."""

    code: str
    name: str
    points_cost: int


@dataclass(frozen=True, slots=True)
class OfflineLimits:
    """How much risk a terminal may take while it cannot reach the server."""

    max_offline_points_redeemed_per_card: int = 500
    warn_unsynced_after_minutes: int = 24 * 60
    stop_redemptions_unsynced_after_minutes: int = 72 * 60
    allow_unknown_cards: bool = True


@dataclass(frozen=True, slots=True)
class Program:
    id: str
    merchant_id: str
    name: str
    kind: ProgramKind
    rule_version: int = 1
    stamps_target: int = 10
    stamp_reward: str = "Free item"
    cooldown_minutes: int = 0
    daily_stamp_cap: int | None = None
    max_stamps_per_scan: int = 10
    points_per_unit: Decimal = Decimal(1)
    rewards: tuple[Reward, ...] = ()
    welcome_bonus_points: int = 0
    welcome_bonus_stamps: int = 0
    points_expiry_days: int | None = None
    cross_store: bool = True
    offline: OfflineLimits = field(default_factory=OfflineLimits)
    currency: str = DEFAULT_CURRENCY  # ISO 4217: what purchases are counted in

    @property
    def has_stamps(self) -> bool:
        return self.kind in (ProgramKind.STAMPS, ProgramKind.BOTH)

    @property
    def has_points(self) -> bool:
        return self.kind in (ProgramKind.POINTS, ProgramKind.BOTH)

    def reward(self, code: str) -> Reward | None:
        return next((r for r in self.rewards if r.code == code), None)

    def __post_init__(self) -> None:
        check_currency(self.currency)
        if self.stamps_target < 1:
            raise ValueError("stamps_target must be at least 1")
        if self.cooldown_minutes < 0:
            raise ValueError("cooldown_minutes cannot be negative")
        if self.daily_stamp_cap is not None and self.daily_stamp_cap < 1:
            raise ValueError("daily_stamp_cap must be at least 1 when set")
        if self.points_per_unit < 0:
            raise ValueError("points_per_unit cannot be negative")
        if any(r.points_cost < 1 for r in self.rewards):
            raise ValueError("every reward must cost at least one point")
        if len({r.code for r in self.rewards}) != len(self.rewards):
            raise ValueError("reward codes must be unique")
        if self.welcome_bonus_points < 0 or self.welcome_bonus_stamps < 0:
            raise ValueError("welcome bonuses cannot be negative")


def program_to_dict(p: Program) -> dict[str, Any]:
    """A JSON-safe form, used by the local replica and the wire protocol alike."""
    return {
        "id": p.id,
        "merchant_id": p.merchant_id,
        "name": p.name,
        "kind": p.kind.value,
        "rule_version": p.rule_version,
        "stamps_target": p.stamps_target,
        "stamp_reward": p.stamp_reward,
        "cooldown_minutes": p.cooldown_minutes,
        "daily_stamp_cap": p.daily_stamp_cap,
        "max_stamps_per_scan": p.max_stamps_per_scan,
        "points_per_unit": str(p.points_per_unit),
        "currency": p.currency,
        "rewards": [
            {"code": r.code, "name": r.name, "points_cost": r.points_cost} for r in p.rewards
        ],
        "welcome_bonus_points": p.welcome_bonus_points,
        "welcome_bonus_stamps": p.welcome_bonus_stamps,
        "points_expiry_days": p.points_expiry_days,
        "cross_store": p.cross_store,
        "offline": {
            "max_offline_points_redeemed_per_card": p.offline.max_offline_points_redeemed_per_card,
            "warn_unsynced_after_minutes": p.offline.warn_unsynced_after_minutes,
            "stop_redemptions_unsynced_after_minutes": (
                p.offline.stop_redemptions_unsynced_after_minutes
            ),
            "allow_unknown_cards": p.offline.allow_unknown_cards,
        },
    }


def program_from_dict(d: dict[str, Any]) -> Program:
    return Program(
        id=d["id"],
        merchant_id=d["merchant_id"],
        name=d["name"],
        kind=ProgramKind(d["kind"]),
        rule_version=d["rule_version"],
        stamps_target=d["stamps_target"],
        stamp_reward=d["stamp_reward"],
        cooldown_minutes=d["cooldown_minutes"],
        daily_stamp_cap=d["daily_stamp_cap"],
        max_stamps_per_scan=d["max_stamps_per_scan"],
        points_per_unit=Decimal(d["points_per_unit"]),
        currency=d.get("currency", DEFAULT_CURRENCY),
        rewards=tuple(Reward(**r) for r in d["rewards"]),
        welcome_bonus_points=d["welcome_bonus_points"],
        welcome_bonus_stamps=d["welcome_bonus_stamps"],
        points_expiry_days=d["points_expiry_days"],
        cross_store=d["cross_store"],
        offline=OfflineLimits(**d["offline"]),
    )
