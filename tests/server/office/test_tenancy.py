"""Nobody sees or changes another merchant's data, and a store manager sees their store
only: every id in a URL or a form is tried with another merchant's (or store's) value."""

from __future__ import annotations

from sqlalchemy import select

from sync.server.db import read
from sync.server.models import CARDS, PROGRAMS, STAFF, TERMINALS
from tests.server.conftest import ServerProcess, pair_terminal
from tests.server.office.conftest import Browser, Shop, make_shop


def _terminal(server: ServerProcess, shop: Shop, store_index: int = 0) -> str:
    api, chain = pair_terminal(server, shop.merchant.stores[store_index], shop.merchant.staff_id)
    api.close()
    return str(chain.terminal_id)


def test_an_owner_cannot_reach_another_merchant_s_data_by_url(
    office_server: ServerProcess, shop: Shop, browser: Browser
) -> None:
    other = make_shop(office_server)
    theirs = other.merchant.cards[0]
    their_terminal = _terminal(office_server, other)
    mine = shop.merchant.cards[0]
    assert browser.sign_in(shop.id, "owner").status_code == 303

    assert browser.get(f"/office/cards/{mine.id}").status_code == 200  # the control
    for path in (
        f"/office/cards/{theirs.id}",
        f"/office/cards/{theirs.id}/history.csv",
        f"/office/programs/{other.merchant.stamps.id}",
        f"/office/?store={other.merchant.stores[0]}",
        f"/office/day.csv?store={other.merchant.stores[0]}",
    ):
        refused = browser.get(path)
        assert refused.status_code == 404, path
        assert other.merchant.id not in refused.text
    found = browser.get("/office/cards", q=theirs.card_number).text
    assert theirs.id not in found and "No card found." in found
    assert theirs.card_number not in browser.get("/office/cards.csv", q=theirs.card_number).text
    assert their_terminal not in browser.get("/office/terminals").text
    assert their_terminal not in browser.get("/office/terminals.csv").text
    assert other.merchant.staff_id not in browser.get("/office/staff").text

    # Forms naming their ids change nothing of theirs.
    acts = [
        (f"/office/cards/{mine.id}", f"/office/cards/{theirs.id}/deactivate", {}, 404),
        (
            "/office/programs",
            f"/office/programs/{other.merchant.stamps.id}",
            {
                "name": "Taken over",
                "stamps_target": "2",
                "stamp_reward": "x",
                "max_stamps_per_scan": "1",
            },
            404,
        ),
        ("/office/terminals", f"/office/terminals/{their_terminal}/revoke", {}, 400),
        ("/office/staff", f"/office/staff/{other.merchant.staff_id}/pin", {"pin": "0000"}, 400),
        ("/office/staff", f"/office/staff/{other.merchant.staff_id}/active", {"active": "no"}, 400),
        ("/office/terminals", "/office/terminals/pair", {"store": other.merchant.stores[0]}, 404),
    ]
    for page, action, fields, code in acts:
        assert browser.post(page, action, **fields).status_code == code, action
    with read(office_server.engine) as conn:
        card = conn.execute(
            select(CARDS.c.is_active).where(
                CARDS.c.merchant_id == other.id, CARDS.c.id == theirs.id
            )
        ).scalar_one()
        rules = conn.execute(
            select(PROGRAMS.c.name, PROGRAMS.c.rule_version).where(
                PROGRAMS.c.id == other.merchant.stamps.id
            )
        ).one()
        revoked = conn.execute(
            select(TERMINALS.c.revoked_at).where(TERMINALS.c.id == their_terminal)
        ).scalar_one()
        staff = conn.execute(
            select(STAFF.c.is_active).where(STAFF.c.id == other.merchant.staff_id)
        ).scalar_one()
    assert card is True and tuple(rules) == ("Coffee card", 1)
    assert revoked is None and staff is True


def test_a_store_manager_sees_and_changes_their_store_only(
    office_server: ServerProcess, shop: Shop, browser: Browser
) -> None:
    here, there = shop.merchant.stores
    mine = next(c for c in shop.merchant.cards if c.enrolled_at_store == here)
    elsewhere = next(c for c in shop.merchant.cards if c.enrolled_at_store == there)
    my_terminal, other_terminal = (
        _terminal(office_server, shop, 0),
        _terminal(office_server, shop, 1),
    )
    assert browser.sign_in(shop.id, "manager").status_code == 303

    assert browser.get(f"/office/cards/{mine.id}").status_code == 200
    assert browser.get(f"/office/cards/{elsewhere.id}").status_code == 404
    assert browser.get("/office/", store=there).status_code == 403
    assert browser.get("/office/day.csv", store=there).status_code == 403
    terminals = browser.get("/office/terminals").text
    assert my_terminal in terminals and other_terminal not in terminals
    assert elsewhere.id not in browser.get("/office/cards", q=elsewhere.card_number).text

    assert (
        browser.post("/office/terminals", f"/office/terminals/{other_terminal}/revoke").status_code
        == 400
    )
    assert (
        browser.post("/office/terminals", "/office/terminals/pair", store=there).status_code == 403
    )
    # Staff and programs belong to every store: only the owner changes them.
    owner_only = browser.post(
        "/office/staff", "/office/staff", staff_id="new-one", name="N", role="cashier", pin="1234"
    )
    assert owner_only.status_code == 403 and "owner can change this" in owner_only.text
    program = f"/office/programs/{shop.merchant.stamps.id}"
    assert (
        browser.post(
            program,
            program,
            name="Mine now",
            stamps_target="2",
            stamp_reward="x",
            max_stamps_per_scan="1",
        ).status_code
        == 403
    )
    with read(office_server.engine) as conn:
        revoked = conn.execute(
            select(TERMINALS.c.revoked_at).where(TERMINALS.c.id == other_terminal)
        ).scalar_one()
        version = conn.execute(
            select(PROGRAMS.c.rule_version).where(PROGRAMS.c.id == shop.merchant.stamps.id)
        ).scalar_one()
    assert revoked is None and version == 1
