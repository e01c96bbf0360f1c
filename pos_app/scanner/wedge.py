"""Telling a handheld scanner's typing from a person's.

A 2D scanner in keyboard mode "types" a whole code with a few milliseconds between
keys and presses Enter; a person takes a tenth of a second or more per key. Keys are
held back only while they keep arriving scanner-fast, so a person's key reaches the
focused field at most `max_key_gap` seconds late:

- `feed(key, t)` for every key typed, `t` in seconds on a monotonic clock;
- `poll(t)` when `deadline()` has passed (a single-shot timer in the GUI), since a
  person's last key has no next key to push it out.

Either returns `ScannerRead` for a fast burst ending in Enter (to be parsed like a
camera scan) or `TypedKeys` to hand to the focused field unchanged, Enter included.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ENTER_KEYS = frozenset({"\r", "\n"})


@dataclass(frozen=True, slots=True)
class ScannerRead:
    text: str


@dataclass(frozen=True, slots=True)
class TypedKeys:
    keys: str


WedgeEvent = ScannerRead | TypedKeys


@dataclass(frozen=True, slots=True)
class WedgeSettings:
    max_key_gap: float = 0.035
    """Longest pause between two keys of one scan; people rarely type two keys this fast."""
    min_length: int = 4
    """Fewer characters before Enter is a person's quick keystroke, not a scan."""
    terminators: frozenset[str] = field(default_factory=lambda: ENTER_KEYS)

    def __post_init__(self) -> None:
        if self.max_key_gap <= 0 or self.min_length < 1:
            raise ValueError("max_key_gap must be positive and min_length at least 1")


class KeyboardWedge:
    def __init__(self, settings: WedgeSettings | None = None) -> None:
        self.settings = settings or WedgeSettings()
        self._burst: list[str] = []
        self._last_key_at = 0.0

    def feed(self, key: str, t: float) -> WedgeEvent | None:
        """One typed character (Enter as "\\r" or "\\n"); modifier keys are not fed."""
        released = self.poll(t)
        self._burst.append(key)
        self._last_key_at = t
        if key not in self.settings.terminators:
            return released
        burst, self._burst = "".join(self._burst), []
        text = burst[:-1]
        if len(text) >= self.settings.min_length:
            # `released` is empty here: a slow key would have ended the burst already.
            return ScannerRead(text)
        return _joined(released, TypedKeys(burst))

    def poll(self, t: float) -> TypedKeys | None:
        """Releases held keys once the burst has been quiet longer than a scanner would be."""
        if self._burst and t - self._last_key_at >= self.settings.max_key_gap:
            keys, self._burst = "".join(self._burst), []
            return TypedKeys(keys)
        return None

    def deadline(self) -> float | None:
        """When `poll` should next be called, or None while no key is held."""
        return self._last_key_at + self.settings.max_key_gap if self._burst else None


def _joined(first: TypedKeys | None, second: TypedKeys) -> TypedKeys:
    return second if first is None else TypedKeys(first.keys + second.keys)
