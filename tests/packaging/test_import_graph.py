"""The terminal never loads the server's stack and the server never loads Qt or OpenCV.

Each side's every module is imported in a fresh interpreter, and what came along is read
from sys.modules: this is what lets `loyalty-pos[terminal]` and `loyalty-pos[server]` install
apart (tests/packaging/test_wheel.py installs each for real).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import importlib, json, pkgutil, sys
packages = sys.argv[1].split(",")
for top in packages:
    package = importlib.import_module(top)
    for info in pkgutil.walk_packages(getattr(package, "__path__", []), top + "."):
        if not info.name.endswith("__main__") and ".migrations" not in info.name:
            importlib.import_module(info.name)
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})))
"""


def loaded(packages: list[str]) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, ",".join(packages)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    found: list[str] = json.loads(result.stdout.splitlines()[-1])
    return set(found)


def test_the_terminal_never_imports_the_server_stack() -> None:
    # Alembic's scripts (migrations) are run by Alembic and `__main__` modules run, so
    # neither is imported.
    terminal = loaded(["pos_app", "sync.engine", "sync.protocol"])
    assert "PySide6" in terminal  # the probe did load the window
    assert terminal.isdisjoint({"fastapi", "starlette", "uvicorn", "psycopg"})
    assert "sync" in terminal


def test_the_server_never_imports_qt_or_opencv() -> None:
    server = loaded(["sync.server", "sync.protocol", "pos_app.domain"])
    assert "fastapi" in server
    assert server.isdisjoint({"PySide6", "shiboken6", "cv2", "numpy", "zxingcpp", "pyzbar"})
