"""Time arithmetic that saturates at the ends of the calendar instead of overflowing.

A clock can say 9999-12-31T23:59 (broken, or set by hand), and a card can carry such a
time from it. A cooldown or an expiry computed from it lies beyond the last instant a
`datetime` holds: it is then that last instant, which is "not yet" for any real clock.
"""

from __future__ import annotations

from datetime import datetime, timedelta


def later(moment: datetime, *, minutes: int = 0, days: int = 0) -> datetime:
    """`moment` plus the given minutes and days, or the last instant in its offset."""
    try:
        return moment + timedelta(days=days, minutes=minutes)
    except OverflowError:
        return datetime.max.replace(tzinfo=moment.tzinfo)
