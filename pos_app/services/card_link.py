"""What the enrolment QR code encodes: the card's page on the paired server.

`https://<server host>/c/<token>` opens the page where the customer adds the card to a
phone's wallet, and the terminal's own scanner accepts it (scan_rules: links to the paired
server's host name the card). A terminal paired with no server shows the bare token.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from pos_app.store import Store
from pos_app.store.terminal import URL_KEY, get_setting


def card_qr_text(store: Store, qr_token: str) -> str:
    with store.read() as conn:
        server = get_setting(conn, URL_KEY)
    host = urlsplit(server).hostname if server else None
    if not host:
        return qr_token
    if ":" in host:  # an IPv6 address is written in brackets in a URL
        host = f"[{host}]"
    return f"https://{host}/c/{qr_token}"
