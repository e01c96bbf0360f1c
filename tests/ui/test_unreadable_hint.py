"""A phone whose code the camera sees and cannot read gets a hint over the picture, for the
cashier to pass on; it goes when the code is read or taken away."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from pos_app.ui.camera_view import CameraView
from tests.scanner.phone_screens import EVERYTHING_AT_ONCE, draw_scene, render, write_video
from tests.ui.conftest import MakeWindow, sign_in


def test_the_counter_says_what_to_do_when_a_code_in_view_cannot_be_read(
    qtbot: QtBot, make_window: MakeWindow, tmp_path: Path
) -> None:
    # Close up, tilted, a bright screen under a reflection: seen in every frame, never read.
    video = tmp_path / "unreadable.avi"
    write_video(str(video), [render(draw_scene(EVERYTHING_AT_ONCE, 37))] * 45)
    window = make_window(camera=str(video))
    sign_in(qtbot, window)
    counter = window.counter
    assert counter is not None
    view = counter.camera
    assert not view.showing_unreadable

    # The camera runs from the window's start, so the hint may come before the sign-in ends.
    qtbot.waitUntil(lambda: view.showing_unreadable, timeout=20_000)
    hint = (
        "A code is in view but cannot be read: tilt the phone away from the light and hold it still"
    )
    assert view.accessibleDescription() == hint
    assert counter.view is None  # nothing was read, nothing is on show
    picture = view.grab().toImage()
    assert not picture.isNull()

    view.show_unreadable(False)
    assert view.accessibleDescription() == "Hold the card's code to the camera"


def test_the_hint_is_drawn_at_the_foot_of_the_picture(qtbot: QtBot) -> None:
    from PySide6.QtGui import QColor, QImage

    view = CameraView()
    qtbot.addWidget(view)
    view.resize(640, 480)
    view.show_status("running", "")
    frame = QImage(640, 480, QImage.Format.Format_RGB888)
    frame.fill(QColor("#808080"))
    view.show_frame(frame)
    before = view.grab().toImage()
    view.show_unreadable(True)
    after = view.grab().toImage()
    changed = [
        y
        for y in range(0, 480, 4)
        if any(before.pixel(x, y) != after.pixel(x, y) for x in range(0, 640, 8))
    ]
    assert changed and min(changed) > 480 * 0.6  # the band, below the viewfinder's middle
