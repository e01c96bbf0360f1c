"""What the cashier reads after an operation: words and a tone (success, warning, refusal)."""

from __future__ import annotations

from dataclasses import dataclass

from pos_app.domain.identifiers import format_card_number
from pos_app.domain.money import format_minor
from pos_app.domain.operations import (
    Adjust,
    CardOperation,
    Deactivate,
    EarnPoints,
    MergeIn,
    Reactivate,
    RedeemPoints,
    RedeemStamps,
    Replace,
    Stamp,
    VoidPoints,
)
from pos_app.domain.refusal import RefusalCode, Refused
from pos_app.services.counter import Done

SUCCESS, WARNING, REFUSAL, BUSY, NEUTRAL = "success", "warning", "refusal", "busy", "neutral"

# Refusals that say "not now" rather than "no": amber, the customer can come back.
_SOFT = frozenset({RefusalCode.COOLDOWN, RefusalCode.DAILY_CAP, RefusalCode.OFFLINE_LIMIT})


@dataclass(frozen=True, slots=True)
class Message:
    tone: str
    text: str


def refusal_message(refused: Refused) -> Message:
    return Message(WARNING if refused.code in _SOFT else REFUSAL, "✗  " + refused.message)


def done_message(op: CardOperation, done: Done) -> Message:
    card, program, effect = done.card, done.program, done.effect
    match op:
        case Stamp() if is_provisional_stamp(done):
            text = "Provisional stamp added: the server adds it to the card at the next sync"
        case Stamp():
            text = f"Stamp added: {card.stamp_count} of {program.stamps_target}"
            if card.rewards_available(program.stamps_target):
                text += f" · {program.stamp_reward} is ready!"
        case RedeemStamps():
            text = f"Reward given: {program.stamp_reward}"
        case EarnPoints():
            text = (
                f"+{effect.points_delta} points for {format_minor(op.amount_minor)}"
                f" · balance {card.points_balance}"
            )
        case RedeemPoints():
            reward = program.reward(op.reward_code)
            name = reward.name if reward else op.reward_code
            text = f"Reward given: {name} ({effect.points_delta} points)"
        case VoidPoints():
            if effect.adjusted:
                return Message(
                    WARNING,
                    f"Only {-effect.points_delta} of {op.points} points could be taken back: "
                    "the balance is now 0",
                )
            text = f"{-effect.points_delta} points taken back · balance {card.points_balance}"
        case Deactivate():
            text = "Card deactivated: it works nowhere until a manager reactivates it"
        case Reactivate():
            text = "Card active again"
        case Replace():
            text = (
                f"New card {format_card_number(card.card_number)}: balances carried; "
                "the old card now says it was replaced"
            )
        case Adjust():
            text = f"Adjusted · balance {card.points_balance} points, {card.stamp_count} stamps"
        case MergeIn():
            text = (
                f"Cards merged: this card now has {card.points_balance} points and "
                f"{card.stamp_count} stamps; the other one is no longer active"
            )
        case _:
            text = "Done"
    return Message(SUCCESS, "✓  " + text)


def is_provisional_stamp(done: Done) -> bool:
    """A stamp on a card this terminal did not know: it names the card as scanned."""
    op = done.entry.op
    return isinstance(op, Stamp) and op.card_ref is not None
