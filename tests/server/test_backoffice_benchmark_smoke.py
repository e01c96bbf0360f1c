"""The back-office benchmark runs end to end at tiny sizes: builds its merchant, signs in
through the real form as owner and store manager, and times every page it names."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid

from tests.pg import drop_database
from tests.server.conftest import ROOT


def test_the_backoffice_benchmark_builds_reuses_and_times_every_page(pg_admin_url: str) -> None:
    name = f"loyalty_test_bench_{uuid.uuid4().hex[:10]}"
    args = ["--cards", "100", "--transactions", "1000", "--requests", "1", "--workers", "1"]
    args += ["--pg-admin-url", pg_admin_url, "--database", name]
    try:
        runs = [
            subprocess.run(
                [sys.executable, "-m", "benchmarks", "backoffice", *args, *extra],
                capture_output=True,
                text=True,
                cwd=ROOT,
                timeout=300,
                check=False,
            )
            for extra in ([], ["--direct"])
        ]
    finally:
        drop_database(pg_admin_url, pg_admin_url.rsplit("/", 1)[0] + "/" + name)
    for run in runs:
        assert run.returncode == 0, run.stdout + run.stderr
    http, direct = (json.loads(r.stdout.strip().splitlines()[-1]) for r in runs)
    assert "reusing database" in runs[1].stdout and not http["reused_database"]
    assert http["mode"] == "http" and http["missing_pages"] == []
    for report in (http, direct):
        assert (report["cards"], report["transactions"]) == (100, 1000)
        assert report["max_p95_ms"] == max(report["pages"].values()) > 0
    assert {p.split(":")[1] for p in http["pages"]} == {"owner", "manager"}
    assert {"day:owner", "day_csv:manager", "card:manager"} <= set(http["pages"])
