"""The ingest benchmark runs end to end (tiny, on SQLite) and finds nothing lost or doubled."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.server.conftest import ROOT


def test_the_server_benchmark_runs_and_checks_the_database() -> None:
    args = ["--sqlite", "--terminals", "3", "--entries", "60", "--batch", "25"]
    args += ["--one-terminal-entries", "50", "--cards", "40"]
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks", "server", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["lost"] == 0 and report["doubled"] == 0
    assert report["entries"] == 180
    for key in ("entries_per_s", "p99_batch_ms", "one_terminal_entries_per_s"):
        assert report[key] > 0


def test_the_many_merchants_benchmark_runs_both_loads_and_checks_the_database() -> None:
    args = ["--sqlite", "--merchants", "3", "--merchant-terminals", "2"]
    args += ["--merchant-entries", "10", "--merchant-batch", "5", "--merchant-cards", "6"]
    args += ["--clients", "2"]
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks", "server", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["lost"] == 0 and report["doubled"] == 0
    assert report["entries"] == report["one_merchant_entries"] == 60
    for key in ("entries_per_s", "one_merchant_entries_per_s", "one_terminal_entries_per_s"):
        assert report[key] > 0
