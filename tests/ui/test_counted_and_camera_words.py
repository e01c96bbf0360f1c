"""Two counts in one outcome, each with its own plural form in every language; and a camera
that cannot start told to the cashier as what to do, its exception's text left to the log."""

from __future__ import annotations

import errno
import logging
from collections.abc import Iterator
from dataclasses import replace

import pytest
from PySide6.QtCore import QLocale
from pytestqt.qtbot import QtBot

from pos_app.domain.card import Card
from pos_app.domain.identifiers import CardRef
from pos_app.domain.operations import Effect, VoidPoints
from pos_app.scanner.decoders import DecoderUnavailableError, UnknownDecoderError
from pos_app.services.clock import local_now
from pos_app.services.counter import Done, perform
from pos_app.store import Store
from pos_app.ui import camera_words, i18n
from pos_app.ui.camera_feed import CameraFeed
from pos_app.ui.camera_view import CameraView
from pos_app.ui.outcome_text import WARNING, done_message
from tests.conftest import CASHIER

# (language, taken, asked): the words each count must bring.
TWO_COUNTS = {
    ("en", 1, 2): "Only 1 point could be taken back: the balance is now 0. "
    "The return asked for 2 points.",
    ("en", 3, 4): "Only 3 points could be taken back: the balance is now 0. "
    "The return asked for 4 points.",
    ("de", 1, 2): "Nur 1 Punkt konnte zurückgenommen werden: Der Stand ist jetzt 0. "
    "Zurückzunehmen waren 2 Punkte.",
    ("de", 3, 4): "Nur 3 Punkte konnten zurückgenommen werden: Der Stand ist jetzt 0. "
    "Zurückzunehmen waren 4 Punkte.",
    ("fr", 1, 2): "Seul 1 point a pu être repris\u00a0: le solde est maintenant de 0. "
    "Le retour portait sur 2 points.",
    ("fr", 3, 4): "Seuls 3 points ont pu être repris\u00a0: le solde est maintenant de 0. "
    "Le retour portait sur 4 points.",
    ("es", 1, 2): "Solo se pudo retirar 1 punto: el saldo ahora es 0. "
    "La devolución pedía 2 puntos.",
    ("es", 3, 4): "Solo se pudieron retirar 3 puntos: el saldo ahora es 0. "
    "La devolución pedía 4 puntos.",
}


@pytest.fixture
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    chosen: str = request.param
    i18n.install_language(chosen, QLocale("en_US"))
    yield chosen
    i18n.install_language("en")


@pytest.fixture
def clamped_void(demo_store: Store, cards: list[Card]) -> Done:
    """A return asking for more points than the card has: the void is clamped at 0."""
    card = cards[1]  # a points card
    asked = card.points_balance + 1
    done = perform(
        demo_store, CardRef.number(card.card_number), VoidPoints(asked), CASHIER, local_now()
    )
    assert isinstance(done, Done) and done.effect.adjusted
    assert -done.effect.points_delta == card.points_balance
    return done


@pytest.mark.parametrize("language", ["en", "de", "fr", "es"], indirect=True)
@pytest.mark.parametrize("taken", [1, 3])
def test_each_count_of_a_clamped_return_has_its_own_plural(
    language: str, taken: int, clamped_void: Done
) -> None:
    asked = taken + 1
    done = replace(
        clamped_void,
        effect=Effect(points_delta=-taken, adjusted=True, requested_points=asked),
    )
    message = done_message(VoidPoints(asked), done)
    assert message.tone == WARNING
    assert message.text == TWO_COUNTS[(language, taken, asked)]


def test_the_real_clamped_return_says_both_counts(clamped_void: Done, cards: list[Card]) -> None:
    balance = cards[1].points_balance
    text = done_message(VoidPoints(balance + 1), clamped_void).text
    assert f"{balance} point" in text and f"{balance + 1} points" in text


CAUSES = [
    (FileNotFoundError(errno.ENOENT, "No such file or directory", "/dev/video0"), "No camera"),
    (OSError(errno.ENODEV, "No such device"), "No camera"),
    (PermissionError(errno.EACCES, "Permission denied", "/dev/video0"), "does not let"),
    (OSError(errno.EBUSY, "Device or resource busy"), "in use by another program"),
    (ImportError("libGL.so.1: cannot open shared object file"), "software is missing"),
    (DecoderUnavailableError("the zbar decoder needs libzbar"), "decoder chosen in Settings"),
    (UnknownDecoderError("no decoder named 'x'"), "decoder chosen in Settings"),
    (RuntimeError("cv2.error: (-215:Assertion failed)"), "details are in the log"),
]


@pytest.mark.parametrize(("exc", "said"), CAUSES, ids=[type(e).__name__ for e, _ in CAUSES])
def test_a_camera_that_cannot_start_is_said_by_its_cause_without_the_exception(
    exc: Exception, said: str
) -> None:
    words = camera_words.camera_failure_words(camera_words.failure_cause(exc))
    assert said in words
    assert str(exc) not in words and type(exc).__name__ not in words
    assert "scanner" in words or "Settings" in words  # what to do instead


@pytest.mark.parametrize(
    ("exc", "said"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), "the disk is full"),
        (PermissionError(errno.EACCES, "Permission denied"), "may not write its file"),
        (OSError("cannot write a video at /x/demo.mp4"), "details are in the log"),
    ],
)
def test_a_demo_video_that_cannot_be_made_says_why_and_what_to_do(
    exc: Exception, said: str
) -> None:
    words = camera_words.demo_video_failure_words(camera_words.failure_cause(exc))
    assert said in words and "choose a camera in Settings" in words.replace("Choose", "choose")
    assert str(exc) not in words


@pytest.mark.parametrize("language", ["de"], indirect=True)
def test_an_unknown_decoder_on_the_real_feed_is_told_in_german_and_logged_in_full(
    qtbot: QtBot, language: str, caplog: pytest.LogCaptureFixture
) -> None:
    """The real camera thread, started with a decoder that does not exist."""
    feed = CameraFeed()
    view = CameraView()
    feed.status_changed.connect(view.show_status)
    with caplog.at_level(logging.ERROR, logger="pos_app.ui.camera_feed"):
        feed.start("unused.mp4", decoder="no-such-decoder")
        qtbot.waitUntil(lambda: "Decoder" in view.message())
        feed.stop()
    assert view.message().startswith("Der in den Einstellungen gewählte Decoder läuft")
    assert "no-such-decoder" not in view.message()
    assert any("no-such-decoder" in r.getMessage() or r.exc_info for r in caplog.records)


@pytest.mark.parametrize("language", ["de", "en"], indirect=True)
def test_a_reward_the_card_cannot_afford_says_how_many_points_are_missing(
    qtbot: QtBot, language: str, demo_store: Store, cards: list[Card]
) -> None:
    from pos_app.services.lookup import find_card
    from pos_app.ui.reward_dialog import RewardDialog

    view = find_card(demo_store, CardRef.number(cards[1].card_number))  # a points card
    assert view is not None
    dialog = RewardDialog(view.card, view.program)
    qtbot.addWidget(dialog)
    missing = {
        r.code: r.points_cost - view.card.points_balance
        for r in view.program.rewards
        if r.points_cost > view.card.points_balance
    }
    assert missing, "the demo program has a reward this card cannot afford"
    for code, n in missing.items():
        said = {"de": f"es fehlen {n} Punkte", "en": f"{n} points short"}[language]
        assert dialog.buttons[code].text().endswith("  ·  " + said)
