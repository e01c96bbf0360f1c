"""`loyalty-server wallet configure|check|brand` and `loyalty-server wallet-pass`."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import click
from sqlalchemy import Engine, delete, insert, select

from pos_app.domain.identifiers import normalize_card_number
from sync.server.db import next_version, read, write
from sync.server.models import MERCHANTS, WALLET_BRANDS
from sync.server.wallet.check import check_settings
from sync.server.wallet.face import CardFace, faces_by_number, faces_by_token
from sync.server.wallet.images import css_rgb, is_png
from sync.server.wallet.issue import ensure_apple_identity
from sync.server.wallet.outbox import record_merchant_changed
from sync.server.wallet.pkpass import build_pkpass
from sync.server.wallet.settings import (
    APNS_URL,
    GOOGLE_API_URL,
    GOOGLE_TOKEN_URL,
    NOT_CONFIGURED,
    WalletConfigError,
    WalletSettings,
    load_apple,
    load_settings,
    save_settings,
)

_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)


def _abs(path: Path | None) -> str | None:
    return None if path is None else str(path.resolve())


def _url(value: str | None, what: str) -> str | None:
    if value is None:
        return None
    value = value.strip().rstrip("/")
    if not (value.startswith("https://") or value.startswith("http://")):
        raise click.BadParameter(f"{value!r}: {what} must start with https://")
    return value


def configure(
    engine: Engine,
    *,
    public_url: str | None,
    apple_cert: Path | None,
    apple_key: Path | None,
    apple_wwdr: Path | None,
    pass_type_id: str | None,
    team_id: str | None,
    google_issuer_id: str | None,
    google_key: Path | None,
    apns_url: str | None,
    google_token_url: str | None,
    google_api_url: str | None,
) -> list[str]:
    """Merge the options given into the stored set-up; saved only if `check` passes."""
    with read(engine) as conn:
        old = load_settings(conn)
    public = _url(public_url, "--public-url") or (old.public_url if old else None)
    if public is None:
        raise click.UsageError("give --public-url (the address customers' phones reach)")

    def pick(new: str | None, current: str | None) -> str | None:
        return new if new is not None else current

    new = WalletSettings(
        public_url=public,
        pass_type_id=pick(pass_type_id, old.pass_type_id if old else None),
        team_id=pick(team_id, old.team_id if old else None),
        apple_cert_path=pick(_abs(apple_cert), old.apple_cert_path if old else None),
        apple_key_path=pick(_abs(apple_key), old.apple_key_path if old else None),
        apple_wwdr_path=pick(_abs(apple_wwdr), old.apple_wwdr_path if old else None),
        apns_url=_url(apns_url, "--apns-url") or (old.apns_url if old else APNS_URL),
        google_issuer_id=pick(google_issuer_id, old.google_issuer_id if old else None),
        google_key_path=pick(_abs(google_key), old.google_key_path if old else None),
        google_token_url=_url(google_token_url, "--google-token-url")
        or (old.google_token_url if old else GOOGLE_TOKEN_URL),
        google_api_url=_url(google_api_url, "--google-api-url")
        or (old.google_api_url if old else GOOGLE_API_URL),
    )
    fine, wrong = check_settings(new, datetime.now(UTC))
    if wrong:
        raise click.ClickException("not saved: " + "; ".join(wrong))
    with write(engine) as conn:
        save_settings(conn, new, datetime.now(UTC))
    return fine


def check(engine: Engine) -> tuple[list[str], list[str]]:
    with read(engine) as conn:
        settings = load_settings(conn)
    if settings is None:
        return [], ["wallet passes are not configured: run loyalty-server wallet configure"]
    return check_settings(settings, datetime.now(UTC))


def set_brand(
    engine: Engine,
    merchant_id: str,
    logo: Path | None,
    background: str,
    foreground: str,
    label: str,
) -> None:
    try:
        colours = css_rgb(background), css_rgb(foreground), css_rgb(label)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None
    logo_png = logo.read_bytes() if logo else None
    if logo_png is not None and not is_png(logo_png):
        raise click.BadParameter(f"{logo} is not a PNG image")
    with write(engine) as conn:
        if (
            conn.execute(select(MERCHANTS.c.id).where(MERCHANTS.c.id == merchant_id)).first()
            is None
        ):
            raise click.ClickException(f"there is no merchant {merchant_id!r}")
        conn.execute(delete(WALLET_BRANDS).where(WALLET_BRANDS.c.merchant_id == merchant_id))
        conn.execute(
            insert(WALLET_BRANDS).values(
                merchant_id=merchant_id,
                logo_png=logo_png,
                background=colours[0],
                foreground=colours[1],
                label=colours[2],
                updated_at=datetime.now(UTC),
                version=next_version(conn, merchant_id),
            )
        )
        # Every pass of the merchant looks different now: each is owed an update.
        record_merchant_changed(conn, merchant_id, datetime.now(UTC))


def _find_card(engine: Engine, card: str, merchant_id: str | None) -> CardFace:
    number = normalize_card_number(card)
    with read(engine) as conn:
        faces = faces_by_number(conn, number) if number else faces_by_token(conn, card.strip())
    if merchant_id is not None:
        faces = [f for f in faces if f.merchant_id == merchant_id]
    if not faces:
        raise click.ClickException(f"no card {card!r}")
    if len(faces) > 1:
        raise click.ClickException(f"several merchants have a card {card!r}: give --merchant")
    return faces[0]


def write_pass(engine: Engine, card: str, merchant_id: str | None, out: Path) -> CardFace:
    face = _find_card(engine, card, merchant_id)
    with read(engine) as conn:
        settings = load_settings(conn)
    if settings is None or not settings.apple:
        raise click.ClickException(NOT_CONFIGURED.format("Apple"))
    try:
        creds = load_apple(settings)
    except WalletConfigError as exc:
        raise click.ClickException(str(exc)) from None
    with write(engine) as conn:
        face = ensure_apple_identity(conn, face)
    data = build_pkpass(face, settings, creds)
    tmp = out.with_name(out.name + ".part")
    tmp.write_bytes(data)
    tmp.replace(out)
    return face
