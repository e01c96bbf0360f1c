"""Apple's PassKit web service, used as an iPhone uses it: register for a pass, list what
changed, fetch the latest pass (then 304), unregister; every wrong token is a 401 that
counts against the caller's failed tries."""

from __future__ import annotations

import io
import json
import time
import zipfile
from pathlib import Path

import httpx

from tests.server.conftest import ServerProcess
from tests.server.wallet.conftest import Shop, add_shop
from tests.server.wallet.device import issue_pass
from tests.server.wallet.pki import PASS_TYPE_ID


def issued_pass(server: ServerProcess, shop: Shop, index: int, tmp: Path) -> dict[str, object]:
    return issue_pass(server, shop.cards[index].qr_token, tmp).body


def test_a_device_registers_lists_fetches_and_unregisters(
    wallet_server: ServerProcess, tmp_path: Path
) -> None:
    shop = add_shop(wallet_server.db_url)
    body = issued_pass(wallet_server, shop, 0, tmp_path)
    serial, token = str(body["serialNumber"]), str(body["authenticationToken"])
    device = "d" * 32
    auth = {"Authorization": f"ApplePass {token}"}
    base = f"/passkit/v1/devices/{device}/registrations/{PASS_TYPE_ID}"
    with httpx.Client(base_url=wallet_server.base_url, timeout=10) as phone:
        first = phone.post(f"{base}/{serial}", json={"pushToken": "ab12" * 16}, headers=auth)
        assert first.status_code == 201
        again = phone.post(f"{base}/{serial}", json={"pushToken": "cd34" * 16}, headers=auth)
        assert again.status_code == 200

        listed = phone.get(base)
        assert listed.status_code == 200
        assert listed.json()["serialNumbers"] == [serial]
        tag = listed.json()["lastUpdated"]
        assert phone.get(base, params={"passesUpdatedSince": tag}).status_code == 204

        pass_url = f"/passkit/v1/passes/{PASS_TYPE_ID}/{serial}"
        fetched = phone.get(pass_url, headers=auth)
        # A card changed within the current second gets no Last-Modified yet (see passkit.py):
        # the device simply fetches in full next time. A moment later it gets one.
        for _ in range(10):
            if "Last-Modified" in fetched.headers:
                break
            time.sleep(0.2)
            fetched = phone.get(pass_url, headers=auth)
        assert fetched.status_code == 200
        assert fetched.headers["content-type"] == "application/vnd.apple.pkpass"
        with zipfile.ZipFile(io.BytesIO(fetched.content)) as zf:
            assert json.loads(zf.read("pass.json"))["serialNumber"] == serial
        since = {**auth, "If-Modified-Since": fetched.headers["Last-Modified"]}
        unchanged = phone.get(pass_url, headers=since)
        assert unchanged.status_code == 304 and not unchanged.content

        assert phone.post("/passkit/v1/log", json={"logs": ["a device's note"]}).status_code == 200
        assert phone.delete(f"{base}/{serial}", headers=auth).status_code == 200
        assert phone.get(base).status_code == 204


def test_no_token_or_another_cards_token_is_refused_then_limited(
    wallet_server: ServerProcess, tmp_path: Path
) -> None:
    mine, theirs = add_shop(wallet_server.db_url), add_shop(wallet_server.db_url, "Other Shop")
    body = issued_pass(wallet_server, mine, 0, tmp_path)
    other = issued_pass(wallet_server, theirs, 0, tmp_path)
    serial = str(body["serialNumber"])
    pass_url = f"/passkit/v1/passes/{PASS_TYPE_ID}/{serial}"
    reg_url = f"/passkit/v1/devices/{'e' * 32}/registrations/{PASS_TYPE_ID}/{serial}"
    # From an address of its own: the limit it runs into is that address's alone.
    transport = httpx.HTTPTransport(local_address="127.0.0.2")
    with httpx.Client(base_url=wallet_server.base_url, timeout=10, transport=transport) as phone:
        assert phone.get(pass_url).status_code == 401
        wrong = {"Authorization": f"ApplePass {other['authenticationToken']}"}
        assert phone.get(pass_url, headers=wrong).status_code == 401
        assert phone.post(reg_url, json={"pushToken": "ab"}, headers=wrong).status_code == 401
        bearer = {"Authorization": f"Bearer {body['authenticationToken']}"}
        assert phone.get(pass_url, headers=bearer).status_code == 401
        unknown = f"/passkit/v1/passes/{PASS_TYPE_ID}/00000000-0000-0000-0000-000000000000"
        assert phone.get(unknown, headers=wrong).status_code == 401
        codes = [phone.get(pass_url, headers=wrong).status_code for _ in range(6)]
        assert codes[-1] == 429
        # Limited, even the right token waits: the address has used up its tries.
        right = {"Authorization": f"ApplePass {body['authenticationToken']}"}
        assert phone.get(pass_url, headers=right).status_code == 429
