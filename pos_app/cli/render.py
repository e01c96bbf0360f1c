"""How the CLI shows cards, outcomes and journal lines to a person."""

from __future__ import annotations

from typing import Any

from pos_app.domain.card import Card, card_to_dict
from pos_app.domain.identifiers import format_card_number
from pos_app.domain.operations import points_expiry
from pos_app.domain.program import Program
from pos_app.services.counter import Done
from pos_app.services.journal_view import JournalLine


def card_summary(card: Card, program: Program) -> list[str]:
    number = (
        format_card_number(card.card_number)
        if card.card_number
        else "provisional: known here only by its QR code"
    )
    lines = [
        f"Card      {number}" + ("" if card.is_active else "  (INACTIVE)"),
        f"Customer  {card.customer_name or '-'}",
        f"Program   {program.name} ({program.id})",
    ]
    if program.has_stamps:
        target = program.stamps_target
        filled = min(card.stamp_count, target)
        dots = "●" * filled + "○" * (target - filled)
        lines.append(f"Stamps    {dots}  {card.stamp_count}/{target}")
        ready = card.rewards_available(target)
        if ready:
            lines.append(f"Reward    {ready} × {program.stamp_reward} ready")
    if program.has_points:
        lines.append(f"Points    {card.points_balance}")
        affordable = [r for r in program.rewards if r.points_cost <= card.points_balance]
        if affordable:
            names = ", ".join(f"{r.name} [{r.code}] {r.points_cost}" for r in affordable)
            lines.append(f"Can buy   {names}")
        expiry = points_expiry(card, program)
        if expiry is not None:
            noun = "point expires" if expiry.points == 1 else "points expire"
            lines.append(f"Expiry    {expiry.points} {noun} on {expiry.on.isoformat()}")
    return lines


def card_json(card: Card, program: Program, pending: int | None = None) -> dict[str, Any]:
    data: dict[str, Any] = card_to_dict(card)
    data["program_name"] = program.name
    data["stamps_target"] = program.stamps_target
    data["rewards_available"] = card.rewards_available(program.stamps_target)
    if pending is not None:
        data["pending_entries"] = pending
    return data


def done_message(done: Done) -> str:
    e = done.effect
    kind = done.entry.kind
    if kind == "stamp":
        head = f"+{e.stamps_delta} stamp{'s' if e.stamps_delta != 1 else ''}"
    elif kind == "redeem_stamps":
        head = f"Reward given: {done.program.stamp_reward}"
    elif kind == "enroll":
        head = "Card created"
    elif kind in ("deactivate", "reactivate"):
        head = f"Card {kind}d"
    elif kind == "merge_in":
        head = f"Cards merged: +{e.stamps_delta} stamps, +{e.points_delta} points"
    elif kind == "replace":
        head = f"Card replaced: the new number is {format_card_number(done.card.card_number)}"
    elif e.adjusted:
        head = f"{e.points_delta} points (asked {e.requested_points}; balance clamped at zero)"
    else:
        head = f"{e.points_delta:+d} points"
    return f"OK  {head}  (journal #{done.entry.seq})"


def journal_table(lines: list[JournalLine]) -> list[str]:
    headers = ("#", "time", "staff", "card", "kind", "stamps", "points", "status")
    rows = [
        (
            str(line.seq),
            line.local_time[:19].replace("T", " "),
            line.staff,
            line.card_number,
            line.kind + ("*" if line.adjusted else ""),
            f"{line.stamps_delta:+d}" if line.stamps_delta else "",
            f"{line.points_delta:+d}" if line.points_delta else "",
            line.status,
        )
        for line in lines
    ]
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(headers)]
    out = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    out.append("  ".join("-" * w for w in widths))
    out.extend("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows)
    return out
