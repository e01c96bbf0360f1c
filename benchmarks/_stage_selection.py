"""Choosing `auto`'s stages by cross-validation, so its figure is one it was not tuned on.

Every candidate stage reads every sample once; a pipeline's answer for a sample is the
answer of its first stage that found anything (a wrong text there is a misread, and it
stops the pipeline as it would at the counter). Folds leave out one source (a photo set)
at a time: stages are chosen on the rest, greedily, and scored on the source left out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pos_app.scanner.decoders import (
    DecoderUnavailableError,
    Image,
    available_decoders,
    decoder_by_name,
)
from pos_app.scanner.decoders import preprocess as pre
from pos_app.scanner.decoders.auto import RETRY_MORE, Stage
from pos_app.scanner.decoders.zxing import ZxingDecoder

BUDGET_MS = 5.0
"""A pipeline's cost on an empty 720p frame (every stage runs), one core."""


def first_stages(stages: Sequence[Stage]) -> list[str]:
    """Labels of the decoders as Settings offers them, each on the frame unchanged.

    `zxing+retry` counts as zxing: the same pass, plus a second look only at a code that
    pass found and could not read.
    """
    offered = set(available_decoders())
    return [
        s.label
        for s in stages
        if s.preprocess is pre.unchanged and s.decoder.name.split("+")[0] in offered
    ]


def candidate_stages() -> list[Stage]:
    """Every stage worth measuring: zxing-cpp's binarizers, redrawn frames, ZBar, OpenCV."""
    zxing, histogram = ZxingDecoder(), ZxingDecoder(name="zxing-gh", global_histogram=True)
    retry = ZxingDecoder(name="zxing+retry", retry_detected=True)
    redraws: list[Callable[[Image], Image]] = [
        pre.unchanged,
        pre.half_size,
        pre.one_and_a_half,
        pre.double_size,
        pre.busiest_region_doubled,
        pre.busiest_region_sharpened,
        pre.busiest_region_tripled,
        pre.local_contrast,
        pre.sharpened,
        pre.adaptive_threshold,
        pre.otsu_threshold,
    ]
    stages = [Stage(redraw, zxing) for redraw in redraws]
    stages += [Stage(redraw, histogram) for redraw in (pre.unchanged, pre.half_size)]
    stages += [
        Stage(redraw, histogram)
        for redraw in (
            pre.busiest_region_doubled,
            pre.busiest_region_sharpened,
            pre.densest_region_sharpened,
            pre.densest_region_evened,
        )
    ]
    stages += [
        Stage(redraw, zxing)
        for redraw in (
            pre.densest_region_doubled,
            pre.busiest_region_deblurred,
            pre.busiest_region_evened,
            pre.densest_region_sharpened,
            pre.densest_region_tripled_sharpened,
            pre.densest_region_tripled_thickened,
            pre.busiest_region_tripled_thickened,
            pre.densest_region_deblurred,
            pre.densest_region_evened,
        )
    ]
    stages += [
        Stage(redraw, decoder)
        # The fuller retry first: where both read as many, the one that tries more on a
        # code it found is kept (it costs the same on a frame without a code).
        for decoder in (RETRY_MORE, retry)
        for redraw in (pre.unchanged, pre.busiest_region_doubled, pre.densest_region_doubled)
    ]
    for name, redraws_ in (("zbar", redraws[:2]), ("opencv-aruco", redraws[:1])):
        try:
            decoder = decoder_by_name(name)
        except DecoderUnavailableError:
            continue  # measured where its library is installed
        stages += [Stage(redraw, decoder) for redraw in redraws_]
    return stages


@dataclass(frozen=True)
class Sample:
    source: str
    """The fold it belongs to: a photo set's name, or "phone-N" for generated tuning scenes."""
    expected: str


Readings = dict[str, list[list[str]]]
"""Per stage label, the texts it read in each sample (index-aligned with the samples)."""


def answer(readings: Readings, pipeline: Sequence[str], index: int) -> list[str]:
    for label in pipeline:
        texts = readings[label][index]
        if texts:
            return texts
    return []


def score(
    readings: Readings, pipeline: Sequence[str], samples: Sequence[Sample], indices: Sequence[int]
) -> tuple[int, int]:
    """(correct, misread) over `indices`."""
    correct = misread = 0
    for i in indices:
        texts = answer(readings, pipeline, i)
        if samples[i].expected in texts:
            correct += 1
        elif texts:
            misread += 1
    return correct, misread


def select(
    readings: Readings,
    samples: Sequence[Sample],
    costs: dict[str, float],
    train: Sequence[int],
    firsts: Sequence[str],
    budget_ms: float = BUDGET_MS,
) -> list[str]:
    """The best first stage of `firsts`, then greedily the fallback that reads the most more.

    The first stage runs on every frame, so it is one of the decoders as offered (on the
    frame unchanged), the one that reads most training samples without a misread;
    fallbacks run only on frames it finds nothing in. Nothing is added that misreads a
    training sample or takes the pipeline's cost on an empty frame past `budget_ms`.
    Stages that read as many cost the same to a tenth of a millisecond (closer is timing
    noise) and the one listed first in `readings` is taken, so a rerun chooses the same.
    """
    pipeline: list[str] = []
    best = 0
    starts = []
    order = {label: i for i, label in enumerate(readings)}
    for label in firsts:
        correct, misread = score(readings, [label], samples, train)
        if misread == 0 and costs[label] <= budget_ms:
            starts.append((-correct, _tenths(costs[label]), order[label], label))
    if not starts:
        return pipeline
    negative, _cost, _order, label = min(starts)
    pipeline.append(label)
    best = -negative
    while True:
        spent = sum(costs[label] for label in pipeline)
        options = []
        for label in readings:
            if label in pipeline or spent + costs[label] > budget_ms:
                continue
            correct, misread = score(readings, [*pipeline, label], samples, train)
            if misread == 0 and correct > best:
                options.append((-correct, _tenths(costs[label]), order[label], label))
        if not options:
            return pipeline
        negative, _cost, _order, label = min(options)
        pipeline.append(label)
        best = -negative


def _tenths(ms: float) -> int:
    return round(ms * 10)


@dataclass(frozen=True)
class Fold:
    held_out: str
    pipeline: list[str]
    correct: int
    misread: int
    total: int
    gains: dict[str, int]
    """Per fallback: held-out samples the pipeline reads with it and not without it."""
    misreads_by_stage: dict[str, int]
    """Per stage: held-out samples where it answered with a wrong text."""


def cross_validate(
    readings: Readings,
    samples: Sequence[Sample],
    costs: dict[str, float],
    folds: Sequence[str],
    firsts: Sequence[str],
    budget_ms: float = BUDGET_MS,
) -> list[Fold]:
    results = []
    for held_out in folds:
        test = [i for i, s in enumerate(samples) if s.source == held_out]
        train = [i for i, s in enumerate(samples) if s.source != held_out]
        pipeline = select(readings, samples, costs, train, firsts, budget_ms)
        correct, misread = score(readings, pipeline, samples, test)
        gains = {
            label: correct - score(readings, [p for p in pipeline if p != label], samples, test)[0]
            for label in pipeline[1:]
        }
        wrong = dict.fromkeys(pipeline, 0)
        for i in test:
            for label in pipeline:
                texts = readings[label][i]
                if texts:
                    wrong[label] += samples[i].expected not in texts
                    break
        results.append(Fold(held_out, pipeline, correct, misread, len(test), gains, wrong))
    return results


def validated(
    folds: Sequence[Fold], costs: dict[str, float], budget_ms: float = BUDGET_MS
) -> list[str]:
    """The stage most folds chose first, then the fallbacks that gained held out.

    Fallbacks go in by how many held-out samples they gained over all folds (ties: the
    fold order they were first chosen in) while the pipeline's cost on an empty frame
    stays within `budget_ms`: each fold keeps to the budget, their union need not.
    A stage that answered a held-out sample with a wrong text in any fold is never kept.
    """
    tainted = {label for fold in folds for label, n in fold.misreads_by_stage.items() if n}
    firsts = Counter(fold.pipeline[0] for fold in folds if fold.pipeline)
    if not firsts:
        return []
    first = firsts.most_common(1)[0][0]
    if first in tainted:
        return []
    gained: Counter[str] = Counter()
    for fold in folds:
        for label, gain in fold.gains.items():
            if gain > 0 and label not in tainted and label != first:
                gained[label] += gain
    keep, spent = [first], costs[first]
    for label, _gain in sorted(gained.items(), key=lambda kv: -kv[1]):
        if spent + costs[label] <= budget_ms:
            keep.append(label)
            spent += costs[label]
    return keep
