"""After a push that changes a card, each device registered for its pass gets one APNs push
(from the durable outbox), through a real HTTP/2 stand-in for Apple on loopback; throttling
and errors are retried, a device APNs no longer knows is unregistered, and a server killed
with updates pending delivers them after restart, once each."""

from __future__ import annotations

import dataclasses
import io
import json
import os
import secrets
import signal
import time
import zipfile
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select, update

from sync.server import admin
from sync.server.cli import main
from sync.server.db import read, write
from sync.server.models import CARDS, WALLET_DEVICES, WALLET_OUTBOX
from sync.server.wallet import void_pass
from tests.pg import free_port
from tests.server.conftest import ServerProcess, pair_terminal, start_server
from tests.server.wallet.conftest import (
    FAILING,
    GONE,
    THROTTLED,
    Shop,
    add_shop,
    configured_server,
)
from tests.server.wallet.device import issue_pass, register, registrations_url
from tests.server.wallet.pki import PASS_TYPE_ID, Pki
from tests.standins.process import StandIn, start_standin

STAMP = {"kind": "stamp", "count": 1}


def pushes_to(apns: StandIn, tokens: set[str]) -> list[dict[str, object]]:
    return [r for r in apns.received() if r["token"] in tokens]


def stamp_cards(server: ServerProcess, shop: Shop, stamps: dict[int, int]) -> None:
    """One push from the counter: `count` stamps on card `index` each."""
    api, chain = pair_terminal(server, shop.store_id, shop.staff_id)
    for index, count in stamps.items():
        card = shop.cards[index]
        for _ in range(count):
            chain.add(card.id, shop.program.id, STAMP, stamps_delta=1)
    response = api.push(chain.terminal_id, chain.entries)
    assert response.status_code == 200, response.text
    api.close()


def test_one_push_per_registered_device_per_changed_card(
    any_wallet_server: ServerProcess, apns: StandIn, tmp_path: Path
) -> None:
    wallet_server = any_wallet_server
    shop = add_shop(wallet_server.db_url, card_count=3)
    passes = [issue_pass(wallet_server, c.qr_token, tmp_path) for c in shop.cards]
    # Tokens of this test's own: the APNs stand-in serves the whole session.
    tokens = {d: secrets.token_hex(32) for d in ("d0a", "d0b", "d1", "d2")}
    with httpx.Client(base_url=wallet_server.base_url, timeout=10) as phone:
        register(phone, passes[0], "d0a", tokens["d0a"])
        register(phone, passes[0], "d0b", tokens["d0b"])
        register(phone, passes[1], "d1", tokens["d1"])
        register(phone, passes[2], "d2", tokens["d2"])
        tag = phone.get(registrations_url("d0a")).json()["lastUpdated"]

        # Three stamps on card 0 and one on card 1 in one batch; on card 2 a redemption its
        # stamps do not cover, refused: it changes nothing, so its phone hears nothing.
        with write(wallet_server.engine) as conn:
            bare = CARDS.c.id == shop.cards[2].id
            conn.execute(update(CARDS).where(bare).values(stamp_count=0))
        api, chain = pair_terminal(wallet_server, shop.store_id, shop.staff_id)
        for index, count in ((0, 3), (1, 1)):
            for _ in range(count):
                chain.add(shop.cards[index].id, shop.program.id, STAMP, stamps_delta=1)
        chain.add(shop.cards[2].id, shop.program.id, {"kind": "redeem_stamps"}, stamps_delta=-8)
        pushed = api.push(chain.terminal_id, chain.entries)
        api.close()
        assert pushed.status_code == 200
        assert pushed.json()["outcomes"][-1]["status"] == "refused"
        mine = set(tokens.values())
        deadline = time.monotonic() + 10
        while len(pushes_to(apns, mine)) < 3 and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.5)  # a second push per device would have come by now
        got = pushes_to(apns, mine)
        assert Counter(str(r["token"]) for r in got) == Counter(
            [tokens["d0a"], tokens["d0b"], tokens["d1"]]
        )
        assert all(r["topic"] == PASS_TYPE_ID and r["method"] == "POST" for r in got)
        assert all(r["path"] == f"/3/device/{r['token']}" and r["body"] == "{}" for r in got)

        # What the device does on that push: ask which passes changed, fetch the new one.
        changed = phone.get(registrations_url("d0a"), params={"passesUpdatedSince": tag})
        assert changed.json()["serialNumbers"] == [passes[0].serial]
        latest = phone.get(
            f"/passkit/v1/passes/{PASS_TYPE_ID}/{passes[0].serial}", headers=passes[0].auth
        )
        assert latest.status_code == 200
    start = shop.cards[0].stamp_count
    with zipfile.ZipFile(io.BytesIO(latest.content)) as zf:
        stamps = json.loads(zf.read("pass.json"))["storeCard"]["primaryFields"][0]["value"]
    assert stamps == f"{(start + 3) % 8} of 8"


def test_throttled_and_failing_pushes_are_retried_and_a_gone_device_unregistered(
    wallet_server: ServerProcess, apns: StandIn, tmp_path: Path
) -> None:
    shop = add_shop(wallet_server.db_url, card_count=3)
    passes = [issue_pass(wallet_server, c.qr_token, tmp_path) for c in shop.cards]
    with httpx.Client(base_url=wallet_server.base_url, timeout=10) as phone:
        register(phone, passes[0], "throttled", THROTTLED)
        register(phone, passes[1], "failing", FAILING)
        register(phone, passes[2], "gone", GONE)
        stamp_cards(wallet_server, shop, {0: 1, 1: 1, 2: 1})
        # 429, 429 then 200; 500 then 200; 410 once: six answers in all.
        deadline = time.monotonic() + 15
        faulty = {THROTTLED, FAILING, GONE}
        while len(pushes_to(apns, faulty)) < 6 and time.monotonic() < deadline:
            time.sleep(0.1)
        got = pushes_to(apns, faulty)
        by_token: dict[str, list[object]] = {}
        for r in got:
            by_token.setdefault(str(r["token"]), []).append(r["status"])
        assert by_token == {THROTTLED: [429, 429, 200], FAILING: [500, 200], GONE: [410]}
        # The sender records each answer just after it: the registration gone, nothing owed.
        deadline = time.monotonic() + 5
        while (left_and_owed := _left_and_owed(wallet_server, shop)) != (0, 0):
            if time.monotonic() > deadline:
                break
            time.sleep(0.05)
        assert left_and_owed == (0, 0)
        assert phone.get(registrations_url("gone")).status_code == 204


def _left_and_owed(server: ServerProcess, shop: Shop) -> tuple[int, int]:
    """The "gone" device's registrations, and the updates the shop's cards are owed."""
    with read(server.engine) as conn:
        left = conn.execute(
            select(func.count())
            .select_from(WALLET_DEVICES)
            .where(WALLET_DEVICES.c.device_id == "gone")
        ).scalar_one()
        owed = conn.execute(
            select(func.count())
            .select_from(WALLET_OUTBOX)
            .where(WALLET_OUTBOX.c.merchant_id == shop.merchant_id)
        ).scalar_one()
    return int(left), int(owed)


def test_updates_pending_when_the_server_is_killed_are_sent_after_restart_once_each(
    pki: Pki, tmp_path: Path
) -> None:
    port = free_port()
    server = configured_server(pki, tmp_path, f"http://127.0.0.1:{port}")
    apns: StandIn | None = None
    try:
        shop = add_shop(server.db_url, card_count=3)
        passes = [issue_pass(server, c.qr_token, tmp_path) for c in shop.cards]
        tokens = [f"{i:02d}" * 32 for i in range(3)]
        with httpx.Client(base_url=server.base_url, timeout=10) as phone:
            for p, token, device in zip(passes, tokens, ("k0", "k1", "k2"), strict=True):
                register(phone, p, device, token)
        # Apple is unreachable: the updates wait in the outbox, tried and not delivered.
        stamp_cards(server, shop, {0: 2, 1: 1, 2: 1})
        stamp_cards(server, shop, {0: 1})
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with read(server.engine) as conn:
                tried = conn.execute(
                    select(func.count())
                    .select_from(WALLET_OUTBOX)
                    .where(WALLET_OUTBOX.c.attempts > 0)
                ).scalar_one()
            if tried == 3:
                break
            time.sleep(0.05)
        assert tried == 3
        os.kill(server.proc.pid, signal.SIGKILL)
        server.proc.wait()

        apns = start_standin("apns", tmp_path / "apns", port=port)
        restarted = start_server("sqlite", server.db_url, tmp_path / "server2.log")
        try:
            got = apns.wait_for(3, timeout_s=15)
            time.sleep(0.5)
            got = apns.received()
            assert sorted(str(r["token"]) for r in got) == sorted(tokens)
        finally:
            restarted.stop()
    finally:
        server.stop()
        if apns is not None:
            apns.stop()


def test_a_voided_card_tells_its_devices_and_its_pass_shows_void(
    wallet_server: ServerProcess, apns: StandIn, tmp_path: Path
) -> None:
    shop = add_shop(wallet_server.db_url, card_count=1)
    card = shop.cards[0]
    issued = issue_pass(wallet_server, card.qr_token, tmp_path)
    token = secrets.token_hex(32)
    with httpx.Client(base_url=wallet_server.base_url, timeout=10) as phone:
        register(phone, issued, "voided-phone", token)
        # What the card's lifecycle (deactivate, replace, erase) calls, in its transaction.
        with write(wallet_server.engine) as conn:
            mine = (CARDS.c.merchant_id == shop.merchant_id) & (CARDS.c.id == card.id)
            conn.execute(update(CARDS).where(mine).values(is_active=False))
            void_pass(conn, shop.merchant_id, card.id, datetime.now(UTC))
        deadline = time.monotonic() + 10
        while not pushes_to(apns, {token}) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(pushes_to(apns, {token})) == 1
        url = f"/passkit/v1/passes/{PASS_TYPE_ID}/{issued.serial}"
        latest = phone.get(url, headers=issued.auth)
    with zipfile.ZipFile(io.BytesIO(latest.content)) as zf:
        assert json.loads(zf.read("pass.json"))["voided"] is True


def test_pushes_go_over_tls_with_the_pass_certificate_as_the_client_identity(
    pki: Pki, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tls = ["--tls-cert", str(pki.tls_cert), "--tls-key", str(pki.tls_key)]
    tls += ["--client-ca", str(pki.wwdr), "--client-ca", str(pki.root)]
    apns = start_standin("apns", tmp_path / "apns", *tls)
    # The server trusts the throwaway root as it trusts Apple's in production.
    monkeypatch.setenv("SSL_CERT_FILE", str(pki.root))
    server = configured_server(pki, tmp_path, apns.url)
    try:
        shop = add_shop(server.db_url, card_count=1)
        issued = issue_pass(server, shop.cards[0].qr_token, tmp_path)
        token = secrets.token_hex(32)
        with httpx.Client(base_url=server.base_url, timeout=10) as phone:
            register(phone, issued, "tls-phone", token)
        stamp_cards(server, shop, {0: 1})
        [push] = apns.wait_for(1, timeout_s=15)
        assert (push["token"], push["status"], push["topic"]) == (token, 200, PASS_TYPE_ID)
        assert push["client"] == PASS_TYPE_ID  # the Pass Type ID certificate's UID
    finally:
        server.stop()
        apns.stop()


def test_a_new_reward_or_look_reaches_every_pass_of_the_program(
    wallet_server: ServerProcess, apns: StandIn, tmp_path: Path
) -> None:
    shop = add_shop(wallet_server.db_url, card_count=2)
    issued = [issue_pass(wallet_server, c.qr_token, tmp_path) for c in shop.cards]
    tokens = [secrets.token_hex(32) for _ in issued]
    with httpx.Client(base_url=wallet_server.base_url, timeout=10) as phone:
        for i, (p, token) in enumerate(zip(issued, tokens, strict=True)):
            register(phone, p, f"look-{i}", token)
        tag = phone.get(registrations_url("look-0")).json()["lastUpdated"]

        richer = dataclasses.replace(shop.program, stamp_reward="Free cake")
        with write(wallet_server.engine) as conn:
            admin.add_program(conn, richer, datetime.now(UTC))
        deadline = time.monotonic() + 10
        while len(pushes_to(apns, set(tokens))) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert sorted(str(r["token"]) for r in pushes_to(apns, set(tokens))) == sorted(tokens)
        changed = phone.get(registrations_url("look-0"), params={"passesUpdatedSince": tag})
        assert changed.json()["serialNumbers"] == [issued[0].serial]
        latest = phone.get(
            f"/passkit/v1/passes/{PASS_TYPE_ID}/{issued[0].serial}", headers=issued[0].auth
        )
        with zipfile.ZipFile(io.BytesIO(latest.content)) as zf:
            fields = json.loads(zf.read("pass.json"))["storeCard"]["secondaryFields"]
        assert fields[0]["value"] == "Free cake"

        # The merchant's colours change: every pass again.
        brand = ["wallet", "brand", shop.merchant_id, "--background", "#102030"]
        assert main([*brand, "--db", wallet_server.db_url]) == 0
        deadline = time.monotonic() + 10
        while len(pushes_to(apns, set(tokens))) < 4 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(pushes_to(apns, set(tokens))) == 4
