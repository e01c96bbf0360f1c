"""A handheld scanner types fast and ends with Enter; a person types slowly."""

from __future__ import annotations

import pytest

from pos_app.scanner.wedge import (
    KeyboardWedge,
    ScannerRead,
    TypedKeys,
    WedgeEvent,
    WedgeSettings,
)

TOKEN = "Zx8_Qm-3kLp0aB7cD9eF1gH2iJ4kL5mN"


def type_keys(wedge: KeyboardWedge, keys: str, start: float, gap: float) -> list[WedgeEvent]:
    events = []
    for i, key in enumerate(keys):
        event = wedge.feed(key, start + i * gap)
        if event is not None:
            events.append(event)
    return events


def test_a_fast_burst_ending_in_enter_is_a_scanner_read() -> None:
    wedge = KeyboardWedge()
    assert type_keys(wedge, TOKEN + "\r", start=10.0, gap=0.004) == [ScannerRead(TOKEN)]
    assert wedge.deadline() is None


@pytest.mark.parametrize("enter", ["\r", "\n"])
def test_either_enter_character_ends_a_scan(enter: str) -> None:
    assert type_keys(KeyboardWedge(), "1234-5678-9012" + enter, 0.0, 0.008) == [
        ScannerRead("1234-5678-9012")
    ]


def test_a_person_typing_gets_every_key_in_order_and_enter_too() -> None:
    wedge = KeyboardWedge()
    events = type_keys(wedge, "123456789012\r", start=0.0, gap=0.15)
    typed = "".join(e.keys for e in events if isinstance(e, TypedKeys))
    assert typed == "123456789012\r"
    assert not any(isinstance(e, ScannerRead) for e in events)


def test_a_persons_last_key_is_released_by_polling_after_the_deadline() -> None:
    wedge = KeyboardWedge()
    assert wedge.feed("7", 5.0) is None
    deadline = wedge.deadline()
    assert deadline is not None and deadline == pytest.approx(5.035)
    assert wedge.poll(5.01) is None
    assert wedge.poll(deadline) == TypedKeys("7")
    assert wedge.deadline() is None and wedge.poll(9.0) is None


def test_a_fast_burst_without_enter_is_handed_back_as_typing() -> None:
    wedge = KeyboardWedge()
    assert type_keys(wedge, "aaaaaa", 0.0, 0.01) == []  # key repeat of a held key
    assert wedge.poll(1.0) == TypedKeys("aaaaaa")


def test_a_slow_start_then_a_fast_burst_keeps_the_slow_keys_as_typing() -> None:
    wedge = KeyboardWedge()
    assert wedge.feed("x", 0.0) is None
    first = wedge.feed(TOKEN[0], 1.0)
    rest = type_keys(wedge, TOKEN[1:] + "\r", start=1.005, gap=0.005)
    assert first == TypedKeys("x")
    assert rest == [ScannerRead(TOKEN)]


def test_a_quick_short_entry_with_enter_is_typing_not_a_scan() -> None:
    assert type_keys(KeyboardWedge(), "12\r", 0.0, 0.01) == [TypedKeys("12\r")]


def test_a_pause_inside_a_burst_splits_it() -> None:
    wedge = KeyboardWedge()
    events = type_keys(wedge, TOKEN[:10], 0.0, 0.005)
    events += type_keys(wedge, TOKEN[10:] + "\r", 0.2, 0.005)
    assert events == [TypedKeys(TOKEN[:10]), ScannerRead(TOKEN[10:])]


def test_slower_scanners_are_a_setting() -> None:
    wedge = KeyboardWedge(WedgeSettings(max_key_gap=0.06))
    assert type_keys(wedge, TOKEN + "\r", 0.0, 0.05) == [ScannerRead(TOKEN)]
    assert type_keys(KeyboardWedge(), TOKEN + "\r", 0.0, 0.05)[-1] != ScannerRead(TOKEN)


def test_tab_terminated_scanners_are_a_setting() -> None:
    wedge = KeyboardWedge(WedgeSettings(terminators=frozenset({"\t"})))
    assert type_keys(wedge, TOKEN + "\t", 0.0, 0.004) == [ScannerRead(TOKEN)]


def test_nonsensical_settings_are_refused() -> None:
    with pytest.raises(ValueError, match="min_length"):
        WedgeSettings(min_length=0)
