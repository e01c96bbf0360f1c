"""Programs as stored: the rules JSON that both the terminal replica and the wire use."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select

from pos_app.domain.program import Program, program_from_dict, program_to_dict
from sync.server.db import next_version
from sync.server.models import PROGRAMS


def merchant_programs(conn: Connection, merchant_id: str) -> dict[str, Program]:
    rows = conn.execute(select(PROGRAMS.c.rules).where(PROGRAMS.c.merchant_id == merchant_id))
    programs = (program_from_dict(json.loads(r.rules)) for r in rows)
    return {p.id: p for p in programs}


def save_program(conn: Connection, program: Program, now: datetime) -> Program:
    """Insert a program, or replace its rules; a change of rules bumps its rule_version."""
    current = conn.execute(
        select(PROGRAMS.c.merchant_id, PROGRAMS.c.rules).where(PROGRAMS.c.id == program.id)
    ).first()
    if current is None:
        rules = program_to_dict(program)
        conn.execute(
            PROGRAMS.insert().values(
                **_columns(rules), version=next_version(conn, program.merchant_id), updated_at=now
            )
        )
        return program
    if current.merchant_id != program.merchant_id:
        raise ValueError(f"program id {program.id!r} is taken by another merchant")
    old: dict[str, Any] = json.loads(current.rules)
    new = program_to_dict(program)
    new["rule_version"] = old["rule_version"]
    if new == old:
        return program
    new["rule_version"] = old["rule_version"] + 1
    conn.execute(
        PROGRAMS.update()
        .where(PROGRAMS.c.merchant_id == program.merchant_id, PROGRAMS.c.id == program.id)
        .values(**_columns(new), version=next_version(conn, program.merchant_id), updated_at=now)
    )
    return program_from_dict(new)


def _columns(rules: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": rules["id"],
        "merchant_id": rules["merchant_id"],
        "name": rules["name"],
        "rule_version": rules["rule_version"],
        "rules": json.dumps(rules, sort_keys=True),
    }
