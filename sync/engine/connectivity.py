"""The terminal's connectivity as the counter shows it, and the warnings that go with it."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime


class Connectivity(enum.StrEnum):
    STANDALONE = "standalone"  # not paired with any server
    ONLINE = "online"
    SYNCING = "syncing"
    OFFLINE = "offline"  # the server does not answer; retrying with backoff
    ERROR = "error"  # the server refused us (bad token, protocol error): a person must act
    REVOKED = "revoked"  # the server revoked this terminal: a manager must pair it again


@dataclass(frozen=True, slots=True)
class Notice:
    """A warning as a code and its figures, for words in the reader's language; `text` is
    the English form (logs, the CLI)."""

    code: str
    text: str
    params: tuple[tuple[str, int], ...] = ()

    def param(self, name: str) -> int:
        return dict(self.params)[name]


@dataclass(frozen=True, slots=True)
class SyncStatus:
    state: Connectivity
    pending: int
    last_sync_at: datetime | None
    detail: str | None = None
    warnings: tuple[str, ...] = ()
    notices: tuple[Notice, ...] = ()  # the warnings, as codes and figures
    progress: tuple[str, int, int] | None = None  # (phase, done, total estimate)
