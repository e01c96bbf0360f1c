"""A code held in view fires once; a new one fires at once; a returning one fires again."""

from __future__ import annotations

import math

import pytest

from pos_app.scanner.debounce import Debouncer

FRAME = 1 / 30


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def hold(debouncer: Debouncer, clock: FakeClock, code: str, seconds: float) -> int:
    """Shows `code` on every frame for `seconds`; how many times it fired."""
    fired = 0
    for _ in range(round(seconds / FRAME)):
        fired += debouncer.accept(code)
        clock.advance(FRAME)
    return fired


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def test_a_code_held_in_view_fires_once_until_the_pause_has_passed(clock: FakeClock) -> None:
    debouncer = Debouncer(repeat_after=3.0, gone_after=1.0, clock=clock)
    assert hold(debouncer, clock, "A", 2.9) == 1
    assert hold(debouncer, clock, "A", 0.2) == 1  # 3 s after the first event


def test_never_repeating_while_held_is_a_setting(clock: FakeClock) -> None:
    debouncer = Debouncer(repeat_after=math.inf, clock=clock)
    assert hold(debouncer, clock, "A", 20.0) == 1


def test_a_different_code_fires_at_once(clock: FakeClock) -> None:
    debouncer = Debouncer(clock=clock)
    assert debouncer.accept("A")
    clock.advance(FRAME)
    assert debouncer.accept("B")
    clock.advance(FRAME)
    assert not debouncer.accept("A")


def test_frames_that_miss_the_code_do_not_make_it_fire_again(clock: FakeClock) -> None:
    debouncer = Debouncer(repeat_after=3.0, gone_after=1.0, clock=clock)
    assert debouncer.accept("A")
    clock.advance(0.9)  # the decoder lost it for 27 frames while the phone moved
    assert not debouncer.accept("A")


def test_a_code_that_left_the_view_and_came_back_fires_again(clock: FakeClock) -> None:
    debouncer = Debouncer(repeat_after=3.0, gone_after=1.0, clock=clock)
    assert hold(debouncer, clock, "A", 0.5) == 1
    clock.advance(1.0)
    assert hold(debouncer, clock, "A", 0.5) == 1


def test_two_codes_in_one_frame_each_fire_once(clock: FakeClock) -> None:
    debouncer = Debouncer(clock=clock)
    assert debouncer.accept_frame(["A", "B", "A"]) == ["A", "B"]
    clock.advance(FRAME)
    assert debouncer.accept_frame(["B", "A"]) == []


def test_the_time_of_the_frame_can_be_given(clock: FakeClock) -> None:
    debouncer = Debouncer(repeat_after=3.0, gone_after=1.0, clock=clock)
    assert debouncer.accept_frame(["A"], now=5.0) == ["A"]
    assert debouncer.accept_frame(["A"], now=5.5) == []
    assert debouncer.accept_frame(["A"], now=8.0) == ["A"]


def test_forgotten_codes_do_not_accumulate(clock: FakeClock) -> None:
    debouncer = Debouncer(gone_after=1.0, clock=clock)
    for i in range(1000):
        debouncer.accept(f"code {i}")
        clock.advance(0.1)
    assert len(debouncer._codes) <= 11


def test_pauses_must_be_positive() -> None:
    with pytest.raises(ValueError, match="positive"):
        Debouncer(repeat_after=0)
