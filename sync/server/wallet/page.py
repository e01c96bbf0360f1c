"""The page a customer's phone opens from the card's QR: `GET /c/{token}`.

It shows the card (number, stamps or points) with "Add to Apple Wallet" and "Save to
Google Wallet" buttons for the wallets this server is set up for. A token we do not know
and the token of a card whose terminal has not synced yet get the same "on its way" page:
a guessed token learns nothing, and each such view counts against the address (its own
limit, looser than the terminals' one: a customer may reload while waiting).
"""

from __future__ import annotations

import html
import logging
from typing import Annotated

from fastapi import APIRouter, Header, Path, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from pos_app.domain.identifiers import is_qr_token
from sync.server.auth import client_of, engine_of
from sync.server.db import read, write
from sync.server.models import WALLET_BRANDS
from sync.server.ratelimit import FailureLimiter
from sync.server.wallet import google
from sync.server.wallet.face import Brand, CardFace, faces_by_token
from sync.server.wallet.images import is_png, parse_rgb, solid_png
from sync.server.wallet.issue import (
    ensure_apple_identity,
    ensure_google_identity,
    record_google_jwt,
)
from sync.server.wallet.page_text import TEXT, language
from sync.server.wallet.pkpass import MEDIA_TYPE, build_pkpass
from sync.server.wallet.runtime import apple_credentials, current_settings, google_credentials
from sync.server.wallet.settings import WalletConfigError, WalletSettings

log = logging.getLogger(__name__)
router = APIRouter(include_in_schema=False)
# Unknown-token views an address may make in a minute before it waits.
PAGE_MISSES_PER_MINUTE = 30
_NO_STORE = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}


def page_limiter(request: Request) -> FailureLimiter:
    limiter: FailureLimiter | None = getattr(request.app.state, "page_limiter", None)
    if limiter is None:
        limiter = request.app.state.page_limiter = FailureLimiter(PAGE_MISSES_PER_MINUTE)
    return limiter


def _card(request: Request, token: str) -> CardFace | None:
    """The card of this token, if exactly one live card has it."""
    if not is_qr_token(token):
        return None
    with read(engine_of(request)) as conn:
        faces = faces_by_token(conn, token)
    if len(faces) > 1:
        # Tokens are unique within a merchant: two merchants' cards share this one.
        log.warning("card page: a QR token names cards of %d merchants", len(faces))
        return None
    return faces[0] if faces else None


def _lookup(request: Request, token: str) -> CardFace | Response:
    limiter, client = page_limiter(request), client_of(request)
    words = TEXT[language(request.headers.get("accept-language"))]
    if limiter.blocked(client):
        body = _document(words, f'<p class="note">{words["too_many"]}</p>', Brand())
        headers = {**_NO_STORE, "Retry-After": str(limiter.retry_after_s(client))}
        return HTMLResponse(body, status.HTTP_429_TOO_MANY_REQUESTS, headers=headers)
    face = _card(request, token)
    if face is None:
        limiter.fail(client)
        return HTMLResponse(_on_its_way(words), headers=_NO_STORE)
    return face


TokenPath = Annotated[str, Path(max_length=200)]


@router.get("/c/{token}", response_class=HTMLResponse)
def card_page(
    token: TokenPath,
    request: Request,
    accept_language: Annotated[str | None, Header()] = None,
) -> Response:
    found = _lookup(request, token)
    if isinstance(found, Response):
        return found
    settings = current_settings(engine_of(request))
    words = TEXT[language(accept_language)]
    return HTMLResponse(_card_html(found, settings, words), headers=_NO_STORE)


@router.get("/c/{token}/pass.pkpass")
def apple_pass(token: TokenPath, request: Request) -> Response:
    found = _lookup(request, token)
    if isinstance(found, Response):
        return found
    settings = current_settings(engine_of(request))
    if settings is None or not settings.apple:
        return Response(status_code=status.HTTP_404_NOT_FOUND)
    try:
        creds = apple_credentials(settings)
    except (WalletConfigError, OSError) as exc:
        return _unavailable(request, exc)
    with write(engine_of(request)) as conn:
        face = ensure_apple_identity(conn, found)
    data = build_pkpass(face, settings, creds)
    headers = {**_NO_STORE, "Content-Disposition": 'attachment; filename="card.pkpass"'}
    return Response(data, media_type=MEDIA_TYPE, headers=headers)


@router.get("/c/{token}/google")
def google_save(token: TokenPath, request: Request) -> Response:
    found = _lookup(request, token)
    if isinstance(found, Response):
        return found
    settings = current_settings(engine_of(request))
    if settings is None or not settings.google:
        return Response(status_code=status.HTTP_404_NOT_FOUND)
    try:
        creds = google_credentials(settings)
    except (WalletConfigError, OSError) as exc:
        return _unavailable(request, exc)
    with write(engine_of(request)) as conn:
        face = ensure_google_identity(conn, found, str(settings.google_issuer_id))
        jwt = google.save_jwt(face, settings, creds)
        record_google_jwt(conn, face, jwt)
    return RedirectResponse(google.SAVE_URL + jwt, status.HTTP_303_SEE_OTHER, headers=_NO_STORE)


@router.get("/wallet/logo/{merchant_id}.png")
def logo(merchant_id: Annotated[str, Path(max_length=64)], request: Request) -> Response:
    """The merchant's logo for Google's class (a plain square in its colour if none)."""
    with read(engine_of(request)) as conn:
        row = conn.execute(
            WALLET_BRANDS.select().where(WALLET_BRANDS.c.merchant_id == merchant_id)
        ).first()
    if row is not None and row.logo_png is not None and is_png(row.logo_png):
        data = row.logo_png
    else:
        colour = row.background if row is not None else Brand().background
        data = solid_png(660, 660, parse_rgb(colour))
    return Response(data, media_type="image/png", headers={"Cache-Control": "max-age=3600"})


def _unavailable(request: Request, exc: Exception) -> Response:
    # The operator's problem (a key file moved, say): logged for them, not shown to customers.
    log.error("wallet credentials unusable: %s (run loyalty-server wallet check)", exc)
    words = TEXT[language(request.headers.get("accept-language"))]
    body = _document(words, f'<p class="note">{words["unavailable"]}</p>', Brand())
    return HTMLResponse(body, status.HTTP_503_SERVICE_UNAVAILABLE, headers=_NO_STORE)


def _on_its_way(words: dict[str, str]) -> str:
    inner = f'<h1>{words["on_its_way_title"]}</h1><p class="note">{words["on_its_way"]}</p>'
    return _document(words, inner, Brand(), title=words["on_its_way_title"])


def _card_html(face: CardFace, settings: WalletSettings | None, words: dict[str, str]) -> str:
    e = html.escape
    rows: list[str] = []
    if face.stamps is not None:
        toward, target = face.stamps_toward or 0, face.stamps_target or 0
        dots = "".join(
            f'<span class="dot{" on" if i < toward else ""}"></span>' for i in range(target)
        )
        rows.append(
            f'<div class="label">{words["stamps"]}</div>'
            f'<div class="big" data-test="stamps">'
            f"{e(words['of'].format(toward=toward, target=target))}</div>"
            f'<div class="dots" aria-hidden="true">{dots}</div>'
            f'<div class="small">{words["toward"]} {e(face.reward or "")}</div>'
        )
        if face.rewards_ready:
            rows.append(
                f'<div class="small ready">{face.rewards_ready} × {e(face.reward or "")} '
                f"{words['ready']}</div>"
            )
    if face.points is not None:
        rows.append(
            f'<div class="label">{words["points"]}</div>'
            f'<div class="big" data-test="points">{face.points}</div>'
        )
    rows.append(
        f'<div class="label">{words["number"]}</div>'
        f'<div class="number" data-test="number">{e(face.number_text)}</div>'
    )
    card = (
        f'<section class="card"><div class="merchant">{e(face.merchant_name)}</div>'
        f'<div class="program">{e(face.program_name)}</div>{"".join(rows)}</section>'
    )
    buttons: list[str] = []
    if face.voided:
        buttons.append(f'<p class="note">{words["void"]}</p>')
    else:
        if settings is not None and settings.apple:
            buttons.append(_apple_button(face.qr_token, words))
        if settings is not None and settings.google:
            buttons.append(_google_button(face.qr_token, words["save_google"]))
        buttons.append(f'<p class="note">{words["no_wallet"]}</p>')
    return _document(
        words, card + '<div class="buttons">' + "".join(buttons) + "</div>", face.brand
    )


def _apple_button(token: str, words: dict[str, str]) -> str:
    label = words["add_apple"]
    # Apple's badge: black, rounded, the Wallet mark then "Add to / Apple Wallet".
    return (
        f'<a class="wallet apple" data-test="apple" href="/c/{html.escape(token)}/pass.pkpass" '
        f'aria-label="{label}"><svg viewBox="0 0 32 24" width="32" height="24" aria-hidden="true">'
        '<rect x="1" y="1" width="30" height="22" rx="4" fill="#fff"/>'
        '<rect x="1" y="4" width="30" height="5" fill="#34aadc"/>'
        '<rect x="1" y="8" width="30" height="5" fill="#5ac85a"/>'
        '<rect x="1" y="12" width="30" height="5" fill="#fdbb2f"/>'
        '<rect x="1" y="16" width="30" height="7" rx="3" fill="#fc3d39"/></svg>'
        f"<span><small>{words['apple_small']}</small><b>{words['apple_big']}</b></span></a>"
    )


def _google_button(token: str, label: str) -> str:
    # Google's button: black pill, the Wallet mark, "Save to Google Wallet".
    return (
        f'<a class="wallet google" data-test="google" href="/c/{html.escape(token)}/google" '
        f'aria-label="{label}"><svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true">'
        '<rect x="2" y="4" width="20" height="16" rx="3" fill="#4285f4"/>'
        '<rect x="2" y="8" width="20" height="4" fill="#34a853"/>'
        '<rect x="2" y="12" width="20" height="4" fill="#fbbc04"/>'
        '<rect x="2" y="15" width="20" height="5" rx="2" fill="#ea4335"/></svg>'
        f"<span>{label}</span></a>"
    )


_CSS = """
*{box-sizing:border-box}body{margin:0;font-family:-apple-system,Roboto,"DejaVu Sans",sans-serif;
background:#f2f2f5;color:#111}main{max-width:420px;margin:0 auto;padding:20px 16px 32px}
h1{font-size:22px}.card{border-radius:16px;padding:20px;background:var(--bg);color:var(--fg);
box-shadow:0 6px 18px rgba(0,0,0,.18)}.merchant{font-size:22px;font-weight:700}
.program{opacity:.85;margin-bottom:14px}.label{font-size:12px;letter-spacing:.08em;
text-transform:uppercase;color:var(--lb);margin-top:12px}.big{font-size:34px;font-weight:700}
.small{font-size:14px}.ready{font-weight:700;margin-top:6px}.number{font-size:20px;
font-family:"DejaVu Sans Mono",monospace;letter-spacing:.06em}.dots{display:flex;gap:6px;
flex-wrap:wrap;margin:8px 0}.dot{width:22px;height:22px;border-radius:50%;
border:2px solid var(--fg);opacity:.6}.dot.on{background:var(--fg);opacity:1}
.buttons{display:flex;flex-direction:column;align-items:center;gap:12px;margin-top:24px}
.wallet{display:flex;align-items:center;justify-content:center;gap:10px;min-width:240px;
height:52px;padding:0 18px;background:#000;color:#fff;text-decoration:none;
border:1px solid #a6a6a6}.wallet.apple{border-radius:10px}.wallet.apple span{display:flex;
flex-direction:column;line-height:1.05;text-align:left}.wallet.apple small{font-size:11px}
.wallet.apple b{font-size:19px;font-weight:600}.wallet.google{border-radius:26px;
font-size:16px;font-weight:500}.note{color:#555;font-size:14px;text-align:center}
"""


def _document(words: dict[str, str], inner: str, brand: Brand, title: str | None = None) -> str:
    colours = f"--bg:{brand.background};--fg:{brand.foreground};--lb:{brand.label}"
    title = title or words["title"]
    return (
        f'<!doctype html><html lang="{words["lang"]}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)}</title><style>:root{{{colours}}}{_CSS}</style></head>"
        f"<body><main>{inner}</main></body></html>"
    )
