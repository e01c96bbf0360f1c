"""The program replica: rules as the server last published them."""

from __future__ import annotations

import json
from functools import lru_cache

from sqlalchemy import Connection, bindparam, select
from sqlalchemy.dialects.sqlite import insert

from pos_app.domain.program import Program, program_from_dict, program_to_dict
from pos_app.store.schema import Base, ProgramRow


def save_program(conn: Connection, program: Program) -> None:
    values = {
        "id": program.id,
        "merchant_id": program.merchant_id,
        "name": program.name,
        "rule_version": program.rule_version,
        "rules": json.dumps(program_to_dict(program), sort_keys=True),
    }
    stmt = insert(ProgramRow).values(values)
    conn.execute(stmt.on_conflict_do_update(index_elements=[ProgramRow.id], set_=values))


_PROGRAMS = Base.metadata.tables[ProgramRow.__tablename__]
_RULES_BY_ID = select(_PROGRAMS.c.rules).where(_PROGRAMS.c.id == bindparam("program_id"))


@lru_cache(maxsize=256)
def _parse(rules: str) -> Program:
    """Programs are immutable, so the same rules text always yields an equal Program.

    Keyed by the stored text itself, not by (id, rule_version): a replica rewritten without a
    version bump still takes effect at once.
    """
    return program_from_dict(json.loads(rules))


def get_program(conn: Connection, program_id: str) -> Program | None:
    rules = conn.execute(_RULES_BY_ID, {"program_id": program_id}).scalar()
    return None if rules is None else _parse(rules)


def all_programs(conn: Connection) -> list[Program]:
    rows = conn.execute(select(_PROGRAMS.c.rules).order_by(_PROGRAMS.c.name)).scalars()
    return [_parse(r) for r in rows]
