"""What the back office's forms change, seen where it matters: staff changes reach a real
terminal through its pull, card actions are journalled on the card, exports are safe to
open in a spreadsheet."""

from __future__ import annotations

import csv
import io
import re
import uuid
from datetime import UTC, datetime
from pathlib import Path

from pos_app.domain.card import Card
from pos_app.domain.identifiers import (
    CardRef,
    format_card_number,
    new_card_number,
    new_qr_token,
)
from pos_app.domain.pin import pin_matches
from pos_app.services.lookup import find_card
from pos_app.store.staff import find_staff
from sync.server import admin
from sync.server.db import write
from tests.server.conftest import ServerProcess
from tests.server.office.conftest import Browser, Shop
from tests.sync.harness import new_terminal


def test_staff_added_deactivated_and_given_a_new_pin_reach_the_terminal(
    office_server: ServerProcess, shop: Shop, browser: Browser, tmp_path: Path
) -> None:
    till = new_terminal(office_server, shop.merchant, tmp_path / "till.db")
    browser.sign_in(shop.id, "owner")
    staff_id = f"kim-{uuid.uuid4().hex[:8]}"
    added = browser.post(
        "/office/staff", "/office/staff", staff_id=staff_id, name="Kim", role="cashier", pin="4321"
    )
    assert added.status_code == 303
    again = browser.post(
        "/office/staff",
        "/office/staff",
        staff_id=staff_id,
        name="Other",
        role="cashier",
        pin="1111",
    )
    assert again.status_code == 400 and "already exists" in again.text
    till.sync()
    with till.store.read() as conn:
        kim = find_staff(conn, staff_id)
    assert kim is not None and kim.is_active and pin_matches("4321", kim.pin_hash)

    reset = browser.post("/office/staff", f"/office/staff/{staff_id}/pin", pin="9876")
    assert reset.status_code == 303
    stopped = browser.post("/office/staff", f"/office/staff/{staff_id}/active", active="no")
    assert stopped.status_code == 303
    assert "deactivated" in browser.get(stopped.headers["location"]).text
    till.sync()
    with till.store.read() as conn:
        kim = find_staff(conn, staff_id)
    assert kim is not None and not kim.is_active and pin_matches("9876", kim.pin_hash)
    bad = browser.post("/office/staff", f"/office/staff/{staff_id}/pin", pin="12")
    assert bad.status_code == 400 and "4 to 12 digits" in bad.text
    till.store.close()


def test_card_actions_from_the_card_s_page(
    office_server: ServerProcess, shop: Shop, browser: Browser
) -> None:
    card = shop.merchant.card(shop.merchant.points)
    page = f"/office/cards/{card.id}"
    browser.sign_in(shop.id, "owner")

    adjusted = browser.post(page, f"{page}/adjust", points="25", stamps="0", reason="Goodwill")
    assert adjusted.status_code == 303
    shown = browser.get(page).text
    assert f"{card.points_balance + 25} (earned" in shown and "+25" in shown
    assert browser.post(page, f"{page}/adjust", points="1").status_code == 400  # no reason

    assert browser.post(page, f"{page}/deactivate", reason="Lost").status_code == 303
    assert 'data-test="card-state">inactive' in browser.get(page).text
    assert browser.post(page, f"{page}/reactivate").status_code == 303
    assert browser.post(page, f"{page}/replace").status_code == 303
    replaced = browser.get(page).text
    number = re.search(r'data-test="card-number">([0-9-]+)<', replaced)
    assert number and number.group(1) != format_card_number(card.card_number)
    kinds = re.findall(r'data-test="kind">([^<]+)<', replaced)
    assert kinds == ["replace", "reactivate", "deactivate", "adjust"]


def test_exports_are_streamed_csv_a_spreadsheet_cannot_run(
    office_server: ServerProcess, shop: Shop, browser: Browser
) -> None:
    sneaky = Card(
        id=str(uuid.uuid4()),
        card_number=new_card_number(),
        qr_token=new_qr_token(),
        merchant_id=shop.id,
        program_id=shop.merchant.stamps.id,
        enrolled_at_store=shop.merchant.stores[0],
        customer_name='=HYPERLINK("http://x")',
    )
    with write(office_server.engine) as conn:
        admin.insert_cards(conn, [sneaky], datetime.now(UTC))
    browser.sign_in(shop.id, "owner")
    exported = browser.get("/office/cards.csv", q=sneaky.card_number)
    assert exported.headers["content-type"] == "text/csv; charset=utf-8"
    assert exported.headers["content-disposition"] == 'attachment; filename="cards.csv"'
    rows = list(csv.DictReader(io.StringIO(exported.text)))
    assert [r["card_number"] for r in rows] == [sneaky.card_number]
    assert rows[0]["customer_name"] == '\'=HYPERLINK("http://x")'
    programs = list(csv.DictReader(io.StringIO(browser.get("/office/programs.csv").text)))
    assert {p["program_id"] for p in programs} == {shop.merchant.stamps.id, shop.merchant.points.id}
    staff = list(csv.DictReader(io.StringIO(browser.get("/office/staff.csv").text)))
    assert [s["staff_id"] for s in staff] == [shop.merchant.staff_id]
    assert browser.get("/office/day.csv", day="yesterday").status_code == 400


def test_a_card_merged_from_the_page_gives_its_balance_and_stops_at_the_counter(
    office_server: ServerProcess, shop: Shop, browser: Browser, tmp_path: Path
) -> None:
    merchant = shop.merchant
    keep, other = merchant.card(merchant.points, 0), merchant.card(merchant.points, 1)
    till = new_terminal(office_server, merchant, tmp_path / "till.db")
    page = f"/office/cards/{keep.id}"
    browser.sign_in(shop.id, "owner")

    # Bad input says why and changes nothing.
    for typed, why in (
        ("9999-9999-9999", "there is no card 9999-9999-9999 here"),
        (format_card_number(keep.card_number), "A card cannot be merged into itself."),
        (format_card_number(merchant.card(merchant.stamps).card_number), "one program"),
    ):
        refused = browser.post(page, f"{page}/merge", other=typed)
        assert refused.status_code == 400 and why in refused.text, typed
    assert re.findall(r'data-test="kind">([^<]+)<', browser.get(page).text) == []

    merged = browser.post(page, f"{page}/merge", other=format_card_number(other.card_number))
    assert merged.status_code == 303
    shown = browser.get(page).text
    assert (
        "The other card was merged into this one." in browser.get(merged.headers["location"]).text
    )
    assert f"{keep.points_balance + other.points_balance} (earned" in shown
    assert re.findall(r'data-test="kind">([^<]+)<', shown) == ["merge in"]
    gone = browser.get(f"/office/cards/{other.id}").text
    assert 'data-test="card-state">inactive' in gone
    assert re.findall(r'data-test="kind">([^<]+)<', gone) == ["merge out"]

    till.sync()  # the counter sees it at its next pull
    kept = find_card(till.store, CardRef.number(keep.card_number))
    stopped = find_card(till.store, CardRef.number(other.card_number))
    assert kept is not None and stopped is not None
    assert kept.card.points_balance == keep.points_balance + other.points_balance
    assert not stopped.card.is_active and stopped.card.points_balance == 0
    till.store.close()
