"""A loopback HTTP proxy that loses, delays, duplicates and replays requests on purpose.

It sits between a terminal and the real server. Each request gets an action from the test's
plan: pass it, cut it (the server never sees it: a network cut), drop the response after the
server committed (the terminal never hears back), delay it, send it twice, or send an older
request again first (a stale, reordered retry). Only loopback addresses are used.
"""

from __future__ import annotations

import enum
import http.client
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Fault(enum.Enum):
    PASS = "pass"
    CUT = "cut"
    DROP_RESPONSE = "drop_response"
    DELAY = "delay"
    DUPLICATE = "duplicate"
    REPLAY_STALE = "replay_stale"


@dataclass(frozen=True, slots=True)
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


Plan = Callable[[Request, int], Fault]  # (request, index of the request) -> what to do


@dataclass
class ProxyLog:
    actions: list[tuple[str, Fault]] = field(default_factory=list)
    forwarded: int = 0


class FaultProxy:
    def __init__(self, upstream_port: int, plan: Plan, delay_s: float = 0.5) -> None:
        self.upstream_port = upstream_port
        self.plan = plan
        self.delay_s = delay_s
        self.log = ProxyLog()
        self._seen: list[Request] = []
        self._lock = threading.Lock()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                pass

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                request = Request(self.command, self.path, dict(self.headers.items()), body)
                proxy.serve(self, request)

            do_GET = do_POST = _handle  # noqa: N815

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> FaultProxy:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _forward(self, request: Request) -> tuple[int, list[tuple[str, str]], bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.upstream_port, timeout=30)
        try:
            headers = {k: v for k, v in request.headers.items() if k.lower() != "connection"}
            conn.request(request.method, request.path, body=request.body or None, headers=headers)
            response = conn.getresponse()
            payload = response.read()
            with self._lock:
                self.log.forwarded += 1
            return response.status, response.getheaders(), payload
        finally:
            conn.close()

    def serve(self, handler: BaseHTTPRequestHandler, request: Request) -> None:
        with self._lock:
            index = len(self._seen)
            self._seen.append(request)
            stale = [
                r for r in self._seen[:-1] if r.method == request.method and r.path == request.path
            ]
        action = self.plan(request, index)
        self.log.actions.append((request.path, action))
        if action is Fault.CUT:
            handler.close_connection = True
            return
        if action is Fault.REPLAY_STALE and stale:
            self._forward(stale[-1])
        if action is Fault.DELAY:
            time.sleep(self.delay_s)
        status, headers, payload = self._forward(request)
        if action is Fault.DUPLICATE:
            status, headers, payload = self._forward(request)
        if action is Fault.DROP_RESPONSE:
            handler.close_connection = True
            return
        handler.send_response(status)
        for name, value in headers:
            if name.lower() not in (
                "transfer-encoding",
                "connection",
                "content-length",
                "date",
                "server",
            ):
                handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(payload)))
        handler.end_headers()
        handler.wfile.write(payload)
