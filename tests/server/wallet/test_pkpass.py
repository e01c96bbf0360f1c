"""An Apple Wallet pass as Apple specifies it, made by `loyalty-server wallet-pass`, and the
operator's `wallet configure` / `wallet check` that it needs first."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import zipfile
from pathlib import Path

import pytest

from pos_app.domain.identifiers import CardRef, format_card_number
from pos_app.scanner.payload import parse_scan
from sync.server.cli import main
from tests.server.wallet.conftest import add_shop
from tests.server.wallet.pki import PASS_TYPE_ID, TEAM_ID, Pki, configure_args, make_pki

PUBLIC = "https://loyalty.example.test"


def cli(db_url: str, *args: str) -> int:
    return main([*args, "--db", db_url])


def openssl_verify(signature: Path, content: Path, root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            "openssl", "smime", "-verify", "-binary", "-inform", "DER",
            "-in", str(signature), "-content", str(content),
            "-CAfile", str(root), "-purpose", "any", "-out", os.devnull,
        ],
        capture_output=True, text=True, check=False, timeout=30,
    )  # fmt: skip


def test_a_cards_pass_is_signed_by_the_pass_certificate_with_the_wwdr_chain(
    db_url: str, pki: Pki, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shop = add_shop(db_url)
    card = shop.cards[0]
    assert cli(db_url, "wallet", "configure", *configure_args(pki, PUBLIC)) == 0
    assert cli(db_url, "wallet", "check") == 0
    assert "problem" not in capsys.readouterr().out

    out = tmp_path / "card.pkpass"
    assert cli(db_url, "wallet-pass", format_card_number(card.card_number), "--out", str(out)) == 0
    unpacked = tmp_path / "unpacked"
    with zipfile.ZipFile(out) as zf:
        names = set(zf.namelist())
        zf.extractall(unpacked)
    assert {"pass.json", "manifest.json", "signature", "icon.png", "icon@2x.png"} <= names

    manifest = json.loads((unpacked / "manifest.json").read_text())
    assert set(manifest) == names - {"manifest.json", "signature"}
    for name, digest in manifest.items():
        assert hashlib.sha1((unpacked / name).read_bytes()).hexdigest() == digest

    verified = openssl_verify(unpacked / "signature", unpacked / "manifest.json", pki.root)
    assert verified.returncode == 0, verified.stderr
    certs = subprocess.run(
        ["openssl", "pkcs7", "-inform", "DER", "-in", str(unpacked / "signature"), "-print_certs"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert "Worldwide Developer Relations" in certs and PASS_TYPE_ID in certs

    body = json.loads((unpacked / "pass.json").read_text())
    assert body["passTypeIdentifier"] == PASS_TYPE_ID and body["teamIdentifier"] == TEAM_ID
    # Random and unique server-wide (a card id is only its merchant's own).
    assert len(body["serialNumber"]) == 32 and card.id not in body["serialNumber"]
    assert len(body["authenticationToken"]) >= 16
    assert body["webServiceURL"] == f"{PUBLIC}/passkit"
    assert body["organizationName"] == "Harbour Coffee"
    # The bare token: a smaller QR than the link, and any terminal's scanner reads it as
    # the card, whatever host the link would have named.
    assert body["barcodes"][0]["message"] == card.qr_token
    assert parse_scan(body["barcodes"][0]["message"]) == CardRef.token(card.qr_token)
    assert {"key": "link", "label": "Your card online", "value": f"{PUBLIC}/c/{card.qr_token}"} in (
        body["storeCard"]["backFields"]
    )
    stamps = body["storeCard"]["primaryFields"][0]
    assert stamps["value"] == f"{card.stamp_count % 8} of 8"

    # Asked again, the same pass identity: a device that has it keeps being served.
    again = tmp_path / "again.pkpass"
    assert main(["wallet-pass", "--out", str(again), "--db", db_url, "--", card.qr_token]) == 0
    with zipfile.ZipFile(again) as zf:
        second = json.loads(zf.read("pass.json"))
    assert second["authenticationToken"] == body["authenticationToken"]

    # A manifest changed after signing no longer verifies.
    (unpacked / "manifest.json").write_text(json.dumps({**manifest, "pass.json": "0" * 40}))
    assert openssl_verify(unpacked / "signature", unpacked / "manifest.json", pki.root).returncode


def test_configure_refuses_what_would_not_work_and_saves_nothing(
    db_url: str, pki: Pki, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = make_pki(tmp_path / "other")
    args = configure_args(pki, PUBLIC)
    wrong_wwdr = [*args, "--apple-wwdr", str(other.wwdr)]
    assert cli(db_url, "wallet", "configure", *wrong_wwdr) == 1
    assert "not issued by the given WWDR" in capsys.readouterr().err
    wrong_key = [*args, "--apple-key", str(other.key)]
    assert cli(db_url, "wallet", "configure", *wrong_key) == 1
    assert "key does not belong" in capsys.readouterr().err
    os.chmod(pki.key, 0o644)
    try:
        assert cli(db_url, "wallet", "configure", *args) == 1
        assert "chmod 600" in capsys.readouterr().err
    finally:
        os.chmod(pki.key, 0o600)
    assert cli(db_url, "wallet", "check") == 1
    assert "not configured" in capsys.readouterr().out


def test_check_warns_of_a_certificate_that_runs_out(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    short = make_pki(tmp_path / "short", pass_days=10)
    assert cli(db_url, "wallet", "configure", *configure_args(short, PUBLIC)) == 1
    assert "renew it now" in capsys.readouterr().err


def test_a_pass_of_an_unknown_card_is_a_clear_error(
    db_url: str, pki: Pki, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_shop(db_url)
    assert cli(db_url, "wallet", "configure", *configure_args(pki, PUBLIC)) == 0
    out = tmp_path / "x.pkpass"
    assert cli(db_url, "wallet-pass", "0000-0000-0000", "--out", str(out)) == 1
    assert "no card" in capsys.readouterr().err and not out.exists()
