"""Failures a use case reports to its caller, each with words a person can act on."""

from __future__ import annotations


class ServiceError(Exception):
    """Base: the operation did not happen and nothing was written."""

    exit_code = 1


class UnknownCardError(ServiceError):
    exit_code = 3


class AlreadyEnrolledError(ServiceError):
    """The customer holds a card already: the message names it (refused by the rules)."""

    exit_code = 1

    def __init__(self, card_number: str) -> None:
        from pos_app.domain.identifiers import format_card_number

        super().__init__(f"This customer already has card {format_card_number(card_number)}.")
        self.card_number = card_number


class NotFoundError(ServiceError):
    exit_code = 3


class SignInError(ServiceError):
    exit_code = 5
