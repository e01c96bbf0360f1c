"""Signing staff in by PIN, with a lockout after repeated failures."""

from __future__ import annotations

from datetime import datetime

from pos_app.domain.pin import SignInState, after_attempt, locked, pin_matches
from pos_app.services.clock import local_now
from pos_app.services.errors import SignInError
from pos_app.services.words import counted
from pos_app.store import Store
from pos_app.store.staff import StaffMember, find_staff, record_sign_in


def sign_in(store: Store, who: str, pin: str, now: datetime | None = None) -> StaffMember:
    """The staff member `who` (id or name) if `pin` is theirs; otherwise SignInError.

    Unknown names and wrong PINs get the same message, so the error does not confirm names.
    """
    now = now or local_now()
    with store.write() as conn:
        member = find_staff(conn, who)
        if member is None or not member.is_active:
            raise SignInError("unknown staff member or wrong PIN")
        state = SignInState(member.failed_attempts, member.locked_until)
        if locked(state, now):
            assert member.locked_until is not None
            minutes = max(1, round((member.locked_until - now).total_seconds() / 60))
            more = counted(minutes, "more minute", "more minutes")
            raise SignInError(
                f"{member.name} is locked out for {more}", "locked_out", member.name, minutes
            )
        ok = pin_matches(pin, member.pin_hash)
        new_state = after_attempt(state, ok, now)
        record_sign_in(conn, member.id, new_state.failed_attempts, new_state.locked_until)
    if not ok:
        if new_state.locked_until is not None:
            raise SignInError(
                f"wrong PIN; {member.name} is now locked out for 5 minutes",
                "now_locked_out",
                member.name,
                5,
            )
        raise SignInError("unknown staff member or wrong PIN")
    return member
