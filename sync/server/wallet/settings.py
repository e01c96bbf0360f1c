"""The server's wallet set-up: stored in the database (one row), key files kept on disk.

The database holds identifiers, addresses and the paths of the certificate and key files;
the private keys stay in their files (mode 0600, owner only), so no backup of the database
carries them. `load_credentials` reads the files when a pass is signed or a push is sent.
"""

from __future__ import annotations

import json
import stat
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from sqlalchemy import Connection, delete, insert, select

from sync.server.models import WALLET_SETTINGS

APNS_URL = "https://api.push.apple.com"
GOOGLE_TOKEN_URL = "https://oauth2.googleapis.com/token"  # noqa: S105 - an address
GOOGLE_API_URL = "https://walletobjects.googleapis.com/walletobjects/v1"

PrivateKey = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey


class WalletConfigError(Exception):
    """A wallet set-up problem an operator can act on; the message says what to do."""


NOT_CONFIGURED = "{} Wallet is not configured: run loyalty-server wallet configure"


@dataclass(frozen=True, slots=True)
class WalletSettings:
    public_url: str
    pass_type_id: str | None = None
    team_id: str | None = None
    apple_cert_path: str | None = None
    apple_key_path: str | None = None
    apple_wwdr_path: str | None = None
    apns_url: str = APNS_URL
    google_issuer_id: str | None = None
    google_key_path: str | None = None
    google_token_url: str = GOOGLE_TOKEN_URL
    google_api_url: str = GOOGLE_API_URL

    @property
    def apple(self) -> bool:
        return bool(self.pass_type_id and self.apple_cert_path)

    @property
    def google(self) -> bool:
        return bool(self.google_issuer_id and self.google_key_path)

    def card_link(self, qr_token: str) -> str:
        return f"{self.public_url}/c/{qr_token}"


_FIELDS = tuple(WalletSettings.__dataclass_fields__)


def load_settings(conn: Connection) -> WalletSettings | None:
    row = conn.execute(select(*(WALLET_SETTINGS.c[f] for f in _FIELDS))).first()
    if row is None:
        return None
    return WalletSettings(**row._mapping)


def save_settings(conn: Connection, settings: WalletSettings, now: datetime) -> None:
    conn.execute(delete(WALLET_SETTINGS))
    values = {f: getattr(settings, f) for f in _FIELDS}
    conn.execute(insert(WALLET_SETTINGS).values(id=1, updated_at=now, **values))


@dataclass(frozen=True, slots=True)
class AppleCredentials:
    cert: x509.Certificate
    key: PrivateKey
    wwdr: x509.Certificate
    # The certificate and key as PEM, for the TLS client identity APNs asks of pass pushes.
    cert_path: str
    key_path: str


@dataclass(frozen=True, slots=True)
class GoogleCredentials:
    client_email: str
    key_id: str | None
    key: rsa.RSAPrivateKey


def read_private_file(path: str | Path) -> bytes:
    """A secret file's bytes, refused if anyone but its owner may read it."""
    path = Path(path)
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise WalletConfigError(f"{path}: no such file") from None
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise WalletConfigError(
            f"{path} can be read by other users (mode {stat.S_IMODE(mode):o}): run chmod 600 {path}"
        )
    return path.read_bytes()


def _read_cert(path: str, what: str) -> x509.Certificate:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise WalletConfigError(f"{what} {path}: {exc.strerror or exc}") from None
    try:
        if b"-----BEGIN" in data:
            return x509.load_pem_x509_certificate(data)
        return x509.load_der_x509_certificate(data)
    except ValueError:
        raise WalletConfigError(f"{what} {path} is not an X.509 certificate (PEM or DER)") from None


def _read_key(path: str, what: str) -> PrivateKey:
    data = read_private_file(path)
    try:
        if b"-----BEGIN" in data:
            key = serialization.load_pem_private_key(data, password=None)
        else:
            key = serialization.load_der_private_key(data, password=None)
    except (ValueError, TypeError):
        raise WalletConfigError(
            f"{what} {path} is not an unencrypted private key (PEM or DER)"
        ) from None
    if not isinstance(key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey):
        raise WalletConfigError(f"{what} {path}: only RSA and EC keys are supported")
    return key


def load_apple(settings: WalletSettings) -> AppleCredentials:
    if not (settings.apple_cert_path and settings.apple_key_path and settings.apple_wwdr_path):
        raise WalletConfigError(NOT_CONFIGURED.format("Apple"))
    return AppleCredentials(
        cert=_read_cert(settings.apple_cert_path, "Apple certificate"),
        key=_read_key(settings.apple_key_path, "Apple key"),
        wwdr=_read_cert(settings.apple_wwdr_path, "WWDR certificate"),
        cert_path=settings.apple_cert_path,
        key_path=settings.apple_key_path,
    )


def load_google(settings: WalletSettings) -> GoogleCredentials:
    if not settings.google_key_path:
        raise WalletConfigError(NOT_CONFIGURED.format("Google"))
    path = settings.google_key_path
    try:
        data: dict[str, Any] = json.loads(read_private_file(path))
        email = str(data["client_email"])
        key = serialization.load_pem_private_key(str(data["private_key"]).encode(), None)
    except (ValueError, KeyError, TypeError):
        raise WalletConfigError(
            f"Google key {path} is not a service-account key file (JSON with "
            "client_email and private_key)"
        ) from None
    if not isinstance(key, rsa.RSAPrivateKey):
        raise WalletConfigError(f"Google key {path}: the private key is not RSA")
    key_id = data.get("private_key_id")
    return GoogleCredentials(email, str(key_id) if key_id else None, key)
