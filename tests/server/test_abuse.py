"""Bad input gets a clear 4xx and changes nothing: huge bodies, unknown fields, huge batches."""

from __future__ import annotations

import json
from collections.abc import Iterator

from sync.protocol import MAX_BATCH_ENTRIES, MAX_BODY_BYTES
from sync.server.entries import EntryChain
from tests.server.client import Api
from tests.server.conftest import Merchant

Terminal = tuple[Api, EntryChain]


def test_a_declared_huge_body_is_refused_before_it_is_read(terminal: Terminal) -> None:
    api, _ = terminal
    body = b"{" + b" " * (MAX_BODY_BYTES + 10) + b"}"
    response = api.http.post(
        "/v1/push",
        content=body,
        headers={**api._auth(), "content-type": "application/json"},
    )
    assert response.status_code == 413
    assert "smaller batches" in response.json()["detail"]


def test_a_streamed_huge_body_is_cut_off_at_the_limit(terminal: Terminal) -> None:
    api, _ = terminal

    def chunks() -> Iterator[bytes]:
        # No Content-Length: chunked transfer, counted by the server as it arrives.
        for _ in range(MAX_BODY_BYTES // 65536 + 4):
            yield b" " * 65536

    response = api.http.post(
        "/v1/pair", content=chunks(), headers={"content-type": "application/json"}
    )
    assert response.status_code == 413


def test_unknown_fields_are_refused_with_a_clear_422(
    merchant: Merchant, terminal: Terminal
) -> None:
    api, chain = terminal
    card = merchant.card(merchant.points)
    chain.add(
        card.id, merchant.points.id, {"kind": "earn_points", "amount_minor": 100}, points_delta=1
    )

    top = api.push(chain.terminal_id, chain.entries, sneaky=True)
    entry = chain.entries[0].model_dump(mode="json") | {"bonus": 1000}
    nested = api.http.post(
        "/v1/push",
        json={
            "terminal_id": str(chain.terminal_id),
            "entries": [entry],
            "terminal_time": entry["local_time"],
        },
        headers=api._auth(),
    )

    for response in (top, nested):
        assert response.status_code == 422
        problems = response.json()["detail"]
        assert any(p["type"] == "extra_forbidden" for p in problems)
    assert "bonus" in json.dumps(nested.json())
    # Nothing was applied: the same entry still goes through as new.
    assert api.push(chain.terminal_id, chain.entries).json()["outcomes"][0]["status"] == "applied"


def test_batches_over_the_limit_are_refused(merchant: Merchant, terminal: Terminal) -> None:
    api, chain = terminal
    card = merchant.card(merchant.points)
    for _ in range(MAX_BATCH_ENTRIES + 1):
        chain.add(
            card.id,
            merchant.points.id,
            {"kind": "earn_points", "amount_minor": 100},
            points_delta=1,
        )
    body = {
        "terminal_id": str(chain.terminal_id),
        "entries": [e.model_dump(mode="json") for e in chain.entries],
        "terminal_time": "2026-01-01T10:00:00+00:00",
    }
    response = api.http.post("/v1/push", json=body, headers=api._auth())
    assert response.status_code == 422
    assert response.json()["detail"][0]["type"] == "too_long"


def test_malformed_json_and_wrong_types_are_refused(terminal: Terminal) -> None:
    api, chain = terminal
    broken = api.http.post(
        "/v1/push",
        content=b"{not json",
        headers={**api._auth(), "content-type": "application/json"},
    )
    wrong = api.http.post(
        "/v1/push",
        json={"terminal_id": str(chain.terminal_id), "entries": "lots", "terminal_time": "noon"},
        headers=api._auth(),
    )
    assert broken.status_code in (400, 422)
    assert wrong.status_code == 422


def test_values_json_cannot_echo_back_are_refused_with_a_422_not_a_500(
    terminal: Terminal,
) -> None:
    """A NaN (Python's JSON parser takes it) or a lone surrogate, echoed in the error."""
    api, chain = terminal
    for value in ("NaN", "Infinity", '"\\ud800"'):
        body = f'{{"terminal_id": "{chain.terminal_id}", "terminal_time": {value}, "entries": []}}'
        answer = api.http.post(
            "/v1/push",
            content=body.encode(),
            headers={**api._auth(), "content-type": "application/json"},
        )
        assert answer.status_code == 422, (value, answer.text)
        assert "terminal_time" in [e["loc"][-1] for e in answer.json()["detail"]]
