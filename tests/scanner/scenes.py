"""Synthetic 1280x720 camera frames showing real QR codes the way a counter webcam sees them.

Codes are rendered by the `qrcode` library (not by the decoders under test) and then
degraded the ways a phone held in front of a webcam degrades them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt
import qrcode
import qrcode.constants

Image = npt.NDArray[np.uint8]
WIDTH, HEIGHT = 1280, 720


def code_image(text: str, module_px: int = 8, border: int = 4) -> Image:
    """Black modules on white, with the standard four-module quiet zone."""
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=border)
    qr.add_data(text)
    qr.make(fit=True)
    dark = np.array(qr.get_matrix(), dtype=bool)
    modules = np.where(dark, 0, 255).astype(np.uint8)
    return np.kron(modules, np.ones((module_px, module_px), dtype=np.uint8)).astype(np.uint8)


def counter_scene(seed: int = 7) -> Image:
    """A cluttered counter: lit unevenly, boxes, printed text, sensor noise; no QR code."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:HEIGHT, 0:WIDTH].astype(np.float32)
    light = 110 + 70 * x / WIDTH + 25 * np.sin(y / 80)
    scene = np.dstack([light * 0.8, light * 0.9, light]).clip(0, 255).astype(np.uint8)
    for _ in range(35):
        x0, y0 = int(rng.integers(0, WIDTH)), int(rng.integers(0, HEIGHT))
        size = (int(rng.integers(20, 260)), int(rng.integers(20, 180)))
        colour = tuple(int(c) for c in rng.integers(0, 256, 3))
        cv2.rectangle(scene, (x0, y0), (x0 + size[0], y0 + size[1]), colour, -1)
    for i in range(12):
        origin = (int(rng.integers(0, WIDTH - 300)), int(rng.integers(30, HEIGHT)))
        cv2.putText(
            scene, f"2 FOR 1 COFFEE #{i}", origin, cv2.FONT_HERSHEY_SIMPLEX, 0.9, (25, 25, 25), 2
        )
    noise = rng.normal(0, 4, scene.shape)
    return (scene.astype(np.float32) + noise).clip(0, 255).astype(np.uint8)


@dataclass(frozen=True)
class Look:
    """How a code appears in the frame; `finish` degrades the composed frame."""

    name: str
    size_px: int = 260
    tilt: float = 0.0
    """Perspective: how far the far edge shrinks, as a fraction of the code's size."""
    rotate_deg: float = 0.0
    phone: bool = False
    dark_mode: bool = False
    finish: Callable[[Image], Image] = lambda frame: frame


def gaussian_blur(sigma: float) -> Callable[[Image], Image]:
    def blur(frame: Image) -> Image:
        return np.asarray(cv2.GaussianBlur(frame, (0, 0), sigma), dtype=np.uint8)

    return blur


def motion_blur(length: int) -> Callable[[Image], Image]:
    kernel = np.zeros((length, length), np.float32)
    kernel[length // 2, :] = 1.0 / length

    def smear(frame: Image) -> Image:
        return np.asarray(cv2.filter2D(frame, -1, kernel), dtype=np.uint8)

    return smear


def glare(frame: Image) -> Image:
    """A reflection of the shop's ceiling light across part of the screen."""
    y, x = np.mgrid[0:HEIGHT, 0:WIDTH].astype(np.float32)
    spot = 150 * np.exp(-(((x - 600) / 90) ** 2 + ((y - 300) / 60) ** 2))
    lit = frame.astype(np.float32) + spot[..., None].astype(np.float32)
    return np.asarray(lit.clip(0, 255), dtype=np.uint8)


def jpeg(quality: int) -> Callable[[Image], Image]:
    def compress(frame: Image) -> Image:
        ok, data = cv2.imencode(".jpg", frame, [cv2.IMWRITE_JPEG_QUALITY, quality])
        assert ok
        return np.asarray(cv2.imdecode(data, cv2.IMREAD_COLOR), dtype=np.uint8)

    return compress


LOOKS: tuple[Look, ...] = (
    Look("printed, sharp"),
    Look("small, far from the camera", size_px=110),
    Look("out of focus", finish=gaussian_blur(2.2)),
    Look("moving hand", finish=motion_blur(9)),
    Look("tilted in perspective", tilt=0.3, rotate_deg=20),
    Look("glare on the screen", phone=True, finish=glare),
    Look("phone screen with moire", phone=True, rotate_deg=-12, finish=jpeg(70)),
    Look("dark-mode wallet", phone=True, dark_mode=True, tilt=0.15),
)


def frame_with_code(text: str, look: Look, background: Image | None = None) -> Image:
    frame = (counter_scene() if background is None else background).copy()
    code = code_image(text)
    if look.dark_mode:
        code = 255 - code
    patch = _phone(code) if look.phone else cv2.cvtColor(code, cv2.COLOR_GRAY2BGR)
    scale = look.size_px / code.shape[0]
    _paste_in_perspective(frame, np.asarray(patch, dtype=np.uint8), scale, look)
    return look.finish(frame)


def _phone(code: Image) -> Image:
    """The code on a lit screen inside a dark bezel, with the screen's line pattern."""
    side = code.shape[0]
    margin, bezel = side // 5, side // 12
    screen_h, screen_w = side + 4 * margin, side + 2 * margin
    dark_mode = code[0, 0] < 128
    screen = np.full((screen_h, screen_w), 30 if dark_mode else 235, np.float32)
    top = 2 * margin
    # A phone screen's white is not paper white, nor its black true black.
    screen[top : top + side, margin : margin + side] = 30 + code * (200 / 255)
    y, x = np.mgrid[0:screen_h, 0:screen_w].astype(np.float32)
    # Beating between the display's pixel rows and the sensor's: a faint moire.
    screen *= 1 - 0.1 * (0.5 + 0.5 * np.sin(2 * np.pi * (y / 3.3 + x / 41)))
    tint = np.dstack([screen * 1.0, screen * 0.97, screen * 0.93])
    phone = np.full((screen_h + 2 * bezel, screen_w + 2 * bezel, 3), 18, np.float32)
    phone[bezel:-bezel, bezel:-bezel] = tint
    return phone.clip(0, 255).astype(np.uint8)


def _paste_in_perspective(frame: Image, patch: Image, scale: float, look: Look) -> None:
    h, w = patch.shape[:2]
    src = np.array([[0, 0], [w, 0], [w, h], [0, h]], dtype=np.float32)
    shrink = look.tilt * w / 2
    dst = np.array([[shrink, 0], [w - shrink, 0], [w, h], [0, h]], dtype=np.float32) * scale
    angle = np.deg2rad(look.rotate_deg)
    rotation = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    dst = (dst - dst.mean(axis=0)) @ rotation.T + np.array([WIDTH / 2, HEIGHT / 2])
    matrix = cv2.getPerspectiveTransform(src, dst.astype(np.float32))
    warped = cv2.warpPerspective(patch, matrix, (WIDTH, HEIGHT), flags=cv2.INTER_AREA)
    mask = cv2.warpPerspective(np.full((h, w), 255, np.uint8), matrix, (WIDTH, HEIGHT)) > 127
    frame[mask] = warped[mask]


def write_video(path: str, frames: list[Image], fps: float = 30.0) -> None:
    """MJPG in AVI: the codec this OpenCV build both writes and reads everywhere we run."""
    writer = cv2.VideoWriter(path, cv2.VideoWriter.fourcc(*"MJPG"), fps, (WIDTH, HEIGHT))
    assert writer.isOpened(), "this OpenCV build cannot write MJPG video"
    try:
        for frame in frames:
            writer.write(frame)
    finally:
        writer.release()
