"""Regression guard on real photographs (zxing's blackbox QR sets, in ../shared).

The floor sits a few photos below what `auto` reads today (95 of 97 when it was set),
so a change that costs real reads fails here while noise cannot.
"""

from __future__ import annotations

import pytest

from benchmarks.decode import LabelledImage, default_dirs, load_labelled
from pos_app.scanner.decoders import available_decoders, decoder_by_name
from pos_app.scanner.decoders.auto import AutoDecoder
from tests.scanner.phone_screens import CONDITIONS, draw_scene, render

AUTO_FLOOR = 92

Readings = dict[str, list[tuple[LabelledImage, list[str]]]]


@pytest.fixture(scope="module")
def readings() -> Readings:
    """What each decoder reads in each labelled photo, decoded once for all tests."""
    dirs = default_dirs()
    if not dirs:
        pytest.skip("the real-photo sets are absent: expected ../shared/data/qr-real/*")
    photos = load_labelled(dirs)
    if not photos:
        pytest.skip(f"no labelled photos in {', '.join(map(str, dirs))}")
    return {
        name: [(item, decoder_by_name(name).decode(item.image)) for item in photos]
        for name in available_decoders()
    }


def correct(readings: Readings, name: str) -> int:
    return sum(item.expected in texts for item, texts in readings[name])


def test_auto_reads_at_least_the_floor(readings: Readings) -> None:
    assert correct(readings, "auto") >= AUTO_FLOOR


def test_auto_reads_at_least_as_many_as_any_single_decoder(readings: Readings) -> None:
    counts = {name: correct(readings, name) for name in readings}
    best_single = max(count for name, count in counts.items() if name != "auto")
    assert counts["auto"] >= best_single, counts


# Phone scenes of tuning seeds (never scored) that a fallback reads and no earlier stage.
TUNING_SCENES_FALLBACKS_READ = (("glare", 10024), ("rolling shutter", 10003))


def test_every_fallback_of_auto_earns_its_time_on_the_set_or_a_phone_screen(
    readings: Readings,
) -> None:
    # A stage that reads nothing the earlier ones miss only slows down empty frames.
    auto = AutoDecoder()
    frames = [item.image for item, _texts in readings["auto"]]
    conditions = {condition.name: condition for condition in CONDITIONS}
    frames += [
        render(draw_scene(conditions[name], seed)) for name, seed in TUNING_SCENES_FALLBACKS_READ
    ]
    winners = [auto.decode_with_stage(frame)[1] for frame in frames]
    for stage in auto.stages:
        assert any(winner is stage for winner in winners), stage.label


@pytest.mark.parametrize("name", available_decoders())
def test_what_is_read_is_exactly_what_the_code_holds(readings: Readings, name: str) -> None:
    # A photo may go unread; a wrong text would show the cashier the wrong card.
    wrong = [
        (str(item.path), texts)
        for item, texts in readings[name]
        if texts and item.expected not in texts
    ]
    assert wrong == []
