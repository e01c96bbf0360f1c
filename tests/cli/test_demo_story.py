"""`make demo` tells the whole story and ends well: the refusal reported, the journals intact."""

from __future__ import annotations

from pathlib import Path

import pytest

from pos_app.cli.demo_story import main


def test_the_demo_story_runs_to_its_happy_ending(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--dir", str(tmp_path), "--cards", "600"]) == 0
    out = capsys.readouterr().out
    assert "sync failed (ServerUnreachable): working offline" in out
    assert "1 applied, 1 refused" in out
    assert "refused (-300 points -> nothing) - Whole cake costs 300 points" in out
    assert out.count("chain intact") == 2
