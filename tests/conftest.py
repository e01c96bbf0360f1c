"""Fixtures shared by the whole suite: real terminal databases in temporary folders."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from pos_app.domain.demo import DEMO_MERCHANT, DEMO_STORE
from pos_app.services.setup import init_terminal
from pos_app.store import Store

# Qt never needs a display in tests; set before any test imports PySide6.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

CASHIER = "staff-alex"


@pytest.fixture
def demo_store(tmp_path: Path) -> Iterator[Store]:
    """A terminal database with the demo merchant: programs, staff and 20 cards."""
    store = init_terminal(
        tmp_path / "terminal.db",
        merchant_id=DEMO_MERCHANT,
        store_id=DEMO_STORE,
        demo_card_count=20,
    )
    yield store
    store.close()
