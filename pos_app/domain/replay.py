"""Replaying operations: how a journal rebuilds a card, and how local work rebases on the server."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pos_app.domain.card import Card
from pos_app.domain.operations import (
    Applied,
    Context,
    Enroll,
    Operation,
    apply,
    enroll,
)
from pos_app.domain.program import Program
from pos_app.domain.refusal import Refused


@dataclass(frozen=True, slots=True)
class Rebased:
    """A card after replaying operations, and the indices of those the rules now refuse."""

    card: Card | None
    refused: tuple[tuple[int, Refused], ...]


def replay(
    start: Card | None, program: Program, steps: Iterable[tuple[Operation, Context]]
) -> Rebased:
    """Apply `steps` in order on `start` (None for a card not yet enrolled).

    A step the rules refuse on this starting point changes nothing and is reported, so a
    rebase on a newer server state shows the cashier what the server will refuse.
    """
    card = start
    refused: list[tuple[int, Refused]] = []
    for index, (op, ctx) in enumerate(steps):
        if isinstance(op, Enroll):
            if card is None:
                card = enroll(op, program, ctx).card
            continue
        if card is None:
            continue
        outcome = apply(card, program, op, ctx)
        if isinstance(outcome, Applied):
            card = outcome.card
        else:
            refused.append((index, outcome))
    return Rebased(card, tuple(refused))
