"""A pairing code as an inline SVG QR code (the `qrcode` package, pure Python: the server
carries no OpenCV, the terminal's encoder)."""

from __future__ import annotations

import qrcode
import qrcode.constants
from markupsafe import Markup


def qr_svg(text: str, label: str) -> Markup:
    """The code as an `<svg>` of dark squares on white, with a 4-module quiet zone."""
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
    qr.add_data(text)
    qr.make(fit=True)
    matrix = qr.get_matrix()  # includes the border
    size = len(matrix)
    path = "".join(
        f"M{x} {y}h1v1h-1z" for y, row in enumerate(matrix) for x, dark in enumerate(row) if dark
    )
    # Numbers, and the label escaped.
    return Markup(  # noqa: S704
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" '
        f'shape-rendering="crispEdges" role="img" aria-label="{Markup.escape(label)}">'
        f'<rect width="{size}" height="{size}" fill="#fff"/>'
        f'<path d="{path}" fill="#000"/></svg>'
    )
