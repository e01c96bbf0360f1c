"""Failures a use case reports to its caller, each with words a person can act on."""

from __future__ import annotations


class ServiceError(Exception):
    """Base: the operation did not happen and nothing was written.

    The message is the English form, for the log and the command line; `code` and `params`
    are for words in the reader's language, made at the edge (pos_app/ui/error_words.py has
    a case for every code raised in pos_app/services, tests/ui/test_translatable.py checks).
    """

    exit_code = 1

    def __init__(self, message: str, code: str = "", **params: str) -> None:
        super().__init__(message)
        self.code = code
        self.params: dict[str, str] = params


class UnknownCardError(ServiceError):
    """No such card here; `number` (when the card was named by its number) is for words in
    the reader's language, the message is the English form."""

    exit_code = 3

    def __init__(self, message: str, number: str = "") -> None:
        super().__init__(message, "unknown_card", number=number)
        self.number = number


class AlreadyEnrolledError(ServiceError):
    """The customer holds a card already: the message names it (refused by the rules)."""

    exit_code = 1

    def __init__(self, card_number: str) -> None:
        from pos_app.domain.identifiers import format_card_number

        super().__init__(
            f"This customer already has card {format_card_number(card_number)}.",
            "already_enrolled",
            card_number=card_number,
        )
        self.card_number = card_number


class BadAddressError(ServiceError):
    """A server address that is not http(s)://…; `url` is for words in the reader's language."""

    def __init__(self, url: str) -> None:
        super().__init__(
            f"{url!r} is not a server address (http://… or https://…)", "bad_address", url=url
        )
        self.url = url


class NotFoundError(ServiceError):
    exit_code = 3


class SignInError(ServiceError):
    """`reason` ("wrong_pin", "locked_out", "now_locked_out", "not_manager") with `name` and
    `minutes`, for words in the reader's language; the message is the English form."""

    exit_code = 5

    def __init__(
        self, message: str, reason: str = "wrong_pin", name: str = "", minutes: int = 0
    ) -> None:
        super().__init__(message, "sign_in", reason=reason, name=name, minutes=str(minutes))
        self.reason, self.name, self.minutes = reason, name, minutes
