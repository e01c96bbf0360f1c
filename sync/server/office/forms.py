"""Form bodies (application/x-www-form-urlencoded, parsed here: no multipart dependency
for plain forms) and the CSRF check every form passes."""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from urllib.parse import parse_qsl

from fastapi import Request

CSRF_FIELD = "csrf"
MAX_FORM_BYTES = 64 * 1024


class CsrfError(Exception):
    """The form did not carry this browser's CSRF token."""


class FormError(Exception):
    """A field is missing or malformed; the message says which."""


@dataclass(frozen=True)
class Form:
    fields: dict[str, str]

    def text(self, name: str, default: str | None = None) -> str:
        value = self.fields.get(name, default)
        if value is None:
            raise FormError(f"{name} is missing")
        return value.strip()

    def integer(self, name: str, default: int | None = None) -> int:
        raw = self.fields.get(name, "").strip()
        if not raw:
            if default is None:
                raise FormError(f"{name} is missing")
            return default
        try:
            return int(raw)
        except ValueError:
            raise FormError(f"{name} must be a whole number") from None

    def optional_integer(self, name: str) -> int | None:
        return self.integer(name) if self.fields.get(name, "").strip() else None

    def flag(self, name: str) -> bool:
        return name in self.fields


async def read_form(request: Request) -> Form:
    body = await request.body()
    if len(body) > MAX_FORM_BYTES:
        raise FormError("the form is too large")
    try:
        pairs = parse_qsl(body.decode(), keep_blank_values=True, strict_parsing=False)
    except UnicodeDecodeError:
        raise FormError("the form is not UTF-8") from None
    return Form(dict(pairs))


def check_csrf(form: Form, expected: str | None) -> None:
    given = form.fields.get(CSRF_FIELD, "")
    if not expected or not given or not hmac.compare_digest(given, expected):
        raise CsrfError
