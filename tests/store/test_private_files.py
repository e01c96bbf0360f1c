"""The terminal database holds the terminal's token: it, its -wal and -shm files and the
folder made for it are for this user alone, whatever the umask."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from pos_app.store import open_store
from pos_app.store.private_files import companions
from tests.cli.test_cli import Terminal


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def permissive_umask() -> Iterator[None]:
    """The usual umask (022), which lets everyone read what SQLite creates by default."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_a_new_terminal_database_and_its_folder_are_private(tmp_path: Path) -> None:
    db = tmp_path / "data" / "loyalty-pos" / "terminal.db"
    made = Terminal(db).run("init", "--demo", "--demo-cards", "2")
    assert made.returncode == 0, made.stderr
    assert _mode(db) == 0o600
    assert _mode(db.parent) == 0o700


def test_its_wal_and_shm_files_are_private_too(tmp_path: Path) -> None:
    store = open_store(tmp_path / "terminal.db")
    try:
        with store.write() as conn:  # a write makes SQLite create both
            conn.exec_driver_sql("CREATE TABLE scratch (x)")
        modes = {path.name: _mode(path) for path in companions(store.path)}
    finally:
        store.close()
    assert modes == {"terminal.db": 0o600, "terminal.db-wal": 0o600, "terminal.db-shm": 0o600}


def test_a_database_readable_by_others_is_made_private_when_opened(tmp_path: Path) -> None:
    db = tmp_path / "terminal.db"
    assert Terminal(db).run("init", "--demo", "--demo-cards", "2").returncode == 0
    db.chmod(0o644)  # as every earlier version created it
    shown = Terminal(db).run("card", "list")
    assert shown.returncode == 0, shown.stderr
    assert _mode(db) == 0o600


def test_an_existing_folder_is_left_as_it_is(tmp_path: Path) -> None:
    """It may be shared (like /tmp): closing it is not the terminal's business."""
    tmp_path.chmod(0o755)
    assert Terminal(tmp_path / "terminal.db").run("init", "--demo").returncode == 0
    assert _mode(tmp_path) == 0o755
