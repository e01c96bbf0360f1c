"""`loyalty-server wallet check`: is the wallet set-up usable? Chain, key match, expiry."""

from __future__ import annotations

from datetime import datetime, timedelta

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.x509.oid import NameOID

from sync.server.wallet.settings import (
    WalletConfigError,
    WalletSettings,
    load_apple,
    load_google,
)

# Warn this long before a certificate runs out: renewing one takes Apple's portal and time.
EXPIRY_WARNING = timedelta(days=30)


def check_settings(settings: WalletSettings, now: datetime) -> tuple[list[str], list[str]]:
    """(what is fine, what is wrong) as lines for the operator; nothing wrong means usable."""
    fine: list[str] = []
    wrong: list[str] = []
    if settings.apple_cert_path or settings.pass_type_id:
        _check_apple(settings, now, fine, wrong)
    if settings.google_key_path or settings.google_issuer_id:
        _check_google(settings, fine, wrong)
    if not fine and not wrong:
        wrong.append("neither Apple nor Google Wallet is configured")
    return fine, wrong


def _check_apple(
    settings: WalletSettings, now: datetime, fine: list[str], wrong: list[str]
) -> None:
    try:
        creds = load_apple(settings)
    except WalletConfigError as exc:
        wrong.append(f"Apple: {exc}")
        return
    if not settings.pass_type_id or not settings.team_id:
        wrong.append("Apple: give --pass-type-id and --team-id")
    try:
        creds.cert.verify_directly_issued_by(creds.wwdr)
        fine.append("Apple: the pass certificate is issued by the WWDR certificate")
    except (ValueError, TypeError, InvalidSignature):
        wrong.append("Apple: the pass certificate is not issued by the given WWDR certificate")
    public = serialization.PublicFormat.SubjectPublicKeyInfo
    pem = serialization.Encoding.PEM
    if creds.key.public_key().public_bytes(pem, public) == creds.cert.public_key().public_bytes(
        pem, public
    ):
        fine.append("Apple: the key matches the pass certificate")
    else:
        wrong.append("Apple: the key does not belong to the pass certificate")
    uids = creds.cert.subject.get_attributes_for_oid(NameOID.USER_ID)
    if uids and settings.pass_type_id and uids[0].value != settings.pass_type_id:
        wrong.append(
            f"Apple: the certificate is for {uids[0].value!r}, not pass type id "
            f"{settings.pass_type_id!r}"
        )
    for name, cert in (("pass certificate", creds.cert), ("WWDR certificate", creds.wwdr)):
        _check_dates(f"Apple: the {name}", cert, now, fine, wrong)


def _check_dates(
    what: str, cert: x509.Certificate, now: datetime, fine: list[str], wrong: list[str]
) -> None:
    start, end = cert.not_valid_before_utc, cert.not_valid_after_utc
    if now < start:
        wrong.append(f"{what} is not valid before {start:%Y-%m-%d}")
    elif now >= end:
        wrong.append(f"{what} expired on {end:%Y-%m-%d}")
    elif end - now < EXPIRY_WARNING:
        wrong.append(f"{what} expires on {end:%Y-%m-%d}: renew it now")
    else:
        fine.append(f"{what} is valid until {end:%Y-%m-%d}")


def _check_google(settings: WalletSettings, fine: list[str], wrong: list[str]) -> None:
    try:
        creds = load_google(settings)
    except WalletConfigError as exc:
        wrong.append(f"Google: {exc}")
        return
    if not settings.google_issuer_id or not settings.google_issuer_id.isdigit():
        wrong.append("Google: the issuer id is the number the Wallet console shows")
        return
    fine.append(f"Google: service account {creds.client_email}, issuer {settings.google_issuer_id}")
