"""Failures in words for the cashier and the manager: what happened and what to do, never
an exception's name or errno. The technical text goes to the log (and a tooltip)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from pos_app.domain.money import AmountError
    from pos_app.services.customers import BadContactError
    from pos_app.services.errors import ServiceError, SignInError

# The sync engine's words for a refused token (sync.engine.client.AuthRejected): matched, not
# shown, so not translated.
_REFUSED_TERMINAL_DETAIL = "the server refused this terminal"


def for_people(error: BaseException) -> str:
    """One sentence for a failure that reached the window."""
    # Imported here: the HTTP client stays off the window's start-up path.
    from pos_app.services.customers import BadContactError
    from pos_app.services.errors import (
        AlreadyEnrolledError,
        BadAddressError,
        ServiceError,
        SignInError,
        UnknownCardError,
    )
    from pos_app.services.sync import AlreadySyncing
    from pos_app.store.errors import is_database_failure
    from sync.engine.client import AuthRejected, ServerUnreachable, SyncError

    if isinstance(error, ServerUnreachable):
        return QCoreApplication.translate(
            "error_words",
            "The server cannot be reached: check the address and the network, then try again",
        )
    if isinstance(error, AuthRejected):
        return QCoreApplication.translate(
            "error_words",
            "The server refused: the pairing code is wrong, used or expired, "
            "or this terminal was revoked",
        )
    if isinstance(error, AlreadySyncing):
        return QCoreApplication.translate(
            "error_words", "Another sync of this terminal is running: try again in a moment"
        )
    if isinstance(error, SyncError):
        return QCoreApplication.translate(
            "error_words",
            "The server's answer was not understood: ask for the terminal to be updated",
        )
    if isinstance(error, SignInError):
        return sign_in_words(error)
    if isinstance(error, BadContactError):
        return contact_words(error)
    if isinstance(error, AlreadyEnrolledError):
        from pos_app.domain.identifiers import format_card_number

        return QCoreApplication.translate(
            "error_words", "This customer already has card {number}."
        ).format(number=format_card_number(error.card_number))
    if isinstance(error, BadAddressError):
        return QCoreApplication.translate(
            "error_words", "“{url}” is not a server address (http://… or https://…)"
        ).format(url=error.url)
    if isinstance(error, UnknownCardError):
        if error.number:
            return QCoreApplication.translate(
                "error_words", "There is no card {number} on this terminal."
            ).format(number=error.number)
        return QCoreApplication.translate("error_words", "That card is no longer on this terminal.")
    if isinstance(error, ServiceError):
        return service_words(error)
    if is_database_failure(error):
        # SQLite's own words ("attempt to write a readonly database") are for the log.
        return QCoreApplication.translate(
            "error_words",
            "This terminal's database cannot be used just now, so nothing was saved: "
            "tell a manager (the details are in the log)",
        )
    if isinstance(error, OSError):
        reason = error.strerror or QCoreApplication.translate("error_words", "the system refused")
        return QCoreApplication.translate(
            "error_words", "The file could not be written: {reason}"
        ).format(reason=reason)
    return QCoreApplication.translate(
        "error_words",
        "Something went wrong here; it is in the log. Try again, or lock and sign in again",
    )


def service_words(error: ServiceError) -> str:
    """A use case's refusal from its code and parameters; the English message (for the log
    and the command line) only for a code the window has no words for, which a test forbids
    for every code raised in pos_app/services."""
    words = _service_words().get(error.code)
    if words is None:
        return str(error)
    if error.code == "merge_refused":
        from pos_app.ui.words import refusal_reason

        return words.format(reason=refusal_reason(error.params["refusal"], None))
    return words.format(**error.params)


def _service_words() -> dict[str, str]:
    """The words for each ServiceError code, with its parameters as {names}."""
    translate = QCoreApplication.translate

    return {
        "no_entry": translate("error_words", "There is no journal entry {seq} on this terminal."),
        "program_missing": translate(
            "error_words",
            "The loyalty program {program} is not on this terminal: sync with the server, "
            "then try again.",
        ),
        "merge_refused": translate(
            "error_words", "The cards were not merged, nothing changed: {reason}"
        ),
        "no_program": translate(
            "error_words", "This terminal has no loyalty program yet: sync with the server first."
        ),
        "choose_program": translate("error_words", "Choose a loyalty program: {programs}"),
        "unknown_program": translate(
            "error_words",
            "There is no loyalty program {program} here; the programs here: {programs}",
        ),
        "other_store": translate(
            "error_words",
            "This terminal belongs to {mine}, the pairing code to {theirs}: pair it with "
            "a new terminal database.",
        ),
        "already_database": translate(
            "error_words", "{path} is already a terminal database; nothing changed."
        ),
        "server_command_failed": translate(
            "error_words", "The built-in demo server could not be prepared ({command}): {detail}"
        ),
        "demo_data_differs": translate(
            "error_words",
            "The demo server in {folder} holds other demo cards than this version shows: "
            "remove that folder to start the demo afresh.",
        ),
        "server_stopped": translate(
            "error_words",
            "The built-in demo server stopped as it started ({detail}); the details are in {log}",
        ),
        "server_slow": translate(
            "error_words",
            "The built-in demo server did not start within {seconds} s; the details are in {log}",
        ),
        "demo_paired_elsewhere": translate(
            "error_words",
            "The demo terminal {db} is paired with another server than the one in {folder}: "
            "remove {db} to pair it afresh.",
        ),
    }


def sync_trouble(detail: str | None, offline: bool) -> str:
    """The status strip's words for a sync that did not get through."""
    if offline:
        return QCoreApplication.translate(
            "error_words",
            "Offline - the server cannot be reached; stamps are saved here and will sync",
        )
    if detail and detail.startswith(_REFUSED_TERMINAL_DETAIL):
        return QCoreApplication.translate(
            "error_words",
            "Sync stopped - the server refused this terminal; a manager must pair it again "
            "(Settings, Server)",
        )
    return QCoreApplication.translate(
        "error_words",
        "Sync stopped - the server and this terminal do not understand each other; "
        "stamps are saved here; ask for the terminal to be updated",
    )


def amount_words(error: AmountError, currency: str) -> str:
    """An amount the cashier typed that cannot be taken, with what to type instead."""
    from pos_app.services.locale_format import amount_example, money

    like = amount_example(currency)
    if error.reason == "empty":
        return QCoreApplication.translate("error_words", "Type the amount, like {example}").format(
            example=like
        )
    if error.reason == "decimals":
        return QCoreApplication.translate(
            "error_words", "“{typed}” has too many decimals: type it like {example}"
        ).format(typed=error.typed, example=like)
    if error.reason == "not_positive":
        return QCoreApplication.translate("error_words", "The amount must be more than zero")
    if error.reason == "over_limit":
        return QCoreApplication.translate(
            "error_words", "The amount is over the limit of {limit}"
        ).format(limit=money(error.limit_minor, currency))
    return QCoreApplication.translate(
        "error_words", "“{typed}” is not an amount: type it like {example}"
    ).format(typed=error.typed, example=like)


def contact_words(error: BadContactError) -> str:
    """A phone number or e-mail address that cannot be one, or nothing to search for."""
    if error.field == "phone":
        return QCoreApplication.translate(
            "error_words", "“{typed}” is not a phone number (6 to 20 digits)"
        ).format(typed=error.typed)
    if error.field == "email":
        return QCoreApplication.translate(
            "error_words", "“{typed}” is not an e-mail address"
        ).format(typed=error.typed)
    if error.field == "empty":
        return QCoreApplication.translate(
            "error_words", "Type a phone number, an e-mail address or a name"
        )
    return str(error)


def sign_in_words(error: SignInError) -> str:
    from pos_app.ui.words import counts

    minutes = counts().minutes(error.minutes)
    if error.reason == "locked_out":
        return QCoreApplication.translate(
            "error_words", "{name} is locked out for {minutes} more"
        ).format(name=error.name, minutes=minutes)
    if error.reason == "not_manager":
        return QCoreApplication.translate(
            "error_words", "{name} is not a manager: a manager's PIN is needed"
        ).format(name=error.name)
    if error.reason == "now_locked_out":
        return QCoreApplication.translate(
            "error_words", "wrong PIN; {name} is now locked out for {minutes}"
        ).format(name=error.name, minutes=minutes)
    return QCoreApplication.translate("error_words", "unknown staff member or wrong PIN")
