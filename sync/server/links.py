"""OpenAPI links: how one answer feeds the next call (pair, then push and pull, then look up).

They document the protocol's flow for a reader of `docs/openapi.json`, and they let a
stateful fuzzer (schemathesis) chain real tokens, cursors and cards instead of random ones.
"""

from __future__ import annotations

from typing import Any

PAIR_LINKS: dict[str, Any] = {
    "PushAsThisTerminal": {
        "operationId": "push_entries_v1_push_post",
        "requestBody": {"terminal_id": "$response.body#/terminal_id"},
        "description": "The terminal pushes under its id, with the token as its bearer.",
    },
    "PullFromTheStart": {
        "operationId": "changes_v1_changes_get",
        "parameters": {"cursor": 0},
        "description": "A newly paired terminal pulls everything, from cursor 0, with the "
        "token as its bearer.",
    },
}
PUSH_LINKS: dict[str, Any] = {
    "LookUpTheCard": {
        "operationId": "lookup_card_v1_cards_lookup_get",
        "parameters": {"token": "$response.body#/outcomes/0/card/qr_token"},
        "description": "The card an outcome carries, by its QR token.",
    },
    "PullAfterPushing": {
        "operationId": "changes_v1_changes_get",
        "parameters": {"cursor": 0},
        "description": "The changes the push made travel in the feed.",
    },
}
CHANGES_LINKS: dict[str, Any] = {
    "NextPage": {
        "operationId": "changes_v1_changes_get",
        "parameters": {"cursor": "$response.body#/next_cursor"},
        "description": "The next page starts at this page's next_cursor.",
    },
}
