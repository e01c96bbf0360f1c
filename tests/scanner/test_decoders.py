"""Every decoder reads QR codes through one interface; `auto` reads what the counter shows."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import cv2
import numpy as np
import pytest

from pos_app.domain.demo import demo_cards
from pos_app.scanner.decoders import (
    UnknownDecoderError,
    as_gray,
    available_decoders,
    bytes_to_text,
    decoder_by_name,
)
from pos_app.scanner.decoders.auto import AutoDecoder
from pos_app.scanner.decoders.base import Reading
from pos_app.scanner.decoders.preprocess import doubled, doubled_evened, doubled_sharpened
from pos_app.scanner.decoders.zxing import ZxingDecoder
from tests.scanner.phone_screens import CONDITIONS, draw_scene, render
from tests.scanner.scenes import LOOKS, Look, code_image, counter_scene, frame_with_code

# Fixed tokens (two demo customers' cards): a decoder that misses a code misses it every run.
TOKEN, OTHER_TOKEN = (card.qr_token for card in demo_cards(2))


def test_settings_offer_auto_first_and_every_library() -> None:
    names = available_decoders()
    assert names[0] == "auto"
    assert {"zxing", "zbar", "opencv"} <= set(names)


def test_an_unknown_name_is_refused_with_the_choices() -> None:
    with pytest.raises(UnknownDecoderError, match="zxing"):
        decoder_by_name("tesseract")


@pytest.mark.parametrize("name", available_decoders())
class TestEachDecoder:
    def test_reads_a_clean_code_in_a_counter_scene(self, name: str) -> None:
        frame = frame_with_code(TOKEN, Look("clean"))
        decoder = decoder_by_name(name)
        assert decoder.name == name
        assert decoder.decode(frame) == [TOKEN]

    def test_finds_nothing_in_an_empty_scene(self, name: str) -> None:
        assert decoder_by_name(name).decode(counter_scene(seed=3)) == []

    def test_takes_bgr_bgra_and_grayscale_frames(self, name: str) -> None:
        code = np.pad(code_image(TOKEN, module_px=6), 40, constant_values=255)
        bgr = cv2.cvtColor(code, cv2.COLOR_GRAY2BGR)
        bgra = cv2.cvtColor(code, cv2.COLOR_GRAY2BGRA)
        decoder = decoder_by_name(name)
        for frame in (code, bgr, bgra, code[:, :, None]):
            assert decoder.decode(np.asarray(frame, dtype=np.uint8)) == [TOKEN]

    def test_reads_every_code_in_the_frame_once(self, name: str) -> None:
        other = OTHER_TOKEN
        left = np.pad(code_image(TOKEN, module_px=6), 40, constant_values=255)
        right = np.pad(code_image(other, module_px=6), 40, constant_values=255)
        frame = np.hstack([left, right])
        assert sorted(decoder_by_name(name).decode(frame)) == sorted([TOKEN, other])


@pytest.mark.parametrize("look", LOOKS, ids=lambda look: look.name)
def test_auto_reads_the_code_however_the_phone_is_held(look: Look) -> None:
    assert AutoDecoder().decode(frame_with_code(TOKEN, look)) == [TOKEN]


def test_auto_reads_light_on_dark_codes_of_dark_mode_wallets() -> None:
    code = 255 - np.pad(code_image(TOKEN, module_px=6), 40, constant_values=255)
    assert AutoDecoder().decode(np.asarray(code, dtype=np.uint8)) == [TOKEN]


def test_auto_falls_back_only_when_the_first_stage_finds_nothing() -> None:
    auto = AutoDecoder()
    reading, stage = auto.decode_with_stage(frame_with_code(TOKEN, Look("clean")))
    assert reading == Reading([TOKEN]) and stage is auto.stages[0]
    assert auto.decode_with_stage(counter_scene(seed=5)) == (Reading([]), None)


def test_a_code_zxing_finds_but_cannot_read_is_read_again_drawn_larger_where_it_was() -> None:
    # A glare scene of a tuning seed: zxing locates the code, but at 4 px per module
    # under the reflection too many modules come out wrong for its error correction.
    glare = next(condition for condition in CONDITIONS if condition.name == "glare")
    scene = draw_scene(glare, 10005)
    frame = render(scene)

    assert ZxingDecoder().decode(frame) == []
    assert ZxingDecoder(retry_detected=True).decode(frame) == [scene.text]
    assert ZxingDecoder(retry_detected=True).decode(counter_scene(seed=5)) == []


def test_a_code_found_and_not_read_larger_is_tried_with_each_further_redraw() -> None:
    # Another glare scene of a tuning seed: drawn twice as large is not enough there,
    # its modules evened out by CLAHE or steepened are.
    glare = next(condition for condition in CONDITIONS if condition.name == "glare")
    scene = draw_scene(glare, 10056)
    frame = render(scene)
    more = ZxingDecoder(
        retry_detected=True, retry_redraws=(doubled, doubled_sharpened, doubled_evened)
    )

    assert ZxingDecoder(retry_detected=True).decode(frame) == []
    assert more.decode(frame) == [scene.text]
    assert more.decode(counter_scene(seed=5)) == []


def test_a_frame_that_is_not_an_image_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="not an image"):
        as_gray(np.zeros((4, 4, 2), dtype=np.uint8))


class TestPayloadCharsets:
    def test_utf8_is_read_as_utf8(self) -> None:
        assert bytes_to_text("Google モバイル".encode()) == "Google モバイル"

    def test_shift_jis_is_read_when_the_bytes_are_not_utf8(self) -> None:
        assert bytes_to_text("ﾃﾞｻﾞｲﾝQR".encode("shift_jis")) == "ﾃﾞｻﾞｲﾝQR"

    def test_anything_else_falls_back_to_latin1(self) -> None:
        assert bytes_to_text(b"caf\xe9 \x81\xff") == "café \x81ÿ"


class TestDecodersLoadOnlyWhenChosen:
    """ZBar is optional: without its shared library every other decoder still loads."""

    SCRIPT = textwrap.dedent(
        """
        import sys

        class NoZbar:
            # As pyzbar fails on a machine without libzbar0.
            def find_spec(self, name, path=None, target=None):
                if name == "pyzbar" or name.startswith("pyzbar."):
                    raise ImportError("Unable to find zbar shared library")
                return None

        sys.meta_path.insert(0, NoZbar())
        from pos_app.scanner.decoders import DecoderUnavailableError, decoder_by_name
        from pos_app.scanner.frame_scanner import FrameScanner

        FrameScanner()
        print("loaded:", *[decoder_by_name(n).name for n in ("auto", "zxing", "opencv")])
        try:
            decoder_by_name("zbar")
        except DecoderUnavailableError as exc:
            print("zbar:", exc)
        print("pyzbar imported:", any(m.startswith("pyzbar") for m in sys.modules))
        """
    )

    def test_without_zbar_the_others_load_and_zbar_says_what_is_missing(self) -> None:
        result = subprocess.run(
            [sys.executable, "-c", self.SCRIPT],
            check=False,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        lines = result.stdout.splitlines()
        assert lines[0] == "loaded: auto zxing opencv"
        assert lines[1].startswith("zbar: the zbar decoder needs the ZBar library")
        assert "apt install libzbar0" in lines[1] and "choose another decoder" in lines[1]
        assert lines[2] == "pyzbar imported: False"

    def test_the_self_test_checks_the_others_when_zbar_is_missing(self) -> None:
        script = self.SCRIPT.split("from pos_app.scanner.decoders")[0] + textwrap.dedent(
            """
            from pos_app.app import check_decoders
            print(check_decoders())
            """
        )
        result = subprocess.run(
            [sys.executable, "-c", script], check=False, capture_output=True, text=True, timeout=60
        )
        assert result.stdout.strip() == "['zxing', 'opencv']", result.stderr

    def test_choosing_another_decoder_never_imports_zbar(self) -> None:
        script = (
            "import sys\n"
            "from pos_app.scanner.decoders import decoder_by_name\n"
            "decoder_by_name('auto'); decoder_by_name('opencv')\n"
            "print(sorted(m for m in sys.modules if 'zbar' in m))\n"
        )
        result = subprocess.run(
            [sys.executable, "-c", script], check=False, capture_output=True, text=True, timeout=60
        )
        assert result.stdout.strip() == "[]", result.stderr
