"""Smoke test of `python -m benchmarks soak` at toy size: the real window in its own
process, signed in, the demo camera unpaced, then closed; its report has every key.

No bar is asserted here (the run is far too short for the memory figure to mean much);
what is asserted is that the run goes end to end and reports what it saw: the window was
alive to the close, read the frames asked for, and its process exited with status 0.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from benchmarks.soak import main

KEYS = {"frames", "alive", "none_refcount_drift", "rss_growth_mb", "exit_code"}


def test_a_short_soak_runs_the_window_to_a_normal_close_and_reports_every_key(
    capsys: pytest.CaptureFixture[str],
) -> None:
    main(["--frames", "400", "--warmup", "100", "--timeout", "180"])
    out = capsys.readouterr().out.strip().splitlines()
    result: dict[str, Any] = json.loads(out[-1])
    assert result.keys() >= KEYS
    assert result["alive"] is True
    assert result["exit_code"] == 0
    assert result["frames"] >= 400
    assert isinstance(result["none_refcount_drift"], int)
    assert isinstance(result["rss_growth_mb"], float)
    assert out[0].split() == [
        "mark",
        "frames",
        "previews",
        "scans",
        "None",
        "True",
        "False",
        "rss_mb",
    ]
