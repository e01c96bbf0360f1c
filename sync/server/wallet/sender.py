"""The sender: drains the outbox, one APNs push per registered device and one Google PATCH
per changed card, many in flight at once; retries with backoff, unregisters gone devices.

`serve` runs one in a thread of its own. Rows are claimed for a lease before sending, so
two servers on one database do not send the same update; a sender killed mid-send leaves
its rows to come back when the lease runs out (a push may then go twice: the device just
asks for the pass again, and gets it unchanged).
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime

import httpx
from sqlalchemy import Engine, delete, func, select, tuple_

from sync.server.db import read, write
from sync.server.models import WALLET_DEVICES, WALLET_OUTBOX
from sync.server.wallet import outbox
from sync.server.wallet.apns import Delivery, PushResult, apns_client, push_pass_updates
from sync.server.wallet.face import face_of_card
from sync.server.wallet.google import AccessToken, patch_object
from sync.server.wallet.h2client import H2Client
from sync.server.wallet.outbox import Job
from sync.server.wallet.runtime import (
    apple_credentials,
    credentials_stamp,
    current_settings,
    google_credentials,
)
from sync.server.wallet.settings import WalletConfigError, WalletSettings

log = logging.getLogger(__name__)

BATCH = 1000
IN_FLIGHT = 200
IDLE_POLL_S = 0.1
UNCONFIGURED_POLL_S = 3.0
SETTINGS_EVERY_S = 3.0


@dataclass
class _Clients:
    settings: WalletSettings
    files: tuple[int, ...] | None
    apns: H2Client | None
    google: httpx.AsyncClient
    token: AccessToken = field(default_factory=AccessToken)

    async def close(self) -> None:
        if self.apns is not None:
            await self.apns.close()
        await self.google.aclose()


class WalletSender:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._stop = threading.Event()
        self._clients: _Clients | None = None
        self._thread: threading.Thread | None = None
        self._checked_at = 0.0

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="wallet-sender", daemon=True)
        self._thread.start()

    def stop(self, timeout_s: float = 10) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout_s)

    def _run(self) -> None:
        asyncio.run(self._loop())

    async def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                handled = await self.run_once()
            except Exception:  # the database is down, say: keep the sender alive
                log.exception("wallet sender: a round failed; trying again shortly")
                handled = 0
                await asyncio.sleep(1)
            if handled == 0:
                await asyncio.sleep(IDLE_POLL_S if self._clients else UNCONFIGURED_POLL_S)
        if self._clients is not None:
            await self._clients.close()

    async def _ensure_clients(self) -> _Clients | None:
        # The set-up is read again every few seconds, not on every round.
        if self._clients is not None and time.monotonic() < self._checked_at + SETTINGS_EVERY_S:
            return self._clients
        self._checked_at = time.monotonic()
        settings = current_settings(self.engine)
        try:
            files = credentials_stamp(settings) if settings is not None else None
        except OSError:
            files = None
        known = self._clients
        if known is not None and (known.settings, known.files) == (settings, files):
            return known
        if self._clients is not None:
            await self._clients.close()
            self._clients = None
        if settings is None:
            return None
        apns = None
        if settings.apple:
            try:
                apns = apns_client(settings, apple_credentials(settings))
            except (WalletConfigError, OSError) as exc:
                log.error("wallet sender: Apple credentials unusable: %s", exc)
        google = httpx.AsyncClient(timeout=httpx.Timeout(10.0, connect=5.0))
        self._clients = _Clients(settings, files, apns, google)
        return self._clients

    async def run_once(self) -> int:
        """Send what is due now; how many updates were handled."""
        clients = await self._ensure_clients()
        if clients is None:
            return 0
        now = datetime.now(UTC)
        with read(self.engine) as conn:
            if not outbox.anything_due(conn, now):
                return 0
        with write(self.engine) as conn:
            jobs = outbox.claim(conn, now, BATCH)
        if not jobs:
            return 0
        apple = [j for j in jobs if j.device_id is not None]
        google = [j for j in jobs if j.device_id is None]
        limit = asyncio.Semaphore(IN_FLIGHT)

        async def bounded(job: Job) -> PushResult:
            async with limit:
                return await self._google(clients, job)

        pushed, patched = await asyncio.gather(
            self._apple(clients, apple), asyncio.gather(*(bounded(j) for j in google))
        )
        self._record([*apple, *google], [*pushed, *patched])
        return len(jobs)

    def _push_tokens(self, jobs: list[Job]) -> dict[tuple[str, str, str], str]:
        """Push tokens by (merchant, card, device): a card id is only its merchant's own."""
        cards = sorted({(j.merchant_id, j.card_id) for j in jobs if j.device_id is not None})
        if not cards:
            return {}
        device = WALLET_DEVICES.c
        query = select(device.merchant_id, device.card_id, device.device_id, device.push_token)
        query = query.where(tuple_(device.merchant_id, device.card_id).in_(cards))
        with read(self.engine) as conn:
            return {
                (r.merchant_id, r.card_id, r.device_id): r.push_token for r in conn.execute(query)
            }

    async def _apple(self, clients: _Clients, jobs: list[Job]) -> list[PushResult]:
        """One push per device, all on one HTTP/2 connection."""
        tokens = self._push_tokens(jobs)
        results: dict[int, PushResult] = {}
        sendable: list[tuple[int, str]] = []
        for i, job in enumerate(jobs):
            push_token = tokens.get((job.merchant_id, job.card_id, str(job.device_id)))
            if push_token is None:  # unregistered since: nothing owed
                results[i] = PushResult(Delivery.GONE, None, "unregistered")
            elif clients.apns is None:
                results[i] = PushResult(Delivery.RETRY, None, "Apple not configured")
            else:
                sendable.append((i, push_token))
        if sendable and clients.apns is not None:
            sent = await push_pass_updates(clients.apns, clients.settings, [t for _, t in sendable])
            results.update({i: r for (i, _), r in zip(sendable, sent, strict=True)})
        return [results[i] for i in range(len(jobs))]

    async def _google(self, clients: _Clients, job: Job) -> PushResult:
        settings = clients.settings
        with read(self.engine) as conn:
            face = face_of_card(conn, job.merchant_id, job.card_id)
        if face is None or not face.google_object_id:
            return PushResult(Delivery.GONE, None, "no Google object")
        try:
            creds = google_credentials(settings)
        except (WalletConfigError, OSError) as exc:
            return PushResult(Delivery.RETRY, None, str(exc))
        return await patch_object(clients.google, settings, creds, clients.token, face)

    def _record(self, jobs: list[Job], results: list[PushResult]) -> None:
        now = datetime.now(UTC)
        finished = [
            j for j, r in zip(jobs, results, strict=True) if r.delivery is not Delivery.RETRY
        ]
        again = [(j, r) for j, r in zip(jobs, results, strict=True) if r.delivery is Delivery.RETRY]
        gone = [
            (j.merchant_id, j.card_id, j.device_id)
            for j, r in zip(jobs, results, strict=True)
            if r.delivery is Delivery.GONE and j.device_id is not None
        ]
        for job, result in again[:20]:  # the first few say enough; never a push token
            log.warning(
                "wallet update of card %s of %s to %s not delivered (%s %s); retrying",
                job.card_id,
                job.merchant_id,
                "Google" if job.device_id is None else "a device",
                result.status,
                result.reason,
            )
        with write(self.engine) as conn:
            outbox.lock(conn, jobs)
            if gone:
                device = WALLET_DEVICES.c
                key = tuple_(device.merchant_id, device.card_id, device.device_id)
                conn.execute(delete(WALLET_DEVICES).where(key.in_(gone)))
            outbox.done(conn, finished)
            outbox.retry_later(conn, [j for j, _ in again], now)


def wait_until_drained(engine: Engine, timeout_s: float) -> bool:
    """For tools: True once nothing is owed (or claimed), False after `timeout_s`."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        with read(engine) as conn:
            if not conn.execute(select(func.count()).select_from(WALLET_OUTBOX)).scalar_one():
                return True
        time.sleep(0.05)
    return False
