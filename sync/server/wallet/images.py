"""The pass's images when a merchant gave no logo: a plain square in the pass's colour.

Apple requires `icon.png`; a PNG is written here without an imaging library (the server
does not otherwise need one): a solid RGB image is a few rows of repeated bytes.
"""

from __future__ import annotations

import re
import struct
import zlib
from functools import lru_cache


def parse_rgb(text: str) -> tuple[int, int, int]:
    """`rgb(r, g, b)` or `#rrggbb` as three bytes; ValueError otherwise."""
    m = re.fullmatch(r"\s*rgb\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*\)\s*", text)
    if m:
        r, g, b = (int(x) for x in m.groups())
    else:
        h = re.fullmatch(r"\s*#([0-9a-fA-F]{6})\s*", text)
        if not h:
            raise ValueError(f"{text!r} is not a colour: write rgb(r, g, b) or #rrggbb")
        r, g, b = (int(h.group(1)[i : i + 2], 16) for i in (0, 2, 4))
    if max(r, g, b) > 255:
        raise ValueError(f"{text!r}: each colour component is 0-255")
    return r, g, b


def css_rgb(text: str) -> str:
    r, g, b = parse_rgb(text)
    return f"rgb({r}, {g}, {b})"


def hex_rgb(text: str) -> str:
    r, g, b = parse_rgb(text)
    return f"#{r:02x}{g:02x}{b:02x}"


def _chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


@lru_cache(maxsize=64)
def solid_png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    row = b"\x00" + bytes(rgb) * width
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(row * height, 9))
        + _chunk(b"IEND", b"")
    )


def is_png(data: bytes) -> bool:
    return data.startswith(b"\x89PNG\r\n\x1a\n")
