"""The wallet set-up as a served process uses it: read from the database, credentials read
from their files once per change of the files (signing reads no file per pass)."""

from __future__ import annotations

import os
from functools import lru_cache

from sqlalchemy import Engine

from sync.server.db import read
from sync.server.wallet.settings import (
    AppleCredentials,
    GoogleCredentials,
    WalletSettings,
    load_apple,
    load_google,
    load_settings,
)


def current_settings(engine: Engine) -> WalletSettings | None:
    with read(engine) as conn:
        return load_settings(conn)


def _stamp(*paths: str | None) -> tuple[int, ...]:
    # os.stat raises for a file that went away: the caller reports it as unusable.
    """The files' modification times: a renewed certificate is picked up without restart."""
    return tuple(os.stat(p).st_mtime_ns if p else 0 for p in paths)


@lru_cache(maxsize=4)
def _apple(settings: WalletSettings, _stamp: tuple[int, ...]) -> AppleCredentials:
    return load_apple(settings)


@lru_cache(maxsize=4)
def _google(settings: WalletSettings, _stamp: tuple[int, ...]) -> GoogleCredentials:
    return load_google(settings)


def credentials_stamp(settings: WalletSettings) -> tuple[int, ...]:
    """Changes whenever a certificate or key file is replaced."""
    return _stamp(
        settings.apple_cert_path,
        settings.apple_key_path,
        settings.apple_wwdr_path,
        settings.google_key_path,
    )


def apple_credentials(settings: WalletSettings) -> AppleCredentials:
    paths = (settings.apple_cert_path, settings.apple_key_path, settings.apple_wwdr_path)
    return _apple(settings, _stamp(*paths))


def google_credentials(settings: WalletSettings) -> GoogleCredentials:
    return _google(settings, _stamp(settings.google_key_path))
