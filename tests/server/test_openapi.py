"""The published contract: docs/openapi.json is the app's own, and the app keeps to it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from sync.server.openapi import render
from tests.pg import create_database, drop_database, pg_admin_url  # noqa: F401
from tests.server.client import Api
from tests.server.conftest import ROOT, make_merchant, pair_code, start_server

PUBLISHED = ROOT / "docs" / "openapi.json"


def test_the_published_openapi_is_the_app_s_own() -> None:
    assert PUBLISHED.read_text() == render(), (
        "docs/openapi.json is stale: regenerate it with "
        "`.venv/bin/python -m sync.server.openapi > docs/openapi.json`"
    )


@pytest.fixture(params=["sqlite", "postgres"])
def fuzz_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """A database of the fuzzer's own: its refused codes and tokens count against every
    server on that database (the rate limit is shared), so never the shared test server's."""
    if request.param == "sqlite":
        yield "sqlite", f"sqlite:///{tmp_path / 'fuzz.db'}"
        return
    admin_url = request.getfixturevalue("pg_admin_url")
    url = create_database(admin_url)
    try:
        yield "postgres", url
    finally:
        drop_database(admin_url, url)


def test_schemathesis_finds_no_server_error_and_no_schema_violation(
    fuzz_db: tuple[str, str], tmp_path: Path
) -> None:
    """Property-based calls from the published schema, stateful along its links (pair, then
    push and pull with the new token, then look up the cards they name), bounded."""
    cli = Path(sys.executable).with_name("schemathesis")
    if not cli.exists() and shutil.which("schemathesis") is None:
        pytest.fail("schemathesis is not installed in this environment")
    backend, db_url = fuzz_db
    server = start_server(
        backend, db_url, tmp_path / "server.log", extra=("--auth-failures-per-minute", "1000000")
    )
    try:
        merchant = make_merchant(server, card_count=5)
        api = Api(server.base_url)
        token = api.pair(pair_code(server, merchant.stores[0]), uuid.uuid4()).json()["token"]
        env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "SCHEMATHESIS_HOOKS": "tests.server.schemathesis_hooks",
            "LOYALTY_FUZZ_DB": db_url,
            "LOYALTY_FUZZ_STORE": merchant.stores[0],
        }
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
            env=env,
            cwd=ROOT,
        )
    finally:
        server.stop()
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
