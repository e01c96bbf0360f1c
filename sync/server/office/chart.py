"""The day page's chart of the last 30 days, drawn as inline SVG (no script, no library):
stamps and rewards as bars per day, points earned and redeemed as two lines."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from markupsafe import Markup, escape

W, H = 720, 220
LEFT, RIGHT, TOP, BOTTOM = 44, 44, 14, 28


@dataclass(frozen=True, slots=True)
class Point:
    day: date
    stamps: int
    rewards: int
    points_earned: int
    points_redeemed: int


def _scale(top: int) -> int:
    """A round axis top at or above `top` (1, 2, 5 times a power of ten)."""
    step = 1
    while True:
        for m in (1, 2, 5):
            if top <= m * step:
                return m * step
        step *= 10


def daily_chart(points: Sequence[Point]) -> Markup:
    if not points:
        return Markup("")
    n = len(points)
    plot_w, plot_h = W - LEFT - RIGHT, H - TOP - BOTTOM
    slot = plot_w / n
    bars_top = _scale(max([max(p.stamps, p.rewards) for p in points] + [1]))
    pts_top = _scale(max([max(p.points_earned, p.points_redeemed) for p in points] + [1]))
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" role="img" '
        f'aria-label="Stamps, rewards and points, {points[0].day} to {points[-1].day}">'
    ]
    base = TOP + plot_h
    for frac in (0, 0.5, 1):
        y = base - frac * plot_h
        out.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{W - RIGHT}" y2="{y:.1f}" stroke="#d9dee6"/>'
        )
        out.append(
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" font-size="11" text-anchor="end" '
            f'fill="#1f6feb">{int(bars_top * frac)}</text>'
        )
        out.append(
            f'<text x="{W - RIGHT + 6}" y="{y + 4:.1f}" font-size="11" fill="#b35c00">'
            f"{int(pts_top * frac)}</text>"
        )
    bar_w = max(1.0, slot / 2 - 1)
    for i, p in enumerate(points):
        x = LEFT + i * slot + 1
        for value, colour, dx in ((p.stamps, "#1f6feb", 0.0), (p.rewards, "#7aa7f0", bar_w)):
            h = plot_h * value / bars_top
            out.append(
                f'<rect x="{x + dx:.1f}" y="{base - h:.1f}" width="{bar_w:.1f}" '
                f'height="{h:.1f}" fill="{colour}"><title>{escape(str(p.day))}: '
                f"{value} {'stamps' if dx == 0 else 'rewards'}</title></rect>"
            )
        if i % 5 == 0 or i == n - 1:
            out.append(
                f'<text x="{x + slot / 2:.1f}" y="{H - 8}" font-size="11" '
                f'text-anchor="middle" fill="#5c6675">{p.day:%d %b}</text>'
            )
    for attr, colour, dash in (
        ("points_earned", "#b35c00", ""),
        ("points_redeemed", "#157f3b", ' stroke-dasharray="4 3"'),
    ):
        coords = " ".join(
            f"{LEFT + (i + 0.5) * slot:.1f},{base - plot_h * getattr(p, attr) / pts_top:.1f}"
            for i, p in enumerate(points)
        )
        out.append(
            f'<polyline points="{coords}" fill="none" stroke="{colour}" stroke-width="2"{dash}/>'
        )
    out.append("</svg>")
    # Every value in it is a number or escaped (day labels, titles).
    return Markup("".join(out))  # noqa: S704
