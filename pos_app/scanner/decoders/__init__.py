"""QR decoders behind one interface, chosen by name in the terminal's settings."""

from __future__ import annotations

from collections.abc import Callable

from pos_app.scanner.decoders.auto import AutoDecoder
from pos_app.scanner.decoders.base import Decoder, Image, as_gray, bytes_to_text
from pos_app.scanner.decoders.opencv import OpenCvDecoder
from pos_app.scanner.decoders.zbar import ZbarDecoder
from pos_app.scanner.decoders.zxing import ZxingDecoder

__all__ = [
    "DEFAULT_DECODER",
    "AutoDecoder",
    "Decoder",
    "Image",
    "OpenCvDecoder",
    "UnknownDecoderError",
    "ZbarDecoder",
    "ZxingDecoder",
    "as_gray",
    "available_decoders",
    "bytes_to_text",
    "decoder_by_name",
]

DEFAULT_DECODER = "auto"

_FACTORIES: dict[str, Callable[[], Decoder]] = {
    "auto": AutoDecoder,
    "zxing": ZxingDecoder,
    "zbar": ZbarDecoder,
    "opencv": OpenCvDecoder,
    "opencv-aruco": lambda: OpenCvDecoder(name="opencv-aruco", aruco=True),
}


class UnknownDecoderError(ValueError):
    pass


def available_decoders() -> list[str]:
    """Names a settings screen can offer, the recommended one first."""
    return list(_FACTORIES)


def decoder_by_name(name: str) -> Decoder:
    try:
        factory = _FACTORIES[name]
    except KeyError:
        choices = ", ".join(_FACTORIES)
        raise UnknownDecoderError(f"no decoder named {name!r}; choose one of {choices}") from None
    return factory()
