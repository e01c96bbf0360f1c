"""Real broken disks for the command line's tests: a small tmpfs, mounted and unmounted here.

Mounting needs root (CAP_SYS_ADMIN), as the tests have in CI; elsewhere the tests that
need a disk of their own are skipped and say why.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


@contextmanager
def small_disk(at: Path, size_kib: int) -> Iterator[Path]:
    """A tmpfs of `size_kib` KiB mounted at `at` for the duration."""
    if os.geteuid() != 0:
        pytest.skip("a disk of its own (a tmpfs) can only be mounted as root")
    at.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size_kib}k,mode=0755", "tmpfs", str(at)],
        capture_output=True,
        text=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield at
    finally:
        subprocess.run(["umount", "-l", str(at)], check=True)


def make_read_only(disk: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)


def fill(disk: Path) -> None:
    """Write a file until the disk has no byte left."""
    chunk = b"\0" * 4096
    with (disk / "filler").open("wb", buffering=0) as f:
        try:
            while True:
                f.write(chunk)
        except OSError:
            pass
    assert os.statvfs(disk).f_bavail == 0
