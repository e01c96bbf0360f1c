"""The end-of-day report: totals per type and staff, and every refusal with its reason."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pos_app.domain.demo import demo_cards
from pos_app.domain.identifiers import CardRef
from pos_app.domain.operations import EarnPoints, Stamp, VoidPoints
from pos_app.services.counter import Done, perform
from pos_app.services.end_of_day import day_report, report_lines
from pos_app.store import Store
from pos_app.store.outbox import Answer, record_answers
from tests.conftest import CASHIER

DAY = datetime(2026, 9, 14, 9, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)
COFFEE, BAKERY = demo_cards(2)


def test_the_report_counts_the_day_and_names_what_the_server_refused(demo_store: Store) -> None:
    stamp = perform(demo_store, CardRef.number(COFFEE.card_number), Stamp(), CASHIER, DAY)
    earn = perform(
        demo_store,
        CardRef.number(BAKERY.card_number),
        EarnPoints(2000),
        "staff-sam",
        DAY + timedelta(hours=1),
    )
    perform(
        demo_store, CardRef.number(COFFEE.card_number), Stamp(), CASHIER, DAY + timedelta(days=1)
    )
    assert isinstance(stamp, Done) and isinstance(earn, Done)
    with demo_store.write() as conn:
        record_answers(
            conn,
            [
                Answer(stamp.entry.seq, "applied", None, None, None, 1, 0),
                Answer(
                    earn.entry.seq,
                    "refused",
                    "card_inactive",
                    "This card is no longer active.",
                    None,
                    0,
                    0,
                ),
            ],
            DAY.isoformat(),
        )
    report = day_report(demo_store, DAY.date())
    assert report.total.entries == 2
    assert report.by_kind["stamp"].stamps == 1
    assert report.by_kind["earn_points"].points == 20
    assert set(report.by_staff) == {"Alex", "Sam"}
    assert [p.seq for p in report.problems] == [earn.entry.seq]
    text = "\n".join(report_lines(report))
    assert "This card is no longer active." in text
    assert "1 entry accepted, 1 entry refused" in text
    assert "Points earned" in text and "earn_points" not in text


def test_the_report_shows_what_was_asked_and_what_the_server_applied(demo_store: Store) -> None:
    """A void the server clamped and an earn it refused: asked and applied differ, and the
    report names the entries that make the difference."""
    earn = perform(demo_store, CardRef.number(BAKERY.card_number), EarnPoints(5000), CASHIER, DAY)
    void = perform(
        demo_store, CardRef.number(BAKERY.card_number), VoidPoints(40), CASHIER, DAY + HOUR
    )
    pending = perform(
        demo_store, CardRef.number(BAKERY.card_number), EarnPoints(1000), CASHIER, DAY + 2 * HOUR
    )
    assert isinstance(earn, Done) and isinstance(void, Done) and isinstance(pending, Done)
    with demo_store.write() as conn:
        record_answers(
            conn,
            [
                Answer(earn.entry.seq, "refused", "card_inactive", "Inactive.", None, 0, 0),
                Answer(void.entry.seq, "adjusted", None, "Clamped at zero.", None, 0, -10),
            ],
            DAY.isoformat(),
        )
    report = day_report(demo_store, DAY.date())
    total = report.total
    assert (total.points, total.applied_points, total.not_known) == (50 - 40 + 10, -10, 1)
    assert report.by_kind["void_points"].points == -40
    assert report.by_kind["void_points"].applied_points == -10
    assert report.by_staff["Alex"].applied_points == -10
    assert [p.seq for p in report.problems] == [earn.entry.seq, void.entry.seq]
    text = "\n".join(report_lines(report))
    assert "refused (+50 points -> nothing) - Inactive." in text, text
    assert "changed by the server (-40 points -> -10 points) - Clamped at zero." in text, text
    assert "1 entry is not yet confirmed by the server (asked, not yet applied)." in text


def test_unanswered_entries_are_counted_as_unconfirmed(demo_store: Store) -> None:
    perform(demo_store, CardRef.number(COFFEE.card_number), Stamp(), CASHIER, DAY)
    report = day_report(demo_store, DAY.date())
    assert report.unconfirmed == 1
    assert "1 entry is not yet confirmed" in "\n".join(report_lines(report))
