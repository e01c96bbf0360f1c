"""Tables of the terminal database, as typed SQLAlchemy mappings.

Timestamps are ISO 8601 text with their UTC offset: SQLite has no timezone type, and a
journal must keep the terminal's local time exactly as it was recorded.
"""

from __future__ import annotations

from sqlalchemy import (
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# 'LYPO': marks a SQLite file as a loyalty terminal database.
APPLICATION_ID = 0x4C59504F


class Base(DeclarativeBase):
    pass


class TerminalRow(Base):
    """The one row that says which terminal, merchant and store this database belongs to."""

    __tablename__ = "terminal"
    id: Mapped[int] = mapped_column(primary_key=True)
    terminal_id: Mapped[str] = mapped_column(String(36))
    merchant_id: Mapped[str] = mapped_column(String(64))
    store_id: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[str] = mapped_column(String(40))
    __table_args__ = (CheckConstraint("id = 1", name="single_terminal"),)


class SettingRow(Base):
    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class ProgramRow(Base):
    """Replica of a program as the server last described it (rules as JSON)."""

    __tablename__ = "programs"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    merchant_id: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    rule_version: Mapped[int]
    rules: Mapped[str] = mapped_column(Text)


class StaffRow(Base):
    __tablename__ = "staff"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    pin_hash: Mapped[str] = mapped_column(String(200))
    is_active: Mapped[bool] = mapped_column(default=True)
    failed_attempts: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[str | None] = mapped_column(String(40))
    __table_args__ = (CheckConstraint("role in ('cashier', 'manager')", name="staff_role"),)


class _CardColumns:
    """The card model's columns, shared by the local view and the server replica."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    card_number: Mapped[str] = mapped_column(String(12), unique=True)
    qr_token: Mapped[str] = mapped_column(String(64), unique=True)
    merchant_id: Mapped[str] = mapped_column(String(64))
    program_id: Mapped[str] = mapped_column(String(64))
    enrolled_at_store: Mapped[str] = mapped_column(String(64))
    customer_name: Mapped[str] = mapped_column(String(200), default="")
    is_active: Mapped[bool] = mapped_column(default=True)
    stamp_count: Mapped[int] = mapped_column(default=0)
    total_stamps_earned: Mapped[int] = mapped_column(default=0)
    stamps_redeemed: Mapped[int] = mapped_column(default=0)
    stamps_on_day: Mapped[int] = mapped_column(default=0)
    stamp_day: Mapped[str | None] = mapped_column(String(10))
    points_balance: Mapped[int] = mapped_column(default=0)
    total_points_earned: Mapped[int] = mapped_column(default=0)
    points_redeemed: Mapped[int] = mapped_column(default=0)
    total_points_voided: Mapped[int] = mapped_column(default=0)
    last_stamp_at: Mapped[str | None] = mapped_column(String(40))
    last_points_at: Mapped[str | None] = mapped_column(String(40))
    last_redemption_at: Mapped[str | None] = mapped_column(String(40))
    last_activity_at: Mapped[str | None] = mapped_column(String(40))


class CardRow(_CardColumns, Base):
    """This terminal's own version of a card, kept only where it differs from the replica.

    That is a card with entries the server has not answered yet (its replica with those
    entries replayed on top) or a card the server has never sent (enrolled here, or a
    standalone terminal's). Every other card is its replica: `card_view` unites the two.
    """

    __tablename__ = "cards"
    __table_args__ = (
        CheckConstraint("points_balance >= 0", name="cards_points_nonneg"),
        CheckConstraint("stamp_count >= 0", name="cards_stamps_nonneg"),
    )


class CardReplicaRow(_CardColumns, Base):
    """The card exactly as the server last said it was."""

    __tablename__ = "card_replica"
    server_version: Mapped[int] = mapped_column(default=0)


class ProvisionalCardRow(Base):
    """A card stamped while this terminal did not know it: the scanned reference it stands for.

    Its id is the one this terminal's journal entries use; its state is the replay of those
    entries. It is forgotten once the server has answered them all (the server's card is
    then in the replica, or the server refused the stamps as an unknown card).
    """

    __tablename__ = "provisional_cards"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    ref_kind: Mapped[str] = mapped_column(String(10))
    ref_value: Mapped[str] = mapped_column(String(64))
    program_id: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[str] = mapped_column(String(40))
    __table_args__ = (
        UniqueConstraint("ref_kind", "ref_value", name="provisional_ref"),
        CheckConstraint("ref_kind in ('token', 'number')", name="provisional_ref_kind"),
    )


class JournalRow(Base):
    """Append-only: triggers refuse UPDATE and DELETE; each entry hashes its predecessor."""

    __tablename__ = "journal"
    seq: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    entry_id: Mapped[str] = mapped_column(String(36), unique=True)
    terminal_id: Mapped[str] = mapped_column(String(36))
    card_id: Mapped[str] = mapped_column(String(36))
    program_id: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(20))
    operation: Mapped[str] = mapped_column(Text)
    stamps_delta: Mapped[int]
    points_delta: Mapped[int]
    adjusted: Mapped[bool]
    staff_id: Mapped[str] = mapped_column(String(64))
    store_id: Mapped[str] = mapped_column(String(64))
    local_time: Mapped[str] = mapped_column(String(40))
    rule_version: Mapped[int]
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    __table_args__ = (Index("ix_journal_card", "card_id", "seq"),)


class JournalSyncRow(Base):
    """Beside each entry, never in it: where it stands with the server."""

    __tablename__ = "journal_sync"
    seq: Mapped[int] = mapped_column(
        ForeignKey("journal.seq"), primary_key=True, autoincrement=False
    )
    status: Mapped[str] = mapped_column(String(10), default="pending")
    outcome_code: Mapped[str | None] = mapped_column(String(40))
    outcome_message: Mapped[str | None] = mapped_column(Text)
    server_card: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[str | None] = mapped_column(String(40))
    # What the server applied (its answer's deltas); NULL until answered, and for answers
    # recorded before migration 0004 that did not keep them.
    applied_stamps: Mapped[int | None] = mapped_column(Integer)
    applied_points: Mapped[int | None] = mapped_column(Integer)
    __table_args__ = (
        CheckConstraint(
            "status in ('pending', 'sent', 'applied', 'duplicate', 'refused', 'adjusted')",
            name="journal_sync_status",
        ),
        Index("ix_journal_sync_status", "status", "seq"),
    )


class EnrolmentContactRow(Base):
    """What a customer gave at enrolment (name, phone, e-mail, consent), beside the
    enrolment's entry and outside its hash (never in the journal), until the server has
    answered it; then it is deleted. Enrolments before schema 0006 hold the name in the
    entry instead (`name` empty here)."""

    __tablename__ = "enrolment_contacts"
    seq: Mapped[int] = mapped_column(
        ForeignKey("journal.seq"), primary_key=True, autoincrement=False
    )
    phone: Mapped[str] = mapped_column(String(32))
    email: Mapped[str] = mapped_column(String(254))
    consent: Mapped[bool]
    name: Mapped[str] = mapped_column(String(200), default="", server_default="")


class CustomerKeyRow(Base):
    """A keyed hash of a customer's phone or e-mail (kind), its masked form and the numbers
    of their cards, as the server's feed sent them: the counter finds a card by what the
    customer says, holding nothing readable in bulk."""

    __tablename__ = "customer_keys"
    customer_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(10), primary_key=True)
    key: Mapped[str] = mapped_column(String(64))
    masked: Mapped[str] = mapped_column(String(254))
    card_numbers: Mapped[str] = mapped_column(Text)
    __table_args__ = (Index("ix_customer_keys_key", "key"),)


class RetiredCodeRow(Base):
    """A replaced card's old number or QR token, and the card that replaced it."""

    __tablename__ = "retired_codes"
    code_kind: Mapped[str] = mapped_column(String(10), primary_key=True)
    value: Mapped[str] = mapped_column(String(64), primary_key=True)
    card_id: Mapped[str] = mapped_column(String(36))
    __table_args__ = (
        CheckConstraint("code_kind in ('number', 'token')", name="retired_code_kind"),
    )


# What the cashier sees: `cards` where this terminal has its own version, else the replica.
# A view (migration 0002), so it sits beside the models rather than in their metadata.
CARD_VIEW = Table(
    "card_view",
    MetaData(),
    *(Column(column.name, column.type) for column in CardRow.__table__.columns),
)
