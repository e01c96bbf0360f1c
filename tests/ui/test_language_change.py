"""A language chosen in Settings applies at once, to the whole window, without a restart:
every button, label, placeholder and hint, the status strip, the camera panel, the last
scan's result, the card on show, and money typed in the next dialog as the new locale writes
it. And back again."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from pos_app.domain.card import Card
from pos_app.services import locale_format
from pos_app.ui import i18n
from pos_app.ui.keypad import NumberDialog
from pos_app.ui.main_window import MainWindow
from tests.ui.test_settings import open_settings

TRANSLATIONS = Path(i18n.__file__).parents[1] / "resources" / "translations"


@pytest.fixture
def own_config(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    """The language file in a folder of the test's own, and English again afterwards."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    yield tmp_path / "config"
    i18n.install_language("en")


def english_sources(language: str) -> set[str]:
    """The English texts that `language` says otherwise: none may stay on screen."""
    root = ET.parse(TRANSLATIONS / f"loyalty_{language}.ts").getroot()
    sources = set()
    for message in root.iter("message"):
        source, translation = message.findtext("source"), message.find("translation")
        if source and translation is not None and translation.text not in (None, source):
            sources.add(source)
    return sources


def visible_texts(window: QWidget) -> list[str]:
    texts = [window.windowTitle()]
    for widget in window.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if isinstance(widget, (QLabel, QAbstractButton)):
            texts += [line for line in widget.text().split("\n") if line]
        if isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        texts += [widget.accessibleName(), widget.accessibleDescription(), widget.toolTip()]
    return [t for t in texts if t]


def choose_language(qtbot: QtBot, window: MainWindow, language: str) -> None:
    """As the manager does it: F10, the manager's PIN, the language, Save."""
    dialog = open_settings(qtbot, window)
    dialog.language.setCurrentIndex(dialog.language.findData(language))
    QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.dialog is None and i18n.installed_language() == language)


def test_german_chosen_in_settings_applies_at_once_and_english_comes_back(
    qtbot: QtBot, counter_window: MainWindow, cards: list[Card], own_config: Path
) -> None:
    window = counter_window
    counter = window.counter
    assert counter is not None
    counter.handle_text(cards[0].card_number)
    qtbot.waitUntil(lambda: counter.view is not None)
    QTest.keyClick(counter, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: counter.banner.text().startswith("✓  Stamp added: "))
    stamped = counter.banner.text()
    assert window.status_strip.text.text().startswith("not paired with a server")
    assert counter.camera.message().startswith("No camera: scan with the handheld scanner")

    choose_language(qtbot, window, "de")
    qtbot.waitUntil(lambda: counter.buttons["stamp"].text() == "Stempeln\nF1")
    assert (own_config / "loyalty-pos" / "language").read_text().strip() == "de"
    assert locale_format.current_locale() == "de_DE"
    # What the counter said before the switch is the counter's state: said again, in German.
    assert counter.banner.text() == stamped.replace("Stamp added", "Stempel vergeben").replace(
        " of ", " von "
    )
    assert window.status_strip.text.text().startswith("nicht mit einem Server gekoppelt")
    assert counter.camera.message().startswith("Keine Kamera: mit dem Handscanner scannen")
    assert counter.card.stamps_text.text().startswith(f"{cards[0].stamp_count + 1} von ")
    english = english_sources("de")
    left = [text for text in visible_texts(window) if text in english]
    assert left == [], f"still in English after the switch: {left}"

    # The next dialog asks for money as German writes it, with a German keypad.
    counter.handle_text(cards[1].card_number)  # a points card
    qtbot.waitUntil(counter.buttons["earn"].isEnabled)
    QTest.keyClick(counter, Qt.Key.Key_F3)
    dialog = counter.dialog
    assert isinstance(dialog, NumberDialog)
    assert dialog.windowTitle() == "Punkte sammeln"
    assert dialog.field.placeholderText() == "12,50"
    assert dialog.keypad.buttons["."].text() == ","
    dialog.reject()
    qtbot.waitUntil(lambda: counter.dialog is None)

    QTest.keyClick(counter, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.staff is None)
    assert window.sign_in is not None
    assert window.sign_in.form.who.text() == "Wer steht an der Kasse?"
    assert window.status_strip.staff.text() == "Gesperrt"

    from tests.ui.conftest import sign_in

    sign_in(qtbot, window)
    choose_language(qtbot, window, "en")
    qtbot.waitUntil(lambda: counter.buttons["stamp"].text() == "Stamp\nF1")
    assert locale_format.current_locale() == "en_GB"
    assert counter.banner.text() == "Ready: scan a card"  # signing in again cleared the screen
    assert window.status_strip.text.text().startswith("not paired with a server")
    assert counter.camera.message().startswith("No camera: scan with the handheld scanner")
    german = {t for t in visible_texts(window) if t in set(german_translations("de"))}
    assert german == set()


def german_translations(language: str) -> list[str]:
    root = ET.parse(TRANSLATIONS / f"loyalty_{language}.ts").getroot()
    found = []
    for message in root.iter("message"):
        translation = message.find("translation")
        if (
            translation is not None
            and translation.text
            and translation.text != message.findtext("source")
        ):
            found.append(translation.text)
    return found


def test_french_applies_to_the_sign_in_screen_shown_at_the_switch(
    qtbot: QtBot, counter_window: MainWindow, own_config: Path
) -> None:
    """The screens not on show follow too: the sign-in screen behind the counter."""
    window = counter_window
    choose_language(qtbot, window, "fr")
    assert window.sign_in is not None
    qtbot.waitUntil(
        lambda: window.sign_in is not None and "caisse" in window.sign_in.form.who.text()
    )
    assert window.sign_in.form.go.text() == "Se connecter"
    assert window.windowTitle() != "Loyalty terminal"


def test_no_dialog_of_the_counter_can_be_open_under_the_settings(
    qtbot: QtBot, counter_window: MainWindow, cards: list[Card]
) -> None:
    """Why dialogs need no retranslation: each is made anew in the language of the moment,
    and Settings (where the language changes) cannot be opened over one."""
    counter = counter_window.counter
    assert counter is not None
    counter.handle_text(cards[1].card_number)  # a points card
    qtbot.waitUntil(counter.buttons["earn"].isEnabled)
    QTest.keyClick(counter, Qt.Key.Key_F3)
    dialog = counter.dialog
    assert isinstance(dialog, NumberDialog)
    qtbot.waitUntil(dialog.isActiveWindow)
    QTest.keyClick(dialog.field, Qt.Key.Key_F10)  # a shortcut would act within this call
    assert counter_window.dialog is None
    dialog.reject()
