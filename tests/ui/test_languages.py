"""The window in German, French and Spanish: its words, its numbers and dates, and the day's
report on paper (the PDF read back as text), each in the language chosen."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from babel.dates import format_date
from PySide6.QtCore import QLocale, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from pos_app.domain.card import Card
from pos_app.domain.demo import demo_cards
from pos_app.domain.operations import Adjust, Context, apply
from pos_app.domain.program import Program, ProgramKind
from pos_app.domain.refusal import Refused
from pos_app.services import locale_format
from pos_app.services.clock import local_now
from pos_app.services.counter import choose_program
from pos_app.services.customers import BadContactError, read_contact
from pos_app.services.errors import ServiceError
from pos_app.services.returns import Purchase
from pos_app.services.setup import init_terminal
from pos_app.store.outbox import Answer, record_answers
from pos_app.ui import i18n
from pos_app.ui.customer_dialogs import ReturnDialog
from pos_app.ui.demo_video import WIFI_CODE
from pos_app.ui.error_words import for_people
from pos_app.ui.main_window import MainWindow
from pos_app.ui.status_bar import StatusStrip, describe
from pos_app.ui.words import counts, refusal_words
from sync.engine.clock import ClockStatus
from sync.engine.connectivity import Connectivity, Notice, SyncStatus
from tests.ui.conftest import MakeWindow, sign_in
from tests.ui.test_end_of_day import open_end_of_day

# What each language must say, as a native speaker would, on screen and in the PDF.
EXPECTED = {
    "de": {
        "sign_in": "Wer steht an der Kasse?",
        "stamp": "Stempeln",
        "added": "Stempel vergeben: ",
        "report": "Tagesabschluss",
        "refusal": "Zu kurz nach dem letzten Stempel der Karte gestempelt.",
        "locale": "de_DE",
        "wifi": "Das ist ein WLAN-Code, keine Treuekarte",
    },
    "fr": {
        "sign_in": "Qui est à la caisse\u202f?",
        "stamp": "Tamponner",
        "added": "Tampon ajouté\u00a0: ",
        "report": "Clôture du",
        "refusal": "Tampon trop tôt après le dernier tampon de la carte.",
        "locale": "fr_FR",
        "wifi": "C'est un code Wi-Fi, pas une carte de fidélité",
    },
    "es": {
        "sign_in": "¿Quién está en el mostrador?",
        "stamp": "Sellar",
        "added": "Sello añadido: ",
        "report": "Cierre del día",
        "refusal": "Sellada demasiado pronto tras el último sello de la tarjeta.",
        "locale": "es_ES",
        "wifi": "Es un código wifi, no una tarjeta de fidelización",
    },
}


@pytest.fixture
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    chosen: str = request.param
    # An English computer: the language comes from the choice, its usual locale with it.
    assert i18n.install_language(chosen, QLocale("en_US")) == chosen
    yield chosen
    i18n.install_language("en")
    assert locale_format.current_locale() == "en_GB"


@pytest.mark.parametrize("language", list(EXPECTED), indirect=True)
def test_the_counter_and_its_report_speak_the_language(
    qtbot: QtBot,
    language: str,
    make_window: MakeWindow,
    cards: list[Card],
    tmp_path: Path,
) -> None:
    words = EXPECTED[language]
    assert locale_format.current_locale() == words["locale"]
    window: MainWindow = make_window()
    assert window.sign_in is not None
    assert words["sign_in"] in [label.text() for label in window.findChildren(QLabel)]
    sign_in(qtbot, window)
    counter = window.counter
    assert counter is not None
    assert counter.buttons["stamp"].text().startswith(words["stamp"] + "\n")
    counter.handle_text(WIFI_CODE)  # another kind of QR code, shown to the camera
    qtbot.waitUntil(lambda: words["wifi"] in counter.banner.text())
    counter.handle_text(cards[0].card_number)
    qtbot.waitUntil(lambda: counter.view is not None)
    QTest.keyClick(counter, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: words["added"] in counter.banner.text())
    with counter.store.write() as conn:  # as if the server had refused it: another till first
        record_answers(
            conn,
            [Answer(1, "refused", "cooldown", "Stamped recently at another terminal", None, 0, 0)],
            local_now().isoformat(),
        )

    dialog = open_end_of_day(qtbot, window)
    pdf = tmp_path / "day.pdf"
    dialog.export_pdf(pdf)
    text = subprocess.run(
        ["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    today = format_date(date.today(), format="medium", locale=words["locale"])
    assert f"{words['report']} {today}" in " ".join(text.split())
    assert words["refusal"] in " ".join(text.split())
    assert "Stamped recently at another terminal" not in text  # the server's English words


@pytest.mark.parametrize("language", ["de"], indirect=True)
def test_the_customer_dialogs_and_their_refusals_speak_the_language(
    qtbot: QtBot, language: str
) -> None:
    """The return dialog, a contact typed wrong and a manager's refusal, in German words
    made at the edge from the services' codes and figures."""
    dialog = ReturnDialog([Purchase("e1", 1, "2026-12-01T14:05:00", 1250, 12, 250)], "EUR")
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Einkauf zurücknehmen"
    assert (
        dialog.list.item(0).text()
        == "1. Dez. 14:05  ·  12,50\u00a0€  ·  +12 Punkte, noch 10,00\u00a0€"
    )
    assert "z. B. 12,50" in dialog.amount.placeholderText()
    dialog.amount.setText("zwölf")
    dialog._confirm()
    assert dialog.note.text() == "„zwölf“ ist kein Betrag: wie 12,50 eingeben"

    with pytest.raises(BadContactError) as wrong:
        read_contact("12", "", consent=True)
    assert for_people(wrong.value) == "„12“ ist keine Telefonnummer (6 bis 20 Ziffern)"

    card = replace(demo_cards(2)[1], program_id="p", points_balance=0)
    program = Program("p", card.merchant_id, "Bakery points", ProgramKind.BOTH)
    context = Context(local_now(), card.enrolled_at_store)
    refused = apply(card, program, Adjust(points=-5, reason="typo"), context)
    assert isinstance(refused, Refused)
    assert refusal_words(refused) == "Die Karte hat nur 0 Punkte: zu wenig, um 5 Punkte abzuziehen."


@pytest.mark.parametrize("language", ["de"], indirect=True)
def test_the_status_strip_warns_in_the_language(qtbot: QtBot, language: str) -> None:
    """Offline limits, the clock and the sync's phase come as codes; the strip says them."""
    hours = Notice("unsynced_hours", "Not synced for 5 hours: …", (("hours", 5), ("stop_hours", 1)))
    clock = ClockStatus(offset=timedelta(minutes=-7), jumped=False).notice
    assert clock is not None
    status = SyncStatus(
        Connectivity.SYNCING,
        3,
        None,
        warnings=("English",),
        notices=(hours, clock),
        progress=("push", 1, 3),
    )
    strip = StatusStrip()
    qtbot.addWidget(strip)
    strip.show_status(status)
    assert strip.warnings.text() == (
        "⚠ Seit 5 Stunden nicht abgeglichen: Einlösungen stoppen nach 1 Stunde."
        "  ⚠ Die Uhr des Terminals geht um 7 Minuten falsch; es gilt die Zeit des Servers."
    )
    assert describe(status).startswith("sende 1/3 · ")


@pytest.mark.parametrize("language", ["de"], indirect=True)
def test_the_camera_and_rare_refusals_speak_the_language(
    qtbot: QtBot, make_window: MakeWindow, language: str, tmp_path: Path
) -> None:
    """A camera that is not there, and the services' rarer refusals, in German words made at
    the edge from codes and figures (the English stays in the log and the command line)."""
    window = make_window(camera="99")
    assert window.counter is not None
    view = window.counter.camera
    unplugged = (
        "Kamera 99 ist nicht angeschlossen oder wird von einem anderen Programm benutzt; "
        "neuer Versuch in 0,5 s"
    )
    qtbot.waitUntil(lambda: view.accessibleDescription() == unplugged, timeout=5_000)

    store = init_terminal(tmp_path / "t.db", merchant_id="m", store_id="s")
    store.close()
    with pytest.raises(ServiceError) as again:
        init_terminal(tmp_path / "t.db", merchant_id="m", store_id="s")
    assert "is already a terminal database" in str(again.value)  # the log's words
    assert for_people(again.value) == (
        f"{tmp_path / 't.db'} ist bereits eine Terminal-Datenbank; nichts wurde geändert."
    )
    bakery = Program("bakery", "m", "Bakery", ProgramKind.STAMPS)
    cafe = Program("cafe", "m", "Café", ProgramKind.POINTS)
    with pytest.raises(ServiceError) as which:
        choose_program([bakery, cafe], None)
    assert for_people(which.value) == "Bitte ein Treueprogramm wählen: bakery, cafe"
    # Counted sentences bend with the count.
    assert counts().points_taken_back(1, 4) == "1 Punkt zurückgenommen · Stand 4"
    assert counts().points_taken_back(3, 4) == "3 Punkte zurückgenommen · Stand 4"
    assert counts().waiting_to_sync(1) == "1 wartet auf Abgleich"
    assert counts().not_yet_confirmed(2).startswith("<b>2</b> Buchungen sind vom Server")
