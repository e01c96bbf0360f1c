"""The decoder the counter uses: the fastest reader first, a fallback only when it fails.

The stages are the ones `python -m benchmarks decode` validates by cross-validation:
for each fold in turn -- the real-photo sets (zxing's blackbox QR sets 1-3) and three
folds of seeded phone-screen scenes (tuning seeds, never the evaluation ones) -- stages
are chosen greedily on the others, within 5 ms per empty 720p frame on one core and
with no wrong text; a stage is kept only where it read held-out samples the earlier
stages missed, without a misread. See docs/benchmarks.md for the figures.

- zxing-cpp on the grayscale frame, the best single reader on every set; where it
  found a code but could not read it (blur, glare, a far phone), that code cut out
  where it was found and read again redrawn: twice as large, then sharpened, then three
  times as large and sharpened, then with its contrast evened (CLAHE), then with the
  motion smear divided out. None of that runs on a frame without a code.
- zxing-cpp on the busiest region of the frame drawn twice as large: reads codes too
  far away for their modules to span two pixels (a phone at 35-40 cm, a small print),
  for about one more zxing pass over the frame; a code it finds there and cannot read
  gets the same retry as above.

Stage costs come from the committed table `benchmarks/stage_costs.json`, so the
selection is the same on a loaded machine as on a quiet one.

Each fallback runs only when every stage before it found nothing, so a frame with a
readable code costs one zxing pass.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pos_app.scanner.decoders.base import Decoder, Image, Reading, as_gray, read
from pos_app.scanner.decoders.preprocess import (
    busiest_region_doubled,
    deblurred_or_nothing,
    doubled,
    doubled_evened,
    doubled_sharpened,
    tripled_sharpened,
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


RETRY_MORE = ZxingDecoder(
    name="zxing+retry-more",
    retry_detected=True,
    retry_redraws=(
        doubled,
        doubled_sharpened,
        tripled_sharpened,
        doubled_evened,
        deblurred_or_nothing,
    ),
)
"""The retry of a code found but not read, with every redraw worth a second look there."""

DEFAULT_STAGES: tuple[Stage, ...] = (
    Stage(unchanged, RETRY_MORE),
    Stage(busiest_region_doubled, RETRY_MORE),
)


@dataclass(frozen=True, slots=True)
class AutoDecoder:
    name: str = "auto"
    stages: tuple[Stage, ...] = DEFAULT_STAGES

    def decode(self, frame: Image) -> list[str]:
        return self.decode_with_stage(frame)[0].texts

    def read(self, frame: Image) -> Reading:
        return self.decode_with_stage(frame)[0]

    def decode_with_stage(self, frame: Image) -> tuple[Reading, Stage | None]:
        """What was read and the stage that read it (None when none did); `unread_code`
        when a stage saw a code and no stage read one."""
        gray = as_gray(frame)
        unread = False
        for stage in self.stages:
            reading = read(stage.decoder, stage.preprocess(gray))
            if reading.texts:
                return reading, stage
            unread = unread or reading.unread_code
        return Reading([], unread_code=unread), None
