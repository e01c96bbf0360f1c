"""The PyInstaller bundle (build.spec) builds and passes its own --self-test.

It runs the way a counter PC would: no Python environment (clean variables, no
PYTHONPATH), from an unrelated folder, offscreen. The build takes one to two minutes; a
`dist/loyalty-pos` newer than every file it is made from (the sources, resources, spec,
and the virtualenv's installed packages) is reused, so running the test again right after
`make bundle` costs only the self-test. `rm -rf dist` forces a build.
"""

from __future__ import annotations

import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "dist"
BUNDLE = DIST / "loyalty-pos"
PROGRAM = BUNDLE / "loyalty-pos"
# What the bundle is made from; a change to any of them means a rebuild.
SOURCES = ("build.spec", "bundle", "pos_app", "sync", "pyproject.toml")

pytestmark = pytest.mark.slow


def newest_source() -> float:
    # The folder's own time changes whenever a package is installed, upgraded or removed.
    newest = Path(sysconfig.get_paths()["purelib"]).stat().st_mtime
    for name in SOURCES:
        path = ROOT / name
        files = [path] if path.is_file() else path.rglob("*")
        for f in files:
            if f.is_file() and "__pycache__" not in f.parts:
                newest = max(newest, f.stat().st_mtime)
    return newest


def bundle_is_fresh() -> bool:
    """Built after the last change to anything it is made from."""
    return PROGRAM.is_file() and PROGRAM.stat().st_mtime > newest_source()


def build_bundle(work: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--workpath",
            str(work),
            "--distpath",
            str(DIST),
            str(ROOT / "build.spec"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    assert result.returncode == 0, f"PyInstaller failed:\n{result.stderr[-4000:]}"


@pytest.fixture(scope="module")
def program(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not bundle_is_fresh():
        build_bundle(tmp_path_factory.mktemp("pyinstaller-work"))
    assert PROGRAM.is_file(), f"no program at {PROGRAM}"
    return PROGRAM


def clean_env(home: Path) -> dict[str, str]:
    """What a desktop session would give the program, and nothing of this test run."""
    return {
        "PATH": "/usr/bin:/bin",
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
    }


def test_bundle_passes_its_self_test(program: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [str(program), "--self-test"],
        cwd=tmp_path,
        env=clean_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"self-test failed (exit {result.returncode}):\n{output}"
    lines = result.stdout.splitlines()
    assert any(line.startswith("READY ") for line in lines), output
    assert any(line.startswith("RSS_MB ") for line in lines), output
    assert any(line.startswith("SELF-TEST OK") for line in lines), output
    # Nothing was written outside the temporary folders: no default database in HOME.
    assert not (tmp_path / ".local").exists(), output


def test_bundle_refuses_demo_clearly(program: Path, tmp_path: Path) -> None:
    """--demo needs the server, which the bundle does not carry: a clear refusal."""
    result = subprocess.run(
        [str(program), "--demo"],
        cwd=tmp_path,
        env=clean_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "--demo needs the central server" in result.stderr
