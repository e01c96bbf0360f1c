"""Smoke test of `python -m benchmarks sync` at toy size, on SQLite: its report, and no loss.

No timing is asserted (the bars are for the benchmark's reader, on a quiet machine). What is
asserted is that the run goes end to end against a real server process — set-up through
the server's CLI, pairing, `perform()`, batched and one-per-request `push`, a bulk-loaded
merchant and a first `pull` — and that its own verification found nothing lost or doubled.
"""

from __future__ import annotations

import json

import pytest

from benchmarks.sync import main

ENTRIES, CARDS = 200, 2000
KEYS = {"push_10k_s", "naive_10k_s", "ratio_vs_naive", "pull_1m_s", "entries", "cards", "backend"}


def test_a_tiny_run_reports_every_key_and_loses_nothing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(["--sqlite", "--entries", str(ENTRIES), "--cards", str(CARDS)])

    out = capsys.readouterr().out.strip().splitlines()
    result = json.loads(out[-1])
    assert code == 0, "\n".join(out)
    assert result.keys() >= KEYS
    assert (result["entries"], result["cards"], result["backend"]) == (ENTRIES, CARDS, "sqlite")
    # Every entry of both terminals answered, and applied: the program has no limits.
    assert result["push_statuses"] == {"applied": ENTRIES}
    assert result["naive_statuses"] == {"applied": ENTRIES}
    assert result["pulled_cards"] == CARDS
    assert result["verified"] is True
    assert result["ratio_vs_naive"] == pytest.approx(
        result["naive_10k_s"] / result["push_10k_s"], rel=0.05
    )
    # A table came before the JSON line, with a row per measurement.
    assert any(line.startswith("push (batch") for line in out)
    assert any(line.startswith("first pull") for line in out)
