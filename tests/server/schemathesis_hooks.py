"""Schemathesis hooks (SCHEMATHESIS_HOOKS): some pairings get a real one-time code.

Random codes are all refused, so the fuzzer would never see a pairing succeed nor follow
its links (the new token to push and pull with). Half the pairing calls carry a fresh code
made for the store in $LOYALTY_FUZZ_STORE on the server database in $LOYALTY_FUZZ_DB.
"""

from __future__ import annotations

import os
import random
from datetime import UTC, datetime, timedelta
from typing import Any

import schemathesis

from sync.server.db import make_engine, write
from sync.server.pairing import create_pair_code

_engine = make_engine(os.environ["LOYALTY_FUZZ_DB"], pool_size=1)


@schemathesis.hook
def before_call(context: Any, case: Any, kwargs: dict[str, Any]) -> None:
    if case.path != "/v1/pair" or not isinstance(case.body, dict) or random.random() < 0.5:
        return
    with write(_engine) as conn:
        code = create_pair_code(
            conn, os.environ["LOYALTY_FUZZ_STORE"], datetime.now(UTC), timedelta(minutes=5)
        )
    case.body["code"] = code
