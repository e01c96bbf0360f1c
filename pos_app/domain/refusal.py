"""Why an operation was refused: a stable machine code and words a cashier can read."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field


class RefusalCode(enum.StrEnum):
    CARD_INACTIVE = "card_inactive"
    UNKNOWN_CARD = "unknown_card"
    WRONG_PROGRAM_TYPE = "wrong_program_type"
    OTHER_STORE = "other_store"
    COOLDOWN = "cooldown"
    DAILY_CAP = "daily_cap"
    INSUFFICIENT_STAMPS = "insufficient_stamps"
    INSUFFICIENT_POINTS = "insufficient_points"
    UNKNOWN_REWARD = "unknown_reward"
    INVALID_AMOUNT = "invalid_amount"
    NOTHING_TO_EXPIRE = "nothing_to_expire"
    OFFLINE_LIMIT = "offline_limit"
    ALREADY_ENROLLED = "already_enrolled"
    NOT_UNDOABLE = "not_undoable"
    CARD_ACTIVE = "card_active"
    UNKNOWN_PURCHASE = "unknown_purchase"
    NOTHING_TO_RETURN = "nothing_to_return"
    DIFFERENT_CUSTOMERS = "different_customers"
    # Only the server gives this one: the entry's time is outside the window it accepts.
    CLOCK_OUT_OF_RANGE = "clock_out_of_range"


@dataclass(frozen=True, slots=True)
class Refused:
    code: RefusalCode
    message: str
    # The figures behind the message, by name, so the window can say it in its own language
    # ("minutes_left": 7); the message stays the English form for logs, the CLI and the wire.
    params: Mapping[str, str | int] = field(default_factory=dict, compare=False, hash=False)
