"""Smoke test of `python -m benchmarks store` at toy size: its report and the store it builds.

No timing is asserted here (bars are for the benchmark's reader, on a quiet machine); what is
asserted is that the report has its keys and that the large store the benchmark builds is a
valid terminal database whose cards are exactly what their journal history makes them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from benchmarks.store import PROGRAM, cache_path, main
from pos_app.domain.operations import Context
from pos_app.domain.replay import replay
from pos_app.services.integrity import check_store
from pos_app.store import Store, open_store
from pos_app.store.cards import get_card
from pos_app.store.journal import iter_entries

CARDS, ENTRIES, OPS = 2000, 5000, 50
KEYS = {
    "p50_ms",
    "p99_ms",
    "raw_p50_ms",
    "raw_p99_ms",
    "ratio_vs_raw",
    "cards",
    "journal_entries",
    "build_s",
}


def run_benchmark(
    cache_dir: Path, capsys: pytest.CaptureFixture[str]
) -> tuple[int, dict[str, Any]]:
    args = ["--cards", str(CARDS), "--entries", str(ENTRIES), "--ops", str(OPS)]
    code = main([*args, "--cache-dir", str(cache_dir)])
    last_line = capsys.readouterr().out.strip().splitlines()[-1]
    result: dict[str, Any] = json.loads(last_line)
    return code, result


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("bench-cache")


@pytest.fixture
def built_store(cache_dir: Path) -> Iterator[Store]:
    store = open_store(cache_path(cache_dir, CARDS, ENTRIES, seed=1), create=False)
    yield store
    store.close()


def test_first_run_builds_the_store_and_reports_every_key(
    cache_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, result = run_benchmark(cache_dir, capsys)
    assert code == 0
    assert result.keys() >= KEYS
    assert (result["cards"], result["journal_entries"]) == (CARDS, ENTRIES)
    assert result["cached"] is False
    # Both paths' writes, appended during the run, verified as a chain and by card replay.
    assert result["verified"] is True
    assert result["ratio_vs_raw"] == pytest.approx(result["p99_ms"] / result["raw_p99_ms"], 0.01)


def test_second_run_reuses_the_cached_store_and_leaves_no_working_copy(
    cache_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, result = run_benchmark(cache_dir, capsys)
    assert code == 0
    assert result["cached"] is True
    assert result["journal_entries"] == ENTRIES
    leftovers = sorted(p.name for p in cache_dir.iterdir() if p.name.startswith("work-"))
    assert leftovers == []


def test_the_built_store_is_a_valid_terminal_database(built_store: Store) -> None:
    """Real schema (opened without migrating), an unbroken chain, cards equal to the replica."""
    report = check_store(built_store)
    assert report.chain.ok, report.chain.problem
    assert report.chain.entries == ENTRIES
    assert report.cards_checked == CARDS
    assert report.mismatched_cards == ()


def test_each_built_card_is_what_its_stamps_in_the_journal_make_it(built_store: Store) -> None:
    with built_store.read() as conn:
        history: dict[str, list[tuple[Any, Context]]] = {}
        for entry in iter_entries(conn):
            ctx = Context(datetime.fromisoformat(entry.local_time), entry.store_id)
            history.setdefault(entry.card_id, []).append((entry.op, ctx))
        card_ids = conn.exec_driver_sql("SELECT id FROM card_view").scalars().all()
        assert len(card_ids) == CARDS
        for card_id in card_ids:
            card = get_card(conn, card_id)
            assert card is not None
            blank = replace(
                card,
                stamp_count=0,
                total_stamps_earned=0,
                stamps_on_day=0,
                stamp_day=None,
                last_stamp_at=None,
                last_activity_at=None,
            )
            assert replay(blank, PROGRAM, history.get(card_id, [])).card == card
    assert sum(len(steps) for steps in history.values()) == ENTRIES
