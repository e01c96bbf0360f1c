"""Starting a stand-in as a child process on a loopback port, and reading what it recorded."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class StandIn:
    proc: subprocess.Popen[bytes]
    url: str
    record: Path

    def received(self) -> list[dict[str, Any]]:
        if not self.record.exists():
            return []
        lines = self.record.read_text().splitlines()
        return [json.loads(line) for line in lines if line.strip()]

    def wait_for(self, count: int, timeout_s: float = 20) -> list[dict[str, Any]]:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            got = self.received()
            if len(got) >= count:
                return got
            time.sleep(0.02)
        return self.received()

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def start_standin(module: str, where: Path, *extra: str, port: int = 0) -> StandIn:
    where.mkdir(parents=True, exist_ok=True)
    ready, record = where / f"{module}.port", where / f"{module}.jsonl"
    ready.unlink(missing_ok=True)
    cmd = [sys.executable, "-m", f"tests.standins.{module}", "--port", str(port)]
    cmd += ["--record", str(record), "--ready", str(ready), *extra]
    log = (where / f"{module}.log").open("ab")
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 15
    while not (ready.exists() and ready.read_text()):
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise RuntimeError(
                f"stand-in {module} did not start: {(where / f'{module}.log').read_text()}"
            )
        time.sleep(0.02)
    scheme = "https" if "--tls-cert" in extra else "http"
    return StandIn(proc, f"{scheme}://127.0.0.1:{ready.read_text()}", record)
