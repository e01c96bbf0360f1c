"""The manager's report of a day: totals per type and per staff member, and every entry the
server refused or changed, with its reason. Built from the journal alone, so it is the same
whether the last sync succeeded or not; entries the server has not answered are counted too.
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


@dataclass
class Totals:
    entries: int = 0
    stamps: int = 0
    points: int = 0

    def add(self, line: JournalLine) -> None:
        self.entries += 1
        self.stamps += line.stamps_delta
        self.points += line.points_delta


@dataclass
class DayReport:
    day: date
    by_kind: dict[str, Totals] = field(default_factory=dict)
    by_staff: dict[str, Totals] = field(default_factory=dict)
    total: Totals = field(default_factory=Totals)
    statuses: Counter[str] = field(default_factory=Counter)
    problems: list[JournalLine] = field(default_factory=list)

    @property
    def unconfirmed(self) -> int:
        return self.statuses["pending"] + self.statuses["sent"]


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
        if line.status in ("refused", "adjusted"):
            report.problems.append(line)
    return report


def report_lines(report: DayReport) -> list[str]:
    """The report as plain text, for the CLI and for printing."""
    out = [f"End of day {report.day.isoformat()}", ""]
    out.append(f"{'Type':<18}{'Entries':>8}{'Stamps':>8}{'Points':>8}")
    for kind, t in sorted(report.by_kind.items()):
        out.append(f"{kind_words(kind):<18}{t.entries:>8}{t.stamps:>+8}{t.points:>+8}")
    total = report.total
    out.append(f"{'Total':<18}{total.entries:>8}{total.stamps:>+8}{total.points:>+8}")
    out += ["", f"{'Staff':<18}{'Entries':>8}{'Stamps':>8}{'Points':>8}"]
    for name, t in sorted(report.by_staff.items()):
        out.append(f"{name:<18}{t.entries:>8}{t.stamps:>+8}{t.points:>+8}")
    out += ["", "Server answers: " + server_answers(report)]
    if report.unconfirmed:
        n = report.unconfirmed
        verb = "entry is" if n == 1 else "entries are"
        out.append(f"{n} {verb} not yet confirmed by the server.")
    if report.problems:
        out += ["", "Refused or changed by the server:"]
        for p in report.problems:
            out.append(
                f"  #{p.seq} {p.local_time[11:19]} {p.staff} {p.card_number} "
                f"{kind_words(p.kind)}: {status_words(p.status)} - "
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
