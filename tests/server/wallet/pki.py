"""A throwaway certificate authority standing in for Apple's: a root, a WWDR intermediate,
and a Pass Type ID certificate, plus a Google service-account key file; all made here."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

PASS_TYPE_ID = "pass.test.loyalty"
TEAM_ID = "TEAM123456"
ISSUER_ID = "3388000000012345678"


@dataclass(frozen=True)
class Pki:
    root: Path
    wwdr: Path
    cert: Path
    key: Path
    google_key: Path
    google_public_pem: bytes
    google_email: str


def _name(common: str, uid: str | None = None) -> x509.Name:
    attrs = [x509.NameAttribute(NameOID.COMMON_NAME, common)]
    if uid:
        attrs.insert(0, x509.NameAttribute(NameOID.USER_ID, uid))
    return x509.Name(attrs)


def _key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _cert(
    subject: x509.Name,
    key: rsa.RSAPrivateKey,
    issuer: x509.Name,
    issuer_key: rsa.RSAPrivateKey,
    *,
    ca: bool,
    days: int,
) -> x509.Certificate:
    now = datetime.now(UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
    )
    return builder.sign(issuer_key, hashes.SHA256())


def _pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


def _private(path: Path, data: bytes) -> None:
    path.write_bytes(data)
    os.chmod(path, 0o600)


def make_pki(where: Path, *, pass_days: int = 365) -> Pki:
    where.mkdir(parents=True, exist_ok=True)
    root_key, wwdr_key, pass_key, google_key = _key(), _key(), _key(), _key()
    root_name = _name("Test Root CA")
    wwdr_name = _name("Test Worldwide Developer Relations")
    root = _cert(root_name, root_key, root_name, root_key, ca=True, days=3650)
    wwdr = _cert(wwdr_name, wwdr_key, root_name, root_key, ca=True, days=3650)
    leaf = _cert(
        _name(f"Pass Type ID: {PASS_TYPE_ID}", PASS_TYPE_ID),
        pass_key,
        wwdr_name,
        wwdr_key,
        ca=False,
        days=pass_days,
    )
    (where / "root.pem").write_bytes(_pem(root))
    (where / "wwdr.pem").write_bytes(_pem(wwdr))
    (where / "pass.pem").write_bytes(_pem(leaf))
    pkcs8 = serialization.PrivateFormat.PKCS8
    plain = serialization.NoEncryption()
    _private(where / "pass.key", pass_key.private_bytes(serialization.Encoding.PEM, pkcs8, plain))
    email = "wallet@test-project.iam.gserviceaccount.com"
    account = {
        "type": "service_account",
        "client_email": email,
        "private_key_id": "k1",
        "private_key": google_key.private_bytes(serialization.Encoding.PEM, pkcs8, plain).decode(),
    }
    _private(where / "google.json", json.dumps(account).encode())
    public = google_key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return Pki(
        root=where / "root.pem",
        wwdr=where / "wwdr.pem",
        cert=where / "pass.pem",
        key=where / "pass.key",
        google_key=where / "google.json",
        google_public_pem=public,
        google_email=email,
    )


def configure_args(pki: Pki, public_url: str) -> list[str]:
    """`wallet configure` options for this PKI."""
    return [
        "--public-url",
        public_url,
        "--apple-cert",
        str(pki.cert),
        "--apple-key",
        str(pki.key),
        "--apple-wwdr",
        str(pki.wwdr),
        "--pass-type-id",
        PASS_TYPE_ID,
        "--team-id",
        TEAM_ID,
        "--google-issuer-id",
        ISSUER_ID,
        "--google-key",
        str(pki.google_key),
    ]
