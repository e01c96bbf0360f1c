"""Logging for a served process: access lines are bare JSON, everything else is labelled."""

from __future__ import annotations

import logging
import sys

ACCESS_LOGGER = "loyalty.server.access"


def configure_logging() -> None:
    """Idempotent: each uvicorn worker process calls it once for itself."""
    access = logging.getLogger(ACCESS_LOGGER)
    if access.handlers:
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    access.addHandler(handler)
    access.setLevel(logging.INFO)
    access.propagate = False
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
