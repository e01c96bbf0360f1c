"""Ways to redraw a grayscale frame before a decoder reads it: the candidate stages of `auto`.

Each takes and returns an 8-bit grayscale image; one that finds nothing worth reading
returns an empty image, which every decoder reads as nothing.
"""

from __future__ import annotations

import cv2
import numpy as np

from pos_app.scanner.decoders.base import Image
from pos_app.scanner.decoders.deblur import deblurred

NOTHING: Image = np.zeros((1, 1), np.uint8)
_SQUARE = np.ones((3, 3), np.uint8)

REGION_MAX_PX = 480
"""A busier region than this (before upscaling) holds a code large enough for the frame."""


def unchanged(gray: Image) -> Image:
    return gray


def _scaled(gray: Image, factor: float) -> Image:
    height, width = gray.shape[:2]
    size = (max(1, round(width * factor)), max(1, round(height * factor)))
    interpolation = cv2.INTER_AREA if factor < 1 else cv2.INTER_CUBIC
    return np.asarray(cv2.resize(gray, size, interpolation=interpolation), dtype=np.uint8)


def half_size(gray: Image) -> Image:
    """Averaging 2x2 pixels smooths sensor noise and print texture inside modules."""
    return _scaled(gray, 0.5)


def one_and_a_half(gray: Image) -> Image:
    return _scaled(gray, 1.5)


def double_size(gray: Image) -> Image:
    return _scaled(gray, 2.0)


def local_contrast(gray: Image) -> Image:
    """CLAHE: evens out glare and shadow across the code."""
    return np.asarray(cv2.createCLAHE(2.0, (8, 8)).apply(gray), dtype=np.uint8)


def sharpened(gray: Image, sigma: float = 2.0, amount: float = 0.8) -> Image:
    """Unsharp mask: steepens module edges softened by focus or motion."""
    soft = cv2.GaussianBlur(gray, (0, 0), sigma)
    return np.asarray(cv2.addWeighted(gray, 1 + amount, soft, -amount, 0), dtype=np.uint8)


def doubled(gray: Image) -> Image:
    """Twice as large (cubic): modules of under two pixels become readable for zxing."""
    return _scaled(gray, 2.0)


def doubled_sharpened(gray: Image) -> Image:
    """Twice as large, then module edges steepened (a code smeared by about a module)."""
    return sharpened(_scaled(gray, 2.0))


def tripled_sharpened(gray: Image) -> Image:
    """Three times as large and strongly sharpened: smaller, softer modules than doubling."""
    return sharpened(_scaled(gray, 3.0), sigma=3.0, amount=1.0)


def tripled_thickened(gray: Image) -> Image:
    """Three times as large, then every dark module widened by a pixel (a minimum filter).

    A bright screen's bloom and a reflection spill light into the dark modules, which
    shrink until the binarizer reads thin ones as light; the light modules of an
    inverted code grow the same way, and the same filter gives both back their width.
    """
    return np.asarray(cv2.erode(_scaled(gray, 3.0), _SQUARE), dtype=np.uint8)


def doubled_evened(gray: Image) -> Image:
    """Twice as large with CLAHE: a reflection or bloom across part of the code."""
    return local_contrast(_scaled(gray, 2.0))


def deblurred_or_nothing(gray: Image) -> Image:
    """`gray` with a motion smear divided out; nothing where no smear is seen."""
    sharp = deblurred(gray)
    return NOTHING if sharp is None else sharp


def adaptive_threshold(gray: Image) -> Image:
    return np.asarray(
        cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY, 31, 5),
        dtype=np.uint8,
    )


def otsu_threshold(gray: Image) -> Image:
    _, binary = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    return np.asarray(binary, dtype=np.uint8)


def busiest_region_doubled(gray: Image) -> Image:
    """The busiest region (see `busiest_region`) drawn twice as large."""
    region = busiest_region(gray)
    return NOTHING if region is None else _scaled(region, 2.0)


def busiest_region_sharpened(gray: Image) -> Image:
    """The busiest region drawn twice as large, its module edges steepened (motion, focus)."""
    region = busiest_region(gray)
    return NOTHING if region is None else sharpened(_scaled(region, 2.0))


def busiest_region_tripled(gray: Image) -> Image:
    region = busiest_region(gray)
    return NOTHING if region is None else _scaled(region, 3.0)


def busiest_region_deblurred(gray: Image) -> Image:
    """The busiest region with the phone's motion blur divided out (see `deblur`)."""
    region = busiest_region(gray)
    sharp = None if region is None else deblurred(region)
    return NOTHING if sharp is None else sharp


def busiest_region_evened(gray: Image) -> Image:
    """The busiest region drawn twice as large with CLAHE: a reflection across the code."""
    region = busiest_region(gray)
    return NOTHING if region is None else local_contrast(_scaled(region, 2.0))


def densest_region_doubled(gray: Image) -> Image:
    """The region holding the most edge strength, not the sharpest spot, drawn twice as large.

    Blurred counter text can hold the strongest single edge in a frame while a dim or
    blurred code holds more edges in all: ranking regions by their sum finds the code.
    """
    region = busiest_region(gray, by_mass=True)
    return NOTHING if region is None else _scaled(region, 2.0)


def densest_region_sharpened(gray: Image) -> Image:
    """The densest region drawn twice as large with its module edges steepened."""
    region = busiest_region(gray, by_mass=True)
    return NOTHING if region is None else doubled_sharpened(region)


def densest_region_tripled_sharpened(gray: Image) -> Image:
    region = busiest_region(gray, by_mass=True)
    return NOTHING if region is None else tripled_sharpened(region)


def densest_region_tripled_thickened(gray: Image) -> Image:
    """The densest region three times as large, its dark modules widened (bloom, glare)."""
    region = busiest_region(gray, by_mass=True)
    return NOTHING if region is None else tripled_thickened(region)


def busiest_region_tripled_thickened(gray: Image) -> Image:
    region = busiest_region(gray)
    return NOTHING if region is None else tripled_thickened(region)


def densest_region_deblurred(gray: Image) -> Image:
    """The densest region with the phone's motion blur divided out."""
    region = busiest_region(gray, by_mass=True)
    return NOTHING if region is None else deblurred_or_nothing(region)


def densest_region_evened(gray: Image) -> Image:
    region = busiest_region(gray, by_mass=True)
    return NOTHING if region is None else doubled_evened(region)


def busiest_region(gray: Image, by_mass: bool = False) -> Image | None:
    """The region dense with edges in both directions, cut out (None: none small enough).

    A code far from the camera spans too few pixels per module to read; doubling the
    whole 720p frame costs four times a pass over it, doubling only where a code can be
    (a QR code is edges across and down everywhere inside it) costs about one pass.
    """
    height, width = gray.shape[:2]
    step = 4 if min(height, width) >= 360 else 2
    small = cv2.resize(gray, (width // step, height // step), interpolation=cv2.INTER_AREA)
    across = cv2.blur(cv2.convertScaleAbs(cv2.Sobel(small, cv2.CV_16S, 1, 0)), (5, 5))
    down = cv2.blur(cv2.convertScaleAbs(cv2.Sobel(small, cv2.CV_16S, 0, 1)), (5, 5))
    edges = cv2.min(across, down)
    _, peak, _, (px, py) = cv2.minMaxLoc(edges)
    if peak < 12:  # a flat frame: no printed or lit code anywhere
        return None
    busy = np.asarray(edges > peak * 0.4, dtype=np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(busy)
    chosen = int(labels[py, px])
    if by_mass and count > 2:
        mass = np.bincount(labels.ravel(), weights=edges.ravel(), minlength=count)
        mass[0] = 0
        chosen = int(np.argmax(mass))
    x, y, w, h, _area = (int(v) for v in stats[chosen])
    pad = w // 4 + h // 4 + 2
    x0, y0 = max(0, (x - pad) * step), max(0, (y - pad) * step)
    x1, y1 = min(width, (x + w + pad) * step), min(height, (y + h + pad) * step)
    if max(x1 - x0, y1 - y0) > REGION_MAX_PX:
        return None
    return np.ascontiguousarray(gray[y0:y1, x0:x1])
