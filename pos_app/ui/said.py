"""What a widget shows about the state of things (the banner's last outcome, the camera's
state), kept as the function that says it, so it can be said again in a new language."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Said(Generic[T]):
    """A plain Python holder, made once per widget, whose function is replaced at each
    change. Not an attribute of the widget itself: a function bound anew as an attribute of
    the CounterScreen at each card lookup gained about 6 references to None per lookup on
    PySide6 6.11.3 (tests/ui/test_refcounts.py failed by hundreds); held here, none."""

    def __init__(self, say: Callable[[], T]) -> None:
        self.say = say

    def __call__(self) -> T:
        return self.say()
