"""A stand-in for Apple's push service: cleartext HTTP/2 on loopback (h2), a real process.

With `--tls-cert`, TLS as APNs speaks it: ALPN h2 and a client certificate required
(checked against `--client-ca`); each record names the client's certificate UID.
Every request is appended to `--record` as one JSON line (path, topic, body, time) once
answered. `--script` maps a push token to the statuses to answer it with first, in order
(then 200): e.g. {"t1": [429, 500], "t2": [410]}.

    python -m tests.standins.apns --port 0 --record pushes.jsonl --ready port.txt
"""

from __future__ import annotations

import argparse
import asyncio
import json
import ssl
import sys
import time
import uuid
from collections import defaultdict
from pathlib import Path
from typing import Any

import h2.config
import h2.connection
import h2.events


class _Apns(asyncio.Protocol):
    def __init__(self, server: _Server) -> None:
        self.server = server
        self.conn = h2.connection.H2Connection(h2.config.H2Configuration(client_side=False))
        self.transport: asyncio.Transport | None = None
        self.headers: dict[int, dict[str, str]] = {}
        self.bodies: dict[int, bytearray] = defaultdict(bytearray)
        self.client: str | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        self.client = _client_identity(transport.get_extra_info("peercert"))
        self.conn.initiate_connection()
        transport.write(self.conn.data_to_send())

    def data_received(self, data: bytes) -> None:
        assert self.transport is not None
        try:
            events = self.conn.receive_data(data)
        except Exception:
            self.transport.close()
            return
        for event in events:
            if isinstance(event, h2.events.RequestReceived):
                self.headers[event.stream_id] = {_text(k): _text(v) for k, v in event.headers or []}
            elif isinstance(event, h2.events.DataReceived):
                self.bodies[event.stream_id] += event.data or b""
                self.conn.acknowledge_received_data(event.flow_controlled_length, event.stream_id)
            elif isinstance(event, h2.events.StreamEnded):
                self._answer(event.stream_id)
        self.transport.write(self.conn.data_to_send())

    def _answer(self, stream_id: int) -> None:
        headers = self.headers.pop(stream_id, {})
        body = bytes(self.bodies.pop(stream_id, b""))
        path = headers.get(":path", "")
        token = path.rsplit("/", 1)[-1]
        status = self.server.next_status(token)
        reply = b""
        if status != 200:
            reason = {410: "Unregistered", 429: "TooManyRequests", 500: "InternalServerError"}
            reply = json.dumps({"reason": reason.get(status, "BadRequest")}).encode()
        response = [(":status", str(status)), ("apns-id", str(uuid.uuid4()))]
        if reply:
            response.append(("content-type", "application/json"))
        self.conn.send_headers(stream_id, response, end_stream=not reply)
        if reply:
            self.conn.send_data(stream_id, reply, end_stream=True)
        self.server.record(
            {
                "method": headers.get(":method"),
                "path": path,
                "token": token,
                "topic": headers.get("apns-topic"),
                "body": body.decode(errors="replace"),
                "status": status,
                "client": self.client,
                "at": time.time(),
            }
        )


def _client_identity(peercert: Any) -> str | None:
    """The UID (a Pass Type ID certificate's pass type id) the TLS client proved it holds."""
    if not peercert:
        return None
    for rdn in peercert.get("subject", ()):
        for name, value in rdn:
            if name == "userId":
                return str(value)
    return "certificate without UID"


def _text(value: Any) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


class _Server:
    def __init__(self, record: Path, script: dict[str, list[int]]) -> None:
        self.out = record.open("a", buffering=1)
        self.script = {k: list(v) for k, v in script.items()}

    def next_status(self, token: str) -> int:
        planned = self.script.get(token)
        return planned.pop(0) if planned else 200

    def record(self, line: dict[str, Any]) -> None:
        self.out.write(json.dumps(line) + "\n")


async def _serve(args: argparse.Namespace) -> None:
    script = json.loads(args.script) if args.script else {}
    server = _Server(Path(args.record), script)
    loop = asyncio.get_running_loop()
    tls = None
    if args.tls_cert:
        # As APNs: TLS with ALPN h2, and a client certificate required.
        tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        tls.load_cert_chain(args.tls_cert, args.tls_key)
        tls.set_alpn_protocols(["h2"])
        tls.verify_mode = ssl.CERT_REQUIRED
        for ca in args.client_ca:
            tls.load_verify_locations(ca)
    listener = await loop.create_server(lambda: _Apns(server), "127.0.0.1", args.port, ssl=tls)
    port = listener.sockets[0].getsockname()[1]
    Path(args.ready).write_text(str(port))
    async with listener:
        await listener.serve_forever()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--record", required=True)
    parser.add_argument("--ready", required=True, help="File the bound port is written to.")
    parser.add_argument("--script", default="")
    parser.add_argument("--tls-cert", help="Serve TLS with this certificate (and --tls-key).")
    parser.add_argument("--tls-key")
    parser.add_argument("--client-ca", action="append", default=[], help="Trusted for clients.")
    asyncio.run(_serve(parser.parse_args(argv)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
