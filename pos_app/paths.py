"""Where the terminal keeps its files on this computer, as the platform expects them.

platformdirs answers per platform: on Linux `~/.local/share/loyalty-pos` and
`~/.local/state/loyalty-pos/log` (XDG variables respected), on Windows the user's AppData,
on macOS `~/Library`. Qt-free; nothing here creates a folder.
"""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP = "loyalty-pos"


def data_dir() -> Path:
    return platformdirs.user_data_path(APP, appauthor=False)


def default_db() -> Path:
    """The terminal's database when no `--db` is given."""
    return data_dir() / "terminal.db"


def log_dir() -> Path:
    return platformdirs.user_log_path(APP, appauthor=False)


def cache_dir() -> Path:
    return platformdirs.user_cache_path(APP, appauthor=False)


def config_dir() -> Path:
    """This computer's own preferences (the language), not the terminal database's."""
    return platformdirs.user_config_path(APP, appauthor=False)
