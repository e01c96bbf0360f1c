"""Screenshots of every page of the back office, from a real headless Chromium against a
real server process, into docs/screenshots/office-<page>-desktop.png (1280 wide) and
office-<page>-phone.png (390 wide):

    .venv/bin/python scripts/office_screenshots.py [OUT_DIR]

It makes a throwaway SQLite server with a merchant (two stores, a stamp card and a points
program, staff, customers), an owner, and 30 days of work done on two really paired
terminals, including entries the server refused.
"""

from __future__ import annotations

import itertools
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import httpx
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pos_app.domain.card import Card  # noqa: E402
from pos_app.domain.identifiers import CardRef, new_card_number, new_qr_token  # noqa: E402
from pos_app.domain.operations import EarnPoints, RedeemPoints, Stamp  # noqa: E402
from pos_app.domain.program import Program, ProgramKind, Reward  # noqa: E402
from pos_app.services.counter import perform  # noqa: E402
from pos_app.services.pairing import pair_terminal  # noqa: E402
from pos_app.services.sync import server_link, sync_once  # noqa: E402
from pos_app.store import Store  # noqa: E402
from sync.engine.client import ServerClient  # noqa: E402
from sync.server import admin  # noqa: E402
from sync.server.db import make_engine, migrate, write  # noqa: E402
from sync.server.office.users import add_user  # noqa: E402
from sync.server.pairing import create_pair_code  # noqa: E402

MERCHANT, STORES, STAFF = "harbour", ("harbour-quay", "harbour-station"), "alex"
PASSWORD = "screenshots only 1"  # noqa: S105 - a throwaway database's
SIZES = {"desktop": (1280, 900), "phone": (390, 844)}
NAMES = [
    "Ana Lima",
    "Ben Okafor",
    "Chloé Martin",
    "Dev Patel",
    "Eva Novak",
    "Femi Ade",
    "Gus Berg",
    "Hana Sato",
    "Ivo Rossi",
    "Jo Park",
    "Kai Müller",
    "Lea Costa",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _seed(db_url: str) -> tuple[Program, Program, list[Card]]:
    migrate(db_url)
    engine = make_engine(db_url, pool_size=1)
    now = datetime.now(UTC)
    coffee = Program(
        "harbour-coffee",
        MERCHANT,
        "Coffee card",
        ProgramKind.STAMPS,
        stamps_target=8,
        stamp_reward="Free coffee",
        cooldown_minutes=0,
    )
    bakery = Program(
        "harbour-bakery",
        MERCHANT,
        "Bakery points",
        ProgramKind.POINTS,
        points_per_unit=Decimal(1),
        rewards=(Reward("croissant", "Croissant", 50), Reward("cake", "Whole cake", 300)),
    )
    cards = [
        Card(
            id=f"00000000-0000-4000-8000-{i:012d}",
            card_number=new_card_number(),
            qr_token=new_qr_token(),
            merchant_id=MERCHANT,
            program_id=(coffee if i % 2 else bakery).id,
            enrolled_at_store=STORES[i % 2],
            customer_name=name,
            points_balance=0 if i % 2 else 400,
            total_points_earned=0 if i % 2 else 400,
        )
        for i, name in enumerate(NAMES)
    ]
    with write(engine) as conn:
        admin.create_merchant(conn, MERCHANT, "Harbour Café", now)
        admin.add_store(conn, STORES[0], MERCHANT, "On the quay", now)
        admin.add_store(conn, STORES[1], MERCHANT, "At the station", now)
        admin.add_staff(conn, STAFF, MERCHANT, "Alex", "manager", "1234", now)
        admin.add_staff(conn, "sam", MERCHANT, "Sam", "cashier", "2345", now)
        admin.add_program(conn, coffee, now)
        admin.add_program(conn, bakery, now)
        admin.insert_cards(conn, cards, now)
        add_user(conn, MERCHANT, "olive", "Olive Owner", "owner", None, PASSWORD, now)
    engine.dispose()
    return coffee, bakery, cards


def _sync(store: Store) -> None:
    link = server_link(store)
    assert link is not None
    with ServerClient(link.url, link.token) as client:
        sync_once(store, client)


def _work(db_url: str, base: str, tmp: Path, cards: list[Card]) -> None:
    """30 days of counter work on two terminals (one per store), synced every day; on the
    last day both redeem the same card offline, and the server refuses the later one."""
    engine = make_engine(db_url, pool_size=1)
    tills = []
    for i, store_id in enumerate(STORES):
        with write(engine) as conn:
            code = create_pair_code(conn, store_id, datetime.now(UTC))
        tills.append(pair_terminal(tmp / f"till{i}.db", base, code, f"Till {i + 1}"))
        _sync(tills[-1])
    engine.dispose()
    today = datetime.now(UTC).replace(hour=8, minute=0, second=0, microsecond=0)
    counter = itertools.count()
    for back in range(29, -1, -1):
        day = today - timedelta(days=back)
        for till in tills:
            for n in range(3 + (next(counter) * 7) % 9):
                when = day + timedelta(minutes=13 * n)
                card = cards[(n + back) % len(cards)]
                op = Stamp() if card.program_id == "harbour-coffee" else EarnPoints(400 + 90 * n)
                perform(till, CardRef.number(card.card_number), op, STAFF, when)
            if back % 4 == 0:
                points_card = cards[(back // 4) * 2 % len(cards)]
                perform(
                    till,
                    CardRef.number(points_card.card_number),
                    RedeemPoints("croissant"),
                    STAFF,
                    day + timedelta(hours=6),
                )
            _sync(till)
    # Both tills redeem the whole cake on one card, offline: the server refuses the second.
    card = cards[0]
    for till in tills:
        perform(
            till,
            CardRef.number(card.card_number),
            RedeemPoints("cake"),
            STAFF,
            today + timedelta(hours=9),
        )
    for till in tills:
        _sync(till)
        till.close()


def _browser(profile: Path) -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "chromium"
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--hide-scrollbars",
        "--no-first-run",
        "--disable-background-networking",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(flag)
    return webdriver.Chrome(options=options, service=Service(shutil.which("chromedriver")))


def _shoot(browser: webdriver.Chrome, out: Path, name: str, size: str) -> None:
    """The whole page, at the size's width (a phone's as a phone shows it)."""
    width, height = SIZES[size]
    metrics = {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": size == "phone"}
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
    full = browser.execute_script("return document.documentElement.scrollHeight")
    metrics["height"] = max(height, min(int(full), 4000))
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
    browser.save_screenshot(str(out / f"office-{name}-{size}.png"))
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def _pages(browser: webdriver.Chrome, base: str, out: Path, cards: list[Card]) -> None:
    def css(selector: str) -> webdriver.remote.webelement.WebElement:
        return browser.find_element(By.CSS_SELECTOR, selector)

    for size, window in SIZES.items():
        browser.delete_all_cookies()
        browser.set_window_size(*window)
        browser.get(f"{base}/office/sign-in")
        css("input[name=merchant]").send_keys(MERCHANT)
        css("input[name=login]").send_keys("olive")
        _shoot(browser, out, "sign-in", size)
        css("input[name=password]").send_keys(PASSWORD)
        css("[data-test=sign-in]").click()
        _shoot(browser, out, "day", size)
        browser.get(f"{base}/office/terminals")
        Select(css("[data-test=pair-store]")).select_by_value(STORES[0])
        css("[data-test=pair]").click()
        _shoot(browser, out, "terminals", size)
        for page in ("staff", "programs"):
            browser.get(f"{base}/office/{page}")
            _shoot(browser, out, page, size)
        browser.get(f"{base}/office/programs/harbour-bakery")
        _shoot(browser, out, "program", size)
        browser.get(f"{base}/office/cards?q=a")
        _shoot(browser, out, "cards", size)
        browser.get(f"{base}/office/cards/{cards[0].id}")
        _shoot(browser, out, "card", size)
        browser.get(f"{base}/office/customers?q=a")
        _shoot(browser, out, "customers", size)


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="office-shots-"))
    db_url = f"sqlite:///{tmp / 'server.db'}"
    _coffee, _bakery, cards = _seed(db_url)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-m", "sync.server.cli", "serve", "--db", db_url, "--port", str(port)]
    with (tmp / "server.log").open("wb") as log:
        server = subprocess.Popen(  # noqa: S603 - our own command
            cmd,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=ROOT,
        )
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                if httpx.get(f"{base}/v1/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit((tmp / "server.log").read_text()[-2000:])
            time.sleep(0.2)
        _work(db_url, base, tmp, cards)
        browser = _browser(tmp / "profile")
        try:
            _pages(browser, base, out, cards)
        finally:
            browser.quit()
    finally:
        server.terminate()
        server.wait(10)
    shutil.rmtree(tmp, ignore_errors=True)
    print(f"screenshots in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
