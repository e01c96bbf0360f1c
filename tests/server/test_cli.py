"""`loyalty-server`: the operator's commands, run as a real process on a real SQLite file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.server.conftest import ROOT


def run(db: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sync.server.cli", *args, "--db", f"sqlite:///{db}"],
        capture_output=True,
        text=True,
        input=stdin,
        cwd=ROOT,
        timeout=60,
        check=False,
    )


def test_setting_up_a_merchant_from_the_command_line(tmp_path: Path) -> None:
    db = tmp_path / "server.db"
    program = tmp_path / "program.json"
    program.write_text(
        json.dumps(
            {
                "id": "gelato",
                "merchant_id": "m1",
                "name": "Gelato",
                "kind": "stamps",
                "stamps_target": 6,
                "stamp_reward": "Free scoop",
                "cooldown_minutes": 0,
                "daily_stamp_cap": None,
                "max_stamps_per_scan": 3,
                "points_per_unit": "0",
                "rewards": [],
                "welcome_bonus_points": 0,
                "welcome_bonus_stamps": 0,
                "points_expiry_days": None,
                "cross_store": True,
            }
        )
    )
    cards = tmp_path / "cards.csv"
    cards.write_text(
        "card_number,qr_token,program_id,store_id,customer_name,stamp_count\n"
        "4000-0000-0002,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA,gelato,s1,Ann,2\n"
        "400000000010,BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB,gelato,s1,Bo,0\n"
    )
    steps = [
        ("init-db",),
        ("create-merchant", "m1", "--name", "Gelateria"),
        ("add-store", "s1", "--merchant", "m1", "--name", "Harbour"),
        ("add-staff", "st1", "--merchant", "m1", "--name", "Ann", "--role", "manager",
         "--pin", "2468"),
        ("add-program", "--from-json", str(program)),
        ("add-program", "pts", "--merchant", "m1", "--name", "Points", "--kind", "points",
         "--reward", "cone:Cone:40"),
        ("import-cards", str(cards), "--merchant", "m1"),
    ]  # fmt: skip
    for step in steps:
        result = run(db, *step)
        assert result.returncode == 0, (step, result.stderr)
    assert "2 cards imported" in result.stdout

    code = run(db, "pair-code", "--store", "s1")
    assert code.returncode == 0 and len(code.stdout.strip()) == 11


def test_errors_are_one_line_and_exit_non_zero(tmp_path: Path) -> None:
    db = tmp_path / "server.db"
    not_ready = run(db, "create-merchant", "m1", "--name", "x")
    assert run(db, "init-db").returncode == 0
    failures = [
        not_ready,
        run(db, "add-store", "s1", "--merchant", "nobody", "--name", "x"),
        run(db, "pair-code", "--store", "nowhere"),
        run(db, "revoke", "not-a-uuid"),
        run(db, "revoke", "6f1c7c1e-2f64-4d5e-9a43-0d1f6a1b2c3d"),
        run(db, "add-staff", "st", "--merchant", "nobody", "--name", "x", "--pin", "12"),
        run(db, "import-cards", str(tmp_path / "missing.csv"), "--merchant", "m1"),
    ]
    for result in failures:
        assert result.returncode != 0
        assert "Traceback" not in result.stderr
        errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
        assert len(errors) == 1 and result.stderr.strip().endswith(errors[0]), result.stderr
    assert "init-db" in not_ready.stderr


def test_several_workers_need_postgresql(tmp_path: Path) -> None:
    result = run(tmp_path / "s.db", "serve", "--workers", "2")
    assert result.returncode != 0 and "PostgreSQL" in result.stderr
