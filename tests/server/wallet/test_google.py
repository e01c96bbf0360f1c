"""Google Wallet: the "Save to Google Wallet" link carries a JWT signed with the service
account's key (RS256) holding the program's class and the card's object; after a push that
changes the card, its object is PATCHed once, with a service-account OAuth token, at a
real loopback stand-in for Google's token and Wallet endpoints."""

from __future__ import annotations

import re
import time
from pathlib import Path

import httpx
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from sqlalchemy import select

from sync.server.db import read
from sync.server.models import CARDS
from tests.server.conftest import ServerProcess
from tests.server.wallet.conftest import PUBLIC, Shop, add_shop
from tests.server.wallet.pki import ISSUER_ID, Pki
from tests.server.wallet.test_updates import stamp_cards
from tests.standins.google import verify_jwt
from tests.standins.process import StandIn

SAVE = "https://pay.google.com/gp/v/save/"


def test_the_save_link_and_the_object_updated_after_a_sync(
    wallet_server: ServerProcess, google_api: StandIn, pki: Pki, tmp_path: Path
) -> None:
    shop = add_shop(wallet_server.db_url, card_count=2)
    card = shop.cards[0]
    with httpx.Client(base_url=wallet_server.base_url, timeout=10) as phone:
        saved = phone.get(f"/c/{card.qr_token}/google")
    assert saved.status_code == 303
    location = saved.headers["location"]
    assert location.startswith(SAVE)
    key = serialization.load_pem_public_key(pki.google_public_pem)
    assert isinstance(key, rsa.RSAPublicKey)
    claims = verify_jwt(location.removeprefix(SAVE), key)
    assert claims is not None, "the save JWT does not verify with the service account's key"
    assert (claims["iss"], claims["aud"], claims["typ"]) == (
        pki.google_email,
        "google",
        "savetowallet",
    )
    assert claims["origins"] == [PUBLIC]
    [loyalty_class] = claims["payload"]["loyaltyClasses"]
    [loyalty_object] = claims["payload"]["loyaltyObjects"]
    object_id = str(loyalty_object["id"])
    # Made at the first save, unique server-wide: a card id is only its merchant's own.
    assert re.fullmatch(rf"{ISSUER_ID}\.[A-Za-z0-9._-]+", object_id) and card.id not in object_id
    assert google_ids(wallet_server, shop) == [object_id, None]
    assert loyalty_object["classId"] == loyalty_class["id"]
    assert loyalty_class["id"].startswith(f"{ISSUER_ID}.") and loyalty_class["issuerName"] == (
        "Harbour Coffee"
    )
    before = card.stamp_count % 8
    assert loyalty_object["loyaltyPoints"]["balance"] == {"string": f"{before} of 8"}
    assert loyalty_object["barcode"]["value"] == card.qr_token

    # Three stamps on the saved card, one on a card never saved to Google: one PATCH.
    stamp_cards(wallet_server, shop, {0: 3, 1: 1})
    deadline = time.monotonic() + 10

    def patches() -> list[dict[str, object]]:
        return [
            r for r in google_api.received() if r["kind"] == "patch" and r["object_id"] == object_id
        ]

    while not patches() and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.3)
    [patch] = patches()
    assert patch["status"] == 200
    body = patch["body"]
    assert isinstance(body, dict)
    assert body["loyaltyPoints"]["balance"] == {"string": f"{(card.stamp_count + 3) % 8} of 8"}
    assert body["state"] == "ACTIVE"
    tokens = [r for r in google_api.received() if r["kind"] == "token"]
    assert tokens and all(r["ok"] for r in tokens)
    claims_sent = tokens[0]["claims"]
    assert isinstance(claims_sent, dict)
    assert claims_sent["scope"] == "https://www.googleapis.com/auth/wallet_object.issuer"
    assert claims_sent["aud"] == f"{google_api.url}/token"
    # Saving again keeps the one object the customer's phone holds.
    with httpx.Client(base_url=wallet_server.base_url, timeout=10) as phone:
        assert phone.get(f"/c/{card.qr_token}/google").status_code == 303
    assert google_ids(wallet_server, shop) == [object_id, None]


def google_ids(server: ServerProcess, shop: Shop) -> list[str | None]:
    with read(server.engine) as conn:
        ids = {
            r.id: r.google_object_id
            for r in conn.execute(
                select(CARDS.c.id, CARDS.c.google_object_id).where(
                    CARDS.c.merchant_id == shop.merchant_id
                )
            )
        }
    return [ids[c.id] for c in shop.cards]
