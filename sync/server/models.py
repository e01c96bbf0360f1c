"""The server's tables, as typed SQLAlchemy mappings.

Every primary key, unique key and foreign key between a merchant's tables leads with
`merchant_id`, so the schema distributes by merchant (Citus, docs/scaling.md): a merchant's
rows of every table live together, and no key needs another node to be checked. Tables
without a merchant are listed in `REFERENCE_TABLES`; tests/server/test_citus_schema.py
checks these rules over every table, new ones included.

Ids that people type (merchant, store, program, staff) are short strings; the admin keeps
them, and terminal ids, unique across the server where they are made, so an operator's
command can name one alone. Cards, customers and terminals have UUIDs (a card's is unique
within its merchant: terminals choose it); entry ids are unique within their merchant.
Every row a terminal replicates carries `version`, stamped from its merchant's own,
monotonically increasing change counter (`merchant_versions`), and an index on
(merchant_id, version) so the change feed pages by keyset.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    LargeBinary,
    PrimaryKeyConstraint,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from sync.server.types import AwareDateTime

GENESIS = "0" * 64


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: AwareDateTime(),
        int: Integer(),
        bool: Boolean(),
    }


class Merchant(Base):
    __tablename__ = "merchants"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime]
    # The key of the keyed hashes by which terminals find customers offline; made on first use.
    lookup_secret: Mapped[str | None] = mapped_column(String(64))


class StoreRow(Base):
    __tablename__ = "stores"
    id: Mapped[str] = mapped_column(String(64))
    merchant_id: Mapped[str] = mapped_column(ForeignKey("merchants.id"))
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime]
    __table_args__ = (PrimaryKeyConstraint("merchant_id", "id", name="stores_pkey"),)


class Customer(Base):
    __tablename__ = "customers"
    id: Mapped[str] = mapped_column(String(36))
    merchant_id: Mapped[str] = mapped_column(ForeignKey("merchants.id"))
    name: Mapped[str] = mapped_column(String(200), default="")
    # In normal form (`pos_app.domain.customer`): one customer per phone or e-mail.
    phone: Mapped[str | None] = mapped_column(String(32))
    email: Mapped[str | None] = mapped_column(String(254))
    contact_consent: Mapped[bool] = mapped_column(default=False)
    consent_at: Mapped[datetime | None]
    created_at: Mapped[datetime]
    # Set by `customer erase`: the personal data is gone, the row stays for the cards.
    erased_at: Mapped[datetime | None]
    # Stamped when the customer's details or cards change, so the change reaches the feed.
    version: Mapped[int | None] = mapped_column(BigInteger)
    __table_args__ = (
        PrimaryKeyConstraint("merchant_id", "id", name="customers_pkey"),
        Index("ix_customers_phone", "merchant_id", "phone"),
        Index("ix_customers_email", "merchant_id", "email"),
        Index("ix_customers_feed", "merchant_id", "version"),
    )


class ProgramRow(Base):
    """A program's rules as the JSON of `program_to_dict`, so both ends read one format."""

    __tablename__ = "programs"
    id: Mapped[str] = mapped_column(String(64))
    merchant_id: Mapped[str] = mapped_column(ForeignKey("merchants.id"))
    name: Mapped[str] = mapped_column(String(200))
    rule_version: Mapped[int] = mapped_column(default=1)
    rules: Mapped[str] = mapped_column(Text)
    version: Mapped[int] = mapped_column(BigInteger)
    updated_at: Mapped[datetime]
    __table_args__ = (
        PrimaryKeyConstraint("merchant_id", "id", name="programs_pkey"),
        Index("ix_programs_feed", "merchant_id", "version"),
    )


class StaffRow(Base):
    __tablename__ = "staff"
    id: Mapped[str] = mapped_column(String(64))
    merchant_id: Mapped[str] = mapped_column(ForeignKey("merchants.id"))
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    pin_hash: Mapped[str] = mapped_column(String(200))
    is_active: Mapped[bool] = mapped_column(default=True)
    version: Mapped[int] = mapped_column(BigInteger)
    updated_at: Mapped[datetime]
    __table_args__ = (
        PrimaryKeyConstraint("merchant_id", "id", name="staff_pkey"),
        CheckConstraint("role in ('cashier', 'manager')", name="staff_role"),
        Index("ix_staff_feed", "merchant_id", "version"),
    )


class TerminalRow(Base):
    """A paired terminal: its token (hashed), and where its journal stands with us."""

    __tablename__ = "terminals"
    id: Mapped[str] = mapped_column(String(36))
    merchant_id: Mapped[str] = mapped_column(ForeignKey("merchants.id"))
    store_id: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    # A token names its terminal: 256 random bits, found by this index (not a unique key,
    # which would have to hold across every merchant's shard).
    token_hash: Mapped[str] = mapped_column(String(64), index=True)
    created_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]
    last_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    last_hash: Mapped[str] = mapped_column(String(64), default=GENESIS)
    # When the terminal last pushed or asked for its sync state (the back office shows it).
    last_seen_at: Mapped[datetime | None]
    # The seq of the last entry in the terminal's journal, as it said at its last sync-state
    # call, and when: beyond `last_seq`, its entries the server has not received. NULL until
    # a terminal that sends it calls.
    journal_seq: Mapped[int | None] = mapped_column(BigInteger)
    journal_seq_at: Mapped[datetime | None]
    # Stamped when the terminal is revoked, so the revocation travels in its change feed.
    version: Mapped[int | None] = mapped_column(BigInteger)
    __table_args__ = (
        PrimaryKeyConstraint("merchant_id", "id", name="terminals_pkey"),
        ForeignKeyConstraint(
            ["merchant_id", "store_id"],
            ["stores.merchant_id", "stores.id"],
            name="terminals_store_fkey",
        ),
    )


class PairCode(Base):
    """A one-time pairing code, stored only as its SHA-256."""

    __tablename__ = "pair_codes"
    # Found by its hash alone (the terminal knows no merchant yet): 50 random bits, indexed.
    code_hash: Mapped[str] = mapped_column(String(64), index=True)
    merchant_id: Mapped[str] = mapped_column(ForeignKey("merchants.id"))
    store_id: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    terminal_id: Mapped[str | None] = mapped_column(String(36))
    __table_args__ = (
        PrimaryKeyConstraint("merchant_id", "code_hash", name="pair_codes_pkey"),
        ForeignKeyConstraint(
            ["merchant_id", "store_id"],
            ["stores.merchant_id", "stores.id"],
            name="pair_codes_store_fkey",
        ),
    )


class AuthFailure(Base):
    """A refused pairing code or token, by client address: the rate limit all workers share."""

    __tablename__ = "auth_failures"
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    client: Mapped[str] = mapped_column(String(64))
    failed_at: Mapped[datetime]
    __table_args__ = (Index("ix_auth_failures_client", "client", "failed_at"),)


class SyncEpoch(Base):
    """A merchant's restore epoch: a new one whenever the server is found to have gone back
    in time (restored from a backup), telling its terminals to take its state again."""

    __tablename__ = "sync_epochs"
    merchant_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    epoch: Mapped[str] = mapped_column(String(36))


class CardRow(Base):
    """A card, keyed within its merchant: id, number and token are the merchant's own.

    Every lookup is within the terminal's merchant, so another merchant's cards never clash
    and nothing a terminal is answered tells of them.
    """

    __tablename__ = "cards"
    id: Mapped[str] = mapped_column(String(36))
    card_number: Mapped[str] = mapped_column(String(12))
    qr_token: Mapped[str] = mapped_column(String(64))
    merchant_id: Mapped[str] = mapped_column(ForeignKey("merchants.id"))
    customer_id: Mapped[str | None] = mapped_column(String(36))
    program_id: Mapped[str] = mapped_column(String(64))
    enrolled_at_store: Mapped[str] = mapped_column(String(64))
    customer_name: Mapped[str] = mapped_column(String(200), default="")
    is_active: Mapped[bool] = mapped_column(default=True)
    stamp_count: Mapped[int] = mapped_column(default=0)
    total_stamps_earned: Mapped[int] = mapped_column(default=0)
    stamps_redeemed: Mapped[int] = mapped_column(default=0)
    stamps_on_day: Mapped[int] = mapped_column(default=0)
    stamp_day: Mapped[date | None] = mapped_column(Date)
    points_balance: Mapped[int] = mapped_column(BigInteger, default=0)
    total_points_earned: Mapped[int] = mapped_column(BigInteger, default=0)
    points_redeemed: Mapped[int] = mapped_column(BigInteger, default=0)
    total_points_voided: Mapped[int] = mapped_column(BigInteger, default=0)
    google_object_id: Mapped[str | None] = mapped_column(String(200))
    google_jwt: Mapped[str | None] = mapped_column(Text)
    apple_serial_number: Mapped[str | None] = mapped_column(String(200))
    apple_auth_token: Mapped[str | None] = mapped_column(String(200))
    last_stamp_at: Mapped[datetime | None]
    last_points_at: Mapped[datetime | None]
    last_redemption_at: Mapped[datetime | None]
    last_activity_at: Mapped[datetime | None]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    deleted_at: Mapped[datetime | None]
    version: Mapped[int] = mapped_column(BigInteger)
    __table_args__ = (
        PrimaryKeyConstraint("merchant_id", "id", name="cards_pkey"),
        CheckConstraint("points_balance >= 0", name="cards_points_nonneg"),
        CheckConstraint("stamp_count >= 0", name="cards_stamps_nonneg"),
        ForeignKeyConstraint(
            ["merchant_id", "customer_id"],
            ["customers.merchant_id", "customers.id"],
            name="cards_customer_fkey",
        ),
        ForeignKeyConstraint(
            ["merchant_id", "program_id"],
            ["programs.merchant_id", "programs.id"],
            name="cards_program_fkey",
        ),
        UniqueConstraint(
            "merchant_id", "customer_id", "enrolled_at_store", name="uq_cards_customer_store"
        ),
        UniqueConstraint("merchant_id", "card_number", name="uq_cards_merchant_card_number"),
        UniqueConstraint("merchant_id", "qr_token", name="uq_cards_merchant_qr_token"),
        Index("ix_cards_feed", "merchant_id", "version"),
        # A pass names its card by its serial or object id alone (Apple's and Google's
        # calls carry no merchant): random, made at issue, unique within the merchant by
        # key and found by these indexes.
        UniqueConstraint(
            "merchant_id", "apple_serial_number", name="uq_cards_merchant_apple_serial_number"
        ),
        UniqueConstraint(
            "merchant_id", "google_object_id", name="uq_cards_merchant_google_object_id"
        ),
        Index("ix_cards_apple_serial_number", "apple_serial_number"),
        Index("ix_cards_google_object_id", "google_object_id"),
    )


class RetiredCode(Base):
    """A replaced card's old number or QR token: it answers "replaced by a new card"."""

    __tablename__ = "retired_codes"
    merchant_id: Mapped[str] = mapped_column(ForeignKey("merchants.id"), primary_key=True)
    code_kind: Mapped[str] = mapped_column(String(10), primary_key=True)
    value: Mapped[str] = mapped_column(String(64), primary_key=True)
    card_id: Mapped[str] = mapped_column(String(36))
    retired_at: Mapped[datetime]
    version: Mapped[int] = mapped_column(BigInteger)
    __table_args__ = (
        CheckConstraint("code_kind in ('number', 'token')", name="retired_code_kind"),
        Index("ix_retired_codes_feed", "merchant_id", "version"),
    )


class TransactionRow(Base):
    """Every entry a terminal pushed, with the outcome we gave it (refusals included).

    UNIQUE(merchant_id, entry_id) and UNIQUE(merchant_id, terminal_id, seq) make exactly-once
    a database fact: a retried batch finds its stored outcomes here and changes nothing.
    `id` is the order of arrival: drawn from a sequence on PostgreSQL, given by the
    push on SQLite (one writer; a composite key has no automatic rowid alias there).
    """

    __tablename__ = "transactions"
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer(), "sqlite"))
    merchant_id: Mapped[str] = mapped_column(String(64))
    terminal_id: Mapped[str] = mapped_column(String(36))
    seq: Mapped[int] = mapped_column(BigInteger)
    entry_id: Mapped[str] = mapped_column(String(36))
    card_id: Mapped[str] = mapped_column(String(36))
    program_id: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(20))
    operation: Mapped[str] = mapped_column(Text)
    # What the terminal computed offline, and what we applied on the authoritative card.
    stamps_delta: Mapped[int]
    points_delta: Mapped[int] = mapped_column(BigInteger)
    applied_stamps_delta: Mapped[int]
    applied_points_delta: Mapped[int] = mapped_column(BigInteger)
    adjusted: Mapped[bool]
    staff_id: Mapped[str] = mapped_column(String(64))
    store_id: Mapped[str] = mapped_column(String(64))
    local_time: Mapped[datetime]
    # The terminal's time exactly as hashed (offset included), beside the instant above.
    local_time_text: Mapped[str] = mapped_column(String(40))
    # The shop day: the terminal's local date of the entry (the server's UTC date when the
    # terminal's clock was out of range). The back office reports by it.
    shop_day: Mapped[date] = mapped_column(Date)
    received_at: Mapped[datetime]
    clock_suspect: Mapped[bool] = mapped_column(default=False)
    rule_version: Mapped[int]
    status: Mapped[str] = mapped_column(String(10))
    code: Mapped[str | None] = mapped_column(String(40))
    reason: Mapped[str | None] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    __table_args__ = (
        PrimaryKeyConstraint("merchant_id", "id", name="transactions_pkey"),
        UniqueConstraint("merchant_id", "entry_id", name="uq_transactions_merchant_entry"),
        UniqueConstraint("merchant_id", "terminal_id", "seq", name="uq_transactions_terminal_seq"),
        ForeignKeyConstraint(
            ["merchant_id", "terminal_id"],
            ["terminals.merchant_id", "terminals.id"],
            name="transactions_terminal_fkey",
        ),
        CheckConstraint("status in ('applied', 'adjusted', 'refused')", name="transactions_status"),
        Index("ix_transactions_merchant_received", "merchant_id", "received_at"),
        # A card's history and a day's entries, each paged by id (keyset).
        Index("ix_transactions_card_history", "merchant_id", "card_id", "id"),
        Index("ix_transactions_shop_day", "merchant_id", "shop_day", "id"),
    )


class DailyTotal(Base):
    """What one terminal's entries of one shop day came to, kept as the entries arrive
    (`daily_totals`): written in the transaction that stores them, so exactly once."""

    __tablename__ = "daily_totals"
    merchant_id: Mapped[str] = mapped_column(String(64))
    day: Mapped[date] = mapped_column(Date)
    store_id: Mapped[str] = mapped_column(String(64))
    terminal_id: Mapped[str] = mapped_column(String(36))
    entries: Mapped[int] = mapped_column(BigInteger, default=0)
    stamps: Mapped[int] = mapped_column(BigInteger, default=0)
    points_earned: Mapped[int] = mapped_column(BigInteger, default=0)
    points_redeemed: Mapped[int] = mapped_column(BigInteger, default=0)
    points_voided: Mapped[int] = mapped_column(BigInteger, default=0)
    points_expired: Mapped[int] = mapped_column(BigInteger, default=0)
    rewards: Mapped[int] = mapped_column(BigInteger, default=0)
    adjustments: Mapped[int] = mapped_column(BigInteger, default=0)
    refusals: Mapped[int] = mapped_column(BigInteger, default=0)
    __table_args__ = (
        PrimaryKeyConstraint("merchant_id", "day", "store_id", "terminal_id"),
        # A terminal's refusals over all its days (the terminals page).
        Index("ix_daily_totals_terminal", "merchant_id", "terminal_id"),
    )


class DailyRefusal(Base):
    """How many entries of one terminal and shop day were refused, by code and reason."""

    __tablename__ = "daily_refusals"
    merchant_id: Mapped[str] = mapped_column(String(64))
    day: Mapped[date] = mapped_column(Date)
    store_id: Mapped[str] = mapped_column(String(64))
    terminal_id: Mapped[str] = mapped_column(String(36))
    code: Mapped[str] = mapped_column(String(40))
    reason: Mapped[str] = mapped_column(Text)
    count: Mapped[int] = mapped_column(BigInteger, default=0)
    __table_args__ = (
        PrimaryKeyConstraint("merchant_id", "day", "store_id", "terminal_id", "code", "reason"),
    )


class MerchantVersion(Base):
    """A merchant's change counter: the highest change version it has drawn.

    One row per merchant, drawn from by `db.next_versions` (an update that locks only this
    row until commit), so one merchant's writes never wait for another's.
    """

    __tablename__ = "merchant_versions"
    merchant_id: Mapped[str] = mapped_column(ForeignKey("merchants.id"), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)


class WalletSettings(Base):
    """The server's wallet set-up (one row): identifiers, addresses, and the *paths* of the
    certificate and key files, which stay on disk (mode 0600) and out of the database and
    its backups. Written by `loyalty-server wallet configure`."""

    __tablename__ = "wallet_settings"
    id: Mapped[int] = mapped_column(primary_key=True)
    public_url: Mapped[str] = mapped_column(String(300))
    pass_type_id: Mapped[str | None] = mapped_column(String(200))
    team_id: Mapped[str | None] = mapped_column(String(20))
    apple_cert_path: Mapped[str | None] = mapped_column(Text)
    apple_key_path: Mapped[str | None] = mapped_column(Text)
    apple_wwdr_path: Mapped[str | None] = mapped_column(Text)
    apns_url: Mapped[str] = mapped_column(String(300))
    google_issuer_id: Mapped[str | None] = mapped_column(String(40))
    google_key_path: Mapped[str | None] = mapped_column(Text)
    google_token_url: Mapped[str] = mapped_column(String(300))
    google_api_url: Mapped[str] = mapped_column(String(300))
    updated_at: Mapped[datetime]
    __table_args__ = (CheckConstraint("id = 1", name="single_wallet_settings"),)


class WalletBrand(Base):
    """How a merchant's passes look: logo (PNG) and colours (CSS `rgb(r, g, b)`)."""

    __tablename__ = "wallet_brands"
    merchant_id: Mapped[str] = mapped_column(ForeignKey("merchants.id"), primary_key=True)
    logo_png: Mapped[bytes | None] = mapped_column(LargeBinary)
    background: Mapped[str] = mapped_column(String(40))
    foreground: Mapped[str] = mapped_column(String(40))
    label: Mapped[str] = mapped_column(String(40))
    updated_at: Mapped[datetime]
    # From the change counter: a device asking which passes changed learns of a new look.
    version: Mapped[int] = mapped_column(BigInteger)


class WalletDevice(Base):
    """An Apple device registered for a card's pass, with the token APNs reaches it by."""

    __tablename__ = "wallet_devices"
    device_id: Mapped[str] = mapped_column(String(128))
    pass_type_id: Mapped[str] = mapped_column(String(200))
    serial_number: Mapped[str] = mapped_column(String(200))
    card_id: Mapped[str] = mapped_column(String(36))
    merchant_id: Mapped[str] = mapped_column(String(64))
    push_token: Mapped[str] = mapped_column(String(200))
    registered_at: Mapped[datetime]
    __table_args__ = (
        PrimaryKeyConstraint(
            "merchant_id", "device_id", "pass_type_id", "serial_number", name="wallet_devices_pkey"
        ),
        ForeignKeyConstraint(["merchant_id", "card_id"], ["cards.merchant_id", "cards.id"]),
        Index("ix_wallet_devices_card", "merchant_id", "card_id"),
        # A device asks for its passes of every merchant at once (Apple's call names none).
        Index("ix_wallet_devices_device", "device_id", "pass_type_id"),
    )


class WalletOutbox(Base):
    """A pass update owed to one target of a card: `apns:<device>` or `google`.

    Written in the push's own transaction; one row per (merchant, card, target), so a batch that
    changes a card many times owes one update. `generation` grows with each new change: a
    sender deletes the row only if no change came in while it was sending.
    """

    __tablename__ = "wallet_outbox"
    merchant_id: Mapped[str] = mapped_column(String(64))
    card_id: Mapped[str] = mapped_column(String(36))
    target: Mapped[str] = mapped_column(String(160))
    generation: Mapped[int] = mapped_column(default=1)
    attempts: Mapped[int] = mapped_column(default=0)
    due_at: Mapped[datetime]
    claimed_until: Mapped[datetime | None]
    __table_args__ = (
        PrimaryKeyConstraint("merchant_id", "card_id", "target"),
        Index("ix_wallet_outbox_due", "due_at"),
    )


class OfficeUser(Base):
    """Someone of the merchant who signs in to the back office: an owner (every store) or
    a store manager (one store). The password is kept only as a slow hash."""

    __tablename__ = "office_users"
    merchant_id: Mapped[str] = mapped_column(ForeignKey("merchants.id"))
    id: Mapped[str] = mapped_column(String(36))
    login: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(10))
    store_id: Mapped[str | None] = mapped_column(String(64))
    password_hash: Mapped[str] = mapped_column(String(200))
    is_active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    __table_args__ = (
        PrimaryKeyConstraint("merchant_id", "id", name="office_users_pkey"),
        UniqueConstraint("merchant_id", "login", name="uq_office_users_login"),
        ForeignKeyConstraint(
            ["merchant_id", "store_id"],
            ["stores.merchant_id", "stores.id"],
            name="office_users_store_fkey",
        ),
        CheckConstraint(
            "(role = 'owner' AND store_id IS NULL) OR (role = 'manager' AND store_id IS NOT NULL)",
            name="office_users_role_store",
        ),
    )


class OfficeSession(Base):
    """A signed-in browser: the cookie's token (hashed) and the CSRF token of its forms.
    Deleting the row signs the browser out, wherever the cookie is."""

    __tablename__ = "office_sessions"
    merchant_id: Mapped[str] = mapped_column(String(64))
    token_hash: Mapped[str] = mapped_column(String(64))
    user_id: Mapped[str] = mapped_column(String(36))
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    __table_args__ = (
        PrimaryKeyConstraint("merchant_id", "token_hash", name="office_sessions_pkey"),
        ForeignKeyConstraint(
            ["merchant_id", "user_id"], ["office_users.merchant_id", "office_users.id"]
        ),
        Index("ix_office_sessions_user", "merchant_id", "user_id"),
    )


# Tables with no merchant in them: on Citus, reference tables (a copy on every node).
REFERENCE_TABLES = frozenset({"auth_failures", "wallet_settings"})
# The merchants table distributes by its own id: each merchant's row lives with its data.
DISTRIBUTION_COLUMN = {"merchants": "id"}

MERCHANTS = Base.metadata.tables[Merchant.__tablename__]
STORES = Base.metadata.tables[StoreRow.__tablename__]
CUSTOMERS = Base.metadata.tables[Customer.__tablename__]
PROGRAMS = Base.metadata.tables[ProgramRow.__tablename__]
STAFF = Base.metadata.tables[StaffRow.__tablename__]
TERMINALS = Base.metadata.tables[TerminalRow.__tablename__]
PAIR_CODES = Base.metadata.tables[PairCode.__tablename__]
CARDS = Base.metadata.tables[CardRow.__tablename__]
TRANSACTIONS = Base.metadata.tables[TransactionRow.__tablename__]
AUTH_FAILURES = Base.metadata.tables[AuthFailure.__tablename__]
SYNC_EPOCHS = Base.metadata.tables[SyncEpoch.__tablename__]
MERCHANT_VERSIONS = Base.metadata.tables[MerchantVersion.__tablename__]
WALLET_SETTINGS = Base.metadata.tables[WalletSettings.__tablename__]
WALLET_BRANDS = Base.metadata.tables[WalletBrand.__tablename__]
WALLET_DEVICES = Base.metadata.tables[WalletDevice.__tablename__]
WALLET_OUTBOX = Base.metadata.tables[WalletOutbox.__tablename__]
RETIRED_CODES = Base.metadata.tables[RetiredCode.__tablename__]
OFFICE_USERS = Base.metadata.tables[OfficeUser.__tablename__]
OFFICE_SESSIONS = Base.metadata.tables[OfficeSession.__tablename__]
DAILY_TOTALS = Base.metadata.tables[DailyTotal.__tablename__]
DAILY_REFUSALS = Base.metadata.tables[DailyRefusal.__tablename__]
