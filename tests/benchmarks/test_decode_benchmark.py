"""Smoke test of `python -m benchmarks decode` at toy size: every key, and no wrong card.

Two photos of each shared set stand in for the sets (three folds still), one phone scene
per condition and one video; no figure is asserted except what cannot be noise.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from benchmarks.decode import SHARED_SETS, default_dirs, main

KEYS = {
    "accuracy",
    "heldout_accuracy",
    "phone_screen_accuracy",
    "phone_screen_accuracy_by_condition",
    "frames_to_first_read_p95",
    "misreads",
    "ms_per_720p_frame",
    "p95_frame_to_card_ms",
    "stages_kept_by_cv",
    "stages_shipped",
}


def test_a_tiny_run_reports_every_key_and_reads_no_wrong_card(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sets = default_dirs()
    if not sets:
        pytest.skip(f"the real-photo sets are absent: expected {SHARED_SETS}/*")
    for folder in sets:
        small = tmp_path / folder.name
        small.mkdir()
        for photo in sorted(folder.glob("*.png"))[:6]:
            if photo.with_suffix(".txt").is_file() and len(list(small.glob("*.png"))) < 2:
                shutil.copy(photo, small)
                shutil.copy(photo.with_suffix(".txt"), small)
    dirs = [str(tmp_path / folder.name) for folder in sets]
    args = ["--phone-scenes", "1", "--tuning-scenes", "1", "--videos", "1", "--repeat", "1"]
    args += ["--qr-frames", "8"]

    code = main([*dirs, *args, "--cards", "50"])

    out = capsys.readouterr().out.strip().splitlines()
    result = json.loads(out[-1])
    assert code == 0, "\n".join(out)
    assert result.keys() >= KEYS
    assert result["total"] == 2 * len(sets)
    assert set(result["heldout_accuracy"]) >= {"auto", "zxing", "opencv"}
    assert result["misreads"] == 0
    assert 0 < result["phone_screen_accuracy"] <= 1
    assert 1 <= result["frames_to_first_read_p95"] <= 11
    assert result["stages_shipped"][0] == "zxing+retry-more(unchanged)"
    assert any(line.startswith("held out") for line in out)
    assert any(line.startswith("far (35-40 cm)") for line in out)
