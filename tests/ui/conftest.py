"""The cashier's window on a real demo database, driven through its widgets."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from pos_app.domain.card import Card
from pos_app.domain.demo import demo_cards
from pos_app.store import Store
from pos_app.ui.demo_video import WIFI_CODE, write_demo_video
from pos_app.ui.main_window import MainWindow
from pos_app.ui.terminal_settings import CounterSettings, save_settings
from tests.server.conftest import Merchant, ServerProcess, make_merchant, start_server
from tests.sync.harness import new_terminal

CASHIER, CASHIER_PIN = "Alex", "1234"
MANAGER, MANAGER_PIN = "Sam", "9999"


@pytest.fixture(scope="session")
def demo_video(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two demo cards' QR codes, then a Wi-Fi code, as a phone shown to the camera."""
    texts = [c.qr_token for c in demo_cards(2)] + [WIFI_CODE]
    path = tmp_path_factory.mktemp("video") / "counter.mp4"
    return write_demo_video(path, texts, show_s=1.0, gap_s=1.2, lead_s=0.3)


@pytest.fixture
def cards() -> list[Card]:
    """The demo store's cards: even indexes collect stamps (coffee), odd ones points."""
    return demo_cards(20)


MakeWindow = Callable[..., MainWindow]


@pytest.fixture
def make_window(qtbot: QtBot, demo_store: Store) -> Iterator[MakeWindow]:
    made: list[MainWindow] = []

    def make(camera: str = "", settings: CounterSettings | None = None, **kw: object) -> MainWindow:
        if settings is not None:
            save_settings(demo_store, settings)
        window = MainWindow(demo_store.path, demo_store, camera=camera, **kw)  # type: ignore[arg-type]
        qtbot.addWidget(window)
        window.resize(1366, 820)
        window.show()
        made.append(window)
        qtbot.waitUntil(lambda: window.loop is not None)
        return window

    yield make
    for window in made:
        window.shutdown()


@pytest.fixture
def window(make_window: MakeWindow) -> MainWindow:
    return make_window()


def sign_in(qtbot: QtBot, window: MainWindow, name: str = CASHIER, pin: str = CASHIER_PIN) -> None:
    assert window.sign_in is not None
    form = window.sign_in.form
    form.choose(name)
    for digit in pin:
        QTest.mouseClick(form.keypad.buttons[digit], Qt.MouseButton.LeftButton)
    QTest.mouseClick(form.go, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.staff is not None and window.staff.name == name)


@pytest.fixture
def counter_window(qtbot: QtBot, window: MainWindow) -> MainWindow:
    """The window with the cashier signed in, at the counter."""
    sign_in(qtbot, window)
    return window


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """A real server process (SQLite) for the module's paired counters."""
    tmp = tmp_path_factory.mktemp("ui-server")
    process = start_server("sqlite", f"sqlite:///{tmp / 'server.db'}", tmp / "server.log")
    yield process
    process.stop()


def paired_counter(qtbot: QtBot, server: ServerProcess, db: Path) -> tuple[Merchant, MainWindow]:
    """A new merchant's terminal, paired and synced, its window shown and its cashier (pulled
    from the server) signed in."""
    shop = make_merchant(server, card_count=4)
    terminal = new_terminal(server, shop, db)
    window = MainWindow(terminal.store.path, terminal.store, camera="")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.loop is not None)
    sign_in(qtbot, window)
    return shop, window


@pytest.fixture(scope="session", autouse=True)
def english(qapp: object) -> None:
    """The window in English, whatever this machine's language: the tests read its words."""
    from pos_app.ui.i18n import install_language

    install_language("en")
