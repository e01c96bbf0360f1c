"""Two merchants whose cards have the same id (ids are a merchant's own): each pass, page,
Save-to-Google link, device and update stays with its own merchant's card."""

from __future__ import annotations

import dataclasses
import io
import json
import re
import secrets
import time
import zipfile
from pathlib import Path

import httpx
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from sqlalchemy import update

from pos_app.domain.identifiers import format_card_number
from sync.server.db import write
from sync.server.models import CARDS
from tests.server.conftest import ServerProcess
from tests.server.wallet.conftest import Shop, add_shop
from tests.server.wallet.device import IssuedPass, issue_pass, register
from tests.server.wallet.pki import PASS_TYPE_ID, Pki
from tests.server.wallet.test_updates import pushes_to, stamp_cards
from tests.standins.google import verify_jwt
from tests.standins.process import StandIn

SAVE = "https://pay.google.com/gp/v/save/"


def two_shops_one_card_id(server: ServerProcess) -> tuple[Shop, Shop]:
    a = add_shop(server.db_url, "Harbour Coffee", card_count=1)
    b = add_shop(server.db_url, "Dockside Tea", card_count=1)
    same = a.cards[0].id
    with write(server.engine) as conn:
        mine = (CARDS.c.merchant_id == b.merchant_id) & (CARDS.c.id == b.cards[0].id)
        conn.execute(update(CARDS).where(mine).values(id=same))
    return a, dataclasses.replace(b, cards=[dataclasses.replace(b.cards[0], id=same)])


def fetch_pass(phone: httpx.Client, serial: str, token: str) -> httpx.Response:
    return phone.get(
        f"/passkit/v1/passes/{PASS_TYPE_ID}/{serial}",
        headers={"Authorization": f"ApplePass {token}"},
    )


def pass_body(response: httpx.Response) -> dict[str, object]:
    assert response.status_code == 200, response.text
    with zipfile.ZipFile(io.BytesIO(response.content)) as zf:
        body: dict[str, object] = json.loads(zf.read("pass.json"))
    return body


def test_cards_of_two_merchants_with_one_id_keep_their_own_passes_and_updates(
    any_wallet_server: ServerProcess, apns: StandIn, google_api: StandIn, pki: Pki, tmp_path: Path
) -> None:
    server = any_wallet_server
    a, b = two_shops_one_card_id(server)
    card_a, card_b = a.cards[0], b.cards[0]
    assert card_a.id == card_b.id
    passes: dict[str, IssuedPass] = {
        "a": issue_pass(server, card_a.qr_token, tmp_path),
        "b": issue_pass(server, card_b.qr_token, tmp_path),
    }
    assert passes["a"].serial != passes["b"].serial
    assert passes["a"].body["organizationName"] == "Harbour Coffee"
    assert passes["b"].body["organizationName"] == "Dockside Tea"
    tokens = {"a": secrets.token_hex(32), "b": secrets.token_hex(32)}
    key = serialization.load_pem_public_key(pki.google_public_pem)
    assert isinstance(key, rsa.RSAPublicKey)
    with httpx.Client(base_url=server.base_url, timeout=10) as phone:
        register(phone, passes["a"], "phone-of-a", tokens["a"])
        register(phone, passes["b"], "phone-of-b", tokens["b"])

        # A's serial with B's token (or the other way) fetches nothing; each its own pass.
        for serial, token in ((passes["a"].serial, passes["b"].token),
                              (passes["b"].serial, passes["a"].token)):  # fmt: skip
            assert fetch_pass(phone, serial, token).status_code == 401
        for shop, issued in ((a, passes["a"]), (b, passes["b"])):
            body = pass_body(fetch_pass(phone, issued.serial, issued.token))
            assert body["organizationName"] == issued.body["organizationName"]
            assert body["barcodes"] == [
                {
                    "format": "PKBarcodeFormatQR",
                    "message": shop.cards[0].qr_token,
                    "messageEncoding": "iso-8859-1",
                    "altText": format_card_number(shop.cards[0].card_number),
                }
            ]

        # The page and the Save-to-Google link of each: its own card, its own object.
        objects: dict[str, str] = {}
        for name, shop in (("a", a), ("b", b)):
            card = shop.cards[0]
            page = phone.get(f"/c/{card.qr_token}")
            number = re.search(r'data-test="number">([^<]+)<', page.text)
            assert number is not None and number[1] == format_card_number(card.card_number)
            saved = phone.get(f"/c/{card.qr_token}/google")
            assert saved.status_code == 303
            claims = verify_jwt(saved.headers["location"].removeprefix(SAVE), key)
            assert claims is not None
            [obj] = claims["payload"]["loyaltyObjects"]
            assert obj["accountId"] == format_card_number(card.card_number)
            assert obj["barcode"]["value"] == card.qr_token
            objects[name] = str(obj["id"])
        assert objects["a"] != objects["b"]

        # A push changing A's card: A's phone and A's Google object hear of it, B's never.
        stamp_cards(server, a, {0: 1})
        deadline = time.monotonic() + 10
        while not pushes_to(apns, {tokens["a"]}) and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.5)  # a push to B's phone would have come by now
        assert [r["token"] for r in pushes_to(apns, set(tokens.values()))] == [tokens["a"]]
        patched = [r["object_id"] for r in google_api.received() if r["kind"] == "patch"]
        assert objects["a"] in patched and objects["b"] not in patched
        stamps_a = pass_body(fetch_pass(phone, passes["a"].serial, passes["a"].token))
        stamps_b = pass_body(fetch_pass(phone, passes["b"].serial, passes["b"].token))
    field = "storeCard"
    assert stamps_a[field] != passes["a"].body[field]  # A's pass moved on
    assert stamps_b[field] == passes["b"].body[field]  # B's did not
