"""The enrolment QR the counter shows is the code the customer's phone and every decoder read.

It is drawn by the production encoder (OpenCV's, pos_app.ui.qr_image) and read back by the
real decoders, as the screen shows it: grey pixels of a QImage, scaled the way QrLabel does.
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QImage

from pos_app.domain.demo import demo_cards
from pos_app.scanner.decoders import available_decoders, decoder_by_name
from pos_app.ui.qr_image import qr_image, qr_matrix

TOKEN = demo_cards(1)[0].qr_token
TEXTS = [
    TOKEN,
    "1234-5678-9012",
    f"https://loyalty.example.com/c/{TOKEN}?from=counter&lang=de",
]


def pixels(image: QImage) -> np.ndarray:
    assert image.format() == QImage.Format.Format_Grayscale8
    width, height, stride = image.width(), image.height(), image.bytesPerLine()
    rows = np.frombuffer(image.constBits(), dtype=np.uint8).reshape(height, stride)
    return np.ascontiguousarray(rows[:, :width])


@pytest.mark.parametrize("name", [n for n in available_decoders() if n != "opencv-aruco"])
@pytest.mark.parametrize("text", TEXTS)
def test_every_decoder_reads_what_the_counter_draws(name: str, text: str) -> None:
    image = qr_image(text, module_px=4)
    assert image is not None
    assert decoder_by_name(name).decode(pixels(image)) == [text]


def test_the_code_has_its_quiet_zone_and_square_modules() -> None:
    matrix = qr_matrix(TOKEN)
    assert matrix is not None
    side = matrix.shape[0]
    assert matrix.shape == (side, side)
    assert (side - 21) % 4 == 0  # a QR version's size: 21, 25, 29, ... modules
    image = qr_image(TOKEN, module_px=3, quiet=4)
    assert image is not None
    assert image.width() == image.height() == (side + 8) * 3
    border = pixels(image)[: 4 * 3]
    assert (border == 255).all()


def test_text_too_long_for_any_qr_code_gives_no_image() -> None:
    assert qr_image("x" * 8000) is None
