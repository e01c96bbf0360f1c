"""The risk a terminal may take while the server has not confirmed its work.

Like a card terminal's offline floor limit: redemptions not yet confirmed by the server are
bounded per card, and a terminal unsynced for too long first warns, then stops redemptions.
A standalone terminal (never paired) has no server to wait for, so no limits apply.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Connection, func, select

from pos_app.domain.card import Card
from pos_app.domain.operations import CardOperation, RedeemPoints, RedeemStamps
from pos_app.domain.program import Program
from pos_app.domain.refusal import RefusalCode, Refused
from pos_app.store.schema import JournalRow, JournalSyncRow
from pos_app.store.terminal import LAST_SYNC_KEY, URL_KEY, get_setting
from sync.engine.connectivity import Notice


def unconfirmed_points_redeemed(conn: Connection, card_id: str) -> int:
    total = conn.execute(
        select(func.coalesce(func.sum(-JournalRow.points_delta), 0))
        .join(JournalSyncRow, JournalSyncRow.seq == JournalRow.seq)
        .where(
            JournalRow.card_id == card_id,
            JournalRow.kind == "redeem_points",
            JournalSyncRow.status.in_(("pending", "sent")),
        )
    ).scalar_one()
    return int(total)


def unsynced_for(conn: Connection, now: datetime) -> timedelta | None:
    """How long since the last successful sync; None for a standalone terminal."""
    if get_setting(conn, URL_KEY) is None:
        return None
    last = get_setting(conn, LAST_SYNC_KEY)
    if last is None:
        return timedelta.max
    return max(timedelta(0), now - datetime.fromisoformat(last))


def check_offline_limits(
    conn: Connection, card: Card, program: Program, op: CardOperation, now: datetime
) -> Refused | None:
    if not isinstance(op, RedeemPoints | RedeemStamps):
        return None
    gap = unsynced_for(conn, now)
    if gap is None:
        return None
    limits = program.offline
    stop_after = timedelta(minutes=limits.stop_redemptions_unsynced_after_minutes)
    if gap == timedelta.max:
        return Refused(
            RefusalCode.OFFLINE_LIMIT,
            "Redemptions wait for the first sync with the server: sync this terminal first.",
        )
    if gap >= stop_after:
        hours = round(stop_after.total_seconds() / 3600)
        return Refused(
            RefusalCode.OFFLINE_LIMIT,
            f"Redemptions are stopped: this terminal has not synced for over {hours} hours.",
        )
    if isinstance(op, RedeemPoints):
        reward = program.reward(op.reward_code)
        cost = reward.points_cost if reward else 0
        already = unconfirmed_points_redeemed(conn, card.id)
        cap = limits.max_offline_points_redeemed_per_card
        if already + cost > cap:
            return Refused(
                RefusalCode.OFFLINE_LIMIT,
                f"Offline limit: at most {cap} points per card until the server confirms "
                f"({already} already waiting).",
            )
    return None


def unsynced_warning(conn: Connection, programs: list[Program], now: datetime) -> str | None:
    notice = unsynced_notice(conn, programs, now)
    return None if notice is None else notice.text


def unsynced_notice(conn: Connection, programs: list[Program], now: datetime) -> Notice | None:
    gap = unsynced_for(conn, now)
    if gap is None:
        return None
    if gap == timedelta.max:
        return Notice(
            "never_synced", "Never synced with the server yet: redemptions wait for the first sync."
        )
    if not programs:
        return None
    warn = min(p.offline.warn_unsynced_after_minutes for p in programs)
    stop = min(p.offline.stop_redemptions_unsynced_after_minutes for p in programs)
    if gap >= timedelta(minutes=stop):
        return Notice(
            "redemptions_stopped",
            "Not synced for too long: redemptions are stopped until the terminal syncs.",
        )
    if gap >= timedelta(minutes=warn):
        hours = int(gap.total_seconds() // 3600)
        return Notice(
            "unsynced_hours",
            f"Not synced for {hours} hours: redemptions stop at {stop // 60} hours.",
            (("hours", hours), ("stop_hours", stop // 60)),
        )
    return None
