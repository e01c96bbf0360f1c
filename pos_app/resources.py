"""Where the terminal's files (style sheet, icons, sounds, demo video, self-test image) are.

From the source tree they are in `resources/` at the repository root; in the PyInstaller
bundle (build.spec) the same folder sits in the bundle's data directory, `sys._MEIPASS`.
Qt-free, so the scanner side can use it too.
"""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[1] / "resources"


def resource_path(*parts: str) -> Path:
    """`resource_path("icons", "app.svg")`: a file under resources/ (it may not exist)."""
    return resources_dir().joinpath(*parts)
