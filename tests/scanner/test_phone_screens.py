"""The phone-screen generator is deterministic and draws what it says; `auto` reads its scenes.

The full per-condition figures come from `python -m benchmarks decode`; here one scene
per condition keeps the suite short while a change that loses phone reads, or reads a
wrong card, still fails.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from benchmarks.decode import first_read
from pos_app.domain.identifiers import CardRef, wallet_pass_qr_text
from pos_app.scanner.decoders import decoder_by_name
from pos_app.scanner.payload import PayloadRules
from tests.scanner.phone_screens import (
    CONDITIONS,
    NOMINAL,
    RESOLUTIONS,
    SERVERS,
    Condition,
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
