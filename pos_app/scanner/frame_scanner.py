"""From a camera frame to what the counter acts on: decode, debounce, parse."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from pos_app.domain.identifiers import CardRef
from pos_app.scanner.capture import Frame
from pos_app.scanner.debounce import Debouncer
from pos_app.scanner.decoders import Decoder
from pos_app.scanner.decoders.auto import AutoDecoder
from pos_app.scanner.decoders.base import read
from pos_app.scanner.payload import PayloadRules, Rejection, parse_scan
from pos_app.scanner.unreadable import UnreadableWatch


@dataclass(frozen=True, slots=True)
class ScanEvent:
    text: str
    outcome: CardRef | Rejection
    frame_captured_at: float
    parsed_at: float

    @property
    def latency(self) -> float:
        """Seconds from the frame's arrival to this outcome."""
        return self.parsed_at - self.frame_captured_at


class FrameScanner:
    """Not thread-safe: one scanner per decoding thread (the debouncer holds state)."""

    def __init__(
        self,
        decoder: Decoder | None = None,
        rules: PayloadRules | None = None,
        debouncer: Debouncer | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.decoder = decoder or AutoDecoder()
        self.rules = rules or PayloadRules()
        self.debouncer = debouncer or Debouncer(clock=clock)
        self.unreadable = UnreadableWatch()
        self._clock = clock

    def scan(self, frame: Frame) -> list[ScanEvent]:
        """Events for the codes in `frame` that fire; a code held in view fires once."""
        return self.scan_with_hint(frame)[0]

    def scan_with_hint(self, frame: Frame) -> tuple[list[ScanEvent], bool | None]:
        """The events, and whether "a code is in view but cannot be read" now starts
        (True) or ends (False); None when this frame changes nothing of it."""
        reading = read(self.decoder, frame.image)
        hint = self.unreadable.frame(reading, frame.captured_at)
        # Debounced on the frame's time: when the code was in view, not when decoded.
        texts = self.debouncer.accept_frame(reading.texts, frame.captured_at)
        events = [
            ScanEvent(text, parse_scan(text, self.rules), frame.captured_at, self._clock())
            for text in texts
        ]
        return events, hint
