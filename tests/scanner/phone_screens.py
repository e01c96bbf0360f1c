"""Wallet passes on a phone screen as a counter webcam sees them: a seeded scene generator.

Each scene is drawn from a `Condition` by a seed, so the same seed gives the same
pixels on every machine. The physics is kept simple but to scale:

- the camera is a pinhole with the vertical field of view of a common 1080p webcam
  (43.3 degrees; a 4:3 mode crops the sides), at 640x480, 1280x720 or 1920x1080;
- the pass shows its QR code 30-36 mm wide (Apple and Google Wallet on a 6" phone),
  holding what the product's passes hold (`wallet_pass_qr_text`: the bare token), error
  correction L or M as Apple and Google draw it, on a screen of 0.055 mm pixels (about
  460 ppi); one condition shows the card's link `https://<server>/c/<token>` that passes
  held before, as a pass not updated since still does;
- the phone is 15-40 cm from the lens, tilted up to 45 degrees out of the sensor's plane
  and turned in it, the screen's pixel grid is drawn and sampled by the sensor (moire
  where the two pitches beat), the sensor integrates over its pixels and the lens blurs
  (more when the phone is closer than the fixed focus);
- the screen is dim or bright (a bright one clips and blooms), light or dark mode (a
  dark mode that inverts the code, as some wallets do), reflects the shop's lights
  (glare), moves during the exposure (motion blur) and during the sensor's row-by-row
  readout (rolling shutter), and the frame goes through sensor noise and JPEG.

`presentation` strings scenes into a short video of a phone brought into view and
held there, for the capture path.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

import cv2
import numpy as np
import numpy.typing as npt
import qrcode
import qrcode.constants

from pos_app.domain.identifiers import wallet_pass_qr_text

Image = npt.NDArray[np.uint8]
Floats = npt.NDArray[np.float32]

RESOLUTIONS: tuple[tuple[int, int], ...] = ((640, 480), (1280, 720), (1920, 1080))
VERTICAL_FOV_DEG = 43.3
SCREEN_PIXEL_MM = 0.055
SERVERS = ("loyalty.example.com", "cards.cafe-rosa.de", "club.boulangerie-martin.fr")
_ECC = {"L": qrcode.constants.ERROR_CORRECT_L, "M": qrcode.constants.ERROR_CORRECT_M}
_TOKEN_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


Range = tuple[float, float]


@dataclass(frozen=True)
class Condition:
    """Ranges a scene's parameters are drawn from; `nominal` is a phone held normally."""

    name: str
    distance_cm: Range = (18.0, 30.0)
    tilt_deg: Range = (0.0, 20.0)
    turn_deg: Range = (-25.0, 25.0)
    resolutions: tuple[tuple[int, int], ...] = ((1280, 720),)
    screen_white: Range = (0.75, 0.95)
    """Screen white as a fraction of the sensor's full scale after auto exposure."""
    bloom: Range = (0.0, 0.0)
    """How far clipped highlights spread into the dark modules (bright screens)."""
    noise_sigma: Range = (1.5, 3.0)
    dark_mode: float = 0.0
    """Probability of a dark-mode pass (half of those with the code itself inverted)."""
    glare: Range = (0.0, 0.0)
    """Peak brightness of the reflection, as a fraction of full scale."""
    speed_cm_s: Range = (0.0, 3.0)
    exposure_s: Range = (1 / 120, 1 / 60)
    readout_s: float = 0.0
    """Rolling shutter: how long the sensor takes to read top to bottom (0: global)."""
    jpeg_quality: Range = (80.0, 95.0)
    legacy_link: bool = False
    """The pass holds the card's link, as passes did before they held the bare token."""
    draws_as: str = ""
    """Draw with the random stream of the condition of this name (default: its own name),
    so two conditions differing in one range show the same scenes otherwise."""


NOMINAL = Condition("nominal")
EVERYTHING_AT_ONCE = Condition(
    "everything at once",
    distance_cm=(15.0, 40.0),
    tilt_deg=(0.0, 45.0),
    turn_deg=(-45.0, 45.0),
    resolutions=RESOLUTIONS,
    screen_white=(0.35, 1.4),
    bloom=(0.0, 1.0),
    noise_sigma=(1.5, 6.0),
    dark_mode=0.3,
    glare=(0.0, 0.6),
    # As fast as the hand of "motion blur 2-5 cm/s": at 1/30 s a 1.7 mm smear, the most
    # any single condition draws. Faster is a phone still being brought into view (see
    # STRESS_CONDITIONS and `presentation`).
    speed_cm_s=(0.0, 5.0),
    exposure_s=(1 / 120, 1 / 30),
    readout_s=1 / 30,
    jpeg_quality=(50.0, 95.0),
)
CONDITIONS: tuple[Condition, ...] = (
    NOMINAL,
    replace(NOMINAL, name="near (15-18 cm)", distance_cm=(15.0, 18.0)),
    replace(NOMINAL, name="far (35-40 cm)", distance_cm=(35.0, 40.0)),
    replace(NOMINAL, name="tilted 35-45 deg", tilt_deg=(35.0, 45.0)),
    replace(NOMINAL, name="glare", glare=(0.35, 0.8)),
    replace(
        NOMINAL,
        name="moire close-up (1080p)",
        distance_cm=(15.0, 22.0),
        resolutions=((1920, 1080),),
        tilt_deg=(0.0, 8.0),
        turn_deg=(-3.0, 3.0),
    ),
    replace(NOMINAL, name="dim screen", screen_white=(0.3, 0.45), noise_sigma=(4.0, 7.0)),
    replace(NOMINAL, name="bright screen", screen_white=(1.15, 1.6), bloom=(0.5, 1.5)),
    replace(NOMINAL, name="dark mode", dark_mode=1.0),
    replace(
        NOMINAL, name="motion blur 2-5 cm/s", speed_cm_s=(2.0, 5.0), exposure_s=(1 / 60, 1 / 30)
    ),
    replace(
        NOMINAL,
        name="rolling shutter",
        speed_cm_s=(20.0, 45.0),
        exposure_s=(1 / 500, 1 / 250),
        readout_s=1 / 30,
    ),
    replace(NOMINAL, name="JPEG q35-55", jpeg_quality=(35.0, 55.0)),
    replace(NOMINAL, name="640x480", resolutions=((640, 480),)),
    replace(NOMINAL, name="1920x1080", resolutions=((1920, 1080),)),
    replace(NOMINAL, name="link pass (before)", legacy_link=True),
    EVERYTHING_AT_ONCE,
)


STRESS_CONDITIONS: tuple[Condition, ...] = (
    replace(
        EVERYTHING_AT_ONCE,
        name="everything, hand at 0-10 cm/s",
        draws_as=EVERYTHING_AT_ONCE.name,
        speed_cm_s=(0.0, 10.0),
    ),
)
"""Beyond what the scanner is held to, reported apart: "everything at once" as it was
first drawn, with a hand up to twice as fast (up to 3.3 mm, about 2.8 modules, of smear
in one exposure). Knowing where the code is and the exact smear, a Wiener filter reads
only about a third of the frames `auto` misses there (19 of 57 on 200 seeds; see
docs/benchmarks.md)."""


@dataclass(frozen=True)
class Scene:
    """What was drawn for one frame: enough to print why a frame was hard."""

    text: str
    ecc: str
    resolution: tuple[int, int]
    distance_cm: float
    tilt_deg: float
    tilt_axis_deg: float
    turn_deg: float
    code_mm: float
    offset: tuple[float, float]
    """Where the code's centre sits, as a fraction of half the frame (0, 0: centre)."""
    screen_white: float
    bloom: float
    noise_sigma: float
    dark_mode: bool
    inverted: bool
    glare: float
    glare_at: tuple[float, float]
    motion_mm: tuple[float, float]
    """Screen travel during the exposure (x, y), in mm."""
    shear_mm: tuple[float, float]
    """Screen travel during the rolling-shutter readout (x, y), in mm."""
    jpeg_quality: int
    background_seed: int
    noise_seed: int


def token(rng: np.random.Generator) -> str:
    """A URL-safe random token like `secrets.token_urlsafe(24)`, from the seeded generator."""
    return "".join(_TOKEN_ALPHABET[i] for i in rng.integers(0, 64, 32))


def wallet_payload(rng: np.random.Generator, legacy_link: bool = False) -> str:
    """What the pass's QR holds: the product's `wallet_pass_qr_text`, or the old link.

    The draws of the link's server are made as before passes held the bare token, so a
    seed draws the same scene (pose, light, motion) as it did then: figures before and
    after compare scene by scene.
    """
    card = token(rng)
    if legacy_link or rng.random() >= 0.5:
        server = SERVERS[int(rng.integers(len(SERVERS)))]
        if legacy_link:
            return f"https://{server}/c/{card}"
    return wallet_pass_qr_text(card)


def draw_scene(condition: Condition, seed: int, text: str | None = None) -> Scene:
    rng = np.random.default_rng([seed, _stable_hash(condition.draws_as or condition.name)])

    def pick(span: Range) -> float:
        return float(rng.uniform(span[0], span[1]))

    payload = wallet_payload(rng, condition.legacy_link) if text is None else text
    dark = bool(rng.random() < condition.dark_mode)
    speed_cm_s, direction = pick(condition.speed_cm_s), float(rng.uniform(0, 2 * math.pi))
    exposure = pick(condition.exposure_s)
    velocity = (10 * speed_cm_s * math.cos(direction), 10 * speed_cm_s * math.sin(direction))
    return Scene(
        text=payload,
        ecc="L" if rng.random() < 0.5 else "M",
        resolution=condition.resolutions[int(rng.integers(len(condition.resolutions)))],
        distance_cm=pick(condition.distance_cm),
        tilt_deg=pick(condition.tilt_deg),
        tilt_axis_deg=float(rng.uniform(0, 360)),
        turn_deg=pick(condition.turn_deg),
        code_mm=float(rng.uniform(30.0, 36.0)),
        offset=(float(rng.uniform(-0.3, 0.3)), float(rng.uniform(-0.3, 0.3))),
        screen_white=pick(condition.screen_white),
        bloom=pick(condition.bloom),
        noise_sigma=pick(condition.noise_sigma),
        dark_mode=dark,
        inverted=dark and bool(rng.random() < 0.5),
        glare=pick(condition.glare),
        glare_at=(float(rng.uniform(0.2, 0.8)), float(rng.uniform(0.2, 0.8))),
        motion_mm=(velocity[0] * exposure, velocity[1] * exposure),
        shear_mm=(velocity[0] * condition.readout_s, velocity[1] * condition.readout_s),
        jpeg_quality=int(pick(condition.jpeg_quality)),
        background_seed=int(rng.integers(1 << 30)),
        noise_seed=int(rng.integers(1 << 30)),
    )


def focal_length_px(height: int) -> float:
    """The pinhole camera's focal length in pixels, for a frame `height` pixels tall."""
    return (height / 2) / math.tan(math.radians(VERTICAL_FOV_DEG / 2))


@dataclass(frozen=True)
class _Screen:
    texture: Image
    """The pass as drawn on the phone, BGR."""
    homography: npt.NDArray[np.float64]
    """Texture texels to camera pixels."""
    code_box: Floats
    """The code's box (x0, y0, x1, y1) in texels."""
    focal_px: float


def _screen(scene: Scene) -> _Screen:
    height = scene.resolution[1]
    focal_px = focal_length_px(height)
    modules = qr_modules(scene.text, scene.ecc)
    distance_mm = 10 * scene.distance_cm
    cam_px_mm = distance_mm / focal_px  # footprint of one camera pixel on the screen
    # Where a camera pixel spans fewer than six screen pixels their grid can beat with the
    # sensor's, so it is drawn texel by texel; farther away it only dims the screen.
    grid = cam_px_mm < 6 * SCREEN_PIXEL_MM
    texel_mm = SCREEN_PIXEL_MM / 2 if grid else cam_px_mm / 2.5
    pass_img, code_box_mm, pass_mm = _pass_screen(modules, scene, texel_mm, grid)
    texels_per_mm = pass_img.shape[1] / pass_mm[0]
    # The sensor integrates over its pixel: average the texture down to ~2 texels per
    # camera pixel before sampling, so moire is left only where the pitches are close.
    shrink = min(1.0, 2.0 / (texels_per_mm * cam_px_mm))
    if shrink < 1.0:
        size = (
            max(8, round(pass_img.shape[1] * shrink)),
            max(8, round(pass_img.shape[0] * shrink)),
        )
        pass_img = np.asarray(cv2.resize(pass_img, size, interpolation=cv2.INTER_AREA))
        texels_per_mm = pass_img.shape[1] / pass_mm[0]
    homography = _homography(
        scene, pass_mm, code_box_mm, texels_per_mm, focal_px, *scene.resolution
    )
    return _Screen(pass_img, homography, code_box_mm * texels_per_mm, focal_px)


def code_corners(scene: Scene) -> Floats:
    """Where the code's corners fall in the frame (4x2 pixels), before blur and shutter."""
    screen = _screen(scene)
    x0, y0, x1, y1 = (float(v) for v in screen.code_box)
    box = np.array([[[x0, y0], [x1, y0], [x1, y1], [x0, y1]]], np.float32)
    return np.asarray(cv2.perspectiveTransform(box, screen.homography)[0], np.float32)


def smear_px(scene: Scene) -> tuple[float, float]:
    """The phone's travel during the exposure, in camera pixels (dx, dy)."""
    height = scene.resolution[1]
    focal_px = focal_length_px(height)
    scale = focal_px / (10 * scene.distance_cm)
    return scene.motion_mm[0] * scale, scene.motion_mm[1] * scale


def render(scene: Scene) -> Image:
    """The BGR frame the webcam delivers for `scene`."""
    width, height = scene.resolution
    screen = _screen(scene)
    pass_img, homography, focal_px = screen.texture, screen.homography, screen.focal_px
    frame = _background(width, height, scene.background_seed)
    warped = cv2.warpPerspective(
        pass_img, homography, (width, height), flags=cv2.INTER_LINEAR, borderValue=(0, 0, 0)
    )
    h, w = pass_img.shape[:2]
    corners = cv2.perspectiveTransform(
        np.array([[[0, 0], [w, 0], [w, h], [0, h]]], np.float32), homography
    )
    outline = np.zeros((height, width), np.uint8)
    cv2.fillConvexPoly(outline, np.round(corners[0] * 16).astype(np.int32), 255, cv2.LINE_AA, 4)
    mask = (outline.astype(np.float32) / 255)[..., None]
    phone = np.asarray(warped, np.float32) * scene.screen_white / 0.81 + _glare(
        scene, homography, pass_img
    )
    image = np.asarray(frame * (1 - mask) + phone * mask, np.float32)

    image = _lens_blur(image, scene, focal_px)
    image = _motion(image, scene, focal_px)
    image = _rolling_shutter(image, scene, focal_px)
    image = _bloom(image, scene)
    rng = np.random.default_rng(scene.noise_seed)
    image = image + rng.normal(0.0, scene.noise_sigma, image.shape).astype(np.float32)
    out = np.asarray(np.clip(image, 0, 255), dtype=np.uint8)
    ok, data = cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, scene.jpeg_quality])
    assert ok
    return np.asarray(cv2.imdecode(data, cv2.IMREAD_COLOR), dtype=np.uint8)


def module_px(scene: Scene) -> float:
    """Camera pixels per module for a square-on view at the scene's distance."""
    height = scene.resolution[1]
    focal_px = focal_length_px(height)
    side = qr_modules(scene.text, scene.ecc).shape[0]
    return float(focal_px * scene.code_mm / side / (10 * scene.distance_cm))


def scenes(condition: Condition, count: int, first_seed: int = 0) -> list[Scene]:
    return [draw_scene(condition, seed) for seed in range(first_seed, first_seed + count)]


def qr_modules(text: str, ecc: str) -> npt.NDArray[np.bool_]:
    """True for dark modules, without the quiet zone."""
    code = qrcode.QRCode(border=0, error_correction=_ECC[ecc])
    code.add_data(text)
    code.make(fit=True)
    return np.array(code.get_matrix(), dtype=bool)


VIDEO = replace(NOMINAL, name="video", resolutions=RESOLUTIONS, readout_s=1 / 30)
"""A phone held normally before any of the three webcam modes (rolling shutter, 1/90 s)."""

ARRIVAL_MM_S = (200.0, 100.0, 50.0, 25.0)
"""The hand's speed over the first frames of a presentation; then it only trembles."""
TREMOR_MM_S = 10.0


def presentation(text: str, seed: int, frames: int = 10) -> list[Scene]:
    """A phone brought into view and held there: one scene per frame at 30 fps.

    The code is in view from the first frame, still moving at 20 cm/s (the hand slowing
    to a stop over four frames), then held with a hand's tremor. The count of frames
    until the first read starts at that first frame.
    """
    base = draw_scene(VIDEO, seed, text)
    rng = np.random.default_rng([seed, 31])
    direction = float(rng.uniform(0, 2 * math.pi))
    focal_px = focal_length_px(base.resolution[1])
    half_frame_mm = (
        (base.resolution[0] / 2) * 10 * base.distance_cm / focal_px,
        (base.resolution[1] / 2) * 10 * base.distance_cm / focal_px,
    )
    exposure = 1 / 90
    shown = []
    for i in range(frames):
        speed = ARRIVAL_MM_S[i] if i < len(ARRIVAL_MM_S) else TREMOR_MM_S
        heading = direction + float(rng.uniform(-0.5, 0.5))
        vx, vy = speed * math.cos(heading), speed * math.sin(heading)
        # Still to travel before the phone rests where `base` has it.
        ahead = sum(ARRIVAL_MM_S[i:]) / 30
        offset = (
            base.offset[0] - math.cos(direction) * ahead / half_frame_mm[0],
            base.offset[1] - math.sin(direction) * ahead / half_frame_mm[1],
        )
        shown.append(
            replace(
                base,
                offset=offset,
                motion_mm=(vx * exposure, vy * exposure),
                shear_mm=(vx * VIDEO.readout_s, vy * VIDEO.readout_s),
                noise_seed=base.noise_seed + i,
            )
        )
    return shown


def write_video(path: str, frames: Sequence[Image], fps: float = 30.0) -> None:
    """MJPG in AVI, as the scanner tests' videos: written and read by every OpenCV build."""
    height, width = frames[0].shape[:2]
    writer = cv2.VideoWriter(path, cv2.VideoWriter.fourcc(*"MJPG"), fps, (width, height))
    assert writer.isOpened(), "this OpenCV build cannot write MJPG video"
    try:
        for frame in frames:
            writer.write(frame)
    finally:
        writer.release()


def _stable_hash(name: str) -> int:
    return int.from_bytes(name.encode()[:16].ljust(16, b"\0"), "little") % (1 << 62)


def _pass_screen(
    modules: npt.NDArray[np.bool_], scene: Scene, texel_mm: float, grid: bool
) -> tuple[Image, Floats, Floats]:
    """The pass around its code, BGR, in texels of `texel_mm` (2 per screen pixel if `grid`).

    Returns the texture, the code's box (x0, y0, x1, y1) in mm and the texture's size in mm.
    """
    side = modules.shape[0]
    module_mm = scene.code_mm / side
    quiet_mm = 4 * module_mm
    box_mm = scene.code_mm + 2 * quiet_mm
    pass_mm = np.array([box_mm + 10.0, box_mm + 22.0], np.float32)
    width, height = (round(float(v) / texel_mm) for v in pass_mm)

    x0 = (pass_mm[0] - scene.code_mm) / 2
    y0 = 12.0 + quiet_mm
    # Luminance per module of the code, its quiet zone and one module of pass around.
    light, dark = (12, 220) if scene.inverted else (250, 12)
    layout = np.full((side + 10, side + 10), 37 if scene.dark_mode else 240, np.uint8)
    layout[1:-1, 1:-1] = light
    layout[5:-5, 5:-5] = np.where(modules, dark, light)
    ys = np.floor((np.arange(height) * texel_mm - y0) / module_mm).astype(np.intp)
    xs = np.floor((np.arange(width) * texel_mm - x0) / module_mm).astype(np.intp)
    lum = layout[np.clip(ys + 5, 0, side + 9)[:, None], np.clip(xs + 5, 0, side + 9)[None, :]]
    # Card text and a logo strip above the code, so the code is not alone on the screen.
    strip = slice(int(3.0 / texel_mm), int(9.0 / texel_mm))
    lum[strip, int(4 / texel_mm) : int((pass_mm[0] - 20) / texel_mm)] = (
        200 if scene.dark_mode else 60
    )
    shade = lum.astype(np.float32)
    if grid:
        # Each screen pixel is 2x2 texels, lit in three with the black matrix in the
        # fourth; its columns favour one primary, the colour fringes of a filmed screen.
        shade[1::2, 1::2] *= 0.25
        stripes = np.full((width, 3), 0.85, np.float32)
        stripes[0::2, 2] = 1.08
        stripes[1::2, 1] = 1.08
    else:
        shade *= 0.81  # the grid's mean: the black matrix takes a fifth of the light
        stripes = np.ones((width, 3), np.float32)
    tint = (1.0, 0.98, 0.96)
    screen = cv2.merge([shade * stripes[None, :, c] * tint[c] for c in range(3)])
    code_box = np.array([x0, y0, x0 + scene.code_mm, y0 + scene.code_mm], np.float32)
    return np.asarray(np.clip(screen, 0, 255), np.uint8), code_box, pass_mm


def _homography(
    scene: Scene,
    pass_mm: Floats,
    code_box: Floats,
    texels_per_mm: float,
    focal_px: float,
    width: int,
    height: int,
) -> npt.NDArray[np.float64]:
    """Texture texels to camera pixels for the phone's pose (pinhole projection)."""
    centre = np.array([(code_box[0] + code_box[2]) / 2, (code_box[1] + code_box[3]) / 2])
    corners_mm = np.array(
        [[0, 0], [pass_mm[0], 0], [pass_mm[0], pass_mm[1]], [0, pass_mm[1]]], np.float64
    )
    local = np.column_stack([corners_mm - centre, np.zeros(4)])
    turn = math.radians(scene.turn_deg)
    rz = np.array(
        [[math.cos(turn), -math.sin(turn), 0], [math.sin(turn), math.cos(turn), 0], [0, 0, 1]]
    )
    axis_angle = math.radians(scene.tilt_axis_deg)
    axis = np.array([math.cos(axis_angle), math.sin(axis_angle), 0.0])
    tilt, _ = cv2.Rodrigues(axis * math.radians(scene.tilt_deg))
    points = local @ rz.T @ np.asarray(tilt).T
    distance_mm = 10 * scene.distance_cm
    # The code's centre sits at `offset` of the half-frame, at `distance` along the axis.
    cx = scene.offset[0] * (width / 2) * distance_mm / focal_px
    cy = scene.offset[1] * (height / 2) * distance_mm / focal_px
    points = points + np.array([cx, cy, distance_mm])
    projected = focal_px * points[:, :2] / points[:, 2:3] + np.array([width / 2, height / 2])
    src = (corners_mm * texels_per_mm).astype(np.float32)
    return np.asarray(cv2.getPerspectiveTransform(src, projected.astype(np.float32)))


def _background(width: int, height: int, seed: int) -> Floats:
    """A counter behind the phone: uneven light, boxes and printed text."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:height, 0:width].astype(np.float32)
    light = 90 + 70 * x / width + 20 * np.sin(y / (height / 9))
    scene = np.dstack([light * 0.8, light * 0.9, light]).clip(0, 255).astype(np.uint8)
    for _ in range(20):
        x0, y0 = int(rng.integers(0, width)), int(rng.integers(0, height))
        size = (
            int(rng.integers(width // 60, width // 5)),
            int(rng.integers(height // 40, height // 4)),
        )
        colour = tuple(int(c) for c in rng.integers(0, 256, 3))
        cv2.rectangle(scene, (x0, y0), (x0 + size[0], y0 + size[1]), colour, -1)
    for i in range(8):
        origin = (int(rng.integers(0, max(1, width - width // 4))), int(rng.integers(20, height)))
        cv2.putText(
            scene, f"MENU {i}", origin, cv2.FONT_HERSHEY_SIMPLEX, height / 800, (25, 25, 25), 2
        )
    return scene.astype(np.float32)


def _glare(scene: Scene, homography: npt.NDArray[np.float64], texture: Image) -> Floats:
    """A ceiling light reflected in the glass: a soft spot with a brighter streak."""
    width, height = scene.resolution
    if scene.glare <= 0:
        return np.zeros((height, width, 1), np.float32)
    h, w = texture.shape[:2]
    gx, gy = scene.glare_at[0] * w, scene.glare_at[1] * h
    centre = homography @ np.array([gx, gy, 1.0])
    cx, cy = centre[0] / centre[2], centre[1] / centre[2]
    y, x = np.mgrid[0:height, 0:width].astype(np.float32)
    span = 0.12 * min(width, height)
    spot = np.exp(-(((x - cx) / (2 * span)) ** 2 + ((y - cy) / span) ** 2))
    streak = np.exp(-((((x - cx) * 0.6 + (y - cy) * 0.8) / (0.25 * span)) ** 2)) * spot
    glare = 255 * scene.glare * (0.7 * spot + 0.5 * streak)
    return np.asarray(glare[..., None], np.float32)


def _lens_blur(image: Floats, scene: Scene, focal_px: float) -> Floats:
    """Fixed-focus webcams are sharp from about 30 cm out; closer, the code softens."""
    sigma = 0.5 + 1.2 * max(0.0, (30.0 - scene.distance_cm) / 15.0)
    sigma *= scene.resolution[1] / 720
    return np.asarray(cv2.GaussianBlur(image, (0, 0), sigma), np.float32)


def _line_kernel(dx: float, dy: float) -> Floats | None:
    length = math.hypot(dx, dy)
    if length < 1.0:
        return None
    size = math.ceil(length) | 1
    size += 2
    kernel = np.zeros((size, size), np.float32)
    c = size // 2
    cv2.line(
        kernel,
        (round(c - dx / 2), round(c - dy / 2)),
        (round(c + dx / 2), round(c + dy / 2)),
        1.0,
        1,
        cv2.LINE_AA,
    )
    return np.asarray(kernel / kernel.sum(), np.float32)


def _motion(image: Floats, scene: Scene, focal_px: float) -> Floats:
    kernel = _line_kernel(*smear_px(scene))
    if kernel is None:
        return image
    return np.asarray(cv2.filter2D(image, -1, kernel), np.float32)


def _rolling_shutter(image: Floats, scene: Scene, focal_px: float) -> Floats:
    """Row r is read r/height of the readout later: the moving phone shears."""
    scale = focal_px / (10 * scene.distance_cm)
    dx, dy = scene.shear_mm[0] * scale, scene.shear_mm[1] * scale
    if math.hypot(dx, dy) < 0.5:
        return image
    height, width = image.shape[:2]
    y, x = np.mgrid[0:height, 0:width].astype(np.float32)
    t = y / height - 0.5
    map_x = x - dx * t
    map_y = y - dy * t
    return np.asarray(cv2.remap(image, map_x, map_y, cv2.INTER_LINEAR), np.float32)


def _bloom(image: Floats, scene: Scene) -> Floats:
    """Light past full scale spills into neighbouring pixels before it clips."""
    if scene.bloom <= 0:
        return image
    excess = np.clip(image - 255.0, 0, None)
    sigma = scene.bloom * scene.resolution[1] / 720
    return image + np.asarray(cv2.GaussianBlur(excess, (0, 0), sigma), np.float32) * 2.0
