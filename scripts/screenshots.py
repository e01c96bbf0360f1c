"""Screenshots of every screen of the cashier's window, into docs/screenshots/*.png, and of
the window maximised on common screens (fit-*.png): 1024x768, 1366x768, 1920x1080 and
1920x1080 at scale factor 2.

Runs offscreen by default (on a 1920x1080 offscreen screen), or under `xvfb-run -a`, against
a fresh demo database and the demo camera; each screen size runs in its own process on an
offscreen screen of that size:

    .venv/bin/python scripts/screenshots.py [OUT_DIR]
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pos_app.ui.offscreen import offscreen_platform

if "QT_QPA_PLATFORM" not in os.environ:
    # The default offscreen screen is 800x800: the window would take its compact look.
    os.environ["QT_QPA_PLATFORM"] = offscreen_platform(Path(tempfile.mkdtemp()), 1920, 1080)

from PySide6.QtWidgets import QApplication, QWidget

from pos_app.domain.demo import demo_cards
from pos_app.store.terminal import TOKEN_KEY, URL_KEY, put_setting
from pos_app.ui.first_run import create_demo
from pos_app.ui.main_window import MainWindow
from pos_app.ui.style import apply_style

SIZE = (1440, 900)  # a common laptop screen, at the regular look (style.COMPACT_BELOW)
# name: (width, height, scale factor); the window is maximised on each.
SCREENS = {
    "1024x768": (1024, 768, 1),
    "1366x768": (1366, 768, 1),
    "1920x1080": (1920, 1080, 1),
    "1920x1080-scale2": (1920, 1080, 2),
}


def wait(until: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not until():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not get there in time")
        QApplication.processEvents()
        time.sleep(0.01)


def settle(seconds: float = 0.3) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.01)


def shot(widget: QWidget, out: Path, name: str) -> None:
    settle()
    widget.grab().save(str(out / f"{name}.png"))
    print(f"wrote {out / name}.png")


def screen_shot(window: QWidget, out: Path, name: str) -> None:
    """The window as the cashier sees it, with any dialog over it (the screen's picture,
    cut to the window: the offscreen platform's frame around it is not the window)."""
    settle()
    grab = QApplication.primaryScreen().grabWindow(0, *window.geometry().getRect())
    grab.save(str(out / f"{name}.png"))
    print(f"wrote {out / name}.png")


def fit_shots(screen: str, out: Path) -> int:
    """The window maximised on this process's screen: sign-in, the counter, a dialog."""
    tmp = Path(tempfile.mkdtemp(prefix="pos-fit-"))
    store = create_demo(tmp / "terminal.db")
    window = MainWindow(store.path, store, camera="demo")
    window.showMaximized()
    assert window.sign_in is not None and window.counter is not None
    counter = window.counter
    wait(lambda: window.loop is not None)
    window.camera.scanned.disconnect(window._camera_scanned)
    window.sign_in.form.choose("Alex")
    screen_shot(window, out, f"fit-{screen}-1-sign-in")
    window.sign_in.form.pin.setText("1234")
    window.sign_in.form.submit()
    wait(lambda: window.staff is not None)
    wait(lambda: counter.camera.frames_shown > 5)
    cards = demo_cards(2)
    counter.handle_text(cards[0].card_number)
    wait(lambda: counter.view is not None and not counter.busy)
    counter.stamp()
    wait(lambda: not counter.busy and counter.undo_button.isVisible())
    screen_shot(window, out, f"fit-{screen}-2-counter")
    counter.handle_text(cards[1].card_number)
    wait(lambda: counter.view is not None and counter.view.card.id == cards[1].id)
    wait(lambda: not counter.busy)
    counter.earn()
    assert counter.dialog is not None
    for key in "12.50":
        counter.dialog.keypad.press(key)  # type: ignore[attr-defined]
    screen_shot(window, out, f"fit-{screen}-3-earn-keypad")
    counter.dialog.reject()
    settle()
    counter.enroll()
    enroll = counter.dialog
    assert enroll is not None
    enroll.name.setText("Robin Baker")  # type: ignore[attr-defined]
    enroll.create_card()  # type: ignore[attr-defined]
    wait(lambda: enroll.done_ is not None)  # type: ignore[attr-defined]
    screen_shot(window, out, f"fit-{screen}-4-new-card")
    enroll.accept()
    window.close()
    return 0


def all_fit_shots(out: Path) -> None:
    for screen, (width, height, scale) in SCREENS.items():
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": offscreen_platform(Path(tempfile.mkdtemp()), width, height),
            "QT_SCALE_FACTOR": str(scale),
        }
        command = [sys.executable, __file__, "--fit", screen, str(out)]
        subprocess.run(command, env=env, check=True)  # noqa: S603 - this script, fixed arguments


def main(argv: list[str]) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    apply_style(app)
    from pos_app.ui.i18n import install_language

    # English, as the window installs it (its plural forms: "1 entry", not the source's
    # "1 entries"), whatever this machine's language.
    install_language("en")
    if argv[:1] == ["--fit"]:
        return fit_shots(argv[1], Path(argv[2]))
    out = Path(argv[0]) if argv else Path(__file__).resolve().parents[1] / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    walk(out)
    all_fit_shots(out)
    return 0


def walk(out: Path) -> None:  # noqa: PLR0915 - one walk through every screen
    tmp = Path(tempfile.mkdtemp(prefix="pos-shots-"))

    first = MainWindow(tmp / "new.db")
    first.resize(*SIZE)
    first.show()
    shot(first, out, "01-first-run")
    first.close()

    store = create_demo(tmp / "terminal.db")
    window = MainWindow(store.path, store, camera="demo")
    window.resize(*SIZE)
    window.show()
    assert window.sign_in is not None and window.counter is not None
    counter = window.counter
    wait(lambda: window.loop is not None)
    # The demo camera keeps playing in the preview, but its scans would change the card
    # between two pictures: the script drives the counter itself.
    window.camera.scanned.disconnect(window._camera_scanned)
    window.sign_in.form.choose("Alex")
    shot(window, out, "02-sign-in")

    window.sign_in.form.pin.setText("1234")
    window.sign_in.form.submit()
    wait(lambda: window.staff is not None)
    wait(lambda: counter.camera.frames_shown > 5)
    shot(window, out, "03-counter-ready")

    cards = demo_cards(6)
    counter.handle_text(cards[0].card_number)  # a coffee (stamp) card
    wait(lambda: counter.view is not None and not counter.busy)
    counter.stamp()
    wait(lambda: not counter.busy and counter.banner.text().startswith("✓  Stamp"))
    shot(window, out, "04-stamp-added")

    counter.stamp()  # within the cooldown: refused, in amber, with the minutes left
    wait(lambda: not counter.busy and "recently" in counter.banner.text())
    shot(window, out, "05-stamp-refused")

    counter.handle_text(cards[1].card_number)  # a bakery (points) card
    wait(lambda: counter.view is not None and counter.view.card.id == cards[1].id)
    wait(lambda: not counter.busy)
    counter.earn()
    assert counter.dialog is not None
    dialog = counter.dialog
    for key in "12.50":
        dialog.keypad.press(key)  # type: ignore[attr-defined]
    shot(dialog, out, "06-earn-keypad")
    dialog.confirm()  # type: ignore[attr-defined]
    wait(lambda: not counter.busy and "points for" in counter.banner.text())
    shot(window, out, "07-points-earned")

    counter.catalogue()
    assert counter.dialog is not None
    shot(counter.dialog, out, "08-reward-catalogue")
    counter.dialog.reject()
    settle()

    counter.handle_text("WIFI:T:WPA;S:Cafe;P:secret;;")
    shot(window, out, "09-foreign-code")

    counter.enroll()
    assert counter.dialog is not None
    enroll = counter.dialog
    enroll.name.setText("Robin Baker")  # type: ignore[attr-defined]
    enroll.create_card()  # type: ignore[attr-defined]
    wait(lambda: enroll.done_ is not None)  # type: ignore[attr-defined]
    shot(enroll, out, "10-enrolled")
    enroll.accept()
    settle()

    window.end_of_day()
    pin = window.dialog
    assert pin is not None
    pin.form.choose("Sam")  # type: ignore[attr-defined]
    shot(pin, out, "11-manager-pin")
    pin.form.pin.setText("9999")  # type: ignore[attr-defined]
    pin.form.submit()  # type: ignore[attr-defined]
    wait(lambda: window.dialog is not pin and window.dialog is not None)
    report = window.dialog
    assert report is not None
    wait(lambda: report.close_ is not None)  # type: ignore[attr-defined]
    shot(report, out, "12-end-of-day")
    report.accept()  # type: ignore[attr-defined]
    settle()

    window.open_settings()  # a manager approves with a PIN first
    approval = window.dialog
    approval.form.pin.setText("9999")  # type: ignore[union-attr]
    approval.form.go.click()  # type: ignore[union-attr]
    wait(lambda: type(window.dialog).__name__ == "SettingsDialog")
    settings = window.dialog
    assert settings is not None
    shot(settings, out, "13-settings-counter")
    settings.tabs.setCurrentIndex(1)  # type: ignore[attr-defined]
    settings.start_test()  # type: ignore[attr-defined]
    wait(lambda: settings.test_view.frames_shown > 3)  # type: ignore[attr-defined]
    shot(settings, out, "14-settings-camera")
    settings.tabs.setCurrentIndex(2)  # type: ignore[attr-defined]
    shot(settings, out, "15-settings-server")
    settings.reject()  # type: ignore[attr-defined]
    settle()

    # Paired with a server that cannot be reached: a card new to this terminal.
    with store.write() as conn:
        put_setting(conn, URL_KEY, "http://127.0.0.1:9")
        put_setting(conn, TOKEN_KEY, "unused")
    counter.handle_text("4111-1111-1111")
    wait(lambda: counter.view is not None and counter.view.provisional and not counter.busy)
    counter.stamp()
    wait(lambda: not counter.busy and "Provisional stamp" in counter.banner.text())
    shot(window, out, "16-provisional-stamp")
    window.close()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
