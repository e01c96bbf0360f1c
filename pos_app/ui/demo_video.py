"""The demo camera: a short looping video of a customer's phone showing demo cards' QR codes.

It lets a fresh install be tried without a webcam, and lets the UI tests drive the real
capture and decoding code. The frames are drawn with OpenCV (its QR encoder included), so
nothing beyond the terminal's own dependencies is needed. Qt-free.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt

Image = npt.NDArray[np.uint8]
WIDTH, HEIGHT = 640, 480
FPS = 10
WIFI_CODE = "WIFI:T:WPA;S:Cafe guests;P:espresso;;"


def demo_texts(card_count: int = 4) -> list[str]:
    """The first demo cards' passes (their codes as a wallet shows them), then a foreign
    code the counter must refuse."""
    from pos_app.domain.demo import demo_cards
    from pos_app.domain.identifiers import wallet_pass_qr_text

    return [wallet_pass_qr_text(c.qr_token) for c in demo_cards(card_count)] + [WIFI_CODE]


def write_demo_video(
    path: Path,
    texts: Sequence[str],
    *,
    show_s: float = 1.6,
    gap_s: float = 1.4,
    lead_s: float = 0.6,
) -> Path:
    """Each text shown for `show_s` with an empty counter between (so each scans once)."""
    import cv2

    path.parent.mkdir(parents=True, exist_ok=True)
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"mp4v"), FPS, (WIDTH, HEIGHT))
    if not writer.isOpened():
        raise OSError(f"cannot write a video at {path}")
    empty = _counter()
    try:
        for _ in range(round(lead_s * FPS)):
            writer.write(empty)
        for n, text in enumerate(texts):
            shown = _with_phone(empty, text, n)
            for i in range(round(show_s * FPS)):
                # A hand is never still: nudge the phone a pixel or two.
                writer.write(np.roll(shown, (i % 3 - 1) * 2, axis=1))
            for _ in range(round(gap_s * FPS)):
                writer.write(empty)
    finally:
        writer.release()
    return path


def _counter() -> Image:
    y, x = np.mgrid[0:HEIGHT, 0:WIDTH].astype(np.float32)
    light = 70 + 60 * x / WIDTH + 12 * np.sin(y / 40)
    scene = np.dstack([light * 0.75, light * 0.85, light]).clip(0, 255).astype(np.uint8)
    import cv2

    cv2.putText(scene, "DEMO CAMERA", (18, 40), cv2.FONT_HERSHEY_SIMPLEX, 1.0, (235, 235, 235), 2)
    return scene


def _with_phone(background: Image, text: str, n: int) -> Image:
    import cv2

    matrix = cv2.QRCodeEncoder.create().encode(text)
    module = max(1, 220 // (matrix.shape[0] + 8))
    code = cv2.resize(
        np.pad(matrix, 4, constant_values=255),
        None,
        fx=module,
        fy=module,
        interpolation=cv2.INTER_NEAREST,
    )
    frame = background.copy()
    h, w = code.shape
    cx = WIDTH // 2 + (n % 3 - 1) * 60
    x0, y0 = cx - w // 2, (HEIGHT - h) // 2
    # The phone: a dark body with rounded look, then its bright screen showing the code.
    cv2.rectangle(frame, (x0 - 26, y0 - 60), (x0 + w + 26, y0 + h + 70), (30, 30, 34), -1)
    cv2.rectangle(frame, (x0 - 12, y0 - 40), (x0 + w + 12, y0 + h + 50), (250, 250, 250), -1)
    frame[y0 : y0 + h, x0 : x0 + w] = cv2.cvtColor(code, cv2.COLOR_GRAY2BGR)
    return frame


def demo_video_name(texts: Sequence[str]) -> str:
    """The file name of the video showing `texts`: a hash of what it shows and how it is drawn,
    so a video made from other demo data (or an older drawing) is never taken for this one."""
    what = repr((list(texts), WIDTH, HEIGHT, FPS)).encode()
    return f"counter-demo-{hashlib.sha256(what).hexdigest()[:12]}.mp4"


def default_demo_video() -> Path:
    """The bundled demo video of the current demo cards, written on first use if missing
    (beside the bundled one, or in the user's cache folder where the install is read-only)."""
    import os

    from pos_app.paths import cache_dir
    from pos_app.resources import resource_path

    texts = demo_texts()
    path = resource_path("demo", demo_video_name(texts))
    if not path.exists() and not os.access(path.parent, os.W_OK):
        path = cache_dir() / "demo" / path.name
        path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        # Written beside, then renamed: an interrupted first run leaves no half video.
        partial = path.with_name(f"writing-{path.name}")
        write_demo_video(partial, texts)
        partial.replace(path)
        for stale in path.parent.glob("counter-demo*.mp4"):
            if stale != path:
                stale.unlink(missing_ok=True)
    return path
