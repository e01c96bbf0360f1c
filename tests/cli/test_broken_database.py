"""A terminal database SQLite cannot use: exit 4, one line naming the file and what to do,
and nothing written. Every case is a real fault on a real file: damaged pages, a full disk,
a read-only file, a read-only file system."""

from __future__ import annotations

import hashlib
import os
import random
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.disks import fill, make_read_only, small_disk
from tests.cli.test_cli import BAKERY, COFFEE, Terminal

WRITING = (("stamp", COFFEE), ("earn", BAKERY, "12.50"), ("enroll", "--program", "bakery"))
READING = (("card", "list"), ("verify-journal",), ("journal",))


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _fails_with_one_line(result: subprocess.CompletedProcess[str], db: Path, words: str) -> None:
    assert result.returncode == 4, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"error: {db} "), lines[0]
    assert words in lines[0], lines[0]


def _new_terminal(db: Path, cards: int = 20) -> Terminal:
    terminal = Terminal(db)
    made = terminal.run("init", "--demo", "--demo-cards", str(cards))
    assert made.returncode == 0, made.stderr
    return terminal


def test_damaged_pages_are_named_and_nothing_is_written(tmp_path: Path) -> None:
    t = _new_terminal(tmp_path / "terminal.db", cards=300)
    assert t.run("earn", BAKERY, "10").returncode == 0
    pages = t.db.stat().st_size // 4096
    noise = random.Random(13)
    with t.db.open("r+b") as f:  # every page of the middle half, as a failing disk
        for page in range(pages // 4, pages * 3 // 4):
            f.seek(page * 4096 + 100)
            f.write(noise.randbytes(3000))
    before = _digest(t.db)
    for command in (*WRITING, *READING):
        result = t.run(*command)
        _fails_with_one_line(result, t.db, "is damaged (database disk image is malformed)")
        assert "restore it from a backup" in result.stderr
        assert "docs/operators.md" in result.stderr
    assert _digest(t.db) == before


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Path]:
    with small_disk(tmp_path / "disk", size_kib=1024) as mounted:
        yield mounted


def test_a_full_disk_says_so_and_nothing_is_written(disk: Path) -> None:
    t = _new_terminal(disk / "terminal.db")
    fill(disk)
    before = _digest(t.db)
    for command in WRITING:
        result = t.run(*command)
        _fails_with_one_line(result, t.db, "cannot be written: the disk is full")
        assert "free space and try again" in result.stderr
    assert _digest(t.db) == before


def test_a_read_only_file_system_says_so_and_nothing_is_written(disk: Path) -> None:
    t = _new_terminal(disk / "terminal.db")
    before = _digest(t.db)
    make_read_only(disk)
    for command in (*WRITING, *READING):
        result = t.run(*command)
        _fails_with_one_line(result, t.db, "is on a read-only file system")
        assert "mount it read-write" in result.stderr
    assert _digest(t.db) == before


@pytest.fixture
def read_only_file(tmp_path: Path) -> Iterator[Terminal]:
    """A terminal database with mode 0444 that this user cannot write.

    Root writes any file whatever its mode, so as root the file is also made immutable
    (`chattr +i`), which holds for root too.
    """
    t = _new_terminal(tmp_path / "terminal.db")
    t.db.chmod(0o444)
    immutable = os.geteuid() == 0
    if immutable:
        made = subprocess.run(
            ["chattr", "+i", str(t.db)], capture_output=True, text=True, check=False
        )
        if made.returncode != 0:
            pytest.skip(f"root writes a 0444 file, and chattr +i failed: {made.stderr.strip()}")
    try:
        yield t
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(t.db)], check=True)


def test_a_read_only_file_says_so_and_nothing_is_written(read_only_file: Terminal) -> None:
    t = read_only_file
    before = _digest(t.db)
    for command in WRITING:
        result = t.run(*command)
        _fails_with_one_line(result, t.db, "is read-only (attempt to write a readonly database)")
        assert "let this user write the file" in result.stderr
    assert _digest(t.db) == before
    assert t.run("card", "list").returncode == 0  # reading it still works


def test_an_export_that_cannot_be_written_says_why_in_one_line_and_leaves_no_file(
    disk: Path, tmp_path: Path
) -> None:
    t = _new_terminal(tmp_path / "terminal.db", cards=2)
    assert t.run("stamp", COFFEE).returncode == 0
    earlier = disk / "earlier.csv"
    earlier.write_text("yesterday's export\n")
    fill(disk)
    for out, why in (
        (tmp_path / "no-such-folder" / "journal.csv", "No such file or directory"),
        (disk / "journal.csv", "No space left on device"),
        (earlier, "No space left on device"),
    ):
        result = t.run("export", "--out", str(out))
        assert result.returncode == 7, result.stderr
        assert result.stderr.strip().splitlines() == [
            f"error: cannot write {out}: {why}; choose a file you can write"
        ]
    assert sorted(p.name for p in disk.iterdir()) == ["earlier.csv", "filler"]
    assert earlier.read_text() == "yesterday's export\n"
