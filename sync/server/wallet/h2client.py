"""A small HTTP/2 client for APNs: many requests in flight on one connection.

APNs wants many pushes multiplexed on one long-lived connection. A general client spends
about a millisecond of Python per request; here a batch is written straight into h2's
state machine, as many streams at once as the server allows, and read back as answers
come. TLS (with the client certificate, ALPN h2) for `https://`, cleartext prior-knowledge
HTTP/2 for `http://` (a local stand-in).
"""

from __future__ import annotations

import asyncio
import contextlib
import ssl
from collections import deque
from dataclasses import dataclass
from urllib.parse import urlsplit

import h2.config
import h2.connection
import h2.errors
import h2.events
import h2.exceptions

_Connection = tuple[asyncio.StreamReader, asyncio.StreamWriter, h2.connection.H2Connection]
# More than this many streams at once gains nothing and holds more memory.
MAX_IN_FLIGHT = 500
READ_BYTES = 65536


@dataclass(frozen=True, slots=True)
class H2Request:
    path: str
    headers: tuple[tuple[str, str], ...]
    body: bytes


@dataclass(frozen=True, slots=True)
class H2Answer:
    status: int
    body: bytes


class H2Client:
    def __init__(self, url: str, tls: ssl.SSLContext | None, timeout_s: float = 10.0) -> None:
        parts = urlsplit(url)
        self.scheme = parts.scheme
        self.host = parts.hostname or ""
        self.port = parts.port or (443 if parts.scheme == "https" else 80)
        self.authority = parts.netloc
        self.tls = tls
        self.timeout_s = timeout_s
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None
        self._conn: h2.connection.H2Connection | None = None

    async def _connect(self) -> _Connection:
        if self._reader and self._writer and self._conn and not self._writer.is_closing():
            return self._reader, self._writer, self._conn
        reader, writer = await asyncio.wait_for(
            asyncio.open_connection(
                self.host,
                self.port,
                ssl=self.tls,
                server_hostname=self.host if self.tls else None,
            ),
            self.timeout_s,
        )
        if self.tls is not None:
            chosen = writer.get_extra_info("ssl_object")
            if chosen is None or chosen.selected_alpn_protocol() != "h2":
                writer.close()
                raise ConnectionError(f"{self.host} does not speak HTTP/2")
        config = h2.config.H2Configuration(client_side=True, header_encoding="utf-8")
        conn = h2.connection.H2Connection(config)
        conn.initiate_connection()
        writer.write(conn.data_to_send())
        await writer.drain()
        # Until the server's SETTINGS arrive, h2 assumes no limit on concurrent streams:
        # streams opened before then over the server's limit would be refused.
        settled = False
        while not settled:
            data = await asyncio.wait_for(reader.read(READ_BYTES), self.timeout_s)
            if not data:
                raise ConnectionError("the server closed the connection")
            events = conn.receive_data(data)
            settled = any(isinstance(e, h2.events.RemoteSettingsChanged) for e in events)
            writer.write(conn.data_to_send())
        self._reader, self._writer, self._conn = reader, writer, conn
        return reader, writer, conn

    async def close(self) -> None:
        writer, self._writer, self._conn, self._reader = self._writer, None, None, None
        if writer is not None:
            writer.close()
            with contextlib.suppress(OSError, ssl.SSLError):
                await writer.wait_closed()

    async def post_many(self, requests: list[H2Request]) -> list[H2Answer | None]:
        """Each request's answer, or None where it got none (connection lost, timeout,
        stream reset): those may be sent again."""
        answers: list[H2Answer | None] = [None] * len(requests)
        if not requests:
            return answers
        try:
            reader, writer, conn = await self._connect()
            await self._exchange(reader, writer, conn, requests, answers)
        except (OSError, ssl.SSLError, TimeoutError, h2.exceptions.ProtocolError, ConnectionError):
            await self.close()
        return answers

    async def _exchange(
        self,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        conn: h2.connection.H2Connection,
        requests: list[H2Request],
        answers: list[H2Answer | None],
    ) -> None:
        waiting = deque(range(len(requests)))
        streams: dict[int, int] = {}
        statuses: dict[int, int] = {}
        bodies: dict[int, bytearray] = {}
        while waiting or streams:
            allowed = min(conn.remote_settings.max_concurrent_streams, MAX_IN_FLIGHT)
            while waiting and conn.open_outbound_streams < allowed:
                index = waiting.popleft()
                request = requests[index]
                stream_id = conn.get_next_available_stream_id()
                headers = [
                    (":method", "POST"),
                    (":scheme", self.scheme),
                    (":authority", self.authority),
                    (":path", request.path),
                    *request.headers,
                    ("content-length", str(len(request.body))),
                ]
                conn.send_headers(stream_id, headers)
                conn.send_data(stream_id, request.body, end_stream=True)
                streams[stream_id] = index
            writer.write(conn.data_to_send())
            await writer.drain()
            data = await asyncio.wait_for(reader.read(READ_BYTES), self.timeout_s)
            if not data:
                raise ConnectionError("the server closed the connection")
            for event in conn.receive_data(data):
                if isinstance(event, h2.events.ResponseReceived):
                    for name, value in event.headers or []:
                        # Strings, as header_encoding asks; typed as bytes by h2.
                        if _text(name) == ":status":
                            statuses[event.stream_id] = int(_text(value))
                elif isinstance(event, h2.events.DataReceived):
                    bodies.setdefault(event.stream_id, bytearray()).extend(event.data or b"")
                    conn.acknowledge_received_data(event.flow_controlled_length, event.stream_id)
                elif isinstance(event, h2.events.StreamEnded):
                    index = streams.pop(event.stream_id)
                    status = statuses.pop(event.stream_id, 0)
                    body = bytes(bodies.pop(event.stream_id, b""))
                    answers[index] = H2Answer(status, body)
                elif isinstance(event, h2.events.StreamReset):
                    index = streams.pop(event.stream_id)
                    if event.error_code == h2.errors.ErrorCodes.REFUSED_STREAM:
                        waiting.appendleft(index)  # not processed: safe to send again
                elif isinstance(event, h2.events.ConnectionTerminated):
                    writer.write(conn.data_to_send())
                    raise ConnectionError("the server ended the connection (GOAWAY)")
            writer.write(conn.data_to_send())


def _text(value: str | bytes) -> str:
    return value.decode() if isinstance(value, bytes) else value
