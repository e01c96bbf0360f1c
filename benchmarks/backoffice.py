"""The back office on a big merchant: p95 answer time of each page, over HTTP, signed in.

`python -m benchmarks backoffice [--cards 1000000] [--transactions 10000000]
 [--requests 40] [--workers 2] [--pg-admin-url URL] [--database NAME] [--direct]`

Builds the big merchant in PostgreSQL once (`_bigmerchant`: five stores, twenty terminals,
a customer per card, transactions over two years; a neighbour merchant a hundredth its
size), in a database named after the schema head and the sizes, and reuses it on later
runs (it says so). Then starts `loyalty-server serve` on it, signs in through the real
sign-in form as the owner and as a store manager, and asks each back-office page
`--requests` times (varying day, search and card), one request at a time, timing each
answer in full (a CSV export streamed to its end). `--direct` times the `reports`
functions in this process instead (for a server without the pages).

Last line: JSON with `pages` (page:role -> p95 ms), `max_p95_ms`, the sizes, and `ok`.
Bar (issue 18): `max_p95_ms <= 500`.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import Connection, text

from benchmarks import _bigmerchant
from benchmarks._report import percentile, print_json, print_table
from sync.server import reports
from sync.server.db import make_engine, read, write

ROOT = Path(__file__).resolve().parents[1]
BAR_MS = 500.0
PASSWORD = "benchmark password 1"
_CSRF = re.compile(r'name="csrf" value="([^"]+)"')


@dataclass(frozen=True)
class Samples:
    """What the pages are asked about: real days, cards, numbers, phones and names."""

    last_day: date
    days: list[date]
    cards: list[str]
    store_cards: list[str]  # cards of the manager's store
    prefixes: list[str]
    phones: list[str]
    names: list[str]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _samples(url: str, merchant: _bigmerchant.Merchant, rng: random.Random) -> Samples:
    engine = make_engine(url, pool_size=1)
    try:
        with read(engine) as conn:
            last = conn.execute(
                text("SELECT max(day) FROM daily_totals WHERE merchant_id = :m"), {"m": merchant.id}
            ).scalar_one()
            rows = conn.execute(
                text(
                    "SELECT c.id, c.card_number, c.enrolled_at_store, cu.phone, cu.name "
                    "FROM cards c JOIN customers cu ON cu.id = c.customer_id "
                    "WHERE c.merchant_id = :m AND c.id = ANY(:ids)"
                ),
                {
                    "m": merchant.id,
                    "ids": [_card_id(merchant, rng.randint(1, merchant.cards)) for _ in range(400)],
                },
            ).all()
    finally:
        engine.dispose()
    store = merchant.stores[0]
    days = [last] + [date.fromordinal(last.toordinal() - rng.randint(1, 700)) for _ in range(20)]
    return Samples(
        last_day=last,
        days=days,
        cards=[r.id for r in rows],
        store_cards=[r.id for r in rows if r.enrolled_at_store == store] or [rows[0].id],
        prefixes=[r.card_number[:6] for r in rows],
        phones=[r.phone for r in rows if r.phone],
        names=[r.name.split()[-1] for r in rows],
    )


def _card_id(merchant: _bigmerchant.Merchant, n: int) -> str:
    import hashlib
    import uuid

    return str(uuid.UUID(hashlib.md5(f"{merchant.id}:card:{n}".encode()).hexdigest()))


def _office_users(url: str, merchant: _bigmerchant.Merchant) -> None:
    from sync.server.office.users import add_user, find_user

    engine = make_engine(url, pool_size=1)
    try:
        with write(engine) as conn:
            now = datetime.now(UTC)
            if find_user(conn, merchant.id, "owner") is None:
                add_user(conn, merchant.id, "owner", "Big Owner", "owner", None, PASSWORD, now)
            if find_user(conn, merchant.id, "manager") is None:
                add_user(
                    conn, merchant.id, "manager", "Store Manager", "manager",
                    merchant.stores[0], PASSWORD, now,
                )  # fmt: skip
    finally:
        engine.dispose()


def _start_server(url: str, workers: int, log: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-m", "sync.server.cli", "serve", "--db", url, "--port", str(port)]
    cmd += ["--workers", str(workers)]
    with log.open("ab") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited: {log.read_text()[-2000:]}")
        try:
            if httpx.get(base + "/v1/health", timeout=2).status_code == 200:
                return proc, base
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    proc.kill()
    raise RuntimeError(f"server not healthy: {log.read_text()[-2000:]}")


def _signed_in(base: str, merchant: str, login: str) -> httpx.Client:
    """A client holding the session cookie, got through the real sign-in form."""
    client = httpx.Client(base_url=base, timeout=60)
    page = client.get("/office/sign-in")
    page.raise_for_status()
    found = _CSRF.search(page.text)
    assert found, "no CSRF token on the sign-in form"
    form = {"csrf": found.group(1), "merchant": merchant, "login": login, "password": PASSWORD}
    answer = client.post("/office/sign-in", data=form | {"next": "/office/"})
    if answer.status_code not in (200, 303):
        raise RuntimeError(f"sign-in as {login} refused: {answer.status_code} {answer.text[:300]}")
    return client


def _http_pages(s: Samples, rng: random.Random, manager: bool) -> dict[str, Callable[[], str]]:
    cards = s.store_cards if manager else s.cards

    def pick(values: list[Any]) -> Any:
        return rng.choice(values)

    return {
        "day": lambda: f"/office/?day={pick(s.days).isoformat()}",
        "terminals": lambda: "/office/terminals",
        "staff": lambda: "/office/staff",
        "programs": lambda: "/office/programs",
        "cards_by_number": lambda: f"/office/cards?q={pick(s.prefixes)}",
        "cards_by_phone": lambda: f"/office/cards?q={pick(s.phones).replace('+', '%2B')}",
        "cards_by_name": lambda: f"/office/cards?q={pick(s.names)}",
        "customers": lambda: f"/office/customers?q={pick(s.names)}",
        "card": lambda: f"/office/cards/{pick(cards)}",
        "day_csv": lambda: f"/office/day.csv?day={pick(s.days).isoformat()}",
        "card_history_csv": lambda: f"/office/cards/{pick(cards)}/history.csv",
        "terminals_csv": lambda: "/office/terminals.csv",
        "cards_csv": lambda: f"/office/cards.csv?q={pick(s.names)}",
    }


def _time_http(
    base: str,
    merchant: _bigmerchant.Merchant,
    s: Samples,
    requests: int,
    rng: random.Random,
    missing: list[str],
) -> dict[str, float]:
    """p95 ms of each page for each role; pages the server does not have (404) go to
    `missing` instead."""
    results: dict[str, float] = {}
    for role, login in (("owner", "owner"), ("manager", "manager")):
        client = _signed_in(base, merchant.id, login)
        try:
            for page, path in _http_pages(s, rng, role == "manager").items():
                times: list[float] = []
                for n in range(requests + 2):
                    url = path()
                    started = time.perf_counter()
                    answer = client.get(url)
                    body = answer.content  # read to the end (a CSV streams)
                    elapsed = (time.perf_counter() - started) * 1000
                    if answer.status_code == 404 and n == 0 and page not in missing:
                        missing.append(page)
                    if page in missing:
                        break
                    if answer.status_code != 200:
                        raise RuntimeError(f"{url} as {role}: {answer.status_code} {body[:300]!r}")
                    if n >= 2:  # two warm-up requests per page
                        times.append(elapsed)
                if times:
                    results[f"{page}:{role}"] = percentile(times, 95)
        finally:
            client.close()
    return results


def _direct_calls(
    merchant: _bigmerchant.Merchant, s: Samples, scope: reports.Scope, rng: random.Random
) -> dict[str, Callable[[Connection], object]]:
    """What each page reads, as `reports` calls."""
    cards = s.store_cards if scope.store_id else s.cards

    def day(conn: Connection) -> object:
        chosen = rng.choice(s.days)
        return reports.day_summary(conn, scope, chosen), reports.daily_series(conn, scope, chosen)

    def card(conn: Connection) -> object:
        chosen = rng.choice(cards)
        return reports.card_detail(conn, scope, chosen), reports.card_history(conn, scope, chosen)

    def whole_day(conn: Connection) -> object:
        chosen, after = rng.choice(s.days), None
        while page := reports.transactions_page(conn, scope, chosen, after_id=after):
            after = page[-1].id
        return after

    def search(values: list[str]) -> Callable[[Connection], object]:
        return lambda conn: reports.find_cards(conn, scope, rng.choice(values))

    return {
        "day": day,
        "terminals": lambda conn: reports.terminal_list(conn, scope, datetime.now(UTC)),
        "staff": lambda conn: reports.staff_list(conn, scope),
        "programs": lambda conn: reports.program_list(conn, merchant.id),
        "cards_by_number": search(s.prefixes),
        "cards_by_phone": search(s.phones),
        "cards_by_name": search(s.names),
        "card": card,
        "day_csv": whole_day,
    }


def _time_direct(
    url: str, merchant: _bigmerchant.Merchant, s: Samples, requests: int, rng: random.Random
) -> dict[str, float]:
    engine = make_engine(url, pool_size=2)
    try:
        results: dict[str, float] = {}
        for role, scope in (
            ("owner", reports.Scope(merchant.id)),
            ("manager", reports.Scope(merchant.id, merchant.stores[0])),
        ):
            for page, call in _direct_calls(merchant, s, scope, rng).items():
                times: list[float] = []
                for n in range(requests + 2):
                    started = time.perf_counter()
                    with read(engine) as conn:
                        call(conn)
                    if n >= 2:  # two warm-up calls per page
                        times.append((time.perf_counter() - started) * 1000)
                results[f"{page}:{role}"] = percentile(times, 95)
        return results
    finally:
        engine.dispose()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks backoffice")
    parser.add_argument("--cards", type=int, default=1_000_000)
    parser.add_argument("--transactions", type=int, default=10_000_000)
    parser.add_argument("--requests", type=int, default=40, help="timed requests per page")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--pg-admin-url",
        default=os.environ.get("LOYALTY_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/postgres"),
    )
    parser.add_argument("--database", help="the database to build or reuse (default: by sizes)")
    parser.add_argument("--direct", action="store_true", help="time reports.py, not HTTP pages")
    args = parser.parse_args(argv)
    rng = random.Random(18)

    def log(line: str) -> None:
        print(line, flush=True)

    merchants = _bigmerchant.merchants(args.cards, args.transactions)
    big = merchants[0]
    url, reused, build_s = _bigmerchant.ensure(
        args.pg_admin_url, merchants, datetime.now(UTC).date(), log, name=args.database
    )
    if not reused:
        log(f"built in {build_s:.0f} s")
    samples = _samples(url, big, rng)
    missing: list[str] = []
    if args.direct:
        mode = "direct"
        pages = _time_direct(url, big, samples, args.requests, rng)
    else:
        mode = "http"
        _office_users(url, big)
        with tempfile.TemporaryDirectory() as tmp:
            proc, base = _start_server(url, args.workers, Path(tmp) / "server.log")
            try:
                pages = _time_http(base, big, samples, args.requests, rng, missing)
            finally:
                proc.terminate()
                proc.wait(30)
    print_table(
        ["page:role", "p95 ms"], [(name, round(ms, 1)) for name, ms in sorted(pages.items())]
    )
    if missing:
        log(f"pages this server does not have (404): {', '.join(missing)}")
    worst = max(pages.values(), default=0.0)
    print_json(
        {
            "pages": {name: round(ms, 1) for name, ms in pages.items()},
            "max_p95_ms": round(worst, 1),
            "bar_ms": BAR_MS,
            "ok": worst <= BAR_MS and not missing,
            "missing_pages": missing,
            "mode": mode,
            "cards": args.cards,
            "transactions": args.transactions,
            "requests_per_page": args.requests,
            "database": url.rsplit("/", 1)[1],
            "reused_database": reused,
            "build_s": round(build_s, 1),
        }
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
