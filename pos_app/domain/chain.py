"""The journal's hash chain: canonical form and SHA-256, shared by terminal and server.

An entry's hash covers every field of the entry but the hash itself, the previous entry's
hash among them, serialised as sorted-key compact JSON. Both ends compute it from the same
fields, so the server can check that a terminal never rewrote history it already sent.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

GENESIS_HASH = "0" * 64
# Made once: `json.dumps` with these options builds an encoder per call (the same text).
_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def canonical_json(value: Any) -> str:
    return _CANONICAL.encode(value)


def compute_hash(fields: dict[str, Any]) -> str:
    """SHA-256 of the canonical form of every field but the hash itself."""
    body = {k: v for k, v in fields.items() if k != "hash"} if "hash" in fields else fields
    return hashlib.sha256(canonical_json(body).encode("utf-8")).hexdigest()
