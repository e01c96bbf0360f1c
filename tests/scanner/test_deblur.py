"""Motion blur is found from the frame alone and divided out of the region of a code."""

from __future__ import annotations

import cv2
import numpy as np

from pos_app.domain.demo import demo_cards
from pos_app.scanner.decoders import Image
from pos_app.scanner.decoders.deblur import deblurred, line_kernel, smear, without_smear
from pos_app.scanner.decoders.zxing import ZxingDecoder
from tests.scanner.scenes import code_image

TOKEN = demo_cards(1)[0].qr_token


def smeared_code(dx: float, dy: float) -> Image:
    """A code of 3 px modules, moved (dx, dy) px during the exposure, with sensor noise."""
    code = np.pad(code_image(TOKEN, module_px=3), 30, constant_values=230).astype(np.float32)
    blurred = cv2.filter2D(code, -1, line_kernel(dx, dy))
    noisy = blurred + np.random.default_rng(1).normal(0, 2, blurred.shape)
    return np.asarray(np.clip(noisy, 0, 255), np.uint8)


def test_a_phone_moving_two_modules_during_the_exposure_is_read_once_its_smear_is_undone() -> None:
    frame = smeared_code(0, 6)
    assert ZxingDecoder().decode(frame) == []

    dx, dy = smear(frame) or (0.0, 0.0)
    assert abs(dx) < 1 and 4 <= dy <= 7
    sharp = deblurred(frame)
    assert sharp is not None and ZxingDecoder().decode(sharp) == [TOKEN]


def test_a_region_too_small_to_show_a_smear_is_left_alone() -> None:
    assert deblurred(np.full((40, 40), 128, np.uint8)) is None


def test_a_smear_the_frame_hides_is_still_undone_when_its_line_is_known() -> None:
    # What the benchmark's bound for the scenes beyond the bar relies on.
    frame = smeared_code(7, 3)
    sharp = deblurred(frame)
    assert sharp is None or ZxingDecoder().decode(sharp) == []
    assert ZxingDecoder().decode(without_smear(frame, 7, 3, noise_to_signal=0.01)) == [TOKEN]
