"""ASGI middleware: a hard cap on request bodies, and one JSON log line per request."""

from __future__ import annotations

import json
import logging
import time
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sync.server.logs import ACCESS_LOGGER

access_log = logging.getLogger(ACCESS_LOGGER)


async def _send_json(send: Send, status: int, body: dict[str, Any]) -> None:
    payload = json.dumps(body).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(payload)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": payload})


# A client still sending when we answer sees "connection reset", not our 413; so we read
# and drop up to this many times the cap before answering (held: nothing; time: bounded).
_DRAIN_FACTOR = 4


async def _discard_rest(receive: Receive, budget: int) -> None:
    while budget > 0:
        message = await receive()
        if message["type"] != "http.request" or not message.get("more_body", False):
            return
        budget -= len(message.get("body", b""))


class BodyLimit:
    """Refuse bodies over `max_bytes` with 413 without ever holding more than that.

    A declared Content-Length over the cap is refused before reading; a body sent without
    one (chunked) is counted as it arrives and refused as soon as it passes the cap.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        too_big = {"detail": f"Request body over {self.max_bytes} bytes: send smaller batches."}
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None:
            try:
                declared_bytes = int(declared)
            except ValueError:
                await _send_json(send, 400, {"detail": "Content-Length is not a number."})
                return
            if declared_bytes > self.max_bytes:
                # Nothing is kept; a modest excess is drained so the client, still sending,
                # reads our 413 instead of a reset connection.
                if declared_bytes <= self.max_bytes * _DRAIN_FACTOR:
                    await _discard_rest(receive, declared_bytes)
                await _send_json(send, 413, too_big)
                return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                if message.get("more_body", False):
                    await _discard_rest(receive, self.max_bytes * _DRAIN_FACTOR)
                await _send_json(send, 413, too_big)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        delivered = False

        async def replay() -> Message:
            nonlocal delivered
            if not delivered:
                delivered = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


def loggable_path(path: str) -> str:
    """The path without the secrets some paths carry: a card's QR token, a device's id."""
    if path.startswith("/c/"):
        rest = path[3:].split("/", 1)
        return "/c/<token>" + ("/" + rest[1] if len(rest) > 1 else "")
    if path.startswith("/passkit/v1/devices/"):
        rest = path.removeprefix("/passkit/v1/devices/").split("/", 1)
        return "/passkit/v1/devices/<device>" + ("/" + rest[1] if len(rest) > 1 else "")
    return path


class AccessLog:
    """method, path, status, ms and terminal id as one JSON line; never a header or a body."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def send_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_status)
        finally:
            state = scope.get("state") or {}
            access_log.info(
                json.dumps(
                    {
                        "method": scope["method"],
                        "path": loggable_path(scope["path"]),
                        "status": status,
                        "ms": round((time.perf_counter() - started) * 1000, 2),
                        "terminal_id": state.get("terminal_id"),
                    }
                )
            )
