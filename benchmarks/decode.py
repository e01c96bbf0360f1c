"""QR decoding: accuracy on real photos, time per 720p frame, and frame-to-card latency.

    python -m benchmarks decode [DIR ...] [--repeat N] [--cards N]

DIRs hold `N.png` photos beside `N.txt`, the exact text each encodes (UTF-8); a photo
without its text is skipped. By default the three sets in `../shared/data/qr-real`.
Timings run pinned to one core with OpenCV single-threaded, as the bars are stated.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import cv2
import numpy as np

from benchmarks._report import percentile, print_json, print_table
from pos_app.domain.identifiers import CardRef
from pos_app.scanner.decoders import Decoder, Image, decoder_by_name
from pos_app.scanner.decoders import available_decoders as decoder_names
from pos_app.scanner.decoders.auto import AutoDecoder
from pos_app.scanner.payload import parse_scan

REPO = Path(__file__).resolve().parents[1]
SHARED_SETS = REPO.parent / "shared" / "data" / "qr-real"


@dataclass(frozen=True)
class LabelledImage:
    path: Path
    expected: str
    image: Image


def default_dirs() -> list[Path]:
    return sorted(p for p in SHARED_SETS.glob("*") if p.is_dir())


def load_labelled(dirs: Sequence[Path]) -> list[LabelledImage]:
    """Every `*.png` under `dirs` that has its `.txt`, read as the camera would (BGR)."""
    items = []
    for directory in dirs:
        for path in sorted(directory.rglob("*.png")):
            text_path = path.with_suffix(".txt")
            if not text_path.is_file():
                continue
            image = cv2.imread(str(path), cv2.IMREAD_COLOR)
            if image is None:
                raise ValueError(f"{path} is not a readable image")
            expected = text_path.read_bytes().decode("utf-8")
            items.append(LabelledImage(path, expected, np.asarray(image, dtype=np.uint8)))
    return items


def reads(decoder: Decoder, item: LabelledImage) -> bool:
    return item.expected in decoder.decode(item.image)


def median_ms(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


@dataclass(frozen=True)
class DecoderResult:
    name: str
    correct: int
    total: int
    photo_ms: list[float]
    qr_frame_ms: list[float]
    empty_frame_ms: list[float]

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0


def measure_decoder(
    decoder: Decoder,
    photos: Sequence[LabelledImage],
    qr_frames: Sequence[Image],
    empty_frames: Sequence[Image],
    repeat: int,
) -> DecoderResult:
    correct = sum(reads(decoder, item) for item in photos)
    return DecoderResult(
        decoder.name,
        correct,
        len(photos),
        [median_ms(partial(decoder.decode, item.image), 1) for item in photos],
        [median_ms(partial(decoder.decode, frame), repeat) for frame in qr_frames],
        [median_ms(partial(decoder.decode, frame), repeat) for frame in empty_frames],
    )


def synthetic_frames(tokens: Sequence[str]) -> tuple[list[Image], list[Image]]:
    """720p frames showing each token in one of the test looks, and empty counter scenes."""
    # The scenes the scanner tests use; imported here so the benchmark needs no copy.
    from tests.scanner.scenes import LOOKS, counter_scene, frame_with_code

    with_qr = [
        frame_with_code(token, LOOKS[i % len(LOOKS)], counter_scene(seed=i))
        for i, token in enumerate(tokens)
    ]
    empty = [counter_scene(seed=100 + i) for i in range(len(LOOKS))]
    return with_qr, empty


def frame_to_card_ms(frames: Sequence[Image], find: Callable[[CardRef], object]) -> list[float]:
    """Per frame: grayscale, decode, parse and look the card up, as the counter does."""
    decoder = AutoDecoder()
    latencies = []
    for frame in frames:
        arrived = time.perf_counter()
        found = None
        for text in decoder.decode(frame):
            ref = parse_scan(text)
            if isinstance(ref, CardRef):
                found = find(ref)
        latencies.append((time.perf_counter() - arrived) * 1000)
        if found is None:
            raise AssertionError("a frame showing a demo card did not resolve to the card")
    return latencies


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks decode", description=__doc__)
    parser.add_argument("dirs", nargs="*", type=Path, help="photo sets (default: shared sets)")
    parser.add_argument("--repeat", type=int, default=3, help="timings per 720p frame")
    parser.add_argument("--cards", type=int, default=2000, help="demo cards in the store")
    args = parser.parse_args(argv)

    dirs = args.dirs or default_dirs()
    photos = load_labelled(dirs)
    if not photos:
        parser.error(f"no labelled photos in {', '.join(map(str, dirs)) or SHARED_SETS}")

    # The bars are per core: one pinned CPU and no OpenCV worker threads.
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    cv2.setNumThreads(1)

    from pos_app.domain.demo import DEMO_MERCHANT, DEMO_STORE, demo_cards
    from pos_app.services.lookup import find_card
    from pos_app.services.setup import init_terminal

    cards = demo_cards(args.cards)
    tokens = [card.qr_token for card in cards[:: max(1, len(cards) // 48)]][:48]
    qr_frames, empty_frames = synthetic_frames(tokens)

    # Two frames of each look keep the slow decoders' timing short; latency uses them all.
    timed_frames = qr_frames[: 2 * len(empty_frames)]
    results = [
        measure_decoder(decoder_by_name(name), photos, timed_frames, empty_frames, args.repeat)
        for name in decoder_names()
    ]
    with tempfile.TemporaryDirectory() as tmp:
        store = init_terminal(
            Path(tmp) / "terminal.db",
            merchant_id=DEMO_MERCHANT,
            store_id=DEMO_STORE,
            demo_card_count=args.cards,
        )
        try:
            frame_to_card_ms(qr_frames[:4], lambda ref: find_card(store, ref))  # warm caches
            latencies = [
                ms
                for _ in range(args.repeat)
                for ms in frame_to_card_ms(qr_frames, lambda ref: find_card(store, ref))
            ]
        finally:
            store.close()

    auto = next(r for r in results if r.name == "auto")
    print(
        f"{len(photos)} labelled photos from {len(dirs)} set(s); 720p frames: "
        f"{len(qr_frames)} with a card's QR, {len(empty_frames)} empty; {args.cards} cards"
    )
    print_table(
        ["decoder", "correct", "total", "accuracy", "ms/photo", "ms/720p QR", "ms/720p empty"],
        [
            [
                r.name,
                r.correct,
                r.total,
                r.accuracy,
                statistics.median(r.photo_ms),
                statistics.median(r.qr_frame_ms),
                statistics.median(r.empty_frame_ms),
            ]
            for r in results
        ],
    )
    best_single = max((r for r in results if r.name != "auto"), key=lambda r: r.correct)
    p95 = percentile(latencies, 95)
    print(
        f"auto reads {auto.correct - best_single.correct:+d} photos vs the best single "
        f"decoder ({best_single.name}); frame -> card p95 {p95:.2f} ms, "
        f"median {statistics.median(latencies):.2f} ms"
    )
    print_json(
        {
            "accuracy": {r.name: round(r.accuracy, 4) for r in results},
            "correct": auto.correct,
            "total": auto.total,
            "ms_per_720p_frame": round(
                statistics.median([*auto.qr_frame_ms, *auto.empty_frame_ms]), 3
            ),
            "ms_per_720p_frame_with_qr": round(statistics.median(auto.qr_frame_ms), 3),
            "ms_per_720p_frame_empty": round(statistics.median(auto.empty_frame_ms), 3),
            "p95_frame_to_card_ms": round(p95, 3),
        }
    )
    return 0
