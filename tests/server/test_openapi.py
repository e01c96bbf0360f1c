"""The published contract: docs/openapi.json is the app's own, and the app keeps to it."""

from __future__ import annotations

import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from sync.server.openapi import render
from tests.server.client import Api
from tests.server.conftest import ROOT, make_merchant, pair_code, start_server

PUBLISHED = ROOT / "docs" / "openapi.json"


def test_the_published_openapi_is_the_app_s_own() -> None:
    assert PUBLISHED.read_text() == render(), (
        "docs/openapi.json is stale: regenerate it with "
        "`.venv/bin/python -m sync.server.openapi > docs/openapi.json`"
    )


def test_schemathesis_finds_no_server_error_and_no_schema_violation(tmp_path: Path) -> None:
    """Property-based calls from the published schema, bounded (about 10-20 s)."""
    cli = Path(sys.executable).with_name("schemathesis")
    if not cli.exists() and shutil.which("schemathesis") is None:
        pytest.fail("schemathesis is not installed in this environment")
    # Its own server: fuzzed bad tokens and codes must not rate-limit the shared one.
    server = start_server(
        "sqlite",
        f"sqlite:///{tmp_path / 'fuzz.db'}",
        tmp_path / "server.log",
        extra=("--auth-failures-per-minute", "1000000"),
    )
    try:
        merchant = make_merchant(server, card_count=5)
        api = Api(server.base_url)
        token = api.pair(pair_code(server, merchant.stores[0]), uuid.uuid4()).json()["token"]
        result = subprocess.run(
            [
                str(cli) if cli.exists() else "schemathesis",
                "--config-file",
                str(Path(__file__).with_name("schemathesis.toml")),
                "run",
                str(PUBLISHED),
                "--url",
                server.base_url,
                "-H",
                f"Authorization: Bearer {token}",
                "--max-examples",
                "25",
                "--seed",
                "20261125",
                "--report-dir",
                str(tmp_path / "reports"),
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    finally:
        server.stop()
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
