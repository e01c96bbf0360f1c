"""How `auto`'s stages are chosen: greedily on the training folds, scored on the one left out."""

from __future__ import annotations

from benchmarks._stage_selection import (
    Sample,
    answer,
    cross_validate,
    score,
    select,
    validated,
)

# Six samples from two sources; what each stage reads in each of them.
SAMPLES = [Sample(source, text) for source, text in [("a", "1"), ("a", "2"), ("a", "3")]] + [
    Sample(source, text) for source, text in [("b", "4"), ("b", "5"), ("b", "6")]
]
READINGS = {
    "fast": [["1"], ["2"], [], ["4"], [], []],
    "helps-a": [[], [], ["3"], [], [], []],
    "helps-both": [[], [], ["3"], [], ["5"], []],
    "misreads": [[], [], ["3"], [], ["5"], ["not 6"]],
    "slow": [[], [], ["3"], [], ["5"], ["6"]],
}
COSTS = {"fast": 1.0, "helps-a": 0.5, "helps-both": 1.0, "misreads": 0.2, "slow": 9.0}
FIRSTS = ["fast", "slow"]
"""The decoders as offered: only these may run first, on every frame."""


def test_a_pipeline_answers_with_its_first_stage_that_finds_anything() -> None:
    assert answer(READINGS, ["fast", "misreads"], 5) == ["not 6"]
    assert answer(READINGS, ["fast", "slow"], 0) == ["1"]
    assert answer(READINGS, [], 0) == []


def test_a_wrong_text_counts_as_a_misread_not_a_miss() -> None:
    assert score(READINGS, ["fast", "misreads"], SAMPLES, range(6)) == (5, 1)


def test_the_greedy_choice_adds_what_reads_more_never_a_misread_nor_over_budget() -> None:
    assert select(READINGS, SAMPLES, COSTS, range(6), FIRSTS, budget_ms=5.0) == [
        "fast",
        "helps-both",
    ]
    assert select(READINGS, SAMPLES, COSTS, range(6), FIRSTS, budget_ms=20.0) == ["fast", "slow"]


def test_the_first_stage_is_one_of_the_decoders_as_offered_within_budget() -> None:
    # "slow" alone reads the most but costs more than the budget: "helps-both" goes first.
    firsts = ["helps-both", "slow"]
    assert select(READINGS, SAMPLES, COSTS, range(6), firsts, 5.0) == ["helps-both", "fast"]
    assert select(READINGS, SAMPLES, COSTS, range(6), ["slow"], 5.0) == []


def test_each_fold_is_scored_on_the_source_it_was_not_tuned_on() -> None:
    folds = cross_validate(READINGS, SAMPLES, COSTS, ["a", "b"], FIRSTS, budget_ms=5.0)
    by_source = {fold.held_out: fold for fold in folds}
    # Tuned on "b": "misreads" misreads there, "helps-both" reads one more.
    assert by_source["a"].pipeline == ["fast", "helps-both"]
    assert (by_source["a"].correct, by_source["a"].misread) == (3, 0)
    assert by_source["a"].gains == {"helps-both": 1}
    # Tuned on "a", three fallbacks tie and the cheapest, "misreads", is chosen: held out
    # on "b" it reads one more and misreads another.
    assert by_source["b"].pipeline == ["fast", "misreads"]
    assert (by_source["b"].correct, by_source["b"].misread) == (2, 1)
    assert by_source["b"].misreads_by_stage == {"fast": 0, "misreads": 1}


def test_only_fallbacks_that_gained_held_out_and_never_misread_are_kept() -> None:
    folds = cross_validate(READINGS, SAMPLES, COSTS, ["a", "b"], FIRSTS, budget_ms=5.0)
    assert validated(folds, COSTS) == ["fast", "helps-both"]


def test_kept_fallbacks_stay_within_the_budget_together() -> None:
    folds = cross_validate(READINGS, SAMPLES, COSTS, ["a", "b"], FIRSTS, budget_ms=5.0)
    assert validated(folds, COSTS, budget_ms=1.5) == ["fast"]
