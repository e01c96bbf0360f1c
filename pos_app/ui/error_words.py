"""Failures in words for the cashier and the manager: what happened and what to do, never
an exception's name or errno. The technical text goes to the log (and a tooltip)."""

from __future__ import annotations

OFFLINE = "Offline - the server cannot be reached; stamps are saved here and will sync"
REFUSED_TERMINAL = (
    "Sync stopped - the server refused this terminal; a manager must pair it again "
    "(Settings, Server)"
)
# The sync engine's words for a refused token (sync.engine.client.AuthRejected).
_REFUSED_TERMINAL_DETAIL = "the server refused this terminal"
DATABASE_TROUBLE = (
    "This terminal's database cannot be used just now, so nothing was saved: "
    "tell a manager (the details are in the log)"
)
NOT_UNDERSTOOD = (
    "Sync stopped - the server and this terminal do not understand each other; "
    "stamps are saved here; ask for the terminal to be updated"
)


def for_people(error: BaseException) -> str:
    """One sentence for a failure that reached the window."""
    # Imported here: the HTTP client stays off the window's start-up path.
    from pos_app.services.errors import ServiceError
    from pos_app.store.errors import is_database_failure
    from sync.engine.client import AuthRejected, ServerUnreachable, SyncError

    if isinstance(error, ServerUnreachable):
        return "The server cannot be reached: check the address and the network, then try again"
    if isinstance(error, AuthRejected):
        return (
            "The server refused: the pairing code is wrong, used or expired, "
            "or this terminal was revoked"
        )
    if isinstance(error, SyncError):
        return "The server's answer was not understood: ask for the terminal to be updated"
    if isinstance(error, ServiceError):
        return str(error)  # already written for people
    if is_database_failure(error):
        # SQLite's own words ("attempt to write a readonly database") are for the log.
        return DATABASE_TROUBLE
    if isinstance(error, OSError):
        return f"The file could not be written: {error.strerror or 'the system refused'}"
    return "Something went wrong here; it is in the log. Try again, or lock and sign in again"


def sync_trouble(detail: str | None, offline: bool) -> str:
    """The status strip's words for a sync that did not get through."""
    if offline:
        return OFFLINE
    if detail and detail.startswith(_REFUSED_TERMINAL_DETAIL):
        return REFUSED_TERMINAL
    return NOT_UNDERSTOOD
