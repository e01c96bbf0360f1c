"""The server that runs beside a one-counter shop's terminal keeps its files to this user."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from pos_app.services.embedded_server import start_embedded_server
from pos_app.store.private_files import companions


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_its_database_and_folder_are_private(tmp_path: Path) -> None:
    old_umask = os.umask(0o022)
    try:
        server = start_embedded_server(tmp_path / "demo", demo_cards=3)
    finally:
        os.umask(old_umask)
    try:
        files = [path for path in companions(tmp_path / "demo" / "server.db") if path.exists()]
        modes = {path.name: _mode(path) for path in files}
    finally:
        server.stop()
    assert _mode(tmp_path / "demo") == 0o700
    assert modes["server.db"] == 0o600
    assert set(modes.values()) == {0o600}
