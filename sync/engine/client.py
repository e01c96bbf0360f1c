"""A typed HTTP client for the central server's v1 API, over httpx.

Every failure becomes one of a few exceptions that say what the caller should do: retry
later (`ServerUnreachable`), stop and tell the manager (`AuthRejected`), resend from an
earlier entry (`SequenceGapError`), or report a bug (`ProtocolError`).
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

import httpx
from pydantic import BaseModel, ValidationError

from sync.protocol import (
    API_PREFIX,
    ChangesPage,
    CustomerSearch,
    CustomersFound,
    EarnFound,
    Health,
    PairRequest,
    PairResponse,
    PushRequest,
    PushResponse,
    SequenceGap,
    SyncState,
    SyncStateRequest,
    WireCard,
    WireEntry,
)

Model = TypeVar("Model", bound=BaseModel)
DEFAULT_TIMEOUT = httpx.Timeout(10.0, connect=3.0)


class SyncError(Exception):
    """Base of every sync failure; the message is for a person."""


class ServerUnreachable(SyncError):  # noqa: N818 - a state, not a bug
    """No answer, or the server said it is temporarily unavailable: try again later."""


class AuthRejected(SyncError):  # noqa: N818
    """The token or pairing code was refused: a person must act (re-pair, un-revoke)."""


class ProtocolError(SyncError):
    """The server refused the request as malformed, or answered nonsense."""


class SequenceGapError(SyncError):
    def __init__(self, expected_seq: int, detail: str) -> None:
        super().__init__(detail)
        self.expected_seq = expected_seq


@dataclass(frozen=True, slots=True)
class Exchange:
    """Timing of one round trip, for estimating the terminal clock's offset."""

    sent_at: datetime
    received_at: datetime
    server_time: datetime
    round_trip_s: float


class ServerClient:
    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        *,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        transport: httpx.BaseTransport | None = None,
        wall: Callable[[], datetime] = lambda: datetime.now().astimezone(),
    ) -> None:
        self._wall = wall
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self._http = httpx.Client(
            base_url=base_url.rstrip("/") + API_PREFIX,
            headers=headers,
            timeout=timeout,
            transport=transport,
        )
        self.last_exchange: Exchange | None = None

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> ServerClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def health(self) -> Health:
        return self._call("GET", "/health", Health)

    def pair(self, code: str, terminal_id: str, terminal_name: str) -> PairResponse:
        body = PairRequest(
            code=code, terminal_id=uuid.UUID(terminal_id), terminal_name=terminal_name
        )
        return self._call("POST", "/pair", PairResponse, json=body.model_dump(mode="json"))

    def push(self, terminal_id: str, entries: list[WireEntry]) -> PushResponse:
        body = PushRequest(
            terminal_id=uuid.UUID(terminal_id),
            entries=entries,
            terminal_time=self._wall(),
        )
        return self._call("POST", "/push", PushResponse, content=body.model_dump_json())

    def sync_state(
        self,
        terminal_id: str,
        cursor: int,
        acknowledged_seq: int,
        journal_seq: int | None = None,
    ) -> SyncState | None:
        """Where the server's copy of this terminal's journal ends; None from a server that
        predates the call (404). `journal_seq`, where this terminal's journal ends, is
        asked again without it when the server refuses the field (422: a server that
        predates it, whose requests forbid unknown fields)."""
        body = SyncStateRequest(
            terminal_id=uuid.UUID(terminal_id),
            cursor=cursor,
            acknowledged_seq=acknowledged_seq,
            journal_seq=journal_seq,
        )
        try:
            return self._call(
                "POST", "/sync-state", SyncState, content=body.model_dump_json(exclude_none=True)
            )
        except _NotFoundError:
            return None
        except _UnprocessableError:
            if journal_seq is None:
                raise
            return self.sync_state(terminal_id, cursor, acknowledged_seq)

    def changes(self, cursor: int, limit: int) -> ChangesPage:
        params = {"cursor": cursor, "limit": limit}
        return self._call("GET", "/changes", ChangesPage, params=params)

    def lookup(self, *, token: str | None = None, number: str | None = None) -> WireCard | None:
        params = {"token": token} if token else {"number": number}
        try:
            return self._call("GET", "/cards/lookup", WireCard, params=params)
        except _NotFoundError:
            return None

    def earn_by_receipt(self, card_id: str, receipt: str) -> EarnFound | None:
        """The card's earn typed with that receipt reference; None when there is none."""
        try:
            return self._call(
                "GET", f"/cards/{card_id}/earn", EarnFound, params={"receipt": receipt}
            )
        except _NotFoundError:
            return None

    def search_customers(
        self, *, phone: str = "", email: str = "", name: str = ""
    ) -> CustomersFound:
        body = CustomerSearch(phone=phone, email=email, name=name)
        return self._call(
            "POST", "/customers/search", CustomersFound, content=body.model_dump_json()
        )

    def _call(self, method: str, path: str, model: type[Model], **kwargs: Any) -> Model:
        if "content" in kwargs:
            kwargs.setdefault("headers", {})["Content-Type"] = "application/json"
        sent_at = self._wall()
        started = time.monotonic()
        try:
            response = self._http.request(method, path, **kwargs)
        except (httpx.TransportError, httpx.TimeoutException) as exc:
            raise ServerUnreachable(f"server unreachable: {type(exc).__name__}: {exc}") from exc
        elapsed = time.monotonic() - started
        self._check(response)
        try:
            result = model.model_validate_json(response.content)
        except ValidationError as exc:
            raise ProtocolError(f"the server's answer to {path} is not valid: {exc}") from exc
        server_time = getattr(result, "server_time", None)
        if isinstance(server_time, datetime):
            self.last_exchange = Exchange(sent_at, self._wall(), server_time, elapsed)
        return result

    def _check(self, response: httpx.Response) -> None:
        status = response.status_code
        if status < 400:
            return
        detail = _detail(response)
        if status in (401, 403):
            raise AuthRejected(f"the server refused this terminal ({status}): {detail}")
        if status == 404:
            raise _NotFoundError(detail)
        if status == 422:
            raise _UnprocessableError(f"the server refused the request ({status}): {detail}")
        if status == 409:
            try:
                gap = SequenceGap.model_validate_json(response.content)
            except ValidationError:
                raise ProtocolError(f"conflict: {detail}") from None
            raise SequenceGapError(gap.expected_seq, gap.detail)
        if status == 429 or status >= 500:
            raise ServerUnreachable(f"server busy or failing ({status}): {detail}")
        raise ProtocolError(f"the server refused the request ({status}): {detail}")


class _NotFoundError(SyncError):
    pass


class _UnprocessableError(ProtocolError):
    """422: the request is not one the server reads; a protocol error unless handled."""


def _detail(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return response.text[:200]
    if isinstance(body, dict) and "detail" in body:
        return str(body["detail"])[:500]
    return str(body)[:200]
