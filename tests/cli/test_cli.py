"""`loyalty-pos` as a person uses it: the real program in a subprocess, on a real database."""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from pos_app.domain.demo import demo_cards

COFFEE, BAKERY = (c.card_number for c in demo_cards(2))
COMMANDS = [
    [],
    ["init"],
    ["card"],
    ["card", "show"],
    ["card", "list"],
    ["programs"],
    ["stamp"],
    ["redeem"],
    ["earn"],
    ["redeem-points"],
    ["void"],
    ["enroll"],
    ["journal"],
    ["verify-journal"],
    ["export"],
]


class Terminal:
    """Runs `loyalty-pos` against one database as the demo cashier."""

    def __init__(self, db: Path) -> None:
        self.db = db
        self.env = {
            **os.environ,
            "LOYALTY_POS_DB": str(db),
            "LOYALTY_POS_STAFF": "alex",
            "LOYALTY_POS_PIN": "1234",
        }

    def run(self, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [sys.executable, "-m", "pos_app.cli", *args],
            env={**self.env, **env},
            capture_output=True,
            text=True,
            timeout=60,
            stdin=subprocess.DEVNULL,
            check=False,
        )
        assert "Traceback" not in result.stderr, result.stderr
        return result

    def journal(self) -> list[tuple[object, ...]]:
        """Every journal row and sync status, read straight from the file."""
        with sqlite3.connect(self.db) as conn:
            return conn.execute("SELECT * FROM journal JOIN journal_sync USING (seq)").fetchall()


@pytest.fixture(scope="module")
def terminal(tmp_path_factory: pytest.TempPathFactory) -> Terminal:
    t = Terminal(tmp_path_factory.mktemp("cli") / "terminal.db")
    assert t.run("init", "--demo").returncode == 0
    return t


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "top")
def test_every_command_explains_itself(command: list[str], tmp_path: Path) -> None:
    result = Terminal(tmp_path / "t.db").run(*command, "--help")
    assert result.returncode == 0
    assert "Usage: loyalty-pos" in result.stdout


def test_a_stamp_then_a_second_one_inside_the_cooldown(terminal: Terminal) -> None:
    first = terminal.run("stamp", COFFEE)
    assert first.returncode == 0, first.stderr
    assert "+1 stamp" in first.stdout
    second = terminal.run("stamp", COFFEE.replace("", " ").strip())
    assert second.returncode == 1
    assert "next stamp in 2 minutes" in second.stderr


def test_a_token_that_starts_with_a_dash_is_still_a_card(tmp_path: Path) -> None:
    t = Terminal(tmp_path / "t.db")
    t.run("init", "--demo", "--demo-cards", "2")
    result = t.run("card", "show", "-" + "x" * 31)
    assert result.returncode == 3
    assert "no card with this QR code" in result.stderr


def test_a_card_answers_to_its_number_in_any_form_and_to_its_token(terminal: Terminal) -> None:
    card = demo_cards(1)[0]
    forms = [card.card_number, f"{COFFEE[:4]}-{COFFEE[4:8]}-{COFFEE[8:]}", card.qr_token]
    shown = [json.loads(terminal.run("card", "show", f, "--json").stdout)["id"] for f in forms]
    assert shown == [card.id] * 3


def test_points_earn_and_buy_a_reward(terminal: Terminal) -> None:
    before = json.loads(terminal.run("card", "show", BAKERY, "--json").stdout)["points_balance"]
    earned = terminal.run("earn", BAKERY, "60.00", "--json")
    assert earned.returncode == 0
    bought = json.loads(terminal.run("redeem-points", BAKERY, "croissant", "--json").stdout)
    assert bought["card"]["points_balance"] == before + 60 - 50


def test_enrolment_makes_a_card_the_terminal_then_knows(terminal: Terminal) -> None:
    result = terminal.run("enroll", "--program", "bakery", "--name", "Zoë", "--json")
    assert result.returncode == 0, result.stderr
    card = json.loads(result.stdout)["card"]
    assert card["points_balance"] == 20  # the welcome bonus
    shown = json.loads(terminal.run("card", "show", card["qr_token"], "--json").stdout)
    assert shown["customer_name"] == "Zoë"


@pytest.mark.parametrize(
    ("args", "env", "code", "message"),
    [
        (["stamp", "1111-2222-3333"], {}, 3, "no card 1111-2222-3333"),
        (["stamp", "WIFI:S:shop;T:WPA;P:secret;;"], {}, 2, "is not a card number"),
        (["stamp", "12345"], {}, 2, "is not a card number"),
        (["earn", BAKERY, "-3"], {}, 2, "more than zero"),
        (["earn", BAKERY, "12.345"], {}, 2, "two decimals"),
        (["earn", BAKERY, "1e12"], {}, 2, "over the limit"),
        (["earn", BAKERY, "ten"], {}, 2, "not an amount"),
        (["void", BAKERY, "0"], {}, 2, "not in the range"),
        (["redeem-points", BAKERY, "yacht"], {}, 1, "no reward 'yacht'"),
        (["redeem", COFFEE], {}, 1, "Not enough stamps"),
        (["earn", COFFEE, "5"], {}, 1, "does not collect points"),
        (["stamp", COFFEE], {"LOYALTY_POS_PIN": "0000"}, 5, "wrong PIN"),
        (["stamp", COFFEE], {"LOYALTY_POS_STAFF": "nobody"}, 5, "unknown staff"),
        (["enroll", "--program", "golf"], {}, 3, "no program 'golf'"),
    ],
)
def test_bad_input_gets_one_clear_line_and_writes_nothing(
    terminal: Terminal, args: list[str], env: dict[str, str], code: int, message: str
) -> None:
    before = terminal.journal()
    result = terminal.run(*args, **env)
    assert result.returncode == code, result.stderr
    assert message in result.stderr
    assert terminal.journal() == before


def test_without_a_pin_and_no_terminal_to_ask_it_refuses(terminal: Terminal) -> None:
    env = {k: v for k, v in terminal.env.items() if k != "LOYALTY_POS_PIN"}
    result = subprocess.run(
        [sys.executable, "-m", "pos_app.cli", "stamp", COFFEE],
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
        check=False,
    )
    assert result.returncode == 5
    assert "LOYALTY_POS_PIN" in result.stderr


def test_five_wrong_pins_lock_the_staff_member_out(tmp_path: Path) -> None:
    t = Terminal(tmp_path / "t.db")
    t.run("init", "--demo", "--demo-cards", "2")
    codes = [t.run("stamp", COFFEE, LOYALTY_POS_PIN="0000").returncode for _ in range(5)]
    assert codes == [5] * 5
    locked = t.run("stamp", COFFEE)  # the right PIN, too late
    assert locked.returncode == 5
    assert "locked out" in locked.stderr


def test_the_journal_verifies_and_exports(terminal: Terminal, tmp_path: Path) -> None:
    verified = terminal.run("verify-journal")
    assert verified.returncode == 0, verified.stderr
    assert "chain intact" in verified.stdout
    out = tmp_path / "journal.csv"
    assert terminal.run("export", "--out", str(out)).returncode == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert [int(r["seq"]) for r in rows] == [e[0] for e in terminal.journal()]
    assert {r["status"] for r in rows} == {"pending"}
    assert rows[0]["staff"] == "Alex"


def test_verify_journal_names_the_edited_entry(tmp_path: Path) -> None:
    t = Terminal(tmp_path / "t.db")
    t.run("init", "--demo", "--demo-cards", "2")
    t.run("earn", BAKERY, "10")
    t.run("earn", BAKERY, "20")
    with sqlite3.connect(t.db) as conn:
        conn.execute("DROP TRIGGER journal_no_update")
        conn.execute("UPDATE journal SET points_delta = 500 WHERE seq = 1")
    result = t.run("verify-journal")
    assert result.returncode == 4
    assert "entry 1 was altered" in result.stderr


def test_init_refuses_to_overwrite_a_terminal(terminal: Terminal) -> None:
    result = terminal.run("init", "--demo")
    assert result.returncode == 1
    assert "already a terminal database" in result.stderr


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"not a database at all", "not a SQLite database"), (None, "another program")],
)
def test_a_database_that_is_not_ours_is_refused(
    tmp_path: Path, content: bytes | None, message: str
) -> None:
    path = tmp_path / "other.db"
    if content is None:
        with sqlite3.connect(path) as conn:
            conn.execute("CREATE TABLE accounts (id INTEGER)")
    else:
        path.write_bytes(content)
    before = path.read_bytes()
    result = Terminal(path).run("card", "list")
    assert result.returncode == 4
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert path.read_bytes() == before


def test_a_missing_database_says_how_to_make_one(tmp_path: Path) -> None:
    result = Terminal(tmp_path / "none.db").run("card", "list")
    assert result.returncode == 4
    assert "loyalty-pos init" in result.stderr


def test_the_export_leaves_out_the_cards_qr_tokens(tmp_path: Path) -> None:
    t = Terminal(tmp_path / "t.db")
    t.run("init", "--demo", "--demo-cards", "2")
    enrolled = json.loads(t.run("enroll", "--program", "coffee", "--json").stdout)
    token = enrolled["card"]["qr_token"]
    out = tmp_path / "journal.csv"
    assert t.run("export", "--out", str(out)).returncode == 0
    assert token not in out.read_text()
    assert token not in t.run("export").stdout


def test_a_card_stamped_at_the_end_of_the_calendar_gets_a_clear_answer(tmp_path: Path) -> None:
    # A clock at 9999-12-31T23:59 stamped this card (here, or at a terminal whose entry the
    # server took before it bounded times): the cooldown ends after the last instant.
    t = Terminal(tmp_path / "t.db")
    assert t.run("init", "--demo").returncode == 0
    with sqlite3.connect(t.db) as conn:
        conn.execute(
            "UPDATE card_replica SET last_stamp_at = ? WHERE card_number = ?",
            ("9999-12-31T23:59:00+00:00", COFFEE),
        )

    result = t.run("stamp", COFFEE)

    assert result.returncode == 1, result.stderr
    assert "Stamped recently: next stamp in" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
