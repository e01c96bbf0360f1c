"""The wallet benchmark runs end to end (tiny, on SQLite) and reports its keys."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.server.conftest import ROOT


def test_the_wallet_benchmark_runs() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks",
            "wallet",
            "--sqlite",
            "--cards",
            "10",
            "--passes",
            "5",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["pushes_per_changed_card"] == 1.0 and report["distinct_devices_reached"] == 10
    assert report["passes_per_s"] > 0 and report["push_p95_s"] > 0
