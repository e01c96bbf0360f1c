"""Counting words for people: "1 entry", "2 entries", never "entry(s)"."""

from __future__ import annotations


def counted(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"
