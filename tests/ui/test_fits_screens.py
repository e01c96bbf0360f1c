"""The window fits common screens: at 1024x768, 1366x768, 1920x1080 and 1920x1080 at scale
factor 2 (a 960x540 screen to the window), every screen and dialog shown maximised has each
action, the undo, the lock, the clock and the status bar wholly on the screen, unclipped by
any parent and not squeezed below what its text needs.

The screen's size and scale factor are fixed when QApplication starts, so each size runs
tests/ui/fit_probe.py in its own process on an offscreen screen of that size (the offscreen
platform reads its screens from a JSON file: `offscreen:configfile=...`).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from pos_app.store import Store
from pos_app.ui.main_window import MainWindow
from pos_app.ui.offscreen import offscreen_platform
from pos_app.ui.style import COMPACT_BELOW

WINDOW_STATES = ("first run", "sign-in", "counter", "counter, points card")
PROBE = Path(__file__).with_name("fit_probe.py")
SCREENS = {
    "1024x768": (1024, 768, 1),
    "1366x768": (1366, 768, 1),
    "1920x1080": (1920, 1080, 1),
    "1920x1080 at scale 2": (1920, 1080, 2),
}


@cache
def probe(screen: str, tmp: Path, language: str = "en") -> dict[str, Any]:
    width, height, scale = SCREENS[screen]
    work = tmp / f"work-{width}x{height}x{scale}-{language}"
    shots = tmp / f"shots-{width}x{height}x{scale}-{language}"
    shots.mkdir()
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": offscreen_platform(tmp, width, height),
        "QT_SCALE_FACTOR": str(scale),
        "LOYALTY_POS_LANGUAGE": language,
        "FIT_PROBE_SHOTS": str(shots),
    }
    work.mkdir()
    done = subprocess.run(
        [sys.executable, str(PROBE), str(work)],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


@pytest.fixture(scope="module")
def tmp(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("screens")


@pytest.mark.parametrize("screen", SCREENS)
def test_every_control_of_every_screen_and_dialog_is_wholly_visible(screen: str, tmp: Path) -> None:
    result = probe(screen, tmp)
    width, height, scale = SCREENS[screen]
    assert result["screen"] == [width // scale, height // scale]
    assert result["ratio"] == scale
    assert len(result["screens"]) >= 12  # first run, sign-in, counter, every dialog
    problems = {name: s["problems"] for name, s in result["screens"].items() if s["problems"]}
    assert problems == {}


def test_text_40_percent_longer_and_accented_still_fits_a_laptop_screen(tmp: Path) -> None:
    """The pseudo-language (every translatable text accented and 40 % longer, as German or
    French run) at 1366x768: nothing clipped, squeezed or off the screen. Its screenshots are
    in the test's temporary folder (shots-1366x768x1-pseudo) to look at."""
    result = probe("1366x768", tmp, "pseudo")
    assert len(result["screens"]) >= 12
    problems = {name: s["problems"] for name, s in result["screens"].items() if s["problems"]}
    assert problems == {}


def test_a_full_hd_screen_keeps_the_regular_look(tmp: Path) -> None:
    screens = probe("1920x1080", tmp)["screens"]
    assert not any(s["compact"] for s in screens.values())


@pytest.mark.parametrize("screen", ["1024x768", "1920x1080 at scale 2"])
def test_a_small_screen_gets_the_compact_look(screen: str, tmp: Path) -> None:
    screens = probe(screen, tmp)["screens"]
    assert all(s["compact"] for s in screens.values())


def test_the_regular_look_fits_below_the_compact_threshold(tmp: Path) -> None:
    """So a window made smaller by hand turns compact before anything is cut off."""
    screens = probe("1920x1080", tmp)["screens"]
    window = {name: s["minimum"] for name, s in screens.items() if name in WINDOW_STATES}
    for name, (width, height) in window.items():
        assert width <= COMPACT_BELOW.width() and height <= COMPACT_BELOW.height(), name


def test_the_window_opens_no_bigger_than_its_screen(qtbot: QtBot, demo_store: Store) -> None:
    """Shown without a window manager to maximise it (a kiosk), it still fits the screen."""
    window = MainWindow(demo_store.path, demo_store, camera="")
    qtbot.addWidget(window)
    room = window.screen().availableGeometry()
    assert room.width() < 1366  # the offscreen test screen: smaller than a laptop's
    window.show()
    qtbot.waitExposed(window)
    assert room.contains(window.frameGeometry())
    window.shutdown()
