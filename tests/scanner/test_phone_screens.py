"""The phone-screen generator is deterministic and draws what it says; `auto` reads its scenes.

The full per-condition figures come from `python -m benchmarks decode`; here one scene
per condition keeps the suite short while a change that loses phone reads, or reads a
wrong card, still fails.
"""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path

import cv2
import numpy as np
import pytest

from benchmarks.decode import first_read
from pos_app.domain.identifiers import CardRef, wallet_pass_qr_text
from pos_app.scanner.decoders import decoder_by_name
from pos_app.scanner.payload import PayloadRules
from tests.scanner.phone_screens import (
    CONDITIONS,
    EVERYTHING_AT_ONCE,
    NOMINAL,
    RESOLUTIONS,
    SERVERS,
    STRESS_CONDITIONS,
    Condition,
    code_corners,
    draw_scene,
    module_px,
    presentation,
    qr_modules,
    render,
    write_video,
)

SEED = 3  # one fixed scene per condition; the benchmark scores many more


def test_the_same_seed_draws_the_same_frame() -> None:
    scene = draw_scene(NOMINAL, SEED)
    assert scene == draw_scene(NOMINAL, SEED)
    assert np.array_equal(render(scene), render(scene))
    assert draw_scene(NOMINAL, SEED + 1) != scene


@pytest.mark.parametrize("condition", CONDITIONS, ids=lambda c: c.name)
def test_scenes_stay_inside_their_condition(condition: Condition) -> None:
    for seed in range(20):
        scene = draw_scene(condition, seed)
        low, high = condition.distance_cm
        assert low <= scene.distance_cm <= high
        assert 0 <= scene.tilt_deg <= 45
        assert scene.resolution in condition.resolutions and scene.resolution in RESOLUTIONS
        assert scene.ecc in {"L", "M"}
        # What a wallet pass encodes: the bare token, or the card's link on an older pass.
        token = scene.text.rsplit("/", 1)[-1]
        assert len(token) == 32 and token.replace("-", "").replace("_", "").isalnum()
        if condition.legacy_link:
            assert scene.text in {f"https://{s}/c/{token}" for s in SERVERS}
        else:
            assert scene.text == wallet_pass_qr_text(token) == token


def longest_smear_mm(condition: Condition) -> float:
    return condition.speed_cm_s[1] * 10 * condition.exposure_s[1]


def test_everything_at_once_smears_no_more_than_the_single_conditions_do() -> None:
    singles = [c for c in CONDITIONS if c is not EVERYTHING_AT_ONCE]
    assert longest_smear_mm(EVERYTHING_AT_ONCE) <= max(map(longest_smear_mm, singles))


@pytest.mark.parametrize("stress", STRESS_CONDITIONS, ids=lambda c: c.name)
def test_a_scene_beyond_the_bar_is_its_everything_at_once_scene_with_a_faster_hand(
    stress: Condition,
) -> None:
    for seed in range(5):
        scene, faster = draw_scene(EVERYTHING_AT_ONCE, seed), draw_scene(stress, seed)
        ratio = math.hypot(*faster.motion_mm) / max(1e-9, math.hypot(*scene.motion_mm))
        assert 1 <= ratio <= stress.speed_cm_s[1] / EVERYTHING_AT_ONCE.speed_cm_s[1] + 1e-9
        assert replace(faster, motion_mm=scene.motion_mm, shear_mm=scene.shear_mm) == scene


def test_the_code_is_where_the_generator_says_and_as_large() -> None:
    scene = replace(draw_scene(NOMINAL, SEED), tilt_deg=0.0, turn_deg=0.0)
    corners = code_corners(scene)
    side = qr_modules(scene.text, scene.ecc).shape[0]
    assert float(np.linalg.norm(corners[1] - corners[0])) / side == pytest.approx(
        module_px(scene), rel=0.02
    )
    # The code is the darkest square of the pass: its box holds its dark modules.
    gray = cv2.cvtColor(render(scene), cv2.COLOR_BGR2GRAY)
    (x0, y0), (x1, y1) = corners.min(axis=0).astype(int), corners.max(axis=0).astype(int)
    inside = gray[y0:y1, x0:x1]
    assert inside.min() < 80 and inside.max() > 150


def test_a_far_phone_on_a_small_webcam_leaves_about_two_pixels_per_module() -> None:
    scene = draw_scene(CONDITIONS[2], SEED)  # far (35-40 cm)
    small = type(scene)(**{**scene.__dict__, "resolution": (640, 480)})
    assert 1.2 < module_px(small) < 2.5
    assert qr_modules(scene.text, scene.ecc).shape[0] in {25, 29, 33, 37}


def test_auto_reads_a_phone_scene_of_every_condition_and_never_a_wrong_card() -> None:
    auto, zxing = decoder_by_name("auto"), decoder_by_name("zxing")
    read = {"auto": 0, "zxing": 0}
    for condition in CONDITIONS:
        scene = draw_scene(condition, SEED)
        frame = render(scene)
        for name, decoder in (("auto", auto), ("zxing", zxing)):
            texts = decoder.decode(frame)
            assert texts in ([], [scene.text]), (condition.name, name, texts)
            read[name] += texts == [scene.text]
    assert read["auto"] >= read["zxing"]
    assert read["auto"] >= len(CONDITIONS) - 1, read


def test_a_phone_brought_into_view_is_read_within_three_frames(tmp_path: Path) -> None:
    token = "Zm9yIHRoZSBjb3VudGVyJ3Mgd2ViY2Ft"
    text = f"https://{SERVERS[0]}/c/{token}"
    path = tmp_path / "presentation.avi"
    write_video(str(path), [render(scene) for scene in presentation(text, SEED, frames=5)])
    first, wrong = first_read(path, CardRef.token(token), PayloadRules(frozenset(SERVERS)))
    assert first is not None and first <= 3
    assert wrong == 0
