"""Apple Wallet passes: `pass.json`, images, `manifest.json` and its detached PKCS#7 signature.

As Apple's "Building a Pass" specifies: the manifest maps every file of the pass to its
SHA-1; `signature` is a DER PKCS#7 signature of the manifest alone, made with the Pass
Type ID certificate's key, carrying that certificate and Apple's WWDR intermediate.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from typing import Any

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.serialization import pkcs7

from pos_app.domain.identifiers import wallet_pass_qr_text
from sync.server.wallet.face import CardFace
from sync.server.wallet.images import is_png, parse_rgb, solid_png
from sync.server.wallet.settings import AppleCredentials, WalletSettings

MEDIA_TYPE = "application/vnd.apple.pkpass"
# Sizes Apple asks for (points; @2x is twice that in pixels).
_ICON = (29, 29)
_LOGO = (160, 50)


def pass_json(face: CardFace, settings: WalletSettings) -> dict[str, Any]:
    link = settings.card_link(face.qr_token)
    primary: list[dict[str, Any]] = []
    secondary: list[dict[str, Any]] = []
    if face.stamps is not None:
        primary.append(
            {
                "key": "stamps",
                "label": "STAMPS",
                "value": face.stamps,
                "changeMessage": "Stamps: %@",
            }
        )
        secondary.append({"key": "reward", "label": "REWARD", "value": face.reward or ""})
        if face.rewards_ready:
            secondary.append(
                {
                    "key": "ready",
                    "label": "READY",
                    "value": face.rewards_ready,
                    "changeMessage": "Rewards ready: %@",
                }
            )
    if face.points is not None:
        field = {
            "key": "points",
            "label": "POINTS",
            "value": face.points,
            "changeMessage": "Points: %@",
        }
        (secondary if primary else primary).append(field)
    auxiliary = [{"key": "number", "label": "CARD", "value": face.number_text}]
    if face.customer_name:
        auxiliary.append({"key": "name", "label": "NAME", "value": face.customer_name})
    barcode = {
        "format": "PKBarcodeFormatQR",
        "message": wallet_pass_qr_text(face.qr_token),
        "messageEncoding": "iso-8859-1",
        "altText": face.number_text,
    }
    body: dict[str, Any] = {
        "formatVersion": 1,
        "passTypeIdentifier": settings.pass_type_id,
        "teamIdentifier": settings.team_id,
        "serialNumber": face.apple_serial_number,
        "organizationName": face.merchant_name,
        "description": f"{face.merchant_name} {face.program_name}",
        "logoText": face.merchant_name,
        "backgroundColor": face.brand.background,
        "foregroundColor": face.brand.foreground,
        "labelColor": face.brand.label,
        "webServiceURL": f"{settings.public_url}/passkit",
        "authenticationToken": face.apple_auth_token,
        "barcodes": [barcode],
        "barcode": barcode,
        "storeCard": {
            "primaryFields": primary,
            "secondaryFields": secondary,
            "auxiliaryFields": auxiliary,
            "backFields": [
                {"key": "program", "label": "Program", "value": face.program_name},
                {"key": "link", "label": "Your card online", "value": link},
            ],
        },
    }
    if face.voided:
        body["voided"] = True
    return body


def _images(face: CardFace) -> dict[str, bytes]:
    rgb = parse_rgb(face.brand.background)
    icon = solid_png(_ICON[0], _ICON[1], rgb)
    icon2 = solid_png(_ICON[0] * 2, _ICON[1] * 2, rgb)
    files = {"icon.png": icon, "icon@2x.png": icon2}
    logo = face.brand.logo_png
    if logo is not None and is_png(logo):
        files["logo.png"] = logo
        files["logo@2x.png"] = logo
    return files


def manifest(files: dict[str, bytes]) -> bytes:
    return json.dumps(
        {name: hashlib.sha1(data).hexdigest() for name, data in sorted(files.items())},  # noqa: S324 - Apple's manifest format is SHA-1
        indent=1,
    ).encode()


def sign_manifest(data: bytes, creds: AppleCredentials) -> bytes:
    """The detached DER PKCS#7 signature of the manifest (signer + WWDR certificates)."""
    builder = (
        pkcs7.PKCS7SignatureBuilder()
        .set_data(data)
        .add_signer(creds.cert, creds.key, hashes.SHA256())
        .add_certificate(creds.wwdr)
    )
    return builder.sign(
        serialization.Encoding.DER,
        [pkcs7.PKCS7Options.DetachedSignature, pkcs7.PKCS7Options.Binary],
    )


def build_pkpass(face: CardFace, settings: WalletSettings, creds: AppleCredentials) -> bytes:
    files = {"pass.json": json.dumps(pass_json(face, settings), ensure_ascii=False).encode()}
    files.update(_images(face))
    manifest_bytes = manifest(files)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
        zf.writestr("manifest.json", manifest_bytes)
        zf.writestr("signature", sign_manifest(manifest_bytes, creds))
    return out.getvalue()
