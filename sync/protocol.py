"""The versioned wire contract between terminals and the central server (protocol v1).

Both ends import these models; the server's `openapi.json` is generated from them. Every
model forbids unknown fields, so a typo or a field from a newer protocol is an error, not
something silently dropped.
"""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    StringConstraints,
)

from pos_app.domain.card import Card
from pos_app.domain.chain import canonical_json, compute_hash
from pos_app.domain.currency import DEFAULT_CURRENCY
from pos_app.domain.customer import ascii_lower, normal_phone
from pos_app.domain.identifiers import CardRef
from pos_app.domain.operations import (
    Adjust,
    Deactivate,
    EarnPoints,
    Enroll,
    ExpirePoints,
    MergeIn,
    MergeOut,
    Operation,
    OpKind,
    Reactivate,
    RedeemPoints,
    RedeemStamps,
    Replace,
    Reverse,
    Stamp,
    VoidPoints,
    op_to_dict,
)
from pos_app.domain.refusal import RefusalCode

PROTOCOL_VERSION = 1
API_PREFIX = "/v1"
MAX_BATCH_ENTRIES = 1000
MAX_PAGE_SIZE = 10_000
MAX_BODY_BYTES = 4 * 1024 * 1024
# The largest whole number every JSON reader holds exactly (an IEEE double's 53 bits).
MAX_JSON_INT = 2**53 - 1

# An entry's `local_time` is accepted this far before and after the server's clock; out of
# that window the entry is refused (`clock_out_of_range`), recorded and reported, never
# applied: such a time is a clock gone wrong, not a terminal that was offline, and stored
# on a card it would break cooldowns, expiry and the feed (9999-12-31T23:00-14:00 is past
# the last instant Python holds). Half a year back admits a terminal kept offline for a
# season; a month ahead admits a date set wrong by hand by days or weeks, which the server
# applies and flags `clock_suspect` (over a day ahead) for the manager.
LOCAL_TIME_BEFORE_DAYS = 183
LOCAL_TIME_AFTER_DAYS = 31


def _a_json_number(value: Any) -> Any:
    # Text ("1") and true/false are not numbers, whatever Python's int() makes of them.
    # 1.0 is: JSON Schema's integer is any number without a fraction.
    if isinstance(value, str | bool):
        raise ValueError("a whole number is a JSON number, not text or true/false")
    return value


# Whole numbers on the wire are JSON numbers without a fraction, and fit the column that
# stores them: `integer` (32 bits) or `bigint` (64 bits). A `bigint` field is bounded by
# 2**53 - 1, the largest whole number every JSON reader (and this document's own bounds,
# written as doubles) holds exactly.
INT32_MAX = 2**31 - 1
SAFE_INT_MAX = 2**53 - 1
# After the bounds, so that they stay the schema's own minimum and maximum.
JSON_NUMBER = BeforeValidator(_a_json_number)
Int32 = Annotated[int, Field(ge=-INT32_MAX - 1, le=INT32_MAX), JSON_NUMBER]
BigInt = Annotated[int, Field(ge=-SAFE_INT_MAX, le=SAFE_INT_MAX), JSON_NUMBER]

Id = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")]
Hash = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
CardNumber = Annotated[str, StringConstraints(pattern=r"^[0-9]{12}$")]
QrToken = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{16,64}$")]
# Free text a person typed: no NUL, which PostgreSQL text cannot hold.
Name = Annotated[str, StringConstraints(max_length=200, pattern=r"^[^\x00]*$")]


class Wire(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- pairing -----------------------------------------------------------------------------


class PairRequest(Wire):
    code: Annotated[str, StringConstraints(min_length=6, max_length=32)]
    terminal_id: uuid.UUID
    terminal_name: Name = "Counter"


class PairResponse(Wire):
    terminal_id: uuid.UUID
    token: str
    merchant_id: Id
    store_id: Id
    server_time: AwareDatetime


# --- operations as they travel -------------------------------------------------------------


class EnrollOp(Wire):
    kind: Literal["enroll"]
    card_id: uuid.UUID
    card_number: CardNumber
    qr_token: QrToken
    customer_name: Name = ""


class TokenRef(Wire):
    kind: Literal["token"]
    value: QrToken


class NumberRef(Wire):
    kind: Literal["number"]
    value: CardNumber


class StampOp(Wire):
    kind: Literal["stamp"]
    count: Annotated[int, Field(ge=1, le=100), JSON_NUMBER]
    card_ref: Annotated[
        TokenRef | NumberRef | None,
        Field(
            discriminator="kind",
            description="Only on a provisional stamp: the card as the terminal scanned it, "
            "not knowing it yet. The server stamps its card of that token or number, or "
            "refuses the entry as an unknown card.",
        ),
    ] = None


class RedeemStampsOp(Wire):
    kind: Literal["redeem_stamps"]


Receipt = Annotated[
    str,
    StringConstraints(min_length=1, max_length=40, pattern=r"^[A-Z0-9./_#-]+( [A-Z0-9./_#-]+)*$"),
]


class EarnPointsOp(Wire):
    kind: Literal["earn_points"]
    amount_minor: Annotated[int, Field(ge=1, le=10**11), JSON_NUMBER]
    receipt: Annotated[
        Receipt | None,
        Field(
            description="The till's receipt reference, when the cashier typed one (upper "
            "case, single spaces): a return can name this earn by it."
        ),
    ] = None


class RedeemPointsOp(Wire):
    kind: Literal["redeem_points"]
    reward_code: Id


class VoidPointsOp(Wire):
    """Points taken back; a return names the earn entry it takes back and the amount
    returned (both or neither), and the server applies that earn's rate, capped."""

    kind: Literal["void_points"]
    points: Annotated[int, Field(ge=1, le=10**7), JSON_NUMBER]
    of_entry_id: uuid.UUID | None = None
    returned_minor: Annotated[int, Field(ge=1, le=10**11), JSON_NUMBER] | None = None


class ExpirePointsOp(Wire):
    kind: Literal["expire_points"]


class ReverseOp(Wire):
    """Undo an earlier entry of the same terminal (the cashier's Undo): its deltas as applied."""

    kind: Literal["reverse"]
    of_entry_id: uuid.UUID
    of_kind: Literal["stamp", "redeem_stamps", "earn_points", "redeem_points", "void_points"]
    stamps: Annotated[int, Field(ge=-1000, le=1000), JSON_NUMBER]
    points: Annotated[int, Field(ge=-(10**9), le=10**9), JSON_NUMBER]
    requested_points: Annotated[int, Field(ge=1, le=10**7), JSON_NUMBER] | None = None


class DeactivateOp(Wire):
    """A manager stops the card (lost, misused, the customer asked); balances stay."""

    kind: Literal["deactivate"]
    reason: Name = ""


class ReactivateOp(Wire):
    kind: Literal["reactivate"]


class ReplaceOp(Wire):
    """A lost card's new number and QR token: the same card, balances and history carried.
    The old number and token answer "replaced by a new card" (`RetiredChange`)."""

    kind: Literal["replace"]
    card_number: CardNumber
    qr_token: QrToken


class AdjustOp(Wire):
    """A manager's correction of the balances, with the reason written down."""

    kind: Literal["adjust"]
    points: Annotated[int, Field(ge=-(10**7), le=10**7), JSON_NUMBER] = 0
    stamps: Annotated[int, Field(ge=-1000, le=1000), JSON_NUMBER] = 0
    reason: Annotated[Name, StringConstraints(min_length=1)]


class MergeOutOp(Wire):
    """Two cards of one customer become one: this card gives its balances and stops."""

    kind: Literal["merge_out"]
    into_card_id: uuid.UUID


class MergeInOp(Wire):
    """The card that stays takes what the `merge_out` entry gave (the server takes the
    amounts from its own record of that entry)."""

    kind: Literal["merge_in"]
    from_card_id: uuid.UUID
    from_entry_id: uuid.UUID
    stamps: Annotated[int, Field(ge=0, le=INT32_MAX), JSON_NUMBER]
    points: Annotated[int, Field(ge=0, le=SAFE_INT_MAX), JSON_NUMBER]


WireOperation = Annotated[
    EnrollOp
    | StampOp
    | RedeemStampsOp
    | EarnPointsOp
    | RedeemPointsOp
    | VoidPointsOp
    | ExpirePointsOp
    | ReverseOp
    | DeactivateOp
    | ReactivateOp
    | ReplaceOp
    | AdjustOp
    | MergeOutOp
    | MergeInOp,
    Field(discriminator="kind"),
]


def operation_from_wire(op: WireOperation) -> Operation:
    match op:
        case EnrollOp():
            return Enroll(str(op.card_id), op.card_number, op.qr_token, op.customer_name)
        case StampOp():
            ref = op.card_ref
            return Stamp(op.count, None if ref is None else CardRef(ref.kind, ref.value))
        case RedeemStampsOp():
            return RedeemStamps()
        case EarnPointsOp():
            return EarnPoints(op.amount_minor, op.receipt or "")
        case RedeemPointsOp():
            return RedeemPoints(op.reward_code)
        case VoidPointsOp():
            of = None if op.of_entry_id is None else str(op.of_entry_id)
            return VoidPoints(op.points, of, op.returned_minor if of else None)
        case ExpirePointsOp():
            return ExpirePoints()
        case ReverseOp():
            return Reverse(
                str(op.of_entry_id),
                OpKind(op.of_kind),
                op.stamps,
                op.points,
                op.requested_points,
            )
        case DeactivateOp():
            return Deactivate(op.reason)
        case ReactivateOp():
            return Reactivate()
        case ReplaceOp():
            return Replace(op.card_number, op.qr_token)
        case AdjustOp():
            return Adjust(op.points, op.stamps, op.reason)
        case MergeOutOp():
            return MergeOut(str(op.into_card_id))
        case MergeInOp():
            return MergeIn(str(op.from_card_id), str(op.from_entry_id), op.stamps, op.points)


# --- customers -----------------------------------------------------------------------------

# In normal form once read: the same phone or e-mail is the same customer however typed.
Phone = Annotated[
    str,
    StringConstraints(max_length=32, pattern=r"^(\+?[0-9]{6,20})?$"),
    AfterValidator(normal_phone),
]
Email = Annotated[
    str,
    StringConstraints(
        max_length=254,
        # Spelled out, not \s: JSON Schema's and the validator's \s differ beyond ASCII.
        pattern=r"^([^@\x00-\x20\x7f]{1,64}@[^@\x00-\x20\x7f]{1,189}\.[^@.\x00-\x20\x7f]{1,63})?$",
    ),
    AfterValidator(ascii_lower),
]


class WireContact(Wire):
    """What a customer gave at enrolment, in normal form (`pos_app.domain.customer`), each
    part optional. The name is here, not in the operation, from terminals of schema 0006 on
    (an older entry's operation names the customer, inside its hash)."""

    name: Name = ""
    phone: Phone = ""
    email: Email = ""
    consent: Annotated[bool, Strict()] = False


class CustomerSearch(Wire):
    """Find a customer of the terminal's merchant by the first given of phone, e-mail (in
    normal form) or part of the name; nothing given finds nobody."""

    phone: Phone = ""
    email: Email = ""
    name: Name = ""


class FoundCard(Wire):
    card_number: CardNumber
    program_id: Id
    enrolled_at_store: Id
    is_active: bool


class FoundCustomer(Wire):
    """A customer as the counter may show them: masked, for the customer to confirm."""

    customer_id: uuid.UUID
    name: str
    phone: str
    email: str
    cards: list[FoundCard]


class CustomersFound(Wire):
    customers: list[FoundCustomer]


class EarnFound(Wire):
    """A card's earn found by its receipt reference, as a return needs it: the entry to
    name, what it bought and gave, and how much of it earlier returns took back."""

    entry_id: uuid.UUID
    amount_minor: Annotated[int, Field(ge=1), JSON_NUMBER]
    points: Annotated[int, Field(ge=0), JSON_NUMBER]
    returned_minor: Annotated[int, Field(ge=0), JSON_NUMBER]


# --- push ----------------------------------------------------------------------------------


class WireEntry(Wire):
    """One journal entry exactly as the terminal recorded it (hash included)."""

    entry_id: uuid.UUID
    seq: Annotated[int, Field(ge=1, le=SAFE_INT_MAX), JSON_NUMBER]
    card_id: uuid.UUID
    program_id: Id
    operation: WireOperation
    stamps_delta: Int32
    points_delta: BigInt
    adjusted: Annotated[bool, Strict()]
    staff_id: Id
    store_id: Id
    local_time: Annotated[
        AwareDatetime,
        Field(
            description=f"The terminal's wall time, with its offset. An entry more than "
            f"{LOCAL_TIME_BEFORE_DAYS} days before or {LOCAL_TIME_AFTER_DAYS} days after the "
            "server's clock is refused (`clock_out_of_range`), never applied."
        ),
    ]
    rule_version: Annotated[int, Field(ge=1, le=INT32_MAX), JSON_NUMBER]
    prev_hash: Hash
    hash: Hash
    customer: Annotated[
        WireContact | None,
        Field(
            description="Only on an enrolment: the customer's name, phone, e-mail and "
            "consent. Outside the hash: the terminal keeps them only until the server has "
            "answered, never in its journal."
        ),
    ] = None


class PushRequest(Wire):
    terminal_id: uuid.UUID
    entries: Annotated[list[WireEntry], Field(min_length=1, max_length=MAX_BATCH_ENTRIES)]
    terminal_time: AwareDatetime


class OutcomeStatus(enum.StrEnum):
    APPLIED = "applied"
    DUPLICATE = "duplicate"
    REFUSED = "refused"
    ADJUSTED = "adjusted"


class WireCard(Wire):
    """The authoritative card, every field of the card model plus its change version."""

    id: uuid.UUID
    card_number: CardNumber
    qr_token: QrToken
    merchant_id: Id
    program_id: Id
    enrolled_at_store: Id
    customer_name: Name
    is_active: bool
    stamp_count: Annotated[int, Field(ge=0)]
    total_stamps_earned: Annotated[int, Field(ge=0)]
    stamps_redeemed: Annotated[int, Field(ge=0)]
    stamps_on_day: Annotated[int, Field(ge=0)]
    stamp_day: date | None
    points_balance: Annotated[int, Field(ge=0)]
    total_points_earned: Annotated[int, Field(ge=0)]
    points_redeemed: Annotated[int, Field(ge=0)]
    total_points_voided: Annotated[int, Field(ge=0)]
    last_stamp_at: AwareDatetime | None
    last_points_at: AwareDatetime | None
    last_redemption_at: AwareDatetime | None
    last_activity_at: AwareDatetime | None
    version: Annotated[int, Field(ge=0)] = 0

    @classmethod
    def from_card(cls, card: Card, version: int = 0) -> WireCard:
        return cls.model_validate({**_card_fields(card), "version": version})

    def to_card(self) -> Card:
        data = self.model_dump(exclude={"version"})
        data["id"] = str(self.id)
        return Card(**data)


def _card_fields(card: Card) -> dict[str, Any]:
    return {name: getattr(card, name) for name in Card.__dataclass_fields__}


class EntryOutcome(Wire):
    """The server's answer for one entry.

    A retried entry is answered `duplicate`, with `first_status` telling what it got the
    first time (applied, adjusted or refused) and `code`, `reason` and the applied deltas
    exactly as they were then (an idempotency key's replay), so a lost response never hides
    a refusal. `card` is always the card's authoritative state now.
    """

    entry_id: uuid.UUID
    seq: int
    status: OutcomeStatus
    first_status: OutcomeStatus | None = None
    code: RefusalCode | None = None
    reason: str | None = None
    applied_stamps_delta: int = 0
    applied_points_delta: int = 0
    card: WireCard | None = None


class PushResponse(Wire):
    outcomes: list[EntryOutcome]
    last_seq: int
    server_time: AwareDatetime


class SequenceGap(Wire):
    """409 body: the batch does not continue where the server stopped."""

    detail: str
    expected_seq: int


# --- where the server's copy of a terminal's journal ends ---------------------------------


class SyncStateRequest(Wire):
    """Asked at the start of every sync: what the terminal holds as acknowledged, and where
    its journal ends."""

    terminal_id: uuid.UUID
    cursor: Annotated[
        int, Field(ge=0, le=MAX_JSON_INT, description="The terminal's change-feed cursor.")
    ]
    acknowledged_seq: Annotated[
        int,
        Field(
            ge=0,
            le=MAX_JSON_INT,
            description="The highest seq the server has answered, as the terminal recorded it.",
        ),
    ]
    journal_seq: Annotated[int, Field(ge=0, le=MAX_JSON_INT), JSON_NUMBER] | None = Field(
        default=None,
        description="The seq of the last entry in the terminal's journal (0 when it is "
        "empty). Its entries after the server's `last_seq`, up to this one, are those the "
        "server has not received: the back office shows how many, as of this call. "
        "Optional: a terminal that leaves it out syncs as before, and its count is shown "
        "as unknown.",
    )


class SyncState(Wire):
    """Where the server's copy of this terminal's journal ends, and the restore epoch.

    `last_seq` below the terminal's `acknowledged_seq` means the server lost entries (it
    was restored from a backup): the terminal sends them again, from `last_seq + 1`. A new
    `epoch` means the server's state went back in time: the terminal pulls the feed from
    the start and takes the server's cards whatever their versions. Added in protocol 1
    beside the other calls; a server without it answers 404, and the terminal goes on as
    before.
    """

    last_seq: Annotated[int, Field(ge=0)]
    epoch: Annotated[str, StringConstraints(min_length=1, max_length=36)]
    change_version: Annotated[
        int, Field(ge=0, description="The highest change version the server has drawn.")
    ]
    server_time: AwareDatetime
    lookup_key: Annotated[
        str | None,
        Field(
            pattern=r"^[0-9a-f]{64}$",
            description="The merchant's key for the keyed hashes of `CustomerChange` (hex): "
            "the terminal hashes what a cashier types with it to find a customer offline.",
        ),
    ] = None


# --- pull ----------------------------------------------------------------------------------


class WireReward(Wire):
    code: Id
    name: Name
    points_cost: Annotated[int, Field(ge=1)]


class WireOfflineLimits(Wire):
    max_offline_points_redeemed_per_card: Annotated[int, Field(ge=0)]
    warn_unsynced_after_minutes: Annotated[int, Field(ge=0)]
    stop_redemptions_unsynced_after_minutes: Annotated[int, Field(ge=0)]
    allow_unknown_cards: bool


class WireProgram(Wire):
    id: Id
    merchant_id: Id
    name: Name
    kind: Literal["stamps", "points", "both"]
    rule_version: Annotated[int, Field(ge=1)]
    stamps_target: Annotated[int, Field(ge=1)]
    stamp_reward: Name
    cooldown_minutes: Annotated[int, Field(ge=0)]
    daily_stamp_cap: Annotated[int, Field(ge=1)] | None
    max_stamps_per_scan: Annotated[int, Field(ge=1)]
    points_per_unit: str
    # ISO 4217; amounts are in its minor units (JPY 0 decimals, EUR 2, KWD 3). A server from
    # before currencies sends none: the rules then meant hundredths, as EUR has.
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] = DEFAULT_CURRENCY
    rewards: list[WireReward]
    welcome_bonus_points: Annotated[int, Field(ge=0)]
    welcome_bonus_stamps: Annotated[int, Field(ge=0)]
    points_expiry_days: Annotated[int, Field(ge=1)] | None
    cross_store: bool
    offline: WireOfflineLimits


class WireStaff(Wire):
    id: Id
    name: Name
    role: Literal["cashier", "manager"]
    pin_hash: str
    is_active: bool


class ProgramChange(Wire):
    type: Literal["program"]
    version: int
    program: WireProgram


class CardChange(Wire):
    type: Literal["card"]
    version: int
    card: WireCard


class StaffChange(Wire):
    type: Literal["staff"]
    version: int
    staff: WireStaff


class WireLookupKey(Wire):
    kind: Literal["phone", "email"]
    key: Hash
    masked: Annotated[str, StringConstraints(max_length=254)]


class WireCustomerKeys(Wire):
    """A customer as a terminal may hold them: keyed hashes (HMAC-SHA-256 under the
    merchant's `SyncState.lookup_key`) of their phone and e-mail in normal form, the masked
    forms, and their cards' numbers. No keys once the customer is erased."""

    id: uuid.UUID
    keys: list[WireLookupKey]
    card_numbers: list[CardNumber]


class CustomerChange(Wire):
    type: Literal["customer"]
    version: int
    customer: WireCustomerKeys


class RetiredChange(Wire):
    """A card's old number or QR token, retired when the card was replaced: a counter that
    meets it says the card was replaced, and by which."""

    type: Literal["retired"]
    version: int
    code_kind: Literal["number", "token"]
    value: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{12,64}$")]
    card_id: uuid.UUID


class RevocationChange(Wire):
    """This terminal's token was revoked: stop syncing, tell the manager."""

    type: Literal["revocation"]
    version: int
    terminal_id: uuid.UUID


Change = Annotated[
    ProgramChange | CardChange | StaffChange | CustomerChange | RetiredChange | RevocationChange,
    Field(discriminator="type"),
]


class ChangesPage(Wire):
    changes: list[Change]
    next_cursor: int
    has_more: bool
    remaining_estimate: int
    server_time: AwareDatetime


class Health(Wire):
    status: Literal["ok"]
    protocol: int
    server_time: datetime
    instance: str | None = None
    """Only when the server was started with `serve --instance LABEL`: the label, by which
    the program that started it tells its own server from whatever else answers there."""


class ErrorBody(Wire):
    detail: str


def entry_hash_fields(
    terminal_id: uuid.UUID | str, entry: WireEntry, operation_json: str | None = None
) -> dict[str, Any]:
    """The fields an entry's hash covers, in the terminal's own representation.

    `operation_json`, when the caller already has the operation's canonical JSON, saves
    computing it again (the server's push path does).
    """
    if operation_json is None:
        operation_json = canonical_json(op_to_dict(operation_from_wire(entry.operation)))
    return {
        "seq": entry.seq,
        "entry_id": str(entry.entry_id),
        "terminal_id": str(terminal_id),
        "card_id": str(entry.card_id),
        "program_id": entry.program_id,
        "kind": entry.operation.kind,
        "operation": operation_json,
        "stamps_delta": entry.stamps_delta,
        "points_delta": entry.points_delta,
        "adjusted": entry.adjusted,
        "staff_id": entry.staff_id,
        "store_id": entry.store_id,
        "local_time": entry.local_time.isoformat(),
        "rule_version": entry.rule_version,
        "prev_hash": entry.prev_hash,
    }


def entry_hash_ok(terminal_id: uuid.UUID | str, entry: WireEntry) -> bool:
    return compute_hash(entry_hash_fields(terminal_id, entry)) == entry.hash
