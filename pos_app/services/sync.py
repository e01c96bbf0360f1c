"""Synchronising this terminal with the central server: push the journal, pull the changes.

Each page of answers or changes is written in one transaction together with the progress
marker (answers beside their entries; the pull cursor beside the changed rows), so a sync
killed at any instant resumes where it stopped and never applies anything twice.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Connection

from pos_app.domain.card import Card
from pos_app.domain.program import program_from_dict
from pos_app.services.clock import local_now
from pos_app.store import Store
from pos_app.store.journal import JournalEntry
from pos_app.store.outbox import Answer, mark_sent, record_answers, unanswered
from pos_app.store.programs import save_program
from pos_app.store.replica import store_server_cards
from pos_app.store.staff import save_staff
from pos_app.store.terminal import (
    CURSOR_KEY,
    LAST_SYNC_KEY,
    REVOKED_KEY,
    TOKEN_KEY,
    URL_KEY,
    get_setting,
    put_setting,
)
from sync.engine.client import AuthRejected, ProtocolError, SequenceGapError, ServerClient
from sync.protocol import (
    CardChange,
    Change,
    EntryOutcome,
    OutcomeStatus,
    ProgramChange,
    RevocationChange,
    StaffChange,
    WireEntry,
)

PUSH_BATCH = 500
PULL_PAGE = 5000

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


def entry_to_wire(entry: JournalEntry) -> WireEntry:
    return WireEntry.model_validate(
        {
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
        server_card=None if outcome.card is None else outcome.card.model_dump_json(),
    )


@dataclass
class PushSummary:
    sent: int = 0
    statuses: Counter[str] = field(default_factory=Counter)


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
        if not batch:
            return summary
        try:
            response = client.push(terminal_id, [entry_to_wire(e) for e in batch])
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
        with store.write() as conn:
            record_answers(conn, [_answer(o) for o in response.outcomes], local_now().isoformat())
            store_server_cards(
                conn, [(o.card.to_card(), o.card.version) for o in response.outcomes if o.card]
            )
        resend_from = None
        summary.sent += len(batch)
        summary.statuses.update(o.status.value for o in response.outcomes)
        if progress:
            progress("push", summary.sent, summary.sent)


@dataclass
class PullSummary:
    changes: int = 0
    cards: int = 0
    cursor: int = 0


def pull(
    store: Store,
    client: ServerClient,
    page_size: int = PULL_PAGE,
    progress: Progress | None = None,
) -> PullSummary:
    """Page through the server's change feed from the stored cursor; resumable at any page."""
    with store.read() as conn:
        cursor = int(get_setting(conn, CURSOR_KEY) or 0)
    summary = PullSummary(cursor=cursor)
    while True:
        page = client.changes(cursor, page_size)
        with store.write() as conn:
            revoked = _apply_changes(conn, page.changes)
            put_setting(conn, CURSOR_KEY, str(page.next_cursor))
        cursor = summary.cursor = page.next_cursor
        summary.changes += len(page.changes)
        summary.cards += sum(1 for c in page.changes if isinstance(c, CardChange))
        if progress:
            progress("pull", summary.changes, summary.changes + page.remaining_estimate)
        if revoked:
            raise AuthRejected("the server revoked this terminal; a manager must pair it again")
        if not page.has_more:
            return summary


def _apply_changes(conn: Connection, changes: list[Change]) -> bool:
    cards: list[tuple[Card, int]] = []
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
            case CardChange():
                cards.append((change.card.to_card(), change.card.version))
            case RevocationChange():
                put_setting(conn, REVOKED_KEY, "1")
                revoked = True
    store_server_cards(conn, cards)
    return revoked


@dataclass(frozen=True, slots=True)
class SyncResult:
    pushed: PushSummary
    pulled: PullSummary
    finished_at: datetime


def sync_once(
    store: Store,
    client: ServerClient,
    now: Callable[[], datetime] = local_now,
    progress: Progress | None = None,
    batch_size: int = PUSH_BATCH,
) -> SyncResult:
    """Push everything pending, then pull everything new; record when it last succeeded."""
    pushed = push(store, client, batch_size=batch_size, progress=progress)
    pulled = pull(store, client, progress=progress)
    finished = now()
    with store.write() as conn:
        put_setting(conn, LAST_SYNC_KEY, finished.isoformat())
    return SyncResult(pushed, pulled, finished)
