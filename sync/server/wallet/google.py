"""Google Wallet: a loyalty class per program, a loyalty object per card, the signed
"Save to Google Wallet" JWT, and updates of the object through Google's REST API.

Google forms an object id as `<issuer id>.<unique id>`: ours is random, made when the card
is first saved and kept on the card (issue.py), as card ids are only a merchant's own. The save
JWT carries class and object (Google creates them when the customer saves); later changes
are PATCHed with a service-account OAuth token (JWT-bearer grant, RS256).
"""

from __future__ import annotations

import base64
import json
import re
import time
from dataclasses import dataclass
from typing import Any

import httpx
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding

from pos_app.domain.identifiers import wallet_pass_qr_text
from sync.server.wallet.apns import Delivery, PushResult
from sync.server.wallet.face import CardFace
from sync.server.wallet.images import hex_rgb
from sync.server.wallet.settings import GoogleCredentials, WalletSettings

SCOPE = "https://www.googleapis.com/auth/wallet_object.issuer"
JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer"
SAVE_URL = "https://pay.google.com/gp/v/save/"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def jwt_rs256(claims: dict[str, Any], creds: GoogleCredentials) -> str:
    header: dict[str, Any] = {"alg": "RS256", "typ": "JWT"}
    if creds.key_id:
        header["kid"] = creds.key_id
    signing_input = (
        _b64(json.dumps(header, separators=(",", ":")).encode())
        + "."
        + _b64(json.dumps(claims, separators=(",", ":")).encode())
    )
    signature = creds.key.sign(signing_input.encode(), padding.PKCS1v15(), hashes.SHA256())
    return signing_input + "." + _b64(signature)


def class_id(settings: WalletSettings, face: CardFace) -> str:
    suffix = _UNSAFE.sub("_", f"{face.merchant_id}-{face.program_id}")
    return f"{settings.google_issuer_id}.{suffix}"


def object_id(face: CardFace) -> str:
    """The card's object id; issued first (`ensure_google_identity`)."""
    if face.google_object_id is None:
        raise ValueError(f"card {face.card_id} of {face.merchant_id} has no Google object yet")
    return face.google_object_id


def logo_url(settings: WalletSettings, merchant_id: str) -> str:
    return f"{settings.public_url}/wallet/logo/{merchant_id}.png"


def loyalty_class(face: CardFace, settings: WalletSettings) -> dict[str, Any]:
    return {
        "id": class_id(settings, face),
        "issuerName": face.merchant_name,
        "programName": face.program_name,
        "programLogo": {"sourceUri": {"uri": logo_url(settings, face.merchant_id)}},
        "hexBackgroundColor": hex_rgb(face.brand.background),
        "reviewStatus": "UNDER_REVIEW",
    }


def object_fields(face: CardFace, settings: WalletSettings) -> dict[str, Any]:
    """What changes with the card: the body of the PATCH, and part of the object."""
    fields: dict[str, Any] = {
        "state": "INACTIVE" if face.voided else "ACTIVE",
        "accountId": face.number_text,
        "accountName": face.customer_name or face.number_text,
        "barcode": {
            "type": "QR_CODE",
            "value": wallet_pass_qr_text(face.qr_token),
            "alternateText": face.number_text,
        },
    }
    balances: list[dict[str, Any]] = []
    if face.stamps is not None:
        balances.append({"label": "Stamps", "balance": {"string": face.stamps}})
    if face.points is not None:
        balances.append({"label": "Points", "balance": {"int": face.points}})
    if balances:
        fields["loyaltyPoints"] = balances[0]
    if len(balances) > 1:
        fields["secondaryLoyaltyPoints"] = balances[1]
    return fields


def loyalty_object(face: CardFace, settings: WalletSettings) -> dict[str, Any]:
    return {
        "id": object_id(face),
        "classId": class_id(settings, face),
        **object_fields(face, settings),
    }


def save_jwt(face: CardFace, settings: WalletSettings, creds: GoogleCredentials) -> str:
    claims = {
        "iss": creds.client_email,
        "aud": "google",
        "typ": "savetowallet",
        "iat": int(time.time()),
        "origins": [settings.public_url],
        "payload": {
            "loyaltyClasses": [loyalty_class(face, settings)],
            "loyaltyObjects": [loyalty_object(face, settings)],
        },
    }
    return jwt_rs256(claims, creds)


@dataclass
class AccessToken:
    """The service account's OAuth token, fetched when missing or about to run out."""

    value: str = ""
    expires_at: float = 0.0

    async def get(
        self, client: httpx.AsyncClient, settings: WalletSettings, creds: GoogleCredentials
    ) -> str:
        if self.value and time.time() < self.expires_at - 60:
            return self.value
        now = int(time.time())
        assertion = jwt_rs256(
            {
                "iss": creds.client_email,
                "scope": SCOPE,
                "aud": settings.google_token_url,
                "iat": now,
                "exp": now + 3600,
            },
            creds,
        )
        response = await client.post(
            settings.google_token_url,
            data={
                "grant_type": "urn:ietf:params:oauth:grant-type:jwt-bearer",
                "assertion": assertion,
            },
        )
        response.raise_for_status()
        body = response.json()
        self.value = str(body["access_token"])
        self.expires_at = time.time() + float(body.get("expires_in", 3600))
        return self.value

    def forget(self) -> None:
        self.value, self.expires_at = "", 0.0


async def patch_object(
    client: httpx.AsyncClient,
    settings: WalletSettings,
    creds: GoogleCredentials,
    token: AccessToken,
    face: CardFace,
) -> PushResult:
    """Update the card's object; an object the customer never saved has nothing to update."""
    try:
        bearer = await token.get(client, settings, creds)
        response = await client.patch(
            f"{settings.google_api_url}/loyaltyObject/{object_id(face)}",
            json=object_fields(face, settings),
            headers={"Authorization": f"Bearer {bearer}"},
        )
    except (httpx.HTTPError, KeyError, ValueError) as exc:
        return PushResult(Delivery.RETRY, None, type(exc).__name__)
    if response.status_code == 200:
        return PushResult(Delivery.SENT, 200)
    if response.status_code == 404:
        return PushResult(Delivery.GONE, 404, "object not saved")
    if response.status_code == 401:
        token.forget()
    return PushResult(Delivery.RETRY, response.status_code)
