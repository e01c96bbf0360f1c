"""A phone holding passes of two merchants hears of each merchant's changes: each merchant
draws its own change versions, and the update tag says where the phone stands in each."""

from __future__ import annotations

import secrets
from pathlib import Path

import httpx

from sync.server.wallet.update_tag import make_tag, parse_tag
from tests.server.conftest import ServerProcess
from tests.server.wallet.conftest import add_shop
from tests.server.wallet.device import issue_pass, register, registrations_url
from tests.server.wallet.test_updates import stamp_cards


def test_a_quiet_merchant_s_change_is_not_hidden_behind_a_busy_merchant_s_versions(
    any_wallet_server: ServerProcess, tmp_path: Path
) -> None:
    server = any_wallet_server
    busy, quiet = add_shop(server.db_url, card_count=1), add_shop(server.db_url, card_count=1)
    stamp_cards(server, busy, {0: 5})  # the busy merchant's versions run well ahead
    stamp_cards(server, busy, {0: 1})
    passes = [issue_pass(server, s.cards[0].qr_token, tmp_path) for s in (busy, quiet)]
    device = "phone-" + secrets.token_hex(6)
    with httpx.Client(base_url=server.base_url, timeout=10) as phone:
        for issued in passes:
            register(phone, issued, device, secrets.token_hex(32))
        first = phone.get(registrations_url(device))
        assert sorted(first.json()["serialNumbers"]) == sorted(p.serial for p in passes)
        tag = first.json()["lastUpdated"]
        unchanged = phone.get(registrations_url(device), params={"passesUpdatedSince": tag})
        assert unchanged.status_code == 204

        stamp_cards(server, quiet, {0: 1})
        changed = phone.get(registrations_url(device), params={"passesUpdatedSince": tag})
        assert changed.json()["serialNumbers"] == [passes[1].serial]
        tag = changed.json()["lastUpdated"]

        stamp_cards(server, busy, {0: 1})
        changed = phone.get(registrations_url(device), params={"passesUpdatedSince": tag})
        assert changed.json()["serialNumbers"] == [passes[0].serial]


def test_a_tag_from_before_per_merchant_versions_stands_for_every_merchant() -> None:
    assert parse_tag("120").of("any") == 120
    assert parse_tag(make_tag({"m:1": 7, "m-2": 3})).of("m:1") == 7
    assert parse_tag("m-2=3").of("m:1") == 0  # a merchant the tag does not know: all is new
    assert parse_tag("not a tag").of("m-2") == 0
