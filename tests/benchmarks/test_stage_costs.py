"""The committed stage-cost table: every candidate priced, and nothing chosen on a guess."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks import _stage_costs as stage_costs
from benchmarks._stage_selection import candidate_stages
from pos_app.scanner.decoders import preprocess as pre
from pos_app.scanner.decoders.auto import DEFAULT_STAGES, Stage
from pos_app.scanner.decoders.zxing import ZxingDecoder
from tests.scanner.scenes import counter_scene


def test_the_committed_table_prices_every_candidate_and_every_shipped_stage() -> None:
    costs = stage_costs.committed([*candidate_stages(), *DEFAULT_STAGES])

    assert all(ms > 0 for ms in costs.values())


def test_a_stage_the_table_does_not_price_is_refused_with_how_to_price_it(tmp_path: Path) -> None:
    table = tmp_path / "costs.json"
    stage_costs.save({"zxing(unchanged)": 1.0}, "by hand", table)
    priced, unpriced = Stage(pre.unchanged, ZxingDecoder()), Stage(pre.half_size, ZxingDecoder())

    assert stage_costs.committed([priced], table) == {"zxing(unchanged)": 1.0}
    with pytest.raises(stage_costs.MissingCostError, match=r"zxing\(half_size\).*--measure-costs"):
        stage_costs.committed([priced, unpriced], table)


def test_measuring_times_every_stage_on_every_frame_and_writes_a_readable_table(
    tmp_path: Path,
) -> None:
    stages = [Stage(pre.unchanged, ZxingDecoder()), Stage(pre.half_size, ZxingDecoder())]
    costs = stage_costs.measure(stages, [counter_scene(seed=1)], rounds=2)
    table = tmp_path / "costs.json"
    stage_costs.save(costs, "test", table)

    assert set(costs) == {"zxing(unchanged)", "zxing(half_size)"}
    assert json.loads(table.read_text())["measured"] == "test"
    assert stage_costs.committed(stages, table) == costs
