"""The counter's preferences, kept in the terminal database so they travel with it."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

from pos_app.store import Store
from pos_app.store.terminal import get_setting, put_setting

PREFIX = "ui."
DEMO_CAMERA = "demo"
"""The camera setting that plays the bundled demo video instead of a device."""


@dataclass(frozen=True, slots=True)
class CounterSettings:
    camera: str = "0"
    """A camera index, a video file or stream URL, `demo`, or "" for no camera."""
    decoder: str = "auto"
    sounds: bool = True
    auto_stamp: bool = False
    """Stamp a stamp card as soon as it is scanned: a returning customer needs no tap."""
    idle_lock_minutes: int = 5
    """0 never locks."""


def load_settings(store: Store) -> CounterSettings:
    defaults = CounterSettings()
    values: dict[str, object] = {}
    with store.read() as conn:
        for f in fields(CounterSettings):
            raw = get_setting(conn, PREFIX + f.name)
            if raw is None:
                continue
            default = getattr(defaults, f.name)
            try:
                values[f.name] = _parse(raw, default)
            except ValueError:
                continue  # a hand-edited value that makes no sense: keep the default
    return replace(defaults, **values)  # type: ignore[arg-type]


def save_settings(store: Store, settings: CounterSettings) -> None:
    with store.write() as conn:
        for f in fields(CounterSettings):
            put_setting(conn, PREFIX + f.name, _format(getattr(settings, f.name)))


def _parse(raw: str, default: object) -> object:
    if isinstance(default, bool):
        return raw == "1"
    if isinstance(default, int):
        return max(0, int(raw))
    return raw


def _format(value: object) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)
