"""Card operations: (card, program, operation, context) -> a new card and its effect, or a refusal.

Every function here is pure. The terminal applies them offline, the server applies them again
on the authoritative card, and a replay of a journal applies them in order: all three must
agree, so nothing here reads a clock, a database or a setting of its own.
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from pos_app.domain.card import Card
from pos_app.domain.identifiers import CardRef
from pos_app.domain.instants import later
from pos_app.domain.money import format_minor, max_purchase_minor, points_for_purchase
from pos_app.domain.program import Program
from pos_app.domain.refusal import RefusalCode, Refused

MAX_VOID_POINTS = 10_000_000


class OpKind(enum.StrEnum):
    ENROLL = "enroll"
    STAMP = "stamp"
    REDEEM_STAMPS = "redeem_stamps"
    EARN_POINTS = "earn_points"
    REDEEM_POINTS = "redeem_points"
    VOID_POINTS = "void_points"
    EXPIRE_POINTS = "expire_points"
    REVERSE = "reverse"
    # The card's life, by a manager: each an entry like the others.
    DEACTIVATE = "deactivate"
    REACTIVATE = "reactivate"
    REPLACE = "replace"
    ADJUST = "adjust"
    MERGE_OUT = "merge_out"
    MERGE_IN = "merge_in"


# What a cashier may take back within moments of doing it (a compensating entry).
UNDOABLE = frozenset(
    {
        OpKind.STAMP,
        OpKind.REDEEM_STAMPS,
        OpKind.EARN_POINTS,
        OpKind.REDEEM_POINTS,
        OpKind.VOID_POINTS,
    }
)


@dataclass(frozen=True, slots=True)
class Enroll:
    card_id: str
    card_number: str
    qr_token: str
    customer_name: str = ""
    kind: OpKind = OpKind.ENROLL


@dataclass(frozen=True, slots=True)
class Stamp:
    count: int = 1
    # Only on a provisional stamp: the card as scanned, which this terminal does not know
    # yet (issued since its last pull, stamped offline). The server stamps the card of its
    # own that this names, or refuses the entry as an unknown card.
    card_ref: CardRef | None = None
    kind: OpKind = OpKind.STAMP


@dataclass(frozen=True, slots=True)
class RedeemStamps:
    kind: OpKind = OpKind.REDEEM_STAMPS


@dataclass(frozen=True, slots=True)
class EarnPoints:
    """Points for a purchase; `receipt` is the till's receipt reference, when typed, by
    which a return can name this earn later."""

    amount_minor: int
    receipt: str = ""
    kind: OpKind = OpKind.EARN_POINTS


RECEIPT_MAX_LENGTH = 40
_RECEIPT_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789./_#- ")


def normal_receipt(text: str) -> str:
    """A receipt reference as the journal keeps it: upper case, single spaces, so that a
    return typed another way finds it. Raises ValueError for one that cannot be one."""
    receipt = " ".join(text.split()).upper()
    if len(receipt) > RECEIPT_MAX_LENGTH or not set(receipt) <= _RECEIPT_CHARS:
        raise ValueError(
            f"A receipt reference is up to {RECEIPT_MAX_LENGTH} letters, digits, spaces "
            "and . / _ # -"
        )
    return receipt


@dataclass(frozen=True, slots=True)
class RedeemPoints:
    reward_code: str
    kind: OpKind = OpKind.REDEEM_POINTS


@dataclass(frozen=True, slots=True)
class VoidPoints:
    """Points taken back. A return names the earn it takes back (`of_entry_id`) and the
    amount returned: its points are then that earn's rate, capped by what it gave."""

    points: int
    of_entry_id: str | None = None
    returned_minor: int | None = None
    kind: OpKind = OpKind.VOID_POINTS


@dataclass(frozen=True, slots=True)
class EarnRecord:
    """A purchase's earn as a return sees it: what was bought, what it gave, what earlier
    returns of it already took back."""

    entry_id: str
    amount_minor: int
    points: int
    returned_minor: int = 0
    returned_points: int = 0


def return_of(earn: EarnRecord, returned_minor: int) -> VoidPoints | Refused:
    """The void for returning `returned_minor` of the purchase: the earn's own rate, never
    more than the earn gave in all (earlier returns of it counted)."""
    left_minor = earn.amount_minor - earn.returned_minor
    if left_minor <= 0:
        return Refused(
            RefusalCode.NOTHING_TO_RETURN,
            "That purchase was returned in full already.",
            {"rule": "returned_already"},
        )
    if not 0 < returned_minor <= left_minor:
        return Refused(
            RefusalCode.INVALID_AMOUNT,
            f"A return of that purchase must be more than 0.00 and at most "
            f"{format_minor(left_minor)} (bought {format_minor(earn.amount_minor)}).",
            {"rule": "return_amount", "left_minor": left_minor, "bought_minor": earn.amount_minor},
        )
    total_returned = earn.returned_minor + returned_minor
    # Rounded down on the whole returned so far, so partial returns add up to the earn.
    due = earn.points * total_returned // earn.amount_minor - earn.returned_points
    due = max(0, min(due, earn.points - earn.returned_points))
    if due == 0:
        return Refused(
            RefusalCode.NOTHING_TO_RETURN,
            "That return takes back no points.",
            {"rule": "no_points"},
        )
    return VoidPoints(due, earn.entry_id, returned_minor)


@dataclass(frozen=True, slots=True)
class ExpirePoints:
    kind: OpKind = OpKind.EXPIRE_POINTS


@dataclass(frozen=True, slots=True)
class Reverse:
    """Take back an earlier entry: its effect undone, the journal keeping both.

    `stamps` and `points` are the original entry's deltas as applied; `requested_points` is
    what a void asked for (its voided total counted that, not the clamped amount).
    """

    of_entry_id: str
    of_kind: OpKind
    stamps: int = 0
    points: int = 0
    requested_points: int | None = None
    kind: OpKind = OpKind.REVERSE


MAX_REASON = 200
MAX_ADJUST_POINTS = 10_000_000
MAX_ADJUST_STAMPS = 1000


@dataclass(frozen=True, slots=True)
class Deactivate:
    """The card stops working (lost, misused, the customer asked); it keeps its balances."""

    reason: str = ""
    kind: OpKind = OpKind.DEACTIVATE


@dataclass(frozen=True, slots=True)
class Reactivate:
    kind: OpKind = OpKind.REACTIVATE


@dataclass(frozen=True, slots=True)
class Replace:
    """A lost card gets a new number and QR code: the same card, its balances and history
    carried; the old number and code then answer "replaced by a new card"."""

    card_number: str
    qr_token: str
    kind: OpKind = OpKind.REPLACE


@dataclass(frozen=True, slots=True)
class Adjust:
    """A manager's correction of the balances, with the reason written down."""

    points: int = 0
    stamps: int = 0
    reason: str = ""
    kind: OpKind = OpKind.ADJUST


@dataclass(frozen=True, slots=True)
class MergeOut:
    """Two cards of one customer become one: this card gives its balances and stops."""

    into_card_id: str
    kind: OpKind = OpKind.MERGE_OUT


@dataclass(frozen=True, slots=True)
class MergeIn:
    """The card that stays takes what the `MergeOut` entry `from_entry_id` gave."""

    from_card_id: str
    from_entry_id: str
    stamps: int
    points: int
    kind: OpKind = OpKind.MERGE_IN


Lifecycle = Deactivate | Reactivate | Replace
Operation = (
    Enroll
    | Stamp
    | RedeemStamps
    | EarnPoints
    | RedeemPoints
    | VoidPoints
    | ExpirePoints
    | Reverse
    | Deactivate
    | Reactivate
    | Replace
    | Adjust
    | MergeOut
    | MergeIn
)
CardOperation = (
    Stamp
    | RedeemStamps
    | EarnPoints
    | RedeemPoints
    | VoidPoints
    | ExpirePoints
    | Reverse
    | Deactivate
    | Reactivate
    | Replace
    | Adjust
    | MergeOut
    | MergeIn
)


@dataclass(frozen=True, slots=True)
class Context:
    """Where and when: the store's local time (timezone-aware) and the store applying it."""

    now: datetime
    store_id: str

    def __post_init__(self) -> None:
        if self.now.tzinfo is None:
            raise ValueError("Context.now must be timezone-aware")


@dataclass(frozen=True, slots=True)
class Effect:
    """What an applied operation changed, as the journal records it.

    `adjusted` is true when the rules applied a different amount than was asked for
    (a void clamped at the balance); `requested_points` then holds what was asked.
    """

    stamps_delta: int = 0
    points_delta: int = 0
    adjusted: bool = False
    requested_points: int | None = None


@dataclass(frozen=True, slots=True)
class Applied:
    card: Card
    effect: Effect


Outcome = Applied | Refused


def enroll(op: Enroll, program: Program, ctx: Context) -> Applied:
    """A new card in `program`, with the program's welcome bonus."""
    card = Card(
        id=op.card_id,
        card_number=op.card_number,
        qr_token=op.qr_token,
        merchant_id=program.merchant_id,
        program_id=program.id,
        enrolled_at_store=ctx.store_id,
        customer_name=op.customer_name,
        last_activity_at=ctx.now,
    )
    stamps = program.welcome_bonus_stamps if program.has_stamps else 0
    points = program.welcome_bonus_points if program.has_points else 0
    card = replace(
        card,
        stamp_count=stamps,
        total_stamps_earned=stamps,
        points_balance=points,
        total_points_earned=points,
        last_points_at=ctx.now if points else None,
    )
    return Applied(card, Effect(stamps_delta=stamps, points_delta=points))


def apply(card: Card, program: Program, op: CardOperation, ctx: Context) -> Outcome:
    """Apply one operation to an existing card under the program's rules."""
    if isinstance(op, Deactivate | Reactivate | Replace):
        return _lifecycle(card, program, op)
    refused = _check_card(card, program, ctx)
    if refused is not None:
        return refused
    match op:
        case Stamp():
            return _stamp(card, program, op, ctx)
        case RedeemStamps():
            return _redeem_stamps(card, program, ctx)
        case EarnPoints():
            return _earn_points(card, program, op, ctx)
        case RedeemPoints():
            return _redeem_points(card, program, op, ctx)
        case VoidPoints():
            return _void_points(card, program, op, ctx)
        case ExpirePoints():
            return _expire_points(card, program, ctx)
        case Reverse():
            return _reverse(card, op, ctx)
        case Adjust():
            return _adjust(card, program, op, ctx)
        case MergeOut():
            if op.into_card_id == card.id:
                return Refused(
                    RefusalCode.INVALID_AMOUNT,
                    "A card cannot be merged into itself.",
                    {"rule": "self_merge"},
                )
            new = replace(card, is_active=False, stamp_count=0, points_balance=0)
            return Applied(
                new, Effect(stamps_delta=-card.stamp_count, points_delta=-card.points_balance)
            )
        case MergeIn():
            if op.stamps < 0 or op.points < 0 or op.from_card_id == card.id:
                return Refused(
                    RefusalCode.INVALID_AMOUNT,
                    "That merge gives nothing to take.",
                    {"rule": "empty_merge"},
                )
            new = replace(
                card,
                stamp_count=card.stamp_count + op.stamps,
                total_stamps_earned=card.total_stamps_earned + op.stamps,
                points_balance=card.points_balance + op.points,
                total_points_earned=card.total_points_earned + op.points,
                last_points_at=ctx.now if op.points else card.last_points_at,
                last_activity_at=ctx.now,
            )
            return Applied(new, Effect(stamps_delta=op.stamps, points_delta=op.points))


def _lifecycle(card: Card, program: Program, op: Lifecycle) -> Outcome:
    """Deactivate, reactivate, replace: the card's state, never its balances."""
    if card.program_id != program.id:
        raise ValueError(f"card {card.id} is not in program {program.id}")
    match op:
        case Deactivate():
            if not card.is_active:
                return Refused(
                    RefusalCode.CARD_INACTIVE,
                    "This card is already inactive.",
                    {"rule": "already_inactive"},
                )
            if len(op.reason) > MAX_REASON:
                return Refused(
                    RefusalCode.INVALID_AMOUNT,
                    "The reason is too long.",
                    {"rule": "reason_too_long", "max": MAX_REASON},
                )
            return Applied(replace(card, is_active=False), Effect())
        case Reactivate():
            if card.is_active:
                return Refused(RefusalCode.CARD_ACTIVE, "This card is active already.")
            return Applied(replace(card, is_active=True), Effect())
        case Replace():
            if op.card_number == card.card_number or op.qr_token == card.qr_token:
                return Refused(
                    RefusalCode.INVALID_AMOUNT,
                    "A new card needs a new number and code.",
                    {"rule": "same_number"},
                )
            new = replace(card, card_number=op.card_number, qr_token=op.qr_token, is_active=True)
            return Applied(new, Effect())


def _adjust(card: Card, program: Program, op: Adjust, ctx: Context) -> Outcome:
    if not op.reason.strip() or len(op.reason) > MAX_REASON:
        return Refused(
            RefusalCode.INVALID_AMOUNT,
            f"An adjustment needs a reason (1 to {MAX_REASON} characters).",
            {"rule": "needs_reason", "max": MAX_REASON},
        )
    if not (op.points or op.stamps):
        return Refused(
            RefusalCode.INVALID_AMOUNT,
            "An adjustment changes points or stamps.",
            {"rule": "no_change"},
        )
    if abs(op.points) > MAX_ADJUST_POINTS or abs(op.stamps) > MAX_ADJUST_STAMPS:
        return Refused(
            RefusalCode.INVALID_AMOUNT, "That adjustment is too large.", {"rule": "too_large"}
        )
    if op.points and (refused := _needs_points(program)) is not None:
        return refused
    if op.stamps and (refused := _needs_stamps(program)) is not None:
        return refused
    if card.points_balance + op.points < 0:
        return Refused(
            RefusalCode.INSUFFICIENT_POINTS,
            f"The card has {card.points_balance} points; it cannot lose {-op.points}.",
            {"rule": "cannot_lose_points", "balance": card.points_balance, "lose": -op.points},
        )
    if card.stamp_count + op.stamps < 0:
        return Refused(
            RefusalCode.INSUFFICIENT_STAMPS,
            f"The card has {card.stamp_count} stamps; it cannot lose {-op.stamps}.",
            {"rule": "cannot_lose_stamps", "balance": card.stamp_count, "lose": -op.stamps},
        )
    new = replace(
        card,
        points_balance=card.points_balance + op.points,
        total_points_earned=card.total_points_earned + max(op.points, 0),
        total_points_voided=card.total_points_voided + max(-op.points, 0),
        stamp_count=card.stamp_count + op.stamps,
        total_stamps_earned=card.total_stamps_earned + max(op.stamps, 0),
        last_points_at=ctx.now if op.points > 0 else card.last_points_at,
        last_activity_at=ctx.now,
    )
    return Applied(new, Effect(stamps_delta=op.stamps, points_delta=op.points))


def _check_card(card: Card, program: Program, ctx: Context) -> Refused | None:
    if not card.is_active:
        return Refused(RefusalCode.CARD_INACTIVE, "This card is no longer active.")
    if card.program_id != program.id:
        raise ValueError(f"card {card.id} is not in program {program.id}")
    if not program.cross_store and card.enrolled_at_store != ctx.store_id:
        return Refused(RefusalCode.OTHER_STORE, "This card only works at the store it was made in.")
    return None


def _needs_stamps(program: Program) -> Refused | None:
    if program.has_stamps:
        return None
    return Refused(
        RefusalCode.WRONG_PROGRAM_TYPE,
        f"{program.name} does not collect stamps.",
        {"program": program.name, "collects": "stamps"},
    )


def _needs_points(program: Program) -> Refused | None:
    if program.has_points:
        return None
    return Refused(
        RefusalCode.WRONG_PROGRAM_TYPE,
        f"{program.name} does not collect points.",
        {"program": program.name, "collects": "points"},
    )


def _stamp(card: Card, program: Program, op: Stamp, ctx: Context) -> Outcome:
    if (refused := _needs_stamps(program)) is not None:
        return refused
    if not 1 <= op.count <= program.max_stamps_per_scan:
        return Refused(
            RefusalCode.INVALID_AMOUNT,
            f"Stamps per scan must be between 1 and {program.max_stamps_per_scan}.",
        )
    if program.cooldown_minutes and card.last_stamp_at is not None:
        ready_at = later(card.last_stamp_at, minutes=program.cooldown_minutes)
        if ctx.now < ready_at:
            minutes_left = math.ceil((ready_at - ctx.now).total_seconds() / 60)
            unit = "minute" if minutes_left == 1 else "minutes"
            return Refused(
                RefusalCode.COOLDOWN,
                f"Stamped recently: next stamp in {minutes_left} {unit}.",
                {"minutes_left": minutes_left},
            )
    today = ctx.now.date()
    stamped_today = card.stamps_on_day if card.stamp_day == today else 0
    if program.daily_stamp_cap is not None and stamped_today + op.count > program.daily_stamp_cap:
        return Refused(
            RefusalCode.DAILY_CAP,
            f"Daily limit of {program.daily_stamp_cap} stamps reached "
            f"({stamped_today} given today).",
            {"cap": program.daily_stamp_cap, "today": stamped_today},
        )
    new = replace(
        card,
        stamp_count=card.stamp_count + op.count,
        total_stamps_earned=card.total_stamps_earned + op.count,
        stamps_on_day=stamped_today + op.count,
        stamp_day=today,
        last_stamp_at=ctx.now,
        last_activity_at=ctx.now,
    )
    return Applied(new, Effect(stamps_delta=op.count))


def _redeem_stamps(card: Card, program: Program, ctx: Context) -> Outcome:
    if (refused := _needs_stamps(program)) is not None:
        return refused
    if card.stamp_count < program.stamps_target:
        missing = program.stamps_target - card.stamp_count
        return Refused(
            RefusalCode.INSUFFICIENT_STAMPS,
            f"Not enough stamps: {card.stamp_count} of {program.stamps_target}, {missing} to go.",
            {"count": card.stamp_count, "target": program.stamps_target, "missing": missing},
        )
    new = replace(
        card,
        stamp_count=card.stamp_count - program.stamps_target,
        stamps_redeemed=card.stamps_redeemed + 1,
        last_redemption_at=ctx.now,
        last_activity_at=ctx.now,
    )
    return Applied(new, Effect(stamps_delta=-program.stamps_target))


def _earn_points(card: Card, program: Program, op: EarnPoints, ctx: Context) -> Outcome:
    if (refused := _needs_points(program)) is not None:
        return refused
    limit = max_purchase_minor(program.currency)
    if not 0 < op.amount_minor <= limit:
        return Refused(
            RefusalCode.INVALID_AMOUNT,
            f"A purchase must be more than {format_minor(0, program.currency)} and at most "
            f"{format_minor(limit, program.currency)} {program.currency}.",
        )
    points = points_for_purchase(op.amount_minor, program.points_per_unit, program.currency)
    new = replace(
        card,
        points_balance=card.points_balance + points,
        total_points_earned=card.total_points_earned + points,
        last_points_at=ctx.now,
        last_activity_at=ctx.now,
    )
    return Applied(new, Effect(points_delta=points))


def _redeem_points(card: Card, program: Program, op: RedeemPoints, ctx: Context) -> Outcome:
    if (refused := _needs_points(program)) is not None:
        return refused
    reward = program.reward(op.reward_code)
    if reward is None:
        return Refused(
            RefusalCode.UNKNOWN_REWARD, f"There is no reward {op.reward_code!r} in {program.name}."
        )
    if card.points_balance < reward.points_cost:
        return Refused(
            RefusalCode.INSUFFICIENT_POINTS,
            f"{reward.name} costs {reward.points_cost} points; the card has {card.points_balance}.",
            {"reward": reward.name, "cost": reward.points_cost, "balance": card.points_balance},
        )
    new = replace(
        card,
        points_balance=card.points_balance - reward.points_cost,
        points_redeemed=card.points_redeemed + reward.points_cost,
        last_points_at=ctx.now,
        last_redemption_at=ctx.now,
        last_activity_at=ctx.now,
    )
    return Applied(new, Effect(points_delta=-reward.points_cost))


def _void_points(card: Card, program: Program, op: VoidPoints, ctx: Context) -> Outcome:
    if (refused := _needs_points(program)) is not None:
        return refused
    if not 0 < op.points <= MAX_VOID_POINTS:
        return Refused(
            RefusalCode.INVALID_AMOUNT, f"Points to void must be between 1 and {MAX_VOID_POINTS}."
        )
    taken = min(op.points, card.points_balance)
    new = replace(
        card,
        points_balance=card.points_balance - taken,
        # The voided total counts the full amount even when the balance clamps at zero.
        total_points_voided=card.total_points_voided + op.points,
        last_points_at=ctx.now,
        last_activity_at=ctx.now,
    )
    adjusted = taken != op.points
    return Applied(
        new,
        Effect(
            points_delta=-taken, adjusted=adjusted, requested_points=op.points if adjusted else None
        ),
    )


def _expire_points(card: Card, program: Program, ctx: Context) -> Outcome:
    if (refused := _needs_points(program)) is not None:
        return refused
    if program.points_expiry_days is None:
        return Refused(RefusalCode.NOTHING_TO_EXPIRE, f"Points in {program.name} never expire.")
    if card.points_balance == 0 or card.last_points_at is None:
        return Refused(RefusalCode.NOTHING_TO_EXPIRE, "The card has no points to expire.")
    expires_at = later(card.last_points_at, days=program.points_expiry_days)
    if ctx.now < expires_at:
        return Refused(
            RefusalCode.NOTHING_TO_EXPIRE,
            f"Points are still valid until {expires_at.date().isoformat()}.",
        )
    expired = card.points_balance
    new = replace(
        card,
        points_balance=0,
        total_points_voided=card.total_points_voided + expired,
        last_activity_at=ctx.now,
    )
    return Applied(new, Effect(points_delta=-expired))


@dataclass(frozen=True, slots=True)
class Expiry:
    """When the card's points lapse if it sees no points activity before then."""

    points: int
    on: date


def points_expiry(card: Card, program: Program) -> Expiry | None:
    """The points that expire, and the day they do (the store's calendar), if they will."""
    if not program.has_points or program.points_expiry_days is None:
        return None
    if card.points_balance == 0 or card.last_points_at is None:
        return None
    return Expiry(
        card.points_balance, later(card.last_points_at, days=program.points_expiry_days).date()
    )


def expiry_due(card: Card, program: Program, now: datetime) -> bool:
    """Whether `ExpirePoints` applies to the card at `now` (the server's schedule asks)."""
    due = points_expiry(card, program)
    return (
        due is not None
        and card.last_points_at is not None
        and program.points_expiry_days is not None
        and now >= later(card.last_points_at, days=program.points_expiry_days)
    )


def _not_undoable(why: str) -> Refused:
    return Refused(RefusalCode.NOT_UNDOABLE, f"Cannot undo: {why}")


def _reverse(card: Card, op: Reverse, ctx: Context) -> Outcome:
    """Undo the effect of one earlier entry, refusing when what it gave is already used."""
    stamps, points = op.stamps, op.points
    changes: dict[str, Any]
    match op.of_kind:
        case OpKind.STAMP if stamps > 0 and points == 0:
            if card.stamp_count < stamps:
                return _not_undoable("those stamps were already used for a reward.")
            same_day = card.stamp_day == ctx.now.date()
            changes = {
                "stamp_count": card.stamp_count - stamps,
                "total_stamps_earned": card.total_stamps_earned - stamps,
                "stamps_on_day": max(0, card.stamps_on_day - stamps) if same_day else 0,
            }
        case OpKind.REDEEM_STAMPS if stamps < 0 and points == 0:
            changes = {
                "stamp_count": card.stamp_count - stamps,
                "stamps_redeemed": card.stamps_redeemed - 1,
            }
        case OpKind.EARN_POINTS if points >= 0 and stamps == 0:
            if card.points_balance < points:
                return _not_undoable("those points were already spent.")
            changes = {
                "points_balance": card.points_balance - points,
                "total_points_earned": card.total_points_earned - points,
            }
        case OpKind.REDEEM_POINTS if points < 0 and stamps == 0:
            changes = {
                "points_balance": card.points_balance - points,
                "points_redeemed": card.points_redeemed + points,
            }
        case OpKind.VOID_POINTS if points <= 0 and stamps == 0:
            voided = op.requested_points if op.requested_points is not None else -points
            changes = {
                "points_balance": card.points_balance - points,
                "total_points_voided": card.total_points_voided - voided,
            }
        case _:
            return _not_undoable(f"a {op.of_kind.value} entry cannot be taken back.")
    if any(value < 0 for value in changes.values()):
        return _not_undoable("the card no longer holds what that entry gave.")
    new = replace(card, last_activity_at=ctx.now, **changes)
    return Applied(new, Effect(stamps_delta=-stamps, points_delta=-points))


def op_to_dict(op: Operation) -> dict[str, Any]:
    """The operation as the journal and the wire carry it (its inputs, not its effect)."""
    match op:
        case Enroll():
            return {
                "kind": op.kind.value,
                "card_id": op.card_id,
                "card_number": op.card_number,
                "qr_token": op.qr_token,
                "customer_name": op.customer_name,
            }
        case Stamp():
            stamp: dict[str, Any] = {"kind": op.kind.value, "count": op.count}
            if op.card_ref is not None:  # absent otherwise: older entries hash as they did
                stamp["card_ref"] = {"kind": op.card_ref.kind, "value": op.card_ref.value}
            return stamp
        case EarnPoints():
            earn: dict[str, Any] = {"kind": op.kind.value, "amount_minor": op.amount_minor}
            if op.receipt:  # absent otherwise: older entries hash as they did
                earn["receipt"] = op.receipt
            return earn
        case RedeemPoints():
            return {"kind": op.kind.value, "reward_code": op.reward_code}
        case VoidPoints():
            void: dict[str, Any] = {"kind": op.kind.value, "points": op.points}
            if op.of_entry_id is not None:  # absent otherwise: older entries hash as they did
                void["of_entry_id"] = op.of_entry_id
                void["returned_minor"] = op.returned_minor
            return void
        case RedeemStamps() | ExpirePoints():
            return {"kind": op.kind.value}
        case Deactivate():
            return {"kind": op.kind.value, "reason": op.reason}
        case Reactivate():
            return {"kind": op.kind.value}
        case Replace():
            return {"kind": op.kind.value, "card_number": op.card_number, "qr_token": op.qr_token}
        case Adjust():
            return {
                "kind": op.kind.value,
                "points": op.points,
                "stamps": op.stamps,
                "reason": op.reason,
            }
        case MergeOut():
            return {"kind": op.kind.value, "into_card_id": op.into_card_id}
        case MergeIn():
            return {
                "kind": op.kind.value,
                "from_card_id": op.from_card_id,
                "from_entry_id": op.from_entry_id,
                "stamps": op.stamps,
                "points": op.points,
            }
        case Reverse():
            return {
                "kind": op.kind.value,
                "of_entry_id": op.of_entry_id,
                "of_kind": op.of_kind.value,
                "stamps": op.stamps,
                "points": op.points,
                "requested_points": op.requested_points,
            }


def op_from_dict(d: dict[str, Any]) -> Operation:
    kind = OpKind(d["kind"])
    match kind:
        case OpKind.ENROLL:
            return Enroll(d["card_id"], d["card_number"], d["qr_token"], d["customer_name"])
        case OpKind.STAMP:
            ref = d.get("card_ref")
            card_ref = None if ref is None else CardRef(ref["kind"], str(ref["value"]))
            return Stamp(int(d["count"]), card_ref)
        case OpKind.REDEEM_STAMPS:
            return RedeemStamps()
        case OpKind.EARN_POINTS:
            return EarnPoints(int(d["amount_minor"]), str(d.get("receipt") or ""))
        case OpKind.REDEEM_POINTS:
            return RedeemPoints(str(d["reward_code"]))
        case OpKind.VOID_POINTS:
            of = d.get("of_entry_id")
            returned = d.get("returned_minor")
            return VoidPoints(
                int(d["points"]),
                None if of is None else str(of),
                None if returned is None else int(returned),
            )
        case OpKind.EXPIRE_POINTS:
            return ExpirePoints()
        case OpKind.DEACTIVATE:
            return Deactivate(str(d["reason"]))
        case OpKind.REACTIVATE:
            return Reactivate()
        case OpKind.REPLACE:
            return Replace(str(d["card_number"]), str(d["qr_token"]))
        case OpKind.ADJUST:
            return Adjust(int(d["points"]), int(d["stamps"]), str(d["reason"]))
        case OpKind.MERGE_OUT:
            return MergeOut(str(d["into_card_id"]))
        case OpKind.MERGE_IN:
            return MergeIn(
                str(d["from_card_id"]), str(d["from_entry_id"]), int(d["stamps"]), int(d["points"])
            )
        case OpKind.REVERSE:
            return Reverse(
                str(d["of_entry_id"]),
                OpKind(d["of_kind"]),
                int(d["stamps"]),
                int(d["points"]),
                None if d.get("requested_points") is None else int(d["requested_points"]),
            )
