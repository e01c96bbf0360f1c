"""Staff replica with the local sign-in state (failed attempts, lockout)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, func, or_, select, update
from sqlalchemy.dialects.sqlite import insert

from pos_app.store.schema import StaffRow


@dataclass(frozen=True, slots=True)
class StaffMember:
    id: str
    name: str
    role: str
    pin_hash: str
    is_active: bool
    failed_attempts: int
    locked_until: datetime | None

    @property
    def is_manager(self) -> bool:
        return self.role == "manager"


def save_staff(
    conn: Connection, *, staff_id: str, name: str, role: str, pin_hash: str, active: bool = True
) -> None:
    values = {"id": staff_id, "name": name, "role": role, "pin_hash": pin_hash}
    values_all = {**values, "is_active": active}
    stmt = insert(StaffRow).values(failed_attempts=0, **values_all)
    conn.execute(stmt.on_conflict_do_update(index_elements=[StaffRow.id], set_=values_all))


def _member(row: Any) -> StaffMember:
    return StaffMember(
        id=row.id,
        name=row.name,
        role=row.role,
        pin_hash=row.pin_hash,
        is_active=row.is_active,
        failed_attempts=row.failed_attempts,
        locked_until=None if row.locked_until is None else datetime.fromisoformat(row.locked_until),
    )


def find_staff(conn: Connection, id_or_name: str) -> StaffMember | None:
    """By id, or by name ignoring case."""
    row = conn.execute(
        select(StaffRow).where(
            or_(StaffRow.id == id_or_name, func.lower(StaffRow.name) == id_or_name.lower())
        )
    ).first()
    return None if row is None else _member(row)


def all_staff(conn: Connection) -> list[StaffMember]:
    return [_member(r) for r in conn.execute(select(StaffRow).order_by(StaffRow.name))]


def record_sign_in(
    conn: Connection, staff_id: str, failed_attempts: int, locked_until: datetime | None
) -> None:
    conn.execute(
        update(StaffRow)
        .where(StaffRow.id == staff_id)
        .values(
            failed_attempts=failed_attempts,
            locked_until=None if locked_until is None else locked_until.isoformat(),
        )
    )
