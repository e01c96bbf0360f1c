"""Which scanned links count as this merchant's cards.

A wallet pass may encode a link to the merchant's platform rather than the bare token. Links
are accepted only from hosts this terminal trusts: the server it is paired with, and any the
setting `scanner.card_hosts` lists (comma-separated). Every other link is another shop's.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from pos_app.scanner.payload import PayloadRules
from pos_app.store import Store
from pos_app.store.terminal import URL_KEY, get_setting

HOSTS_KEY = "scanner.card_hosts"


def payload_rules(store: Store) -> PayloadRules:
    with store.read() as conn:
        server = get_setting(conn, URL_KEY)
        listed = get_setting(conn, HOSTS_KEY) or ""
    hosts = {h.strip().lower() for h in listed.split(",") if h.strip()}
    if server:
        host = urlsplit(server).hostname
        if host:
            hosts.add(host.lower())
    return PayloadRules(allowed_hosts=frozenset(hosts))
