"""Programs: the list and editing a program's rules (owners). Saving goes through
`admin.change_program`, the same path as the command line's `add-program`: a real change
bumps the rule version, and paired terminals apply the new rules after their next pull."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, status
from fastapi.responses import RedirectResponse, Response

from pos_app.domain.program import Program, Reward
from sync.server import admin, reports
from sync.server.admin import AdminError
from sync.server.auth import engine_of
from sync.server.db import read, write
from sync.server.office.access import (
    NotFoundError,
    PostedForm,
    SignedIn,
    done_message,
    require_owner,
)
from sync.server.office.csv_export import csv_response
from sync.server.office.forms import Form, FormError
from sync.server.office.sessions import Officer
from sync.server.office.web import render, utcnow
from sync.server.programs import merchant_programs

router = APIRouter(prefix="/office", include_in_schema=False)


@router.get("/programs")
def programs(
    request: Request, officer: SignedIn, done: Annotated[str | None, Query()] = None
) -> Response:
    with read(engine_of(request)) as conn:
        items = reports.program_list(conn, officer.merchant_id)
    return render(request, "programs.html", officer, items=items, flash=done_message(done))


def _program(request: Request, officer: Officer, program_id: str) -> Program:
    with read(engine_of(request)) as conn:
        program = merchant_programs(conn, officer.merchant_id).get(program_id)
    if program is None:
        raise NotFoundError
    return program


def rewards_text(program: Program) -> str:
    return "\n".join(f"{r.code}:{r.name}:{r.points_cost}" for r in program.rewards)


def _rewards(text: str) -> tuple[Reward, ...]:
    rewards = []
    for line in text.splitlines():
        if not line.strip():
            continue
        try:
            code, name, cost = (part.strip() for part in line.split(":", 2))
            rewards.append(Reward(code, name, int(cost)))
        except ValueError:
            raise FormError(f"{line.strip()!r}: write a reward as CODE:NAME:POINTS") from None
    return tuple(rewards)


def changes_from(form: Form, program: Program) -> dict[str, Any]:
    """The rules the form sets (only those of the program's kind)."""
    changes: dict[str, Any] = {
        "name": form.text("name"),
        "cross_store": form.flag("cross_store"),
    }
    if program.has_stamps:
        changes |= {
            "stamps_target": form.integer("stamps_target"),
            "stamp_reward": form.text("stamp_reward"),
            "cooldown_minutes": form.integer("cooldown_minutes", 0),
            "daily_stamp_cap": form.optional_integer("daily_stamp_cap"),
            "max_stamps_per_scan": form.integer("max_stamps_per_scan"),
            "welcome_bonus_stamps": form.integer("welcome_bonus_stamps", 0),
        }
    if program.has_points:
        try:
            per_unit = Decimal(form.text("points_per_unit"))
        except InvalidOperation:
            raise FormError("points per unit must be a number") from None
        changes |= {
            "points_per_unit": per_unit,
            "rewards": _rewards(form.text("rewards", "")),
            "welcome_bonus_points": form.integer("welcome_bonus_points", 0),
            "points_expiry_days": form.optional_integer("points_expiry_days"),
        }
    return changes


def _edit_page(
    request: Request, officer: Officer, program: Program, status_code: int = 200, **ctx: object
) -> Response:
    return render(
        request,
        "program.html",
        officer,
        status_code,
        program=program,
        rewards=rewards_text(program),
        **ctx,
    )


@router.get("/programs/{program_id}")
def edit(request: Request, program_id: str, officer: SignedIn) -> Response:
    return _edit_page(request, officer, _program(request, officer, program_id))


@router.post("/programs/{program_id}")
def save(request: Request, program_id: str, officer: SignedIn, form: PostedForm) -> Response:
    require_owner(officer)
    program = _program(request, officer, program_id)
    try:
        changes = changes_from(form, program)
        with write(engine_of(request)) as conn:
            saved = admin.change_program(conn, officer.merchant_id, program_id, changes, utcnow())
    except (AdminError, FormError) as exc:
        return _edit_page(request, officer, program, 400, error=str(exc))
    done = "program-saved" if saved.rule_version != program.rule_version else "program-unchanged"
    return RedirectResponse(f"/office/programs?done={done}", status.HTTP_303_SEE_OTHER)


HEADER = ("program_id", "name", "kind", "rule_version", "updated_at")


def _rows(items: Sequence[reports.ProgramInfo]) -> Iterator[Sequence[object]]:
    for p in items:
        yield (p.id, p.name, p.program.kind.value, p.rule_version, p.updated_at)


@router.get("/programs.csv")
def programs_csv(request: Request, officer: SignedIn) -> Response:
    with read(engine_of(request)) as conn:
        items = reports.program_list(conn, officer.merchant_id)
    return csv_response("programs.csv", HEADER, _rows(items))
