"""The decoder the counter uses: the fastest reader first, a fallback only when it fails.

The stages are the ones `python -m benchmarks decode` validates by cross-validation:
for each fold in turn -- the real-photo sets (zxing's blackbox QR sets 1-3) and three
folds of seeded phone-screen scenes (tuning seeds, never the evaluation ones) -- stages
are chosen greedily on the others, within 5 ms per empty 720p frame on one core and
with no wrong text; a stage is kept only where it read held-out samples the earlier
stages missed, without a misread. See docs/benchmarks.md for the figures.

- zxing-cpp on the grayscale frame, the best single reader on every set; where it
  found a code but could not read it (blur, a far phone), that code cut out where it
  was found and read again drawn twice as large (no extra cost on a frame without one).
- zxing-cpp on the busiest region of the frame drawn twice as large: reads codes too
  far away for their modules to span two pixels (a phone at 35-40 cm, a small print),
  for about one more zxing pass over the frame.
- zxing-cpp on the region holding the most edges drawn twice as large: where blurred
  counter text, not the code, holds the frame's sharpest edges (a dim or moving phone).

Each fallback runs only when every stage before it found nothing, so a frame with a
readable code costs one zxing pass.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pos_app.scanner.decoders.base import Decoder, Image, as_gray
from pos_app.scanner.decoders.preprocess import (
    busiest_region_doubled,
    densest_region_doubled,
    unchanged,
)
from pos_app.scanner.decoders.zxing import ZxingDecoder

Preprocess = Callable[[Image], Image]


@dataclass(frozen=True, slots=True)
class Stage:
    preprocess: Preprocess
    decoder: Decoder

    @property
    def label(self) -> str:
        return f"{self.decoder.name}({self.preprocess.__name__})"


_RETRY = ZxingDecoder(name="zxing+retry", retry_detected=True)
DEFAULT_STAGES: tuple[Stage, ...] = (
    Stage(unchanged, _RETRY),
    Stage(busiest_region_doubled, ZxingDecoder()),
    Stage(densest_region_doubled, ZxingDecoder()),
)


@dataclass(frozen=True, slots=True)
class AutoDecoder:
    name: str = "auto"
    stages: tuple[Stage, ...] = DEFAULT_STAGES

    def decode(self, frame: Image) -> list[str]:
        return self.decode_with_stage(frame)[0]

    def decode_with_stage(self, frame: Image) -> tuple[list[str], Stage | None]:
        """The texts found and the stage that found them (None when none did)."""
        gray = as_gray(frame)
        for stage in self.stages:
            texts = stage.decoder.decode(stage.preprocess(gray))
            if texts:
                return texts, stage
        return [], None
