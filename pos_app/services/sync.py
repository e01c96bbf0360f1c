"""Synchronising this terminal with the central server: push the journal, pull the changes.

Each page of answers or changes is written in one transaction together with the progress
marker (answers beside their entries; the pull cursor beside the changed rows), so a sync
killed at any instant resumes where it stopped and never applies anything twice.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Connection

from pos_app.domain.card import TEMPORAL_FIELDS
from pos_app.domain.operations import OpKind
from pos_app.domain.program import program_from_dict
from pos_app.services.clock import local_now
from pos_app.store import Store
from pos_app.store.contacts import (
    Beside,
    contacts_of,
    forget_answered_contacts,
    forget_names_of_refused_enrolments,
)
from pos_app.store.customer_keys import CustomerKeys, remember_lookup_secret, store_customer_keys
from pos_app.store.journal import JournalEntry, head
from pos_app.store.outbox import (
    Answer,
    acknowledged_seq,
    mark_sent,
    pending_again_after,
    record_answers,
    unanswered,
)
from pos_app.store.programs import save_program
from pos_app.store.provisional import forget_settled_provisional
from pos_app.store.replica import (
    SERVER_CARD_COLUMNS,
    ServerCardRow,
    accept_any_server_version,
    store_server_cards,
    store_server_rows,
)
from pos_app.store.retired import remember_retired
from pos_app.store.staff import save_staff
from pos_app.store.sync_lock import SyncBusy, sync_lock
from pos_app.store.terminal import (
    CURSOR_KEY,
    EPOCH_KEY,
    LAST_SYNC_KEY,
    REVOKED_KEY,
    SERVER_SEQ_KEY,
    TOKEN_KEY,
    URL_KEY,
    get_setting,
    put_setting,
)
from sync.engine.client import (
    AuthRejected,
    ProtocolError,
    SequenceGapError,
    ServerClient,
    SyncError,
)
from sync.engine.feed import pages_ahead
from sync.protocol import (
    CardChange,
    ChangesPage,
    CustomerChange,
    EntryOutcome,
    OutcomeStatus,
    ProgramChange,
    RetiredChange,
    RevocationChange,
    StaffChange,
    WireCard,
    WireEntry,
)

PUSH_BATCH = 500
PULL_PAGE = 10_000  # the protocol's largest page
# Changes per pull transaction: a first pull of a million cards commits 20 times, not 200.
PULL_COMMIT_EVERY = 50_000

Progress = Callable[[str, int, int], None]  # (phase, done, total estimate)


@dataclass(frozen=True, slots=True)
class ServerLink:
    url: str
    token: str


def server_link(store: Store) -> ServerLink | None:
    """Where this terminal syncs to, or None for a standalone terminal."""
    with store.read() as conn:
        url, token = get_setting(conn, URL_KEY), get_setting(conn, TOKEN_KEY)
    return None if url is None or token is None else ServerLink(url, token)


def last_sync_at(store: Store) -> datetime | None:
    with store.read() as conn:
        value = get_setting(conn, LAST_SYNC_KEY)
    return None if value is None else datetime.fromisoformat(value)


def entry_to_wire(entry: JournalEntry, beside: Beside | None = None) -> WireEntry:
    """The entry as the server reads it; an enrolment with the name and contact waiting
    beside it (outside the hash)."""
    customer = None
    if beside is not None:
        contact = beside.contact
        customer = {
            "name": beside.name,
            "phone": contact.phone,
            "email": contact.email,
            "consent": contact.consent,
        }
    return WireEntry.model_validate(
        {
            "customer": customer,
            "entry_id": entry.entry_id,
            "seq": entry.seq,
            "card_id": entry.card_id,
            "program_id": entry.program_id,
            "operation": json.loads(entry.operation),
            "stamps_delta": entry.stamps_delta,
            "points_delta": entry.points_delta,
            "adjusted": entry.adjusted,
            "staff_id": entry.staff_id,
            "store_id": entry.store_id,
            "local_time": entry.local_time,
            "rule_version": entry.rule_version,
            "prev_hash": entry.prev_hash,
            "hash": entry.hash,
        }
    )


def _answer(outcome: EntryOutcome) -> Answer:
    """What to record beside the entry: its real outcome, even when learnt from a retry."""
    status = outcome.status
    if status is OutcomeStatus.DUPLICATE and outcome.first_status is not None:
        status = outcome.first_status
    return Answer(
        seq=outcome.seq,
        status=status.value,
        code=None if outcome.code is None else outcome.code.value,
        message=outcome.reason,
        # Without the name: what is kept beside an entry names the card, not the customer.
        server_card=None
        if outcome.card is None
        else outcome.card.model_dump_json(exclude={"customer_name"}),
        applied_stamps=outcome.applied_stamps_delta,
        applied_points=outcome.applied_points_delta,
    )


@dataclass
class PushSummary:
    sent: int = 0
    statuses: Counter[str] = field(default_factory=Counter)
    contacts_forgotten: int = 0  # enrolments' names and contacts deleted once answered


def push(
    store: Store,
    client: ServerClient,
    batch_size: int = PUSH_BATCH,
    progress: Progress | None = None,
) -> PushSummary:
    """Send every unanswered entry in order, in batches; record each answer beside its entry."""
    terminal_id = store.identity().terminal_id
    summary = PushSummary()
    resend_from: int | None = None
    while True:
        with store.write() as conn:
            batch = unanswered(conn, batch_size, resend_from)
            if batch and resend_from is None:
                mark_sent(conn, batch[0].seq, batch[-1].seq)
            contacts = contacts_of(conn, (e.seq for e in batch if e.kind == OpKind.ENROLL))
        if not batch:
            return summary
        try:
            wires = [entry_to_wire(e, contacts.get(e.seq)) for e in batch]
            response = client.push(terminal_id, wires)
        except SequenceGapError as gap:
            if resend_from is not None and gap.expected_seq >= resend_from:
                raise ProtocolError(f"the server keeps expecting entry {gap.expected_seq}") from gap
            if gap.expected_seq > batch[0].seq:
                raise ProtocolError(
                    f"the server expects entry {gap.expected_seq} but entry {batch[0].seq} "
                    "was never answered"
                ) from gap
            resend_from = max(1, gap.expected_seq)
            continue
        answered = {o.seq for o in response.outcomes}
        if not {e.seq for e in batch} <= answered:
            raise ProtocolError("the server did not answer every entry of a batch")
        answers = [_answer(o) for o in response.outcomes]
        with store.write() as conn:
            record_answers(conn, answers, local_now().isoformat())
            put_setting(conn, SERVER_SEQ_KEY, str(response.last_seq))
            forget_settled_provisional(conn)
            summary.contacts_forgotten += forget_answered_contacts(conn)
            refused = {a.seq for a in answers if a.status == OutcomeStatus.REFUSED.value}
            forget_names_of_refused_enrolments(
                conn, (e.card_id for e in batch if e.kind == OpKind.ENROLL and e.seq in refused)
            )
            store_server_cards(
                conn, [(o.card.to_card(), o.card.version) for o in response.outcomes if o.card]
            )
        resend_from = None
        summary.sent += len(batch)
        summary.statuses.update(a.status for a in answers)  # as recorded: first answers
        if progress:
            progress("push", summary.sent, summary.sent)


@dataclass(frozen=True, slots=True)
class Reconciled:
    """What the start of a sync learnt: entries to send again, and whether the server's
    state went back in time (restored from a backup)."""

    resent: int = 0
    restored: bool = False


def reconcile(store: Store, client: ServerClient) -> Reconciled:
    """Ask where the server's copy of this terminal's journal ends, and heal a restore.

    Entries the server no longer holds become pending again (they are still in the
    journal); after a restore the feed is pulled from the start and the server's cards are
    taken whatever their versions. What the cashier sees does not change here: it already
    counts those entries, and the server's answers rebase it.
    """
    with store.read() as conn:
        cursor = int(get_setting(conn, CURSOR_KEY) or 0)
        seen_epoch = get_setting(conn, EPOCH_KEY)
        acknowledged = acknowledged_seq(conn)
        journal_end = head(conn)[0]
    try:
        # Where the journal ends too: the back office counts what the server lacks of it.
        state = client.sync_state(store.identity().terminal_id, cursor, acknowledged, journal_end)
    except AuthRejected:
        # The push says so as before, or, with nothing to push, the feed tells whether
        # this terminal was revoked.
        return Reconciled()
    if state is None:  # a server that predates the call
        return Reconciled()
    restored = (
        (seen_epoch is not None and state.epoch != seen_epoch)
        or state.last_seq < acknowledged
        or state.change_version < cursor
    )
    resent = 0
    with store.write() as conn:
        if state.last_seq < acknowledged:
            resent = pending_again_after(conn, state.last_seq, local_now().isoformat())
        if restored:
            put_setting(conn, CURSOR_KEY, "0")
            accept_any_server_version(conn)
        put_setting(conn, EPOCH_KEY, state.epoch)
        put_setting(conn, SERVER_SEQ_KEY, str(state.last_seq))
        if state.lookup_key is not None:
            remember_lookup_secret(conn, state.lookup_key)
    return Reconciled(resent, restored)


@dataclass
class PullSummary:
    pages: int = 0
    changes: int = 0
    cards: int = 0
    cursor: int = 0
    customers: int = 0  # customers' keys replaced (an erasure among them drops them)


def pull(
    store: Store,
    client: ServerClient,
    page_size: int = PULL_PAGE,
    progress: Progress | None = None,
    commit_every: int = PULL_COMMIT_EVERY,
) -> PullSummary:
    """Page through the server's change feed from the stored cursor; resumable at any page.

    Pages are fetched on a thread ahead of the writing, and written in groups of about
    `commit_every` changes, each group in one transaction with the cursor of its last page:
    SQLite writes each touched index page once per transaction, and a first pull touches
    pages all over the card indexes, so fewer, larger transactions write far less.
    """
    with store.read() as conn:
        cursor = int(get_setting(conn, CURSOR_KEY) or 0)
    summary = PullSummary(cursor=cursor)
    group: list[_Page] = []

    def write_group() -> None:
        revoked = _write_pages(store, group, summary)
        if progress:
            remaining = group[-1].remaining_estimate
            progress("pull", summary.changes, summary.changes + remaining)
        group.clear()
        if revoked:
            raise AuthRejected("the server revoked this terminal; a manager must pair it again")

    with pages_ahead(client, cursor, page_size) as pages:
        for page in pages:
            group.append(_Page.of(page))
            if sum(p.changes for p in group) >= commit_every or not page.has_more:
                write_group()
        if group:  # the feed ended early: a revocation
            write_group()
    return summary


@dataclass(frozen=True, slots=True)
class _Page:
    """A page of the feed made ready to write: its cards already as replica rows.

    Converted as each page arrives, outside the write transaction (which then only
    writes), and holding rows rather than models keeps a group of pages small in memory.
    """

    cards: list[ServerCardRow]
    others: list[ProgramChange | StaffChange | CustomerChange | RetiredChange | RevocationChange]
    changes: int
    next_cursor: int
    remaining_estimate: int

    @staticmethod
    def of(page: ChangesPage) -> _Page:
        cards = [_server_row(c.card) for c in page.changes if isinstance(c, CardChange)]
        others = [c for c in page.changes if not isinstance(c, CardChange)]
        return _Page(cards, others, len(page.changes), page.next_cursor, page.remaining_estimate)


def _write_pages(store: Store, pages: list[_Page], summary: PullSummary) -> bool:
    """Apply pages in one transaction with the cursor after the last; True if revoked."""
    revoked = False
    with store.write() as conn:
        for page in pages:
            # Programs and staff first: a card rebased here may need its program.
            revoked = _apply_changes(conn, page.others) or revoked
            store_server_rows(conn, page.cards)
        put_setting(conn, CURSOR_KEY, str(pages[-1].next_cursor))
    summary.cursor = pages[-1].next_cursor
    summary.pages += len(pages)
    for page in pages:
        summary.changes += page.changes
        summary.cards += len(page.cards)
        summary.customers += sum(isinstance(c, CustomerChange) for c in page.others)
    return revoked


def _apply_changes(
    conn: Connection,
    changes: list[ProgramChange | StaffChange | CustomerChange | RetiredChange | RevocationChange],
) -> bool:
    """Apply the changes that are not cards; True if one revokes this terminal."""
    revoked = False
    for change in changes:
        match change:
            case ProgramChange():
                save_program(conn, program_from_dict(change.program.model_dump(mode="json")))
            case StaffChange():
                s = change.staff
                save_staff(
                    conn,
                    staff_id=s.id,
                    name=s.name,
                    role=s.role,
                    pin_hash=s.pin_hash,
                    active=s.is_active,
                )
            case CustomerChange():
                c = change.customer
                keys = tuple((k.kind, k.key, k.masked) for k in c.keys)
                store_customer_keys(conn, [CustomerKeys(str(c.id), keys, tuple(c.card_numbers))])
            case RetiredChange():
                remember_retired(conn, change.code_kind, change.value, str(change.card_id))
            case RevocationChange():
                put_setting(conn, REVOKED_KEY, "1")
                revoked = True
    return revoked


# Where each replica column's value sits, and which of them the wire gives as objects
# (a UUID, dates and times) while the column stores their text (as `card_to_dict` writes
# it). Positions worked out once: a first pull converts a million cards, without building
# a domain `Card` for any of them.
_ID_AT = SERVER_CARD_COLUMNS.index("id")
_TEMPORAL_AT = tuple(i for i, name in enumerate(SERVER_CARD_COLUMNS) if name in TEMPORAL_FIELDS)
_WIRE_NAMES = tuple("version" if name == "server_version" else name for name in SERVER_CARD_COLUMNS)


def _server_row(card: WireCard) -> ServerCardRow:
    values = card.__dict__
    row = [values[name] for name in _WIRE_NAMES]
    row[_ID_AT] = str(row[_ID_AT])
    for i in _TEMPORAL_AT:
        value = row[i]
        if value is not None:
            row[i] = value.isoformat()
    return tuple(row)


@dataclass(frozen=True, slots=True)
class SyncResult:
    pushed: PushSummary
    pulled: PullSummary
    finished_at: datetime


class AlreadySyncing(SyncError):  # noqa: N818 - a state, not a bug
    """Another sync of this terminal database (another program or thread) is running."""


@contextmanager
def one_sync_at_a_time(
    store: Store, wait_s: float = 0.0, on_wait: Callable[[], None] | None = None
) -> Iterator[None]:
    """Hold this terminal's sync lock; if another sync holds it, call `on_wait` and wait up
    to `wait_s` for it to end, then raise AlreadySyncing."""
    try:
        with sync_lock(store.path):
            yield
            return
    except SyncBusy as busy:
        if wait_s <= 0:
            raise AlreadySyncing(str(busy)) from None
    if on_wait is not None:
        on_wait()
    try:
        with sync_lock(store.path, wait_s):
            yield
    except SyncBusy as busy:
        raise AlreadySyncing(str(busy)) from None


def sync_once(
    store: Store,
    client: ServerClient,
    now: Callable[[], datetime] = local_now,
    progress: Progress | None = None,
    batch_size: int = PUSH_BATCH,
    *,
    wait_s: float = 0.0,
    on_wait: Callable[[], None] | None = None,
) -> SyncResult:
    """Push everything pending, then pull everything new; record when it last succeeded.

    One sync at a time per terminal database (`one_sync_at_a_time`): two at once would
    send the same entries twice.
    """
    with one_sync_at_a_time(store, wait_s, on_wait):
        reconcile(store, client)
        pushed = push(store, client, batch_size=batch_size, progress=progress)
        pulled = pull(store, client, progress=progress)
        finished = now()
        with store.write() as conn:
            put_setting(conn, LAST_SYNC_KEY, finished.isoformat())
        if pushed.contacts_forgotten or pulled.customers:
            # Personal data was deleted: secure_delete zeroed it in the database, and
            # emptying the write-ahead log drops the older page copies that still held it.
            store.empty_log()
    return SyncResult(pushed, pulled, finished)
