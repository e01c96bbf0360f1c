"""Apple Push Notification service for passes: an empty push tells the device to ask us.

HTTP/2 to `<apns_url>/3/device/<push token>` with the pass type id as `apns-topic`,
authenticated by the Pass Type ID certificate as the TLS client identity. An `http://`
address (a local stand-in) is spoken to as cleartext HTTP/2.
"""

from __future__ import annotations

import enum
import json
from dataclasses import dataclass

import httpx

from sync.server.wallet.settings import AppleCredentials, WalletSettings


class Delivery(enum.Enum):
    SENT = "sent"
    GONE = "gone"  # the device no longer has the pass: unregister it
    RETRY = "retry"  # throttled, APNs trouble, network: try again later


@dataclass(frozen=True, slots=True)
class PushResult:
    delivery: Delivery
    status: int | None
    reason: str = ""


def apns_client(settings: WalletSettings, creds: AppleCredentials) -> httpx.AsyncClient:
    timeout = httpx.Timeout(10.0, connect=5.0)
    limits = httpx.Limits(max_connections=4, max_keepalive_connections=4)
    if settings.apns_url.startswith("http://"):
        return httpx.AsyncClient(http1=False, http2=True, timeout=timeout, limits=limits)
    return httpx.AsyncClient(
        http2=True,
        timeout=timeout,
        limits=limits,
        cert=(creds.cert_path, creds.key_path),
    )


async def push_pass_update(
    client: httpx.AsyncClient, settings: WalletSettings, push_token: str
) -> PushResult:
    url = f"{settings.apns_url}/3/device/{push_token}"
    headers = {"apns-topic": settings.pass_type_id or "", "apns-priority": "5"}
    try:
        response = await client.post(url, content=b"{}", headers=headers)
    except httpx.HTTPError as exc:
        return PushResult(Delivery.RETRY, None, type(exc).__name__)
    reason = _reason(response)
    if response.status_code == 200:
        return PushResult(Delivery.SENT, 200)
    if response.status_code == 410 or reason in {"BadDeviceToken", "Unregistered"}:
        return PushResult(Delivery.GONE, response.status_code, reason)
    return PushResult(Delivery.RETRY, response.status_code, reason)


def _reason(response: httpx.Response) -> str:
    try:
        body = json.loads(response.content or b"{}")
    except ValueError:
        return ""
    return str(body.get("reason", "")) if isinstance(body, dict) else ""
