"""Run in its own process (the screen's size and scale factor are fixed when QApplication
starts): shows every screen and dialog of the window maximised on the offscreen screen and
prints, as JSON, each control that is not wholly on the screen and unclipped.

    QT_QPA_PLATFORM=offscreen:configfile=SCREEN.json [QT_SCALE_FACTOR=2] python fit_probe.py DIR

In English unless LOYALTY_POS_LANGUAGE names another language (or `pseudo`); with
FIT_PROBE_SHOTS=FOLDER it also saves a PNG of each screen and dialog there, to look at.
tests/ui/test_fits_screens.py runs it at each screen size.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QLabel,
    QLineEdit,
    QWidget,
)

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from pos_app.domain.demo import demo_cards
from pos_app.domain.operations import EarnPoints
from pos_app.ui.camera_view import CameraView
from pos_app.ui.first_run import create_demo
from pos_app.ui.i18n import LANGUAGE_ENV, install_language
from pos_app.ui.main_window import MainWindow
from pos_app.ui.style import apply_style, is_compact

Problems = list[str]
Report = dict[str, dict[str, object]]


def wait(until: Callable[[], bool], timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while not until():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not get there in time")
        QApplication.processEvents()
        time.sleep(0.005)


def settle() -> None:
    for _ in range(5):
        QApplication.processEvents()
        time.sleep(0.01)


def _name(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, QAbstractButton | QLabel | QLineEdit) else ""
    label = widget.objectName() or type(widget).__name__
    return f"{type(widget).__name__}#{label} {text!r}".replace("\n", " ")


def controls(top: QWidget) -> Iterator[QWidget]:
    """What the cashier must see and reach: buttons, fields, the camera view, labels."""
    for widget in top.findChildren(QWidget):
        if widget.isVisibleTo(top) and isinstance(
            widget, QAbstractButton | QLineEdit | CameraView | QLabel
        ):
            if isinstance(widget, QLabel) and not (widget.text() or widget.pixmap()):
                continue
            yield widget


def unseen(widget: QWidget, screen: QRect) -> str | None:
    """Why `widget` is not wholly visible: off the screen, clipped by a parent, or squeezed
    below the size its content needs; None when it is fine."""
    top = widget.window()
    if not widget.isVisible():
        return "hidden"
    rect = QRect(widget.mapTo(top, QPoint(0, 0)), widget.size())
    shown = QRect(rect)
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        shown &= QRect(parent.mapTo(top, QPoint(0, 0)), parent.size())
        parent = parent.parentWidget()
    shown &= top.rect()
    if shown != rect:
        return f"clipped to {shown.getRect()} of {rect.getRect()}"
    on_screen = QRect(top.mapToGlobal(rect.topLeft()), rect.size())
    if not screen.contains(on_screen):
        return f"off the screen at {on_screen.getRect()} on {screen.getRect()}"
    if isinstance(widget, QAbstractButton | QLabel) and not (
        isinstance(widget, QLabel) and widget.wordWrap()
    ):
        need = (
            widget.sizeHint() if isinstance(widget, QAbstractButton) else widget.minimumSizeHint()
        )
        if widget.width() < need.width() or widget.height() < need.height():
            got = f"{widget.width()}x{widget.height()}"
            return f"squeezed to {got}, needs {need.width()}x{need.height()}"
    return None


def check(name: str, top: QWidget, must: list[QWidget], report: Report) -> None:
    settle()
    screen = top.screen().availableGeometry()
    problems: Problems = []
    hint = top.minimumSizeHint()
    if hint.width() > screen.width() or hint.height() > screen.height():
        problems.append(f"minimumSizeHint {hint.width()}x{hint.height()} > {screen.size()}")
    frame = top.frameGeometry()
    if not screen.contains(frame):
        problems.append(f"window {frame.getRect()} not inside the screen {screen.getRect()}")
    for widget in [*must, *controls(top)]:
        why = unseen(widget, screen)
        if why:
            problems.append(f"{_name(widget)}: {why}")
    shots = os.environ.get("FIT_PROBE_SHOTS")
    if shots:
        top.grab().save(str(Path(shots) / (name.replace(" ", "-").replace(",", "") + ".png")))
    report[name] = {
        "problems": sorted(set(problems)),
        "compact": is_compact(top),
        "minimum": [hint.width(), hint.height()],
    }


def show_dialog(window: MainWindow, opened: Callable[[], object]) -> QDialog:
    opened()
    wait(lambda: isinstance(QApplication.activeModalWidget(), QDialog))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, QDialog)
    wait(dialog.isVisible)
    return dialog


def probe(tmp: Path) -> Report:
    report: Report = {}
    first = MainWindow(tmp / "new.db")
    first.showMaximized()
    wait(first.isVisible)
    assert first.first_run is not None
    fr = first.first_run
    check("first run", first, [fr.demo_button, fr.pair_button, first.status_strip], report)
    first.close()

    store = create_demo(tmp / "terminal.db")
    window = MainWindow(store.path, store, camera="")
    window.showMaximized()
    wait(lambda: window.loop is not None and window.isVisible())
    assert window.sign_in is not None and window.counter is not None
    form = window.sign_in.form
    check("sign-in", window, [form.go, form.pin, window.status_strip], report)

    form.choose("Alex")
    form.pin.setText("1234")
    form.submit()
    wait(lambda: window.staff is not None)
    counter = window.counter
    strip = window.status_strip
    header = [b for b in counter.findChildren(QAbstractButton) if b.objectName() == "Flat"]
    must = [*counter.buttons.values(), *header, strip, strip.clock, strip.pill, counter.number]
    cards = demo_cards(6)
    counter.handle_text(cards[1].card_number)  # a points card: the longest reward line
    wait(lambda: counter.view is not None and not counter.busy)
    counter.handle_text(cards[0].card_number)  # a stamp card, stamped: the undo is offered
    wait(lambda: counter.view is not None and counter.view.card.id == cards[0].id)
    wait(lambda: not counter.busy)
    counter.stamp()
    wait(lambda: not counter.busy and counter.undo_button.isVisible())
    check("counter", window, [*must, counter.undo_button, counter.camera], report)

    counter.handle_text(cards[1].card_number)
    wait(lambda: counter.view is not None and counter.view.card.id == cards[1].id)
    wait(lambda: not counter.busy)
    check("counter, points card", window, must, report)

    dialog = show_dialog(window, counter.earn)
    check("earn keypad", dialog, [], report)
    dialog.reject()
    dialog = show_dialog(window, counter.catalogue)
    check("reward catalogue", dialog, [], report)
    dialog.reject()

    counter.perform(EarnPoints(1250))  # a purchase for the return to take back
    wait(lambda: not counter.busy and counter.view is not None)
    settle()
    returned = show_dialog(window, counter.void)
    check("return a purchase", returned, [], report)
    returned.reject()
    finder = show_dialog(window, counter.find_customer)
    finder.query.setText("Demo customer")  # type: ignore[attr-defined]
    finder.search()  # type: ignore[attr-defined]
    wait(finder.search_button.isEnabled)  # type: ignore[attr-defined]
    check("find a customer", finder, [], report)
    finder.reject()
    settle()
    approval = show_dialog(window, window.card_life)
    approval.form.choose("Sam")  # type: ignore[attr-defined]
    approval.form.pin.setText("9999")  # type: ignore[attr-defined]
    approval.form.submit()  # type: ignore[attr-defined]
    wait(lambda: type(QApplication.activeModalWidget()).__name__ == "CardLifeDialog")
    card_life = QApplication.activeModalWidget()
    assert isinstance(card_life, QDialog)
    check("card actions", card_life, [], report)
    card_life.reject()
    settle()

    enroll = show_dialog(window, counter.enroll)
    check("new customer", enroll, [], report)
    enroll.name.setText("Robin Baker")  # type: ignore[attr-defined]
    enroll.create_card()  # type: ignore[attr-defined]
    wait(lambda: enroll.done_ is not None)  # type: ignore[attr-defined]
    check("new customer, card made", enroll, [enroll.qr], report)  # type: ignore[attr-defined]
    enroll.accept()
    settle()

    pin = show_dialog(window, window.end_of_day)
    pin.form.choose("Sam")  # type: ignore[attr-defined]
    check("manager PIN", pin, [], report)
    pin.form.pin.setText("9999")  # type: ignore[attr-defined]
    pin.form.submit()  # type: ignore[attr-defined]
    wait(lambda: type(QApplication.activeModalWidget()).__name__ == "EndOfDayDialog")
    report_dialog = QApplication.activeModalWidget()
    assert isinstance(report_dialog, QDialog)
    wait(lambda: report_dialog.close_ is not None)  # type: ignore[attr-defined]
    check("end of day", report_dialog, [], report)
    report_dialog.accept()
    settle()

    approval = show_dialog(window, window.open_settings)
    approval.form.choose("Sam")  # type: ignore[attr-defined]
    approval.form.pin.setText("9999")  # type: ignore[attr-defined]
    approval.form.submit()  # type: ignore[attr-defined]
    wait(lambda: type(QApplication.activeModalWidget()).__name__ == "SettingsDialog")
    settings = QApplication.activeModalWidget()
    assert isinstance(settings, QDialog)
    for index in range(settings.tabs.count()):  # type: ignore[attr-defined]
        settings.tabs.setCurrentIndex(index)  # type: ignore[attr-defined]
        tab = settings.tabs.tabText(index)  # type: ignore[attr-defined]
        check(f"settings, {tab}", settings, [], report)
    settings.reject()
    settle()
    window.close()
    return report


def main(argv: list[str]) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    apply_style(app)
    install_language(os.environ.get(LANGUAGE_ENV) or "en")
    report = probe(Path(argv[0]))
    screen = app.primaryScreen()
    print(
        json.dumps(
            {
                "screen": [screen.geometry().width(), screen.geometry().height()],
                "ratio": screen.devicePixelRatio(),
                "screens": report,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
