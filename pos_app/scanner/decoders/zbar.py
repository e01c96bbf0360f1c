"""ZBar through pyzbar's ctypes bindings, asking for the raw bytes of each symbol.

pyzbar's `decode` lets ZBar convert payloads to UTF-8 by guessing their charset, which
garbles Shift-JIS half-width katakana; ZBar's `binary` option returns the bytes
untouched and `bytes_to_text` reads them the way the other decoders do.
"""

from __future__ import annotations

import ctypes
import functools
from dataclasses import dataclass

from pyzbar import wrapper as zbar
from pyzbar.pyzbar import ZBarSymbol

from pos_app.scanner.decoders.base import Image, as_gray, bytes_to_text, unique

_GRAY_FOURCC = int.from_bytes(b"Y800", "little")


@functools.cache
def _config_id(option: bytes) -> int:
    """The numeric id of a ZBar option; it moved between ZBar releases, so ask ZBar."""
    symbol, config, value = ctypes.c_int(), ctypes.c_int(), ctypes.c_int()
    if zbar.zbar_parse_config(
        option, ctypes.byref(symbol), ctypes.byref(config), ctypes.byref(value)
    ):
        raise RuntimeError(f"this ZBar does not know the {option!r} option")
    return config.value


@dataclass(frozen=True, slots=True)
class ZbarDecoder:
    name: str = "zbar"

    def decode(self, frame: Image) -> list[str]:
        gray = as_gray(frame)
        height, width = gray.shape
        scanner = zbar.zbar_image_scanner_create()
        try:
            _enable_qr_only(scanner)
            image = zbar.zbar_image_create()
            try:
                zbar.zbar_image_set_format(image, _GRAY_FOURCC)
                zbar.zbar_image_set_size(image, width, height)
                # ZBar reads the pixels in place; `gray` outlives the scan.
                zbar.zbar_image_set_data(
                    image, gray.ctypes.data_as(ctypes.c_void_p), gray.nbytes, None
                )
                zbar.zbar_scan_image(scanner, image)
                return unique(_symbol_texts(image))
            finally:
                zbar.zbar_image_destroy(image)
        finally:
            zbar.zbar_image_scanner_destroy(scanner)


def _enable_qr_only(scanner: object) -> None:
    enable = zbar.ZBarConfig.CFG_ENABLE
    zbar.zbar_image_scanner_set_config(scanner, ZBarSymbol.NONE, enable, 0)
    zbar.zbar_image_scanner_set_config(scanner, ZBarSymbol.QRCODE, enable, 1)
    zbar.zbar_image_scanner_set_config(scanner, ZBarSymbol.QRCODE, _config_id(b"binary"), 1)


def _symbol_texts(image: object) -> list[str]:
    texts = []
    symbol = zbar.zbar_image_first_symbol(image)
    while symbol:
        length = zbar.zbar_symbol_get_data_length(symbol)
        texts.append(bytes_to_text(ctypes.string_at(zbar.zbar_symbol_get_data(symbol), length)))
        symbol = zbar.zbar_symbol_next(symbol)
    return texts
