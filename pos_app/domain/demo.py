"""The demo merchant's programs: one definition that the terminal and the server both seed."""

from __future__ import annotations

from decimal import Decimal

from pos_app.domain.program import Program, ProgramKind, Reward

DEMO_MERCHANT = "demo-merchant"


def demo_programs(merchant_id: str = DEMO_MERCHANT) -> list[Program]:
    """A stamp card for coffee and a points card for the bakery."""
    return [
        Program(
            id="coffee",
            merchant_id=merchant_id,
            name="Coffee card",
            kind=ProgramKind.STAMPS,
            stamps_target=8,
            stamp_reward="Free coffee",
            cooldown_minutes=2,
            daily_stamp_cap=5,
            welcome_bonus_stamps=1,
        ),
        Program(
            id="bakery",
            merchant_id=merchant_id,
            name="Bakery points",
            kind=ProgramKind.POINTS,
            points_per_unit=Decimal(1),
            rewards=(Reward("croissant", "Croissant", 50), Reward("cake", "Whole cake", 300)),
            welcome_bonus_points=20,
            points_expiry_days=365,
        ),
    ]
