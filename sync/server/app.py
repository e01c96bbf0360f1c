"""The HTTP API (protocol v1): pairing, push, the change feed, card lookup, health."""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Query, Request, status
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from fastapi.routing import APIRoute
from pydantic import BaseModel, ValidationError
from sqlalchemy import Engine, select
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError

from sync.protocol import (
    API_PREFIX,
    MAX_BODY_BYTES,
    MAX_PAGE_SIZE,
    PROTOCOL_VERSION,
    CardNumber,
    ChangesPage,
    CustomerSearch,
    CustomersFound,
    EarnFound,
    ErrorBody,
    Health,
    PairRequest,
    PairResponse,
    PushRequest,
    PushResponse,
    QrToken,
    Receipt,
    SequenceGap,
    SyncState,
    SyncStateRequest,
    WireCard,
)
from sync.server import office
from sync.server.auth import (
    AnyTerminal,
    Terminal,
    client_of,
    engine_of,
    limiter_of,
    refuse_if_limited,
)
from sync.server.cards import WIRE_COLUMNS, wire_card_from_row
from sync.server.changes import DEFAULT_PAGE, changes_page
from sync.server.customers import find_customers, masked
from sync.server.db import make_engine, read, snapshot, write
from sync.server.earns import earn_by_receipt
from sync.server.invalid import invalid_request
from sync.server.links import CHANGES_LINKS, PAIR_LINKS, PUSH_LINKS
from sync.server.logs import configure_logging
from sync.server.middleware import AccessLog, BodyLimit
from sync.server.models import CARDS
from sync.server.pairing import PairingError, redeem_pair_code
from sync.server.push import PushRejectedError, push
from sync.server.ratelimit import FailureLimiter
from sync.server.shared_failures import shared_failures
from sync.server.sync_state import sync_state
from sync.server.unavailable import UNAVAILABLE_RESPONSE, database_unavailable, pool_exhausted
from sync.server.wallet import page, passkit

FAILURES_ENV = "LOYALTY_SERVER_AUTH_FAILURES_PER_MINUTE"
INSTANCE_ENV = "LOYALTY_SERVER_INSTANCE"
POOL_SIZE_ENV = "LOYALTY_SERVER_POOL_SIZE"
POOL_TIMEOUT_ENV = "LOYALTY_SERVER_POOL_TIMEOUT_S"


@dataclass(frozen=True, slots=True)
class Settings:
    db_url: str | None = None
    auth_failures_per_minute: int = 10
    pool_size: int = 10
    pool_timeout_s: float = 30
    instance: str | None = None

    @staticmethod
    def from_env() -> Settings:
        return Settings(
            db_url=os.environ.get("LOYALTY_SERVER_DB"),
            auth_failures_per_minute=int(os.environ.get(FAILURES_ENV, "10")),
            pool_size=int(os.environ.get(POOL_SIZE_ENV, "10")),
            pool_timeout_s=float(os.environ.get(POOL_TIMEOUT_ENV, "30")),
            instance=os.environ.get(INSTANCE_ENV) or None,
        )


def _errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    """The error answers of a route that reads or writes the database (so may answer 503)."""
    errors: dict[int | str, dict[str, Any]] = {code: {"model": ErrorBody} for code in codes}
    return errors | {503: UNAVAILABLE_RESPONSE}


def utcnow() -> datetime:
    return datetime.now(UTC)


def _json(body: dict[str, Any], status_code: int = 200) -> Response:
    # Built from plain dicts (see cards.py): skipping response-model validation is what
    # keeps a page of thousands of cards cheap. The tests check bodies against the models.
    return Response(json.dumps(body), status_code=status_code, media_type="application/json")


_UNPARSED = object()


class _ModelBodyRequest(Request):
    """A request whose JSON body pydantic's own parser turns straight into the body model.

    FastAPI would `json.loads` the body and validate the resulting dicts and lists: for a
    push of hundreds of entries that is a good part of the request's work. A body the model
    refuses goes FastAPI's ordinary way, so its 422 (or a JSON syntax error's) is exactly
    FastAPI's, and comes in FastAPI's order (after the token check).
    """

    def __init__(self, request: Request, model: type[BaseModel]) -> None:
        super().__init__(request.scope, request.receive)
        self._model = model
        self._parsed: Any = _UNPARSED

    async def json(self) -> Any:
        if self._parsed is _UNPARSED:
            try:
                self._parsed = self._model.model_validate_json(await self.body())
            except ValidationError:
                self._parsed = await super().json()
        return self._parsed


class _ModelBodyRoute(APIRoute):
    """A route that hands FastAPI its body already parsed into the model (see above); a
    model instance passes FastAPI's validation as it is. The OpenAPI document is unchanged."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()
        model = self.body_field.field_info.annotation if self.body_field else None
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            return handler
        body_model: type[BaseModel] = model

        async def handle(request: Request) -> Response:
            return await handler(_ModelBodyRequest(request, body_model))

        return handle


def create_app(settings: Settings | None = None, engine: Engine | None = None) -> FastAPI:
    settings = settings or Settings.from_env()
    app = FastAPI(
        title="Loyalty central server",
        version=f"{PROTOCOL_VERSION}",
        description="Protocol v1 between loyalty terminals and the merchant's server. "
        "Every call but /v1/health and /v1/pair needs `Authorization: Bearer <token>`.",
    )
    app.state.engine = engine or make_engine(
        settings.db_url, pool_size=settings.pool_size, pool_timeout_s=settings.pool_timeout_s
    )
    limiter = FailureLimiter(max_failures=settings.auth_failures_per_minute)
    limiter.shared = shared_failures(app.state.engine, limiter.window_s)
    app.state.limiter = limiter
    app.state.instance = settings.instance
    app.add_middleware(BodyLimit, max_bytes=MAX_BODY_BYTES)
    app.add_middleware(AccessLog)
    app.router.route_class = _ModelBodyRoute
    app.add_exception_handler(RequestValidationError, invalid_request)
    app.add_exception_handler(DBAPIError, database_unavailable)
    app.add_exception_handler(PoolTimeoutError, pool_exhausted)
    _routes(app)
    app.include_router(passkit.router)
    app.include_router(page.router)
    office.install(app)
    return app


def app_from_env() -> FastAPI:
    """The factory uvicorn workers call (`serve` passes its settings in the environment)."""
    configure_logging()
    return create_app(Settings.from_env())


EngineDep = Annotated[Engine, Depends(engine_of)]


def _routes(app: FastAPI) -> None:
    @app.get(
        f"{API_PREFIX}/health",
        response_model=Health,
        response_model_exclude_none=True,
        tags=["health"],
    )
    def health(request: Request) -> Health:
        return Health(
            status="ok",
            protocol=PROTOCOL_VERSION,
            server_time=utcnow(),
            instance=request.app.state.instance,
        )

    @app.post(
        f"{API_PREFIX}/pair",
        response_model=PairResponse,
        responses={200: {"links": PAIR_LINKS}, **_errors(400, 401, 409, 413, 429)},
        tags=["pairing"],
    )
    def pair(body: PairRequest, request: Request, engine: EngineDep) -> PairResponse:
        """Exchange a one-time pairing code for this terminal's token (shown once)."""
        refuse_if_limited(request)
        now = utcnow()
        try:
            with write(engine) as conn:
                paired = redeem_pair_code(
                    conn, body.code, str(body.terminal_id), body.terminal_name, now
                )
        except PairingError as exc:
            limiter_of(request).fail(client_of(request))
            raise HTTPException(status.HTTP_401_UNAUTHORIZED, str(exc)) from None
        except IntegrityError:
            raise HTTPException(
                status.HTTP_409_CONFLICT, "This terminal is being paired right now; try again."
            ) from None
        request.state.terminal_id = str(body.terminal_id)
        return PairResponse(
            terminal_id=body.terminal_id,
            token=paired.token,
            merchant_id=paired.merchant_id,
            store_id=paired.store_id,
            server_time=now,
        )

    @app.post(
        f"{API_PREFIX}/push",
        response_model=PushResponse,
        responses={
            200: {"links": PUSH_LINKS},
            **_errors(400, 401, 403, 413, 429),
            409: {
                "model": SequenceGap | ErrorBody,
                "description": "A sequence gap (SequenceGap, with expected_seq), or a broken "
                "hash chain (ErrorBody): nothing of the batch was applied.",
            },
        },
        tags=["sync"],
    )
    def push_entries(body: PushRequest, terminal: Terminal, engine: EngineDep) -> Response:
        """Apply journal entries in sequence order, exactly once each."""
        if str(body.terminal_id) != terminal.terminal_id:
            raise HTTPException(
                status.HTTP_403_FORBIDDEN, "terminal_id is not the terminal this token belongs to."
            )
        try:
            body_json = push(engine, terminal, body, utcnow())
            return Response(body_json, media_type="application/json")
        except PushRejectedError as exc:
            return _json(exc.body, exc.status_code)

    @app.post(
        f"{API_PREFIX}/sync-state",
        response_model=SyncState,
        responses=_errors(400, 401, 403, 413, 429),
        tags=["sync"],
    )
    def terminal_sync_state(
        body: SyncStateRequest, terminal: Terminal, engine: EngineDep
    ) -> SyncState:
        """Where the server's copy of this terminal's journal ends, and the restore epoch
        (asked at the start of every sync, so a restore from backup heals at the next)."""
        if str(body.terminal_id) != terminal.terminal_id:
            raise HTTPException(
                status.HTTP_403_FORBIDDEN, "terminal_id is not the terminal this token belongs to."
            )
        return sync_state(engine, terminal, body, utcnow())

    @app.get(
        f"{API_PREFIX}/changes",
        response_model=ChangesPage,
        responses={200: {"links": CHANGES_LINKS}, **_errors(401, 429)},
        tags=["sync"],
    )
    def changes(
        terminal: AnyTerminal,
        engine: EngineDep,
        cursor: Annotated[int, Query(ge=0, le=2**62)] = 0,
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = DEFAULT_PAGE,
    ) -> Response:
        """Programs, cards, staff (and this terminal's revocation) changed after `cursor`."""
        with snapshot(engine) as conn:
            page = changes_page(conn, terminal, cursor, limit, utcnow())
        return Response(page, media_type="application/json")

    @app.get(
        f"{API_PREFIX}/cards/lookup",
        response_model=WireCard,
        responses=_errors(400, 401, 404, 429),
        tags=["cards"],
    )
    def lookup_card(
        terminal: Terminal,
        engine: EngineDep,
        token: Annotated[QrToken | None, Query()] = None,
        number: Annotated[CardNumber | None, Query()] = None,
    ) -> Response:
        """One card of this merchant by its QR token or its 12-digit number (or both: the
        card must then match both)."""
        if token is None and number is None:
            raise HTTPException(status.HTTP_400_BAD_REQUEST, "Give a token or a number.")
        query = select(*WIRE_COLUMNS).where(
            CARDS.c.merchant_id == terminal.merchant_id, CARDS.c.deleted_at.is_(None)
        )
        if token is not None:
            query = query.where(CARDS.c.qr_token == token)
        if number is not None:
            query = query.where(CARDS.c.card_number == number)
        with read(engine) as conn:
            row = conn.execute(query).first()
        if row is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, "No such card.")
        return _json(wire_card_from_row(row._mapping))

    @app.get(
        f"{API_PREFIX}/cards/{{card_id}}/earn",
        response_model=EarnFound,
        responses=_errors(401, 404, 429),
        tags=["cards"],
    )
    def earn_by_receipt_reference(
        card_id: uuid.UUID,
        terminal: Terminal,
        engine: EngineDep,
        receipt: Annotated[Receipt, Query()],
    ) -> EarnFound:
        """The card's latest earn typed with this receipt reference (at any terminal of
        this merchant), for a return to name it."""
        with read(engine) as conn:
            found = earn_by_receipt(conn, terminal.merchant_id, str(card_id), receipt)
        if found is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, "No purchase with that receipt.")
        return EarnFound(
            entry_id=uuid.UUID(found.entry_id),
            amount_minor=found.amount_minor,
            points=found.points,
            returned_minor=found.returned_minor,
        )

    _customer_routes(app)


def _customer_routes(app: FastAPI) -> None:
    @app.post(
        f"{API_PREFIX}/customers/search",
        response_model=CustomersFound,
        responses=_errors(400, 401, 413, 429),
        tags=["customers"],
    )
    def search_customers(
        body: CustomerSearch, terminal: Terminal, engine: EngineDep
    ) -> CustomersFound:
        """This merchant's customers by phone, e-mail or part of the name (the first given),
        masked for the cashier to confirm with the customer."""
        with read(engine) as conn:
            found = find_customers(
                conn, terminal.merchant_id, phone=body.phone, email=body.email, name=body.name
            )
            return CustomersFound.model_validate(
                {"customers": [masked(conn, row) for row in found]}
            )
