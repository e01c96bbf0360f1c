"""A terminal's view of the API, over real HTTP: what the sync engine will do, minus policy."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import httpx

from sync.protocol import PushRequest, WireEntry


class Api:
    def __init__(self, base_url: str, token: str | None = None, source: str | None = None):
        # A distinct loopback source address makes a distinct client for the rate limiter.
        transport = httpx.HTTPTransport(local_address=source) if source else None
        self.http = httpx.Client(base_url=base_url, timeout=30, transport=transport)
        self.token = token

    def close(self) -> None:
        self.http.close()

    def _auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}

    def pair(self, code: str, terminal_id: uuid.UUID, name: str = "Counter") -> httpx.Response:
        body = {"code": code, "terminal_id": str(terminal_id), "terminal_name": name}
        return self.http.post("/v1/pair", json=body)

    def push(
        self, terminal_id: uuid.UUID, entries: Sequence[WireEntry], **overrides: Any
    ) -> httpx.Response:
        request = PushRequest(
            terminal_id=terminal_id, entries=list(entries), terminal_time=datetime.now(UTC)
        )
        body = request.model_dump(mode="json") | overrides
        return self.http.post("/v1/push", json=body, headers=self._auth())

    def changes(self, cursor: int = 0, limit: int | None = None) -> httpx.Response:
        params: dict[str, Any] = {"cursor": cursor}
        if limit is not None:
            params["limit"] = limit
        return self.http.get("/v1/changes", params=params, headers=self._auth())

    def sync_state(
        self,
        terminal_id: uuid.UUID,
        cursor: int = 0,
        acknowledged_seq: int = 0,
        **more: Any,  # journal_seq, which a terminal of an older version leaves out
    ) -> httpx.Response:
        body = {
            "terminal_id": str(terminal_id),
            "cursor": cursor,
            "acknowledged_seq": acknowledged_seq,
            **more,
        }
        return self.http.post("/v1/sync-state", json=body, headers=self._auth())

    def lookup(self, **params: str) -> httpx.Response:
        return self.http.get("/v1/cards/lookup", params=params, headers=self._auth())
