"""Building chained journal entries the way a terminal does, for tests, benchmarks and tools.

The server never trusts these: it recomputes every hash. This exists so that tools that
stand in for a terminal (the benchmark, the test suite) produce exactly what one would.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from pos_app.domain.chain import GENESIS_HASH, compute_hash
from sync.protocol import WireEntry, entry_hash_fields


@dataclass
class EntryChain:
    """One terminal's journal head: the next seq and the hash the next entry chains to."""

    terminal_id: uuid.UUID
    store_id: str
    staff_id: str
    last_seq: int = 0
    last_hash: str = GENESIS_HASH
    entries: list[WireEntry] = field(default_factory=list)

    def add(
        self,
        card_id: uuid.UUID | str,
        program_id: str,
        operation: dict[str, Any],
        *,
        stamps_delta: int = 0,
        points_delta: int = 0,
        adjusted: bool = False,
        local_time: datetime | None = None,
        rule_version: int = 1,
        store_id: str | None = None,
        entry_id: uuid.UUID | None = None,
        customer: dict[str, Any] | None = None,
    ) -> WireEntry:
        """Append an entry with a correct seq, prev_hash and hash; returns it."""
        draft: dict[str, Any] = {
            "entry_id": entry_id or uuid.uuid4(),
            "seq": self.last_seq + 1,
            "card_id": uuid.UUID(str(card_id)),
            "program_id": program_id,
            "operation": operation,
            "stamps_delta": stamps_delta,
            "points_delta": points_delta,
            "adjusted": adjusted,
            "staff_id": self.staff_id,
            "store_id": store_id or self.store_id,
            "local_time": local_time or datetime.now(UTC),
            "rule_version": rule_version,
            "prev_hash": self.last_hash,
            "hash": "0" * 64,
            "customer": customer,
        }
        unsigned = WireEntry.model_validate(draft)
        digest = compute_hash(entry_hash_fields(self.terminal_id, unsigned))
        entry = unsigned.model_copy(update={"hash": digest})
        self.entries.append(entry)
        self.last_seq, self.last_hash = entry.seq, entry.hash
        return entry
