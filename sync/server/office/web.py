"""Rendering the back office's pages: the Jinja2 templates (package resources), the
headers every page carries, and the pages that refuse (403, 404, 429)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape

from sync.server.office.sessions import Officer

_env = Environment(
    loader=PackageLoader("sync.server.office", "templates"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)

# No script at all, no frame, forms only to ourselves; inline SVG is markup, not script.
PAGE_HEADERS = {
    "Cache-Control": "no-store",
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


def render(
    request: Request,
    template: str,
    officer: Officer | None = None,
    status_code: int = 200,
    **context: Any,
) -> HTMLResponse:
    body = _env.get_template(template).render(officer=officer, path=request.url.path, **context)
    return HTMLResponse(body, status_code=status_code, headers=PAGE_HEADERS)


def refusal(
    request: Request,
    status_code: int,
    title: str,
    message: str,
    officer: Officer | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    response = render(request, "refused.html", officer, status_code, title=title, message=message)
    response.headers.update(headers or {})
    return response


def secure_cookies(request: Request) -> bool:
    """Secure cookies when the browser reached us over https (directly, or through a proxy
    `serve --forwarded-allow-ips` trusts)."""
    return request.url.scheme == "https"
