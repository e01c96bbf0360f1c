"""An offscreen screen of a chosen size, for screenshots and layout tests: Qt's offscreen
platform reads its screens from a JSON file named in the platform argument."""

from __future__ import annotations

import json
from pathlib import Path


def offscreen_platform(folder: Path, width: int, height: int) -> str:
    """The QT_QPA_PLATFORM value for one offscreen screen of width x height pixels (set
    QT_SCALE_FACTOR beside it for a high-DPI screen)."""
    config = folder / f"offscreen-{width}x{height}.json"
    screen = {"name": f"{width}x{height}", "x": 0, "y": 0, "width": width, "height": height}
    screen |= {"logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}
    config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    return f"offscreen:configfile={config}"
