"""Apple's PassKit web service (`webServiceURL` = `<server>/passkit`), as Apple specifies it.

Calls about one pass carry `Authorization: ApplePass <token>`, the pass's authentication
token, compared in constant time; a wrong one counts against the caller's address like a
wrong terminal token (the server's failed-try limit). Apple's devices send no token when
they list their updated passes or send logs: those two calls name only the device's own
random library identifier, and answer only with the serial numbers that device registered.
"""

from __future__ import annotations

import hmac
import logging
import re
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from typing import Annotated

from fastapi import APIRouter, Header, HTTPException, Query, Request, status
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field
from sqlalchemy import Engine, delete, func, insert, select, update

from sync.server.auth import client_of, engine_of, limiter_of, refuse_if_limited
from sync.server.db import read, write
from sync.server.models import CARDS, PROGRAMS, WALLET_BRANDS, WALLET_DEVICES
from sync.server.wallet.face import CardFace, face_by_serial
from sync.server.wallet.pkpass import MEDIA_TYPE, build_pkpass
from sync.server.wallet.runtime import apple_credentials, current_settings
from sync.server.wallet.settings import WalletConfigError, WalletSettings
from sync.server.wallet.update_tag import MAX_TAG, make_tag, parse_tag

log = logging.getLogger(__name__)
router = APIRouter(prefix="/passkit/v1", include_in_schema=False)

_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")


class Registration(BaseModel):
    pushToken: str = Field(min_length=1, max_length=200, pattern=r"^[A-Za-z0-9]+$")  # noqa: N815 - Apple's name


class DeviceLogs(BaseModel):
    logs: list[str] = Field(default_factory=list, max_length=100)


def _settings(engine: Engine, pass_type_id: str) -> WalletSettings:
    settings = current_settings(engine)
    if settings is None or not settings.apple or settings.pass_type_id != pass_type_id:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "No such pass type.")
    return settings


def _authorised_card(
    request: Request, serial: str, authorization: str | None, engine: Engine
) -> CardFace:
    """The card whose pass `serial` is, if the caller holds its authentication token."""
    refuse_if_limited(request)
    given = ""
    if authorization and authorization.startswith("ApplePass "):
        given = authorization.removeprefix("ApplePass ").strip()
    with read(engine) as conn:
        face = face_by_serial(conn, serial) if len(serial) <= 200 else None
    expected = face.apple_auth_token if face is not None else None
    # Compared in constant time, and against something even when the serial is unknown.
    ok = hmac.compare_digest(given.encode(), (expected or "\x00" * 32).encode())
    if face is None or expected is None or not given or not ok:
        limiter_of(request).fail(client_of(request))
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED, "Not authorised for this pass.",
            headers={"WWW-Authenticate": "ApplePass"},
        )  # fmt: skip
    return face


def _last_modified(face: CardFace) -> datetime:
    """Whole seconds (what an HTTP date holds), rounded up so a change is never older."""
    at = face.updated_at.astimezone(UTC)
    whole = at.replace(microsecond=0)
    return whole if whole == at else whole + timedelta(seconds=1)


@router.post("/devices/{device_id}/registrations/{pass_type_id}/{serial}")
def register(
    device_id: str,
    pass_type_id: str,
    serial: str,
    body: Registration,
    request: Request,
    authorization: Annotated[str | None, Header()] = None,
) -> Response:
    engine = engine_of(request)
    _settings(engine, pass_type_id)
    face = _authorised_card(request, serial, authorization, engine)
    _check_id(device_id)
    key = (
        (WALLET_DEVICES.c.device_id == device_id)
        & (WALLET_DEVICES.c.pass_type_id == pass_type_id)
        & (WALLET_DEVICES.c.serial_number == serial)
    )
    with write(engine) as conn:
        found = conn.execute(select(WALLET_DEVICES.c.push_token).where(key)).first()
        if found is not None:
            conn.execute(update(WALLET_DEVICES).where(key).values(push_token=body.pushToken))
            return Response(status_code=status.HTTP_200_OK)
        conn.execute(
            insert(WALLET_DEVICES).values(
                device_id=device_id,
                pass_type_id=pass_type_id,
                serial_number=serial,
                card_id=face.card_id,
                merchant_id=face.merchant_id,
                push_token=body.pushToken,
                registered_at=datetime.now(UTC),
            )
        )
    return Response(status_code=status.HTTP_201_CREATED)


@router.delete("/devices/{device_id}/registrations/{pass_type_id}/{serial}")
def unregister(
    device_id: str,
    pass_type_id: str,
    serial: str,
    request: Request,
    authorization: Annotated[str | None, Header()] = None,
) -> Response:
    engine = engine_of(request)
    _settings(engine, pass_type_id)
    _authorised_card(request, serial, authorization, engine)
    with write(engine) as conn:
        conn.execute(
            delete(WALLET_DEVICES).where(
                WALLET_DEVICES.c.device_id == device_id,
                WALLET_DEVICES.c.pass_type_id == pass_type_id,
                WALLET_DEVICES.c.serial_number == serial,
            )
        )
    return Response(status_code=status.HTTP_200_OK)


@router.get("/devices/{device_id}/registrations/{pass_type_id}")
def updated_serials(
    device_id: str,
    pass_type_id: str,
    request: Request,
    passesUpdatedSince: Annotated[str | None, Query(max_length=MAX_TAG)] = None,  # noqa: N803 - Apple's name
) -> Response:
    """The device's passes changed since the tag it was last given (`update_tag`)."""
    engine = engine_of(request)
    _settings(engine, pass_type_id)
    since = parse_tag(passesUpdatedSince)
    # A pass changes with its card, its program and its merchant's look: each has a
    # change version from its merchant's counter, so a pass stands at the highest of the
    # three. A device holds few passes: all of them are read, compared per merchant.
    brand_version = func.coalesce(WALLET_BRANDS.c.version, 0)
    query = (
        select(
            WALLET_DEVICES.c.serial_number,
            WALLET_DEVICES.c.merchant_id,
            CARDS.c.version,
            PROGRAMS.c.version.label("program_version"),
            brand_version.label("brand_version"),
        )
        .join(
            CARDS,
            (CARDS.c.merchant_id == WALLET_DEVICES.c.merchant_id)
            & (CARDS.c.id == WALLET_DEVICES.c.card_id),
        )
        .join(
            PROGRAMS,
            (PROGRAMS.c.merchant_id == CARDS.c.merchant_id) & (PROGRAMS.c.id == CARDS.c.program_id),
        )
        .outerjoin(WALLET_BRANDS, WALLET_BRANDS.c.merchant_id == CARDS.c.merchant_id)
        .where(
            WALLET_DEVICES.c.device_id == device_id,
            WALLET_DEVICES.c.pass_type_id == pass_type_id,
        )
    )
    with read(engine) as conn:
        rows = conn.execute(query).all()
    stands: dict[str, int] = {}
    serials = []
    for r in rows:
        version = max(r.version, r.program_version, r.brand_version)
        merchant = r.merchant_id
        stands[merchant] = max(stands.get(merchant, since.of(merchant)), version)
        if version > since.of(merchant):
            serials.append(r.serial_number)
    if not serials:
        return Response(status_code=status.HTTP_204_NO_CONTENT)
    return JSONResponse({"serialNumbers": sorted(serials), "lastUpdated": make_tag(stands)})


@router.get("/passes/{pass_type_id}/{serial}")
def latest_pass(
    pass_type_id: str,
    serial: str,
    request: Request,
    authorization: Annotated[str | None, Header()] = None,
    if_modified_since: Annotated[str | None, Header()] = None,
) -> Response:
    engine = engine_of(request)
    settings = _settings(engine, pass_type_id)
    face = _authorised_card(request, serial, authorization, engine)
    modified = _last_modified(face)
    headers: dict[str, str] = {}
    # An HTTP date has whole seconds: a time not yet past is not handed out, or a change
    # later in the same second would look unchanged to a device that sends it back.
    if modified <= datetime.now(UTC):
        headers["Last-Modified"] = format_datetime(modified, usegmt=True)
    if if_modified_since:
        try:
            since = parsedate_to_datetime(if_modified_since)
        except (TypeError, ValueError):
            since = None
        if since is not None and since.tzinfo is not None and modified <= since:
            return Response(status_code=status.HTTP_304_NOT_MODIFIED, headers=headers)
    try:
        creds = apple_credentials(settings)
    except (WalletConfigError, OSError) as exc:
        log.error("wallet credentials unusable: %s (run loyalty-server wallet check)", exc)
        raise HTTPException(
            status.HTTP_503_SERVICE_UNAVAILABLE, "Passes cannot be signed right now."
        ) from None
    data = build_pkpass(face, settings, creds)
    return Response(data, media_type=MEDIA_TYPE, headers=headers)


@router.post("/log")
def device_log(body: DeviceLogs) -> Response:
    for line in body.logs:
        log.warning("wallet device log: %s", line[:500])
    return Response(status_code=status.HTTP_200_OK)


def _check_id(device_id: str) -> None:
    if not _ID.fullmatch(device_id):
        raise HTTPException(status.HTTP_400_BAD_REQUEST, "Malformed device identifier.")
