"""A stand-in for Google's OAuth token endpoint and Wallet REST API: a real process on
loopback that checks what a service account must send, and records it.

POST /token: a JWT-bearer grant whose assertion must verify (RS256) with `--public-key`;
answers an access token. PATCH /walletobjects/v1/loyaltyObject/<id>: needs that token;
answers 200 (404 for ids in `--missing`). Each request is one JSON line in `--record`.
"""

from __future__ import annotations

import argparse
import base64
import json
import secrets
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

OBJECTS = "/walletobjects/v1/loyaltyObject/"


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def verify_jwt(token: str, key: rsa.RSAPublicKey) -> dict[str, Any] | None:
    try:
        head, body, signature = token.split(".")
        key.verify(
            _unb64(signature), f"{head}.{body}".encode(), padding.PKCS1v15(), hashes.SHA256()
        )
        header = json.loads(_unb64(head))
        if header.get("alg") != "RS256":
            return None
        claims: dict[str, Any] = json.loads(_unb64(body))
        return claims
    except (ValueError, InvalidSignature):
        return None


class _State:
    def __init__(self, record: Path, key: rsa.RSAPublicKey, missing: set[str]) -> None:
        self.out = record.open("a", buffering=1)
        self.key = key
        self.missing = missing
        self.tokens: set[str] = set()

    def record(self, line: dict[str, Any]) -> None:
        self.out.write(json.dumps({**line, "at": time.time()}) + "\n")


def _handler(state: _State) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

        def _body(self) -> bytes:
            return self.rfile.read(int(self.headers.get("Content-Length") or 0))

        def _answer(self, status: int, body: dict[str, Any]) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_POST(self) -> None:
            form = parse_qs(self._body().decode())
            grant = form.get("grant_type", [""])[0]
            claims = verify_jwt(form.get("assertion", [""])[0], state.key)
            ok = self.path == "/token" and grant.endswith("jwt-bearer") and claims is not None
            state.record({"kind": "token", "ok": ok, "claims": claims})
            if not ok:
                self._answer(400, {"error": "invalid_grant"})
                return
            token = secrets.token_urlsafe(16)
            state.tokens.add(token)
            self._answer(200, {"access_token": token, "expires_in": 3600, "token_type": "Bearer"})

        def do_PATCH(self) -> None:
            body = self._body()
            bearer = self.headers.get("Authorization", "").removeprefix("Bearer ")
            object_id = self.path.removeprefix(OBJECTS)
            if not self.path.startswith(OBJECTS) or bearer not in state.tokens:
                status = 401
            else:
                status = 404 if object_id in state.missing else 200
            state.record(
                {
                    "kind": "patch",
                    "object_id": object_id,
                    "status": status,
                    "body": json.loads(body or b"{}"),
                }
            )
            self._answer(status, {"id": object_id} if status == 200 else {"error": status})

    return Handler


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--record", required=True)
    parser.add_argument("--ready", required=True)
    parser.add_argument("--public-key", required=True)
    parser.add_argument("--missing", default="", help="Comma-separated object ids: 404.")
    args = parser.parse_args(argv)
    key = serialization.load_pem_public_key(Path(args.public_key).read_bytes())
    assert isinstance(key, rsa.RSAPublicKey)
    state = _State(Path(args.record), key, {m for m in args.missing.split(",") if m})
    server = ThreadingHTTPServer(("127.0.0.1", args.port), _handler(state))
    Path(args.ready).write_text(str(server.server_address[1]))
    server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
