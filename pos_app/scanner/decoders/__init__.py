"""QR decoders behind one interface, chosen by name in the terminal's settings.

A decoder's module, and the library behind it, is imported only when that decoder is
chosen: a machine without ZBar's shared library still reads codes with zxing-cpp and
OpenCV, and is told what is missing only if it asks for ZBar.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any

from pos_app.scanner.decoders.base import Decoder, Image, as_gray, bytes_to_text

__all__ = [
    "DEFAULT_DECODER",
    "Decoder",
    "DecoderUnavailableError",
    "Image",
    "UnknownDecoderError",
    "as_gray",
    "available_decoders",
    "bytes_to_text",
    "decoder_by_name",
]

DEFAULT_DECODER = "auto"


@dataclass(frozen=True, slots=True)
class _Entry:
    module: str
    factory: str
    library: str
    """What to install when the module cannot be imported, as a person would look for it."""
    options: dict[str, Any] = field(default_factory=dict)


_ZXING = "zxing-cpp (the Python package zxing-cpp)"
_OPENCV = "OpenCV (the Python package opencv-python-headless)"
_REGISTRY: dict[str, _Entry] = {
    "auto": _Entry("auto", "AutoDecoder", _ZXING),
    "zxing": _Entry("zxing", "ZxingDecoder", _ZXING),
    "zbar": _Entry(
        "zbar",
        "ZbarDecoder",
        "the ZBar library (Debian and Ubuntu: apt install libzbar0; macOS: brew install zbar)"
        " and the Python package pyzbar",
    ),
    "opencv": _Entry("opencv", "OpenCvDecoder", _OPENCV),
    "opencv-aruco": _Entry(
        "opencv", "OpenCvDecoder", _OPENCV, {"name": "opencv-aruco", "aruco": True}
    ),
}


class UnknownDecoderError(ValueError):
    pass


class DecoderUnavailableError(RuntimeError):
    """The decoder exists but the library it needs is not installed on this machine."""


def available_decoders() -> list[str]:
    """Names a settings screen can offer, the recommended one first."""
    return list(_REGISTRY)


def decoder_by_name(name: str) -> Decoder:
    try:
        entry = _REGISTRY[name]
    except KeyError:
        choices = ", ".join(_REGISTRY)
        raise UnknownDecoderError(f"no decoder named {name!r}; choose one of {choices}") from None
    try:
        module = importlib.import_module(f"{__name__}.{entry.module}")
    except ImportError as exc:
        others = ", ".join(n for n in _REGISTRY if _REGISTRY[n].library != entry.library)
        raise DecoderUnavailableError(
            f"the {name} decoder needs {entry.library}, which is not installed here"
            f" ({exc}); install it or choose another decoder ({others})"
        ) from exc
    decoder: Decoder = getattr(module, entry.factory)(**entry.options)
    return decoder
