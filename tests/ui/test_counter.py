"""The counter: a scan shows the card at once; one tap applies; the answer is seen and heard."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from pos_app.domain.card import Card
from pos_app.domain.identifiers import CardRef, mask_card_number
from pos_app.domain.operations import Stamp
from pos_app.services.clock import local_now
from pos_app.services.counter import perform
from pos_app.services.journal_view import journal_lines
from pos_app.services.lookup import find_card
from pos_app.store.terminal import TOKEN_KEY, URL_KEY, put_setting
from pos_app.ui.counter_screen import CounterScreen
from pos_app.ui.customer_dialogs import ReturnDialog
from pos_app.ui.keypad import NumberDialog
from pos_app.ui.main_window import MainWindow
from pos_app.ui.reward_dialog import RewardDialog
from pos_app.ui.sounds import Sound
from pos_app.ui.terminal_settings import CounterSettings
from tests.ui.conftest import MakeWindow, sign_in

LEFT = Qt.MouseButton.LeftButton


def counter_of(window: MainWindow) -> CounterScreen:
    assert window.counter is not None
    return window.counter


def test_a_typed_card_number_shows_the_card_masked_with_its_stamps(
    qtbot: QtBot, counter_window: MainWindow, cards: list[Card]
) -> None:
    counter = counter_of(counter_window)
    card = cards[0]
    counter.handle_text(card.card_number)
    qtbot.waitUntil(lambda: counter.view is not None)
    panel = counter.card
    assert panel.customer.text() == card.customer_name
    assert panel.number.text() == mask_card_number(card.card_number)
    assert card.card_number not in panel.number.text()
    assert (panel.stamps.filled, panel.stamps.target) == (card.stamp_count, 8)
    assert counter.buttons["stamp"].isEnabled()
    assert not counter.buttons["earn"].isEnabled()  # a stamp card collects no points


def test_one_tap_stamps_in_green_with_a_sound_and_names_the_cashier(
    qtbot: QtBot, counter_window: MainWindow, cards: list[Card]
) -> None:
    counter = counter_of(counter_window)
    card = cards[0]
    counter.handle_text(card.card_number)
    qtbot.waitUntil(lambda: counter.view is not None)
    QTest.mouseClick(counter.buttons["stamp"], LEFT)
    qtbot.waitUntil(lambda: counter.banner.property("tone") == "success")
    assert counter.card.stamps.filled == card.stamp_count + 1
    assert Sound.SUCCESS in counter.sounds.played
    (line,) = list(journal_lines(counter.store, last=1))
    assert (line.kind, line.staff) == ("stamp", "Alex")


def test_a_second_stamp_within_the_cooldown_is_refused_in_amber_with_the_reason(
    qtbot: QtBot, counter_window: MainWindow, cards: list[Card]
) -> None:
    counter = counter_of(counter_window)
    counter.handle_text(cards[0].card_number)
    qtbot.waitUntil(lambda: counter.view is not None)
    counter.stamp()
    qtbot.waitUntil(lambda: counter.banner.property("tone") == "success")
    QTest.keyClick(counter, Qt.Key.Key_F1)  # the shortcut shown on the button
    qtbot.waitUntil(lambda: counter.banner.property("tone") == "warning")
    assert "Stamped recently: next stamp in 2 minutes" in counter.banner.text()
    assert Sound.REFUSAL in counter.sounds.played


def test_auto_stamp_serves_a_returning_customer_in_one_scan(
    qtbot: QtBot, make_window: MakeWindow, cards: list[Card]
) -> None:
    window = make_window(settings=CounterSettings(camera="", auto_stamp=True))
    sign_in(qtbot, window)
    counter = counter_of(window)
    counter.handle_text(cards[2].card_number)
    qtbot.waitUntil(lambda: counter.banner.property("tone") == "success")
    assert counter.banner.text().startswith("✓  Stamp added")
    view = find_card(counter.store, CardRef.number(cards[2].card_number))
    assert view is not None and view.card.stamp_count == cards[2].stamp_count + 1


def test_redeem_reward_appears_when_the_card_is_full_and_takes_the_target_off(
    qtbot: QtBot, counter_window: MainWindow, cards: list[Card]
) -> None:
    counter = counter_of(counter_window)
    card = next(c for c in cards[::2] if 3 <= c.stamp_count < 8)
    yesterday = local_now() - timedelta(days=1)
    perform(
        counter.store,
        CardRef.number(card.card_number),
        Stamp(8 - card.stamp_count),
        "staff-alex",
        now=yesterday,
    )
    counter.handle_text(card.card_number)
    qtbot.waitUntil(lambda: counter.view is not None)
    assert "Free coffee ready" in counter.card.rewards.text()
    assert counter.buttons["redeem"].isEnabled()
    QTest.keyClick(counter, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: counter.banner.text() == "✓  Reward given: Free coffee")
    assert counter.card.stamps.filled == 0
    assert not counter.buttons["redeem"].isEnabled()


def test_earn_points_with_the_keypad_and_an_amount_that_makes_no_sense(
    qtbot: QtBot, counter_window: MainWindow, cards: list[Card]
) -> None:
    counter = counter_of(counter_window)
    card = cards[1]
    counter.handle_text(card.card_number)
    qtbot.waitUntil(lambda: counter.view is not None)
    QTest.keyClick(counter, Qt.Key.Key_F3)
    dialog = counter.dialog
    assert isinstance(dialog, NumberDialog)
    for key in "0.00":
        QTest.mouseClick(dialog.keypad.buttons[key], LEFT)
    QTest.mouseClick(dialog.ok, LEFT)
    assert dialog.isVisible() and "more than zero" in dialog.error.text()
    dialog.field.clear()
    for key in "12.50":
        QTest.mouseClick(dialog.keypad.buttons[key], LEFT)
    QTest.mouseClick(dialog.ok, LEFT)
    qtbot.waitUntil(lambda: "+12 points for €12.50" in counter.banner.text())
    assert counter.card.points.text() == f"{card.points_balance + 12:,}"


def test_the_catalogue_offers_only_affordable_rewards_and_redeems_one(
    qtbot: QtBot, counter_window: MainWindow, cards: list[Card]
) -> None:
    counter = counter_of(counter_window)
    card = next(c for c in cards[1::2] if 50 <= c.points_balance < 300)
    counter.handle_text(card.card_number)
    qtbot.waitUntil(lambda: counter.view is not None)
    QTest.keyClick(counter, Qt.Key.Key_F4)
    dialog = counter.dialog
    assert isinstance(dialog, RewardDialog)
    assert dialog.buttons["croissant"].isEnabled()
    assert not dialog.buttons["cake"].isEnabled()  # the balance does not cover it
    QTest.mouseClick(dialog.buttons["croissant"], LEFT)
    qtbot.waitUntil(lambda: counter.banner.text().startswith("✓  Reward given: Croissant"))
    assert counter.card.points.text() == f"{card.points_balance - 50:,}"


def test_void_takes_points_back_and_says_when_the_balance_clamps(
    qtbot: QtBot, counter_window: MainWindow, cards: list[Card]
) -> None:
    counter = counter_of(counter_window)
    card = cards[1]
    counter.handle_text(card.card_number)
    qtbot.waitUntil(lambda: counter.view is not None)
    QTest.keyClick(counter, Qt.Key.Key_F5)
    # No purchase of this card at this terminal: a receipt reference, or points by hand.
    qtbot.waitUntil(lambda: isinstance(counter.dialog, ReturnDialog))
    offer = counter.dialog
    assert isinstance(offer, ReturnDialog) and offer.list.isHidden()
    QTest.mouseClick(offer.by_hand_button, LEFT)
    qtbot.waitUntil(lambda: isinstance(counter.dialog, NumberDialog))
    dialog = counter.dialog
    assert isinstance(dialog, NumberDialog)
    dialog.field.setText(str(card.points_balance + 100))
    QTest.mouseClick(dialog.ok, LEFT)
    qtbot.waitUntil(lambda: counter.banner.property("tone") == "warning")
    said = counter.banner.text()
    assert f"Only {card.points_balance} points could be taken back" in said
    assert f"asked for {card.points_balance + 100} points" in said
    assert counter.card.points.text() == "0"


def test_foreign_codes_and_unknown_cards_are_refused_in_red_in_words(
    qtbot: QtBot, counter_window: MainWindow
) -> None:
    counter = counter_of(counter_window)
    counter.handle_text("WIFI:T:WPA;S:Cafe;P:secret;;")
    assert counter.banner.text() == "✗  This is a Wi-Fi code, not a loyalty card"
    assert counter.banner.property("tone") == "refusal"
    counter.handle_text("4111-1111-1111")
    qtbot.waitUntil(lambda: "No card 4111-1111-1111 on this terminal" in counter.banner.text())
    assert counter.view is None
    assert not counter.buttons["stamp"].isEnabled()


def test_escape_clears_the_card_for_the_next_customer(
    qtbot: QtBot, counter_window: MainWindow, cards: list[Card]
) -> None:
    counter = counter_of(counter_window)
    counter.handle_text(cards[0].card_number)
    qtbot.waitUntil(lambda: counter.view is not None)
    QTest.keyClick(counter, Qt.Key.Key_Escape)
    assert counter.view is None
    assert counter.card.placeholder.isVisible()


def test_every_action_button_shows_its_shortcut(counter_window: MainWindow) -> None:
    buttons = counter_of(counter_window).buttons
    for name, key in [
        ("stamp", "F1"),
        ("redeem", "F2"),
        ("earn", "F3"),
        ("catalogue", "F4"),
        ("void", "F5"),
        ("enroll", "F6"),
    ]:
        assert buttons[name].text().endswith("\n" + key)


def test_undo_takes_the_last_action_back_with_a_compensating_entry(
    qtbot: QtBot, counter_window: MainWindow, cards: list[Card]
) -> None:
    counter = counter_of(counter_window)
    card = cards[0]
    counter.handle_text(card.card_number)
    qtbot.waitUntil(lambda: counter.view is not None)
    counter.stamp()
    qtbot.waitUntil(lambda: counter.banner.property("tone") == "success")
    assert counter.undo_button.isVisible()
    QTest.keyClick(counter, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "Undone" in counter.banner.text())
    assert counter.card.stamps.filled == card.stamp_count
    assert not counter.undo_button.isVisible()
    kinds = [line.kind for line in journal_lines(counter.store, last=2)]
    assert kinds == ["stamp", "reverse"]  # nothing deleted: the journal keeps both


def test_undo_is_offered_only_for_a_few_seconds(
    qtbot: QtBot, counter_window: MainWindow, cards: list[Card]
) -> None:
    counter = counter_of(counter_window)
    counter.handle_text(cards[0].card_number)
    qtbot.waitUntil(lambda: counter.view is not None)
    counter.stamp()
    qtbot.waitUntil(counter.undo_button.isVisible)
    counter.undo_timer.setInterval(50)  # the same timer, shortened for the test
    counter.undo_timer.start()
    qtbot.waitUntil(lambda: not counter.undo_button.isVisible(), timeout=2000)
    counter.undo_last()  # too late: nothing happens
    assert [line.kind for line in journal_lines(counter.store, last=1)] == ["stamp"]


def test_offline_a_card_new_to_this_terminal_is_stamped_provisionally_after_a_warning(
    qtbot: QtBot, counter_window: MainWindow
) -> None:
    counter = counter_of(counter_window)
    with counter.store.write() as conn:  # paired, but the server does not answer
        put_setting(conn, URL_KEY, "http://127.0.0.1:9")
        put_setting(conn, TOKEN_KEY, "unused")
    counter.handle_text("4111-1111-1111")
    qtbot.waitUntil(lambda: counter.view is not None, timeout=10_000)
    assert counter.view is not None and counter.view.provisional
    assert counter.banner.property("tone") == "warning"
    assert "provisional stamp" in counter.banner.text()
    assert counter.card.customer.text() == "New to this terminal (provisional)"
    assert counter.buttons["stamp"].isEnabled()
    assert not counter.buttons["redeem"].isEnabled()

    QTest.mouseClick(counter.buttons["stamp"], LEFT)
    qtbot.waitUntil(lambda: counter.banner.property("tone") == "success")
    assert "Provisional stamp added" in counter.banner.text()
    assert counter.card.stamps.filled == 1
    assert counter.undo_button.isVisible()
    (line,) = list(journal_lines(counter.store, last=1))
    assert (line.kind, line.status) == ("stamp", "pending")


def test_new_customer_is_offered_as_soon_as_someone_signs_in(counter_window: MainWindow) -> None:
    counter = counter_window.counter
    assert counter is not None
    assert counter.buttons["enroll"].isEnabled()
    assert not counter.buttons["stamp"].isEnabled()  # no card yet
