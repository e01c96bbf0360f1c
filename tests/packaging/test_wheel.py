"""A wheel built from the project installs apart as the terminal or as the server, and works.

The wheel is built from the files git knows (as a clean clone has them), each part installed
into a fresh virtual environment with the pinned constraints, and run from an unrelated
folder with a clean environment: the terminal passes its own --self-test (its resources come
from the installed package), the server serves a pairing and a change feed without Qt or
OpenCV installed. The dependencies come from build/wheelhouse, downloaded once per version
of the pins (pip's usual index and cache, as `make setup`), so a second run is offline.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

import pos_app
from pos_app.domain.demo import DEMO_STORE
from sync.protocol import ChangesPage, PairResponse
from tests.pg import free_port

ROOT = Path(__file__).resolve().parents[2]
CONSTRAINTS = ROOT / "constraints.txt"
TERMINAL_ONLY = ("PySide6", "cv2", "zxingcpp", "pyzbar", "numpy")
SERVER_ONLY = ("fastapi", "starlette", "uvicorn", "psycopg")

pytestmark = pytest.mark.slow


def run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None, timeout: float = 300) -> str:
    result = subprocess.run(
        cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"{' '.join(cmd)} failed ({result.returncode}):\n{output}"
    return result.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel of the tracked (and new, not ignored) files, built outside the work tree."""
    source = tmp_path_factory.mktemp("source")
    listed = run(["git", "ls-files", "-co", "--exclude-standard", "-z"], ROOT)
    for name in filter(None, listed.split("\0")):
        if (ROOT / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    out = tmp_path_factory.mktemp("wheel")
    pip = [sys.executable, "-m", "pip"]
    run([*pip, "wheel", "--no-deps", "--quiet", "--wheel-dir", str(out), str(source)], source)
    (built,) = out.glob("loyalty_pos-*.whl")
    return built


def wheelhouse(wheel: Path) -> Path:
    """The pinned dependencies of both parts as wheel files, in build/wheelhouse: downloaded
    once (through pip's cache) for each version of the pins, then installed from offline."""
    folder = ROOT / "build" / "wheelhouse"
    pins = hashlib.sha256(CONSTRAINTS.read_bytes() + (ROOT / "pyproject.toml").read_bytes())
    ready = folder / f".complete-{pins.hexdigest()[:16]}"
    if not ready.exists():
        download = [sys.executable, "-m", "pip", "download", "--quiet", "-d", str(folder)]
        run([*download, "-c", str(CONSTRAINTS), f"{wheel}[terminal,server]"], ROOT, timeout=900)
        ready.touch()
    return folder


@pytest.fixture(scope="module")
def venvs(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Two new environments, one per extra, each holding the wheel and its pinned
    dependencies only (installed side by side: pip mostly waits on the index)."""
    pythons: dict[str, Path] = {}
    installs: list[tuple[str, subprocess.Popen[str]]] = []
    offline = ["--no-index", "--find-links", str(wheelhouse(wheel))]
    for extra in ("terminal", "server"):
        where = tmp_path_factory.mktemp(f"venv-{extra}")
        run([sys.executable, "-m", "venv", "--without-pip", str(where)], where.parent)
        pythons[extra] = where / "bin" / "python"
        command = [sys.executable, "-m", "pip", "--python", str(pythons[extra]), "install"]
        command += ["--quiet", *offline, "-c", str(CONSTRAINTS), f"{wheel}[{extra}]"]
        out = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        installs.append((extra, out))
    for extra, install in installs:
        output, _ = install.communicate(timeout=900)
        assert install.returncode == 0, f"installing [{extra}] failed:\n{output}"
    return pythons


def importable(python: Path, modules: tuple[str, ...], cwd: Path) -> list[str]:
    probe = (
        "import importlib.util, json, sys; "
        "print(json.dumps([m for m in sys.argv[1:] if importlib.util.find_spec(m)]))"
    )
    found: list[str] = json.loads(run([str(python), "-c", probe, *modules], cwd, clean_env(cwd)))
    return found


def clean_env(home: Path) -> dict[str, str]:
    """A desktop session's variables and nothing of this test run (no PYTHONPATH)."""
    return {"PATH": "/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8"}


def test_the_terminal_installs_without_the_server_and_self_tests(
    venvs: dict[str, Path], tmp_path: Path
) -> None:
    python = venvs["terminal"]
    home = tmp_path / "home"
    home.mkdir()
    assert importable(python, SERVER_ONLY, home) == []
    version = run([str(python.parent / "loyalty-pos"), "--version"], home, clean_env(home))
    assert pos_app.__version__ in version

    env = clean_env(home) | {"QT_QPA_PLATFORM": "offscreen"}
    program = str(python.parent / "loyalty-pos-app")
    output = run([program, "--self-test", "--self-test-seconds", "1"], home, env, timeout=180)
    assert any(line.startswith("SELF-TEST OK") for line in output.splitlines()), output


@pytest.fixture
def served(venvs: dict[str, Path], tmp_path: Path) -> Iterator[tuple[str, str]]:
    """`loyalty-server serve` from a server-only environment, over a demo SQLite database."""
    python = venvs["server"]
    home = tmp_path / "home"
    home.mkdir()
    assert importable(python, TERMINAL_ONLY, home) == []
    server = str(python.parent / "loyalty-server")
    db = ["--db", f"sqlite:///{tmp_path / 'server.db'}"]
    env = clean_env(home)
    run([server, "init-db", *db], home, env)
    run([server, "seed-demo", *db], home, env)
    code = run([server, "pair-code", *db, "--store", DEMO_STORE], home, env).strip()
    port = free_port()
    log = (tmp_path / "server.log").open("wb")
    proc = subprocess.Popen(
        [server, "serve", *db, "--port", str(port)], cwd=home, env=env, stdout=log, stderr=log
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            assert proc.poll() is None, (tmp_path / "server.log").read_text()
            try:
                if httpx.get(f"{base}/v1/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                assert time.monotonic() < deadline, (tmp_path / "server.log").read_text()
                time.sleep(0.1)
        yield base, code
    finally:
        proc.terminate()
        proc.wait(10)
        log.close()


def test_the_server_installs_without_qt_or_opencv_and_serves(served: tuple[str, str]) -> None:
    base, code = served
    with httpx.Client(base_url=base, timeout=10) as http:
        body = {"code": code, "terminal_id": str(uuid.uuid4()), "terminal_name": "Till 1"}
        paired = PairResponse.model_validate(http.post("/v1/pair", json=body).json())
        assert paired.store_id == DEMO_STORE
        auth = {"Authorization": f"Bearer {paired.token}"}
        page = ChangesPage.model_validate(http.get("/v1/changes", headers=auth).json())
    assert page.changes, "the demo merchant's programs, cards and staff come down the feed"
