"""A throwaway certificate authority standing in for Apple's: a root, a WWDR intermediate,
and a Pass Type ID certificate, plus a Google service-account key file; all made here."""

from __future__ import annotations

import ipaddress
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
    # A TLS server certificate for 127.0.0.1 from the same root (the APNs stand-in's).
    tls_cert: Path
    tls_key: Path


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
    san: x509.SubjectAlternativeName | None = None,
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
    if san is not None:
        builder = builder.add_extension(san, critical=False)
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
    tls_key = _key()
    loopback = x509.SubjectAlternativeName(
        [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
    )
    tls = _cert(_name("127.0.0.1"), tls_key, root_name, root_key, ca=False, days=30, san=loopback)
    (where / "tls.pem").write_bytes(_pem(tls))
    (where / "root.pem").write_bytes(_pem(root))
    (where / "wwdr.pem").write_bytes(_pem(wwdr))
    (where / "pass.pem").write_bytes(_pem(leaf))
    pkcs8 = serialization.PrivateFormat.PKCS8
    plain = serialization.NoEncryption()
    _private(where / "pass.key", pass_key.private_bytes(serialization.Encoding.PEM, pkcs8, plain))
    _private(where / "tls.key", tls_key.private_bytes(serialization.Encoding.PEM, pkcs8, plain))
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
        tls_cert=where / "tls.pem",
        tls_key=where / "tls.key",
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
