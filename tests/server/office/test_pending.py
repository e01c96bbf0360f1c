"""The terminals page's pending count, from a real terminal syncing with the real server:
unknown until the terminal reports it, what it held unsent at a sync the network cut before
its push, 0 once a sync ends well."""

from __future__ import annotations

import csv
import html
import io
import re
from pathlib import Path

import httpx
import pytest

from pos_app.domain.operations import Stamp
from pos_app.services.pairing import pair_terminal
from pos_app.services.sync import sync_once
from sync.engine.client import ServerClient, ServerUnreachable
from tests.server.conftest import ServerProcess, pair_code
from tests.server.office.conftest import Browser, Shop
from tests.sync.fault_proxy import Fault, FaultProxy, Request
from tests.sync.harness import Terminal


def _pending_cell(browser: Browser, terminal_id: str) -> str:
    """The Pending cell of the terminal's row, as its text."""
    page = browser.get("/office/terminals")
    assert page.status_code == 200
    row = re.search(rf'<tr data-terminal="{terminal_id}">(.*?)</tr>', page.text, re.S)
    assert row, f"no row for {terminal_id}"
    cell = re.search(r'data-test="pending">(.*?)</td>', row.group(1), re.S)
    assert cell
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", cell.group(1))).split())


def _csv_pending(browser: Browser, terminal_id: str) -> tuple[str, str]:
    rows = csv.DictReader(io.StringIO(browser.get("/office/terminals.csv").text))
    row = next(r for r in rows if r["terminal_id"] == terminal_id)
    return row["pending"], row["pending_as_of"]


def _cut_pushes(request: Request, _index: int) -> Fault:
    return Fault.CUT if request.path.endswith("/push") else Fault.PASS


def test_the_terminals_page_shows_what_a_terminal_holds_unsent_and_0_after_its_sync(
    office_server: ServerProcess, shop: Shop, browser: Browser, tmp_path: Path
) -> None:
    merchant = shop.merchant
    code = pair_code(office_server, merchant.stores[0])
    store = pair_terminal(tmp_path / "till.db", office_server.base_url, code, "Till 1")
    till = Terminal(store, merchant, office_server.base_url)
    terminal_id = store.identity().terminal_id
    browser.sign_in(shop.id, "owner")
    assert _pending_cell(browser, terminal_id) == "unknown the terminal has not reported it"
    assert _csv_pending(browser, terminal_id) == ("", "")

    till.sync()  # its programs and cards; nothing of its own yet
    assert _pending_cell(browser, terminal_id).startswith("0 as of ")

    card = merchant.card(merchant.stamps)
    for _ in range(3):
        till.operate(card, Stamp())  # offline: the server hears nothing
    assert _pending_cell(browser, terminal_id).startswith("0 as of ")  # as of then: still true

    upstream = int(office_server.base_url.rsplit(":", 1)[1])
    with FaultProxy(upstream, _cut_pushes) as proxy, pytest.raises(ServerUnreachable):
        till.sync(proxy.url)  # the sync-state call gets through, the push does not
    shown = _pending_cell(browser, terminal_id)
    assert re.fullmatch(r"3 as of \d{4}-\d\d-\d\d \d\d:\d\d", shown), shown
    pending, as_of = _csv_pending(browser, terminal_id)
    assert pending == "3" and as_of

    till.sync()
    assert _pending_cell(browser, terminal_id).startswith("0 as of ")
    assert _csv_pending(browser, terminal_id)[0] == "0"
    store.close()


class _OlderServer(httpx.BaseTransport):
    """In front of the real server: refuses a sync-state call that says where the journal
    ends, as a server of the version before the field does (its requests forbid unknown
    fields)."""

    def __init__(self) -> None:
        self._real = httpx.HTTPTransport()
        self.refused = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/sync-state") and b'"journal_seq"' in request.read():
            self.refused += 1
            detail = [{"type": "extra_forbidden", "loc": ["body", "journal_seq"]}]
            return httpx.Response(422, json={"detail": detail})
        return self._real.handle_request(request)

    def close(self) -> None:
        self._real.close()


def test_a_terminal_syncs_with_a_server_older_than_the_field(
    office_server: ServerProcess, shop: Shop, browser: Browser, tmp_path: Path
) -> None:
    merchant = shop.merchant
    code = pair_code(office_server, merchant.stores[0])
    store = pair_terminal(tmp_path / "till.db", office_server.base_url, code, "Till 1")
    till = Terminal(store, merchant, office_server.base_url)
    older = _OlderServer()
    with ServerClient(office_server.base_url, till.token, transport=older) as client:
        sync_once(store, client)  # its programs and cards
        till.operate(merchant.card(merchant.stamps), Stamp())
        result = sync_once(store, client)
    assert result.pushed.statuses == {"applied": 1} and older.refused == 2
    browser.sign_in(shop.id, "owner")
    assert _pending_cell(browser, store.identity().terminal_id).startswith("unknown")
    store.close()
