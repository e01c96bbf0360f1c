"""`loyalty-pos`: customers, returns and the card's life from a shell."""

from __future__ import annotations

import json
from pathlib import Path

from pos_app.domain.demo import demo_cards
from tests.cli.test_cli import Terminal

COFFEE, BAKERY, *_ = demo_cards(20)
MANAGER = {"LOYALTY_POS_STAFF": "sam", "LOYALTY_POS_PIN": "9999"}


def test_customers_returns_and_a_manager_s_card_actions(tmp_path: Path) -> None:
    t = Terminal(tmp_path / "terminal.db")
    assert t.run("init", "--demo").returncode == 0

    made = t.run(
        "enroll",
        "--program",
        "bakery",
        "--name",
        "Ada Lovelace",
        "--phone",
        "+44 7700 900123",
        "--consent",
        "--json",
    )
    assert made.returncode == 0, made.stderr
    number = json.loads(made.stdout)["card"]["card_number"]
    second = t.run("enroll", "--program", "bakery", "--phone", "0044 7700 900123")
    assert second.returncode == 1
    assert "already has card" in second.stderr and number[-4:] in second.stderr
    found = t.run("find-customer", "lovelace")
    assert found.returncode == 0 and "Ada L." in found.stdout and "offline" in found.stdout

    earned = t.run("earn", BAKERY.card_number, "40.00", "--json")
    seq = json.loads(earned.stdout)["entry"]["seq"]
    back = t.run("return", BAKERY.card_number, str(seq), "10.00")
    assert back.returncode == 0, back.stderr
    assert "-10 points" in back.stdout
    bad = t.run("earn", BAKERY.card_number, "5.00", "--receipt", "no\u00a7such")
    assert bad.returncode == 2 and "receipt reference" in bad.stderr
    by_receipt = t.run("earn", BAKERY.card_number, "30.00", "--receipt", "till 2/4411")
    assert by_receipt.returncode == 0, by_receipt.stderr
    taken = t.run("return", BAKERY.card_number, "--receipt", "TILL 2/4411", "15.00")
    assert taken.returncode == 0 and "-15 points" in taken.stdout, taken.stderr
    none = t.run("return", BAKERY.card_number, "--receipt", "4412")
    assert none.returncode == 3 and "receipt 4412" in none.stderr

    cashier = t.run("deactivate", COFFEE.card_number)
    assert cashier.returncode == 5 and "not a manager" in cashier.stderr
    off = t.run("deactivate", COFFEE.card_number, "--reason", "lost", **MANAGER)
    assert off.returncode == 0 and "Card deactivated" in off.stdout
    new = t.run("replace", COFFEE.card_number, **MANAGER)
    assert new.returncode == 0 and "the new number is" in new.stdout
    fixed = t.run("adjust", number, "--points", "5", "--reason", "welcome missed", **MANAGER)
    assert fixed.returncode == 0, fixed.stderr
