"""The day page names what it counts: each row of its per-terminal table is the store's
name and the terminal's, as the manager knows them, not their ids."""

from __future__ import annotations

import html
import re
from pathlib import Path

from pos_app.domain.operations import Stamp
from pos_app.services.pairing import pair_terminal
from tests.server.conftest import ServerProcess, pair_code
from tests.server.office.conftest import Browser, Shop
from tests.sync.harness import Terminal


def _cells(page: str) -> list[list[str]]:
    table = re.search(r'<table data-test="per-terminal">(.*?)</table>', page, re.S)
    assert table
    rows = re.findall(r"<tr>(.*?)</tr>", table.group(1), re.S)
    return [
        [" ".join(html.unescape(re.sub(r"<[^>]+>", " ", c)).split()) for c in cells]
        for cells in (re.findall(r"<td[^>]*>(.*?)</td>", row, re.S) for row in rows)
        if cells
    ]


def test_the_day_s_table_names_the_store_and_the_terminal(
    office_server: ServerProcess, shop: Shop, browser: Browser, tmp_path: Path
) -> None:
    merchant = shop.merchant
    store_id = merchant.stores[0]
    code = pair_code(office_server, store_id)
    store = pair_terminal(tmp_path / "till.db", office_server.base_url, code, "Till 1")
    till = Terminal(store, merchant, office_server.base_url)
    till.sync()
    till.operate(merchant.card(merchant.stamps), Stamp())
    till.sync()
    day = till.done[0].entry.local_time[:10]  # the terminal's own date

    browser.sign_in(shop.id, "owner")
    rows = _cells(browser.get("/office/", day=day).text)
    assert [row[:3] for row in rows] == [[f"Store {store_id}", "Till 1", "1"]]

    browser.sign_in(shop.id, shop.manager)
    page = browser.get("/office/").text
    assert f"Store Store {store_id}" in " ".join(html.unescape(page).split())
    store.close()
