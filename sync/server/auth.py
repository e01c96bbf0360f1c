"""Terminal tokens and the bearer-token dependency every call but pairing and health uses."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Engine, select

from sync.server.db import read
from sync.server.models import TERMINALS
from sync.server.ratelimit import FailureLimiter

TOKEN_BYTES = 32


@dataclass(frozen=True, slots=True)
class TerminalAuth:
    """Who is calling: a paired terminal, its merchant and its store."""

    terminal_id: str
    merchant_id: str
    store_id: str
    revoked: bool


def secret_hash(secret: str) -> str:
    """Tokens and pairing codes are stored as SHA-256: they are random, not passwords."""
    return hashlib.sha256(secret.encode()).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def engine_of(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    return engine


def limiter_of(request: Request) -> FailureLimiter:
    limiter: FailureLimiter = request.app.state.limiter
    return limiter


def client_of(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def refuse_if_limited(request: Request) -> None:
    limiter, client = limiter_of(request), client_of(request)
    if limiter.blocked(client):
        raise HTTPException(
            status.HTTP_429_TOO_MANY_REQUESTS,
            "Too many failed attempts from this address; wait and try again.",
            headers={"Retry-After": str(limiter.retry_after_s(client))},
        )


def _unauthorized(request: Request, detail: str) -> HTTPException:
    limiter_of(request).fail(client_of(request))
    return HTTPException(
        status.HTTP_401_UNAUTHORIZED, detail, headers={"WWW-Authenticate": "Bearer"}
    )


_bearer = HTTPBearer(auto_error=False, description="The token /v1/pair returned.")


def terminal_or_revoked(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> TerminalAuth:
    """The calling terminal, revoked or not (the change feed tells a revoked one so)."""
    refuse_if_limited(request)
    if credentials is None or not credentials.credentials.strip():
        raise _unauthorized(request, "Missing bearer token: pair the terminal first.")
    row = _find_token(engine_of(request), credentials.credentials.strip())
    if row is None:
        raise _unauthorized(request, "Unknown token: pair the terminal again.")
    request.state.terminal_id = row.terminal_id
    return row


def _find_token(engine: Engine, token: str) -> TerminalAuth | None:
    query = select(
        TERMINALS.c.id, TERMINALS.c.merchant_id, TERMINALS.c.store_id, TERMINALS.c.revoked_at
    ).where(TERMINALS.c.token_hash == secret_hash(token))
    with read(engine) as conn:
        row = conn.execute(query).first()
    if row is None:
        return None
    return TerminalAuth(row.id, row.merchant_id, row.store_id, row.revoked_at is not None)


def active_terminal(
    request: Request, auth: Annotated[TerminalAuth, Depends(terminal_or_revoked)]
) -> TerminalAuth:
    if auth.revoked:
        raise _unauthorized(
            request, "This terminal was revoked: ask the merchant to pair it again."
        )
    return auth


Terminal = Annotated[TerminalAuth, Depends(active_terminal)]
AnyTerminal = Annotated[TerminalAuth, Depends(terminal_or_revoked)]
