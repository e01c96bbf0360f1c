"""The terminal's notion of now: local wall time with its UTC offset."""

from __future__ import annotations

from datetime import datetime


def local_now() -> datetime:
    return datetime.now().astimezone()
