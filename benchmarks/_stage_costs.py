"""What each candidate stage of `auto` costs on an empty 720p frame: one committed table.

The stage selection keeps a pipeline within a budget per empty frame, so the costs
decide what is kept near the budget. Timed afresh on a shared machine they moved by
2x between runs (other jobs on the core), and reruns kept different stages. The table
is measured once, on one pinned core, as the fastest of many interleaved rounds (load
only ever adds time, and interleaving spreads a busy spell over every stage alike),
and committed: every run then chooses from the same numbers, and a change of the
numbers is a reviewed change (`python -m benchmarks decode --measure-costs`).
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Sequence
from pathlib import Path

from pos_app.scanner.decoders import Image, as_gray
from pos_app.scanner.decoders.auto import Stage

COSTS_PATH = Path(__file__).with_name("stage_costs.json")
ROUNDS = 15


class MissingCostError(LookupError):
    """A candidate stage the committed table does not price."""


def measure(
    stages: Sequence[Stage], frames: Sequence[Image], rounds: int = ROUNDS
) -> dict[str, float]:
    """Per stage: the median over `frames` of its fastest of `rounds` runs, in ms."""
    grays = [as_gray(frame) for frame in frames]
    fastest = {(s.label, i): float("inf") for s in stages for i in range(len(grays))}
    for _ in range(rounds):
        for stage in stages:
            for i, gray in enumerate(grays):
                start = time.perf_counter()
                stage.decoder.decode(stage.preprocess(gray))
                ms = (time.perf_counter() - start) * 1000
                fastest[stage.label, i] = min(fastest[stage.label, i], ms)
    return {
        s.label: round(statistics.median(fastest[s.label, i] for i in range(len(grays))), 3)
        for s in stages
    }


def save(costs: dict[str, float], how: str, path: Path = COSTS_PATH) -> None:
    body = {"measured": how, "ms_per_empty_720p_frame": dict(sorted(costs.items()))}
    path.write_text(json.dumps(body, indent=2) + "\n", encoding="utf-8")


def committed(stages: Sequence[Stage], path: Path = COSTS_PATH) -> dict[str, float]:
    """The committed cost of every stage in `stages`."""
    table: dict[str, float] = {}
    if path.is_file():
        table = json.loads(path.read_text(encoding="utf-8"))["ms_per_empty_720p_frame"]
    missing = [s.label for s in stages if s.label not in table]
    if missing:
        raise MissingCostError(
            f"{path.name} has no cost for {', '.join(missing)}: "
            "run `python -m benchmarks decode --measure-costs` on a quiet core and commit it"
        )
    return {s.label: float(table[s.label]) for s in stages}
