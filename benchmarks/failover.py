"""The primary database lost while terminals push: how long until a push is acknowledged again.

`python -m benchmarks failover [--terminals 3]`

Everything is real: a pg_auto_failover formation (monitor, primary, synchronous secondary)
built with the installed `pg_autoctl` on loopback ports (`tests/pgaf.py`, with its tuned
monitor timeouts), one `loyalty-server serve` on the formation's multi-host URL, terminal
processes working and pushing nonstop. The primary's node (its pg_autoctl and PostgreSQL) is
SIGKILLed; a probe terminal pushes every 0.2 s until the server acknowledges again: that
is `recovery_s`. Then every entry a terminal had seen acknowledged at the kill is looked for
on the new primary (`lost`), and entries applied twice are counted (`doubled`).
Bars (issue 19): recovery_s ≤ 30, lost == 0, doubled == 0.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from benchmarks._report import print_json, print_table
from tests.failover.scenario import kill_primary_under_load
from tests.pgaf import MONITOR_SETTINGS, auto_failover
from tests.server.conftest import make_merchant, start_server

BAR_RECOVERY_S = 30.0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks failover")
    parser.add_argument("--terminals", type=int, default=3, help="terminal processes pushing")
    args = parser.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="loyalty-bench-failover-"))
    started = time.monotonic()
    try:
        with auto_failover() as cluster:
            built_s = time.monotonic() - started
            server = start_server("postgres", cluster.url(), tmp / "server.log")
            try:
                merchant = make_merchant(server, card_count=8)
                run = kill_primary_under_load(cluster, server, merchant, tmp, args.terminals)
            finally:
                server.stop()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    exits_ok = all(code == 0 for code in run.worker_exits)
    passed = run.recovery_s <= BAR_RECOVERY_S and run.lost == 0 and run.doubled == 0 and exits_ok
    print_table(
        ["figure", "value", "bar", "met"],
        [
            ["recovery_s", run.recovery_s, f"<= {BAR_RECOVERY_S:g}", _yes(run.recovery_s <= 30)],
            ["lost", run.lost, "== 0", _yes(run.lost == 0)],
            ["doubled", run.doubled, "== 0", _yes(run.doubled == 0)],
        ],
    )
    print(
        f"{args.terminals} terminal processes; {run.acknowledged_before} entries acknowledged "
        f"before the kill; first answer after it {run.first_status} "
        f"(Retry-After {run.retry_after}); formation built in {built_s:.0f} s"
    )
    print("monitor: " + ", ".join(f"{k.split('.')[1]}={v}" for k, v in MONITOR_SETTINGS.items()))
    print_json(
        {
            "recovery_s": round(run.recovery_s, 2),
            "lost": run.lost,
            "doubled": run.doubled,
            "acknowledged_before_kill": run.acknowledged_before,
            "first_status_after_kill": run.first_status,
            "terminals": args.terminals,
            "terminals_finished_clean": exits_ok,
            "passed": passed,
        }
    )
    return 0 if passed else 1


def _yes(ok: bool) -> str:
    return "yes" if ok else "NO"


if __name__ == "__main__":
    import sys

    sys.exit(main(sys.argv[1:]))
