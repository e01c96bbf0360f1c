"""The 422 answer for a request that fails validation, whatever the input held.

FastAPI's own answer echoes each offending input back; a JSON body may hold what JSON
output cannot (a NaN, which Python's parser accepts, or a lone surrogate in a string), and
echoing that failed with a 500. Here such values are echoed as text instead.
"""

from __future__ import annotations

import math
from typing import Any

from fastapi import Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse


def _echoable(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, str):
        return value.encode("utf-8", "backslashreplace").decode("utf-8")
    if isinstance(value, dict):
        return {_echoable(k): _echoable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_echoable(v) for v in value]
    return value


async def invalid_request(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = _echoable(jsonable_encoder(exc.errors()))
    return JSONResponse(status_code=422, content={"detail": errors})
