"""Sync in the background: continuous when online, backoff with jitter when not.

The loop runs in its own thread and never blocks the counter. Subscribers (the window's
status bar, the CLI) receive a `SyncStatus` on every change; they must hand it over to their
own thread (a Qt signal does that), since callbacks run on the loop's thread.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import func, select

from pos_app.services.end_of_day import DayReport, day_report
from pos_app.services.offline_limits import unsynced_notice
from pos_app.services.revocation import REVOKED_TEXT, known_revoked, learn_revocation
from pos_app.services.sync import AlreadySyncing, ServerLink, last_sync_at, sync_once
from pos_app.store import Store
from pos_app.store.programs import all_programs
from pos_app.store.schema import JournalSyncRow
from sync.engine.backoff import Backoff
from sync.engine.client import AuthRejected, ServerClient, ServerUnreachable, SyncError
from sync.engine.clock import TrustedClock
from sync.engine.connectivity import Connectivity, SyncStatus

Listener = Callable[[SyncStatus], None]
# How long the end of day waits for a sync another program is running (a first pull of a
# large merchant takes about a minute) before it reports without it.
END_OF_DAY_WAIT_S = 180.0


def pending_count(store: Store) -> int:
    with store.read() as conn:
        return int(
            conn.execute(
                select(func.count())
                .select_from(JournalSyncRow)
                .where(JournalSyncRow.status.in_(("pending", "sent")))
            ).scalar_one()
        )


class SyncLoop:
    def __init__(
        self,
        store: Store,
        link: ServerLink | None,
        clock: TrustedClock | None = None,
        interval_s: float = 5.0,
        backoff: Backoff | None = None,
        client_factory: Callable[[ServerLink], ServerClient] | None = None,
    ) -> None:
        self.store = store
        self.link = link
        self.clock = clock or TrustedClock()
        self.interval_s = interval_s
        self.backoff = backoff or Backoff()
        self._client_factory = client_factory or (
            lambda link: ServerClient(link.url, link.token, wall=self.clock.wall)
        )
        self._listeners: list[Listener] = []
        self._wake = threading.Event()
        self._stop = threading.Event()
        # One sync at a time: loop or end of day (in this process; `sync_once` holds the
        # database's own lock against other processes).
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._state = Connectivity.STANDALONE if link is None else Connectivity.OFFLINE
        self._detail: str | None = None
        self.failures = 0

    # --- subscribers -----------------------------------------------------------------------

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)
        listener(self.status())

    def status(self, progress: tuple[str, int, int] | None = None) -> SyncStatus:
        now = self.clock.now()
        with self.store.read() as conn:
            limit = unsynced_notice(conn, all_programs(conn), now)
        notices = tuple(n for n in (limit, self.clock.status().notice) if n is not None)
        state, detail = self._state, self._detail
        if state is not Connectivity.STANDALONE and known_revoked(self.store):
            state, detail = Connectivity.REVOKED, REVOKED_TEXT
        return SyncStatus(
            state=state,
            pending=pending_count(self.store),
            last_sync_at=last_sync_at(self.store),
            detail=detail,
            warnings=tuple(n.text for n in notices),
            notices=notices,
            progress=progress,
        )

    def _publish(self, progress: tuple[str, int, int] | None = None) -> None:
        status = self.status(progress)
        for listener in list(self._listeners):
            with contextlib.suppress(Exception):  # a broken listener must not stop sync
                listener(status)

    def _set(self, state: Connectivity, detail: str | None = None) -> None:
        self._state, self._detail = state, detail
        self._publish()

    # --- running ---------------------------------------------------------------------------

    def start(self) -> None:
        if self.link is None or self._thread is not None:
            return
        self._thread = threading.Thread(target=self._run, name="sync-loop", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def nudge(self) -> None:
        """New local work: sync soon rather than at the next interval."""
        self._wake.set()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sync_now()
            if self._state is Connectivity.ERROR:
                wait = max(60.0, self.interval_s)
            elif self._state is Connectivity.OFFLINE:
                wait = self.backoff.delay(self.failures)
            else:
                wait = self.interval_s
            self._wake.wait(wait)
            self._wake.clear()

    def sync_now(self, wait_s: float = 0.0) -> bool:
        """One sync, on the calling thread; True when it succeeded.

        When another program is syncing this terminal, wait up to `wait_s` for it; a
        round of the loop does not wait (the other sync does the work).
        """
        if self.link is None:
            return False
        with self._lock:
            before = self._state
            self._set(Connectivity.SYNCING)
            client = self._client_factory(self.link)
            try:
                sync_once(
                    self.store,
                    client,
                    now=self.clock.now,
                    progress=self._progress,
                    wait_s=wait_s,
                )
            except AlreadySyncing as exc:
                self._set(before, str(exc))
                return False
            except ServerUnreachable as exc:
                self.failures += 1
                self._set(Connectivity.OFFLINE, str(exc))
                return False
            except AuthRejected as exc:
                # A push is refused like any bad token: the feed tells whether it was a
                # revocation, and `status` then shows it from the store.
                with contextlib.suppress(SyncError):
                    learn_revocation(self.store, client)
                self._set(Connectivity.ERROR, str(exc))
                return False
            except SyncError as exc:
                self._set(Connectivity.ERROR, str(exc))
                return False
            finally:
                exchange = client.last_exchange
                if exchange is not None:
                    self.clock.observe_server(
                        exchange.sent_at, exchange.received_at, exchange.server_time
                    )
                client.close()
            self.failures = 0
            self._set(Connectivity.ONLINE)
            return True

    def _progress(self, phase: str, done: int, total: int) -> None:
        self._publish((phase, done, total))

    def end_of_day(self, day: datetime | None = None) -> tuple[bool, DayReport]:
        """Sync now (however it ends), then the day's report. Blocking: call from a worker."""
        synced = self.sync_now(wait_s=END_OF_DAY_WAIT_S)
        when = (day or self.clock.now()).date()
        return synced, day_report(self.store, when)
