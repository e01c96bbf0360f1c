"""The manager's report of a day: per type and per staff member what this terminal asked
and what the server applied, and every entry that makes the difference (refused or changed
by the server, with its reason). Built from the journal alone, so it is the same whether
the last sync succeeded or not; entries the server has not answered are counted as asked,
and as not yet confirmed.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from pos_app.domain.operations import OpKind
from pos_app.services.journal_view import JournalLine, journal_lines
from pos_app.services.words import counted
from pos_app.store import Store

# The journal's keys in the manager's words; every kind has one (a test sees to it).
KIND_WORDS: dict[str, str] = {
    OpKind.ENROLL: "New cards",
    OpKind.STAMP: "Stamps",
    OpKind.REDEEM_STAMPS: "Stamp rewards",
    OpKind.EARN_POINTS: "Points earned",
    OpKind.REDEEM_POINTS: "Points rewards",
    OpKind.VOID_POINTS: "Voids / returns",
    OpKind.EXPIRE_POINTS: "Points expired",
    OpKind.REVERSE: "Undone",
    OpKind.DEACTIVATE: "Cards deactivated",
    OpKind.REACTIVATE: "Cards reactivated",
    OpKind.REPLACE: "Lost cards replaced",
    OpKind.ADJUST: "Manager adjustments",
    OpKind.MERGE_OUT: "Cards merged away",
    OpKind.MERGE_IN: "Cards merged into",
}
# What the server said of each entry (the journal's sync status), in the same words.
STATUS_WORDS: dict[str, str] = {
    "pending": "waiting to be sent",
    "sent": "sent, no answer yet",
    "applied": "accepted",
    "duplicate": "already on the server",
    "refused": "refused",
    "adjusted": "changed by the server",
}


def kind_words(kind: str) -> str:
    return KIND_WORDS.get(kind, kind.replace("_", " ").capitalize())


def status_words(status: str) -> str:
    return STATUS_WORDS.get(status, status)


# Statuses that mean the server has not answered yet.
UNANSWERED = ("pending", "sent")


@dataclass
class Totals:
    entries: int = 0
    # What this terminal asked (the journal's deltas), every entry of the day.
    stamps: int = 0
    points: int = 0
    # What the server applied, over the entries it answered with its amounts.
    applied_stamps: int = 0
    applied_points: int = 0
    # Entries whose applied amounts are not known: not answered yet, or answered before
    # the terminal kept the amounts (schema 0004).
    not_known: int = 0

    def add(self, line: JournalLine) -> None:
        self.entries += 1
        self.stamps += line.stamps_delta
        self.points += line.points_delta
        if _applied_known(line):
            self.applied_stamps += line.applied_stamps or 0
            self.applied_points += line.applied_points or 0
        else:
            self.not_known += 1


def _applied_known(line: JournalLine) -> bool:
    return (
        line.status not in UNANSWERED
        and line.applied_stamps is not None
        and line.applied_points is not None
    )


def makes_a_difference(line: JournalLine) -> bool:
    """An answered entry the server did not apply as asked, or whose amounts are not kept."""
    if line.status in UNANSWERED:
        return False
    if line.status in ("refused", "adjusted") or not _applied_known(line):
        return True
    return (line.applied_stamps, line.applied_points) != (line.stamps_delta, line.points_delta)


@dataclass
class DayReport:
    day: date
    by_kind: dict[str, Totals] = field(default_factory=dict)
    by_staff: dict[str, Totals] = field(default_factory=dict)
    total: Totals = field(default_factory=Totals)
    statuses: Counter[str] = field(default_factory=Counter)
    # The entries that make asked and applied differ (besides the unconfirmed ones).
    problems: list[JournalLine] = field(default_factory=list)

    @property
    def unconfirmed(self) -> int:
        return sum(self.statuses[s] for s in UNANSWERED)


def day_report(store: Store, day: date) -> DayReport:
    """Entries whose local time falls on `day` (the terminal's calendar)."""
    report = DayReport(day)
    prefix = day.isoformat()
    for line in journal_lines(store):
        if not line.local_time.startswith(prefix):
            continue
        report.total.add(line)
        report.by_kind.setdefault(line.kind, Totals()).add(line)
        report.by_staff.setdefault(line.staff, Totals()).add(line)
        report.statuses[line.status] += 1
        if makes_a_difference(line):
            report.problems.append(line)
    return report


_HEAD = (
    f"{'Entries':>8}{'Stamps asked':>14}{'Points asked':>14}"
    f"{'Stamps applied':>16}{'Points applied':>16}"
)


def _row(label: str, t: Totals) -> str:
    return (
        f"{label:<18}{t.entries:>8}{t.stamps:>+14}{t.points:>+14}"
        f"{t.applied_stamps:>+16}{t.applied_points:>+16}"
    )


def amounts(stamps: int | None, points: int | None) -> str:
    """`-300 points`, `+1 stamps, +20 points`, `nothing`; `not known` when not kept."""
    if stamps is None or points is None:
        return "not known"
    parts = [f"{stamps:+d} stamps"] if stamps else []
    parts += [f"{points:+d} points"] if points else []
    return ", ".join(parts) or "nothing"


def report_lines(report: DayReport) -> list[str]:
    """The report as plain text, for the CLI and for printing."""
    out = [f"End of day {report.day.isoformat()}", ""]
    out.append(f"{'Type':<18}{_HEAD}")
    for kind, t in sorted(report.by_kind.items()):
        out.append(_row(kind_words(kind), t))
    out.append(_row("Total", report.total))
    out += ["", f"{'Staff':<18}{_HEAD}"]
    for name, t in sorted(report.by_staff.items()):
        out.append(_row(name, t))
    out.append("(asked: by this terminal; applied: by the server, in the entries it answered)")
    out += ["", "Server answers: " + server_answers(report)]
    if report.unconfirmed:
        n = report.unconfirmed
        verb = "entry is" if n == 1 else "entries are"
        out.append(f"{n} {verb} not yet confirmed by the server (asked, not yet applied).")
    if report.problems:
        out += ["", "Refused or changed by the server (asked -> applied):"]
        for p in report.problems:
            out.append(
                f"  #{p.seq} {p.local_time[11:19]} {p.staff} {p.card_number} "
                f"{kind_words(p.kind)}: {status_words(p.status)} "
                f"({amounts(p.stamps_delta, p.points_delta)} -> "
                f"{amounts(p.applied_stamps, p.applied_points)}) - "
                f"{p.outcome or 'no reason given'}"
            )
    else:
        out.append("Nothing was refused or changed by the server.")
    return out


def server_answers(report: DayReport) -> str:
    """'3 accepted, 1 refused': what the server said of the day's entries."""
    if not report.statuses:
        return "no entries"
    return ", ".join(
        counted(n, "entry", "entries") + " " + status_words(s)
        for s, n in sorted(report.statuses.items())
    )
