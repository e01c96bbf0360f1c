"""Apple Push Notification service for passes: an empty push tells the device to ask us.

HTTP/2 to `<apns_url>/3/device/<push token>` with the pass type id as `apns-topic`,
authenticated by the Pass Type ID certificate as the TLS client identity. An `http://`
address (a local stand-in) is spoken to as cleartext HTTP/2.
"""

from __future__ import annotations

import enum
import json
import ssl
from dataclasses import dataclass

from sync.server.wallet.h2client import H2Answer, H2Client, H2Request
from sync.server.wallet.settings import AppleCredentials, WalletSettings


class Delivery(enum.Enum):
    SENT = "sent"
    GONE = "gone"  # the device no longer has the pass (or the object was never saved)
    RETRY = "retry"  # throttled, service trouble, network: try again later


@dataclass(frozen=True, slots=True)
class PushResult:
    delivery: Delivery
    status: int | None
    reason: str = ""


def apns_client(settings: WalletSettings, creds: AppleCredentials) -> H2Client:
    if settings.apns_url.startswith("http://"):
        return H2Client(settings.apns_url, None)
    tls = ssl.create_default_context()
    tls.load_cert_chain(creds.cert_path, creds.key_path)
    tls.set_alpn_protocols(["h2"])
    return H2Client(settings.apns_url, tls)


async def push_pass_updates(
    client: H2Client, settings: WalletSettings, push_tokens: list[str]
) -> list[PushResult]:
    headers = (("apns-topic", settings.pass_type_id or ""), ("apns-priority", "5"))
    requests = [H2Request(f"/3/device/{token}", headers, b"{}") for token in push_tokens]
    return [_result(answer) for answer in await client.post_many(requests)]


def _result(answer: H2Answer | None) -> PushResult:
    if answer is None:
        return PushResult(Delivery.RETRY, None, "no answer")
    reason = _reason(answer.body)
    if answer.status == 200:
        return PushResult(Delivery.SENT, 200)
    if answer.status == 410 or reason in {"BadDeviceToken", "Unregistered"}:
        return PushResult(Delivery.GONE, answer.status, reason)
    return PushResult(Delivery.RETRY, answer.status, reason)


def _reason(body: bytes) -> str:
    try:
        parsed = json.loads(body or b"{}")
    except ValueError:
        return ""
    return str(parsed.get("reason", "")) if isinstance(parsed, dict) else ""
