"""The 503 answer while no primary database is reachable (a failover, a restart), or
while every connection of the pool is busy for longer than the pool waits (overload).

During a failover the old primary is gone and the secondary is not yet promoted: a new
connection finds no read-write host, a pooled one dies mid-request, or a node that just
turned standby refuses writes. None of that is the request's fault, and none of it lasts:
the answer is 503 with Retry-After, which a terminal takes as "try later" (it keeps working
offline and sends the same entries again; a push is applied once however often it comes).

The server does not retry a write whose connection died: it may or may not have
committed, and only the client knows the request is safe to send again (a push is; the
entries' ids make it so).
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError, OperationalError

from sync.protocol import ErrorBody

log = logging.getLogger(__name__)

# About how long pg_auto_failover takes to promote the secondary (see docs/failover.md).
RETRY_AFTER_S = 5
DETAIL = "The database is not reachable right now (failing over?): try again shortly."
BUSY_DETAIL = "The server is busy (every database connection is in use): try again shortly."
BUSY_RETRY_AFTER_S = 2
# A standby refusing a write: the connection went to a node that is no longer the primary.
_READ_ONLY = "25006"

UNAVAILABLE_RESPONSE: dict[str, Any] = {
    "description": "No primary database is reachable right now, or every database "
    "connection is busy: send the same request again after Retry-After seconds.",
    "model": ErrorBody,
    "headers": {
        "Retry-After": {
            "description": "Seconds to wait before trying again.",
            "schema": {"type": "integer", "example": RETRY_AFTER_S},
        }
    },
}
"""How the published API documents the answer (docs/openapi.json)."""


def is_unavailable(exc: BaseException) -> bool:
    """True for errors that mean "no primary here right now", not "this request is wrong"."""
    if not isinstance(exc, DBAPIError):
        return False
    if isinstance(exc, OperationalError) or exc.connection_invalidated:
        return True
    return getattr(exc.orig, "sqlstate", None) == _READ_ONLY


async def database_unavailable(request: Request, exc: Exception) -> JSONResponse:
    if not is_unavailable(exc):
        raise exc
    log.warning("database unavailable (%s): answered 503", type(exc.__cause__ or exc).__name__)
    if getattr(getattr(exc, "orig", None), "sqlstate", None) == _READ_ONLY:
        # The pool's connections lead to a standby, and a ping would not tell: new ones.
        request.app.state.engine.dispose()
    return _try_later(DETAIL, RETRY_AFTER_S)


async def pool_exhausted(request: Request, exc: Exception) -> JSONResponse:
    """Every pooled connection stayed busy past the pool's timeout: overload, not a fault
    of the request. A push is safe to send again (its entries' ids make it so)."""
    log.warning("every database connection busy past the pool's timeout: answered 503")
    return _try_later(BUSY_DETAIL, BUSY_RETRY_AFTER_S)


def _try_later(detail: str, retry_after_s: int) -> JSONResponse:
    return JSONResponse(
        status_code=503, content={"detail": detail}, headers={"Retry-After": str(retry_after_s)}
    )
