"""An iPhone's side of the PassKit web service, for tests: get a pass, register for it."""

from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

import httpx

from sync.server.cli import main
from tests.server.conftest import ServerProcess
from tests.server.wallet.pki import PASS_TYPE_ID


@dataclass(frozen=True)
class IssuedPass:
    serial: str
    token: str
    body: dict[str, object]

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"ApplePass {self.token}"}


def issue_pass(server: ServerProcess, qr_token: str, tmp: Path) -> IssuedPass:
    """The card's pass as `loyalty-server wallet-pass` writes it."""
    out = tmp / f"{qr_token}.pkpass"
    # A token may begin with "-": after "--" it is not read as an option.
    assert main(["wallet-pass", "--out", str(out), "--db", server.db_url, "--", qr_token]) == 0
    with zipfile.ZipFile(out) as zf:
        body: dict[str, object] = json.loads(zf.read("pass.json"))
    return IssuedPass(str(body["serialNumber"]), str(body["authenticationToken"]), body)


def registrations_url(device: str) -> str:
    return f"/passkit/v1/devices/{device}/registrations/{PASS_TYPE_ID}"


def register(phone: httpx.Client, issued: IssuedPass, device: str, push_token: str) -> None:
    response = phone.post(
        f"{registrations_url(device)}/{issued.serial}",
        json={"pushToken": push_token},
        headers=issued.auth,
    )
    assert response.status_code == 201, response.text
