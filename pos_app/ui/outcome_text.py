"""What the cashier reads after an operation: words and a tone (success, warning, refusal)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from pos_app.domain.identifiers import format_card_number
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
from pos_app.services.locale_format import money
from pos_app.ui.words import counts, refusal_words

SUCCESS, WARNING, REFUSAL, BUSY, NEUTRAL = "success", "warning", "refusal", "busy", "neutral"

# Refusals that say "not now" rather than "no": amber, the customer can come back.
_SOFT = frozenset({RefusalCode.COOLDOWN, RefusalCode.DAILY_CAP, RefusalCode.OFFLINE_LIMIT})


@dataclass(frozen=True, slots=True)
class Message:
    tone: str
    text: str


def refusal_message(refused: Refused) -> Message:
    return Message(WARNING if refused.code in _SOFT else REFUSAL, "✗  " + refusal_words(refused))


def done_message(op: CardOperation, done: Done) -> Message:
    card, program, effect = done.card, done.program, done.effect
    match op:
        case Stamp() if is_provisional_stamp(done):
            text = QCoreApplication.translate(
                "outcome_text",
                "Provisional stamp added: the server adds it to the card at the next sync",
            )
        case Stamp():
            text = QCoreApplication.translate(
                "outcome_text", "Stamp added: {stamp_count} of {stamps_target}"
            ).format(stamp_count=card.stamp_count, stamps_target=program.stamps_target)
            if card.rewards_available(program.stamps_target):
                text += QCoreApplication.translate("outcome_text", " · {reward} is ready!").format(
                    reward=program.stamp_reward
                )
        case RedeemStamps():
            text = QCoreApplication.translate(
                "outcome_text", "Reward given: {stamp_reward}"
            ).format(stamp_reward=program.stamp_reward)
        case EarnPoints():
            text = counts().points_earned(
                effect.points_delta, money(op.amount_minor, program.currency), card.points_balance
            )
        case RedeemPoints():
            reward = program.reward(op.reward_code)
            name = reward.name if reward else op.reward_code
            text = counts().reward_for_points(name, effect.points_delta)
        case VoidPoints():
            if effect.adjusted:
                # Two counts, two sentences: each number gets its own plural form.
                return Message(
                    WARNING,
                    counts().only_taken_back(-effect.points_delta)
                    + " "
                    + counts().return_asked_for(op.points),
                )
            text = counts().points_taken_back(-effect.points_delta, card.points_balance)
        case Deactivate():
            text = QCoreApplication.translate(
                "outcome_text", "Card deactivated: it works nowhere until a manager reactivates it"
            )
        case Reactivate():
            text = QCoreApplication.translate("outcome_text", "Card active again")
        case Replace():
            text = QCoreApplication.translate(
                "outcome_text",
                "New card {number}: balances carried; the old card now says it was replaced",
            ).format(number=format_card_number(card.card_number))
        case Adjust():
            text = QCoreApplication.translate(
                "outcome_text", "Adjusted · balance {points}, {stamps}"
            ).format(
                points=counts().points(card.points_balance),
                stamps=counts().stamps(card.stamp_count),
            )
        case MergeIn():
            text = QCoreApplication.translate(
                "outcome_text",
                "Cards merged: this card now has {points} and {stamps}; "
                "the other one is no longer active",
            ).format(
                points=counts().points(card.points_balance),
                stamps=counts().stamps(card.stamp_count),
            )
        case _:
            text = QCoreApplication.translate("outcome_text", "Done")
    return Message(SUCCESS, "✓  " + text)


def is_provisional_stamp(done: Done) -> bool:
    """A stamp on a card this terminal did not know: it names the card as scanned."""
    op = done.entry.op
    return isinstance(op, Stamp) and op.card_ref is not None
