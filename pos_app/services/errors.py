"""Failures a use case reports to its caller, each with words a person can act on."""

from __future__ import annotations


class ServiceError(Exception):
    """Base: the operation did not happen and nothing was written."""

    exit_code = 1


class UnknownCardError(ServiceError):
    exit_code = 3


class NotFoundError(ServiceError):
    exit_code = 3


class SignInError(ServiceError):
    exit_code = 5
