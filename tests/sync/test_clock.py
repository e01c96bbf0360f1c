"""The trusted clock: offsets from the server, and wall-clock jumps detected and ignored."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from sync.engine.clock import TrustedClock

T0 = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


class Clocks:
    """A wall clock a test can set wrong, and a monotonic clock that only moves forward."""

    def __init__(self) -> None:
        self.wall_at = T0
        self.mono_at = 1000.0

    def wall(self) -> datetime:
        return self.wall_at

    def mono(self) -> float:
        return self.mono_at

    def advance(self, seconds: float) -> None:
        self.wall_at += timedelta(seconds=seconds)
        self.mono_at += seconds


def test_a_steady_clock_is_trusted_as_it_is() -> None:
    c = Clocks()
    clock = TrustedClock(c.wall, c.mono)
    c.advance(3600)
    assert clock.now() == T0 + timedelta(hours=1)
    assert clock.status().warning is None


def test_a_wall_clock_that_jumps_forward_is_ignored_and_reported() -> None:
    c = Clocks()
    clock = TrustedClock(c.wall, c.mono)
    c.advance(60)
    c.wall_at += timedelta(days=3)  # someone set the date wrong mid-session
    assert clock.now() == T0 + timedelta(seconds=60)
    assert clock.status().jumped
    assert "jumped" in (clock.status().warning or "")


def test_a_wall_clock_that_jumps_back_is_ignored_too() -> None:
    c = Clocks()
    clock = TrustedClock(c.wall, c.mono)
    c.advance(600)
    c.wall_at -= timedelta(hours=5)
    assert clock.now() == T0 + timedelta(seconds=600)
    assert clock.status().jumped


def test_a_terminal_days_off_takes_the_servers_time_after_an_exchange() -> None:
    c = Clocks()
    c.wall_at = T0 - timedelta(days=4)  # the terminal thinks it is four days earlier
    clock = TrustedClock(c.wall, c.mono)
    sent = c.wall()
    c.advance(0.2)  # round trip of 200 ms; the server answered at the midpoint
    clock.observe_server(sent, c.wall(), T0 + timedelta(seconds=0.1))
    assert abs(clock.now() - (T0 + timedelta(seconds=0.2))) < timedelta(milliseconds=1)
    status = clock.status()
    assert status.offset is not None and status.offset > timedelta(days=3)
    assert not status.jumped
    assert "off by" in (status.warning or "")
    c.advance(3600)
    assert abs(clock.now() - (T0 + timedelta(seconds=3600.2))) < timedelta(milliseconds=1)


def test_trusted_time_keeps_the_terminals_utc_offset() -> None:
    c = Clocks()
    local = T0.astimezone(timezone(timedelta(hours=2)))
    c.wall_at = local
    clock = TrustedClock(c.wall, c.mono)
    assert clock.now().utcoffset() == timedelta(hours=2)
