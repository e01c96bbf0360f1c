"""`make demo`: the whole product in one scripted story, printed step by step.

A central server with a demo merchant (two stores, thousands of cards, a stamps and a points
program) and two paired terminals. Customers are served; the server goes away; both counters
keep working; both give the same customer a reward her balance covers only once; the server
comes back; the end-of-day sync shows the refusal with its reason; both journals verify.
Everything runs through the same code as the real terminal and server, on loopback.

    python -m pos_app.cli.demo_story [--dir DIR] [--cards N]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import select

from pos_app.domain.card import Card
from pos_app.domain.identifiers import CardRef, format_card_number
from pos_app.domain.operations import CardOperation, EarnPoints, RedeemPoints, Stamp
from pos_app.domain.refusal import Refused
from pos_app.services.clock import local_now
from pos_app.services.counter import Done, perform
from pos_app.services.embedded_server import EmbeddedServer, server_command, start_embedded_server
from pos_app.services.end_of_day import day_report, report_lines
from pos_app.services.integrity import check_store
from pos_app.services.pairing import pair_terminal
from pos_app.services.sync import server_link, sync_once
from pos_app.store import Store
from pos_app.store.cards import VIEW, card_from_row
from pos_app.store.terminal import URL_KEY, put_setting
from sync.engine.client import ServerClient, SyncError

CASHIER_A, CASHIER_B = "staff-alex", "staff-sam"


def say(text: str) -> None:
    print(text, flush=True)


def step(number: int, title: str) -> None:
    say(f"\n== {number}. {title}")


@contextmanager
def running_server(data_dir: Path, cards: int) -> Iterator[EmbeddedServer]:
    server = start_embedded_server(data_dir, demo_cards=cards)
    try:
        yield server
    finally:
        server.stop()


def pair(server: EmbeddedServer, db: Path, store_id: str, name: str) -> Store:
    db_url = f"sqlite:///{server.log.parent / 'server.db'}"
    code = server_command(db_url, "pair-code", "--store", store_id).splitlines()[-1]
    return pair_terminal(db, server.url, code, name)


def sync(store: Store, name: str) -> bool:
    link = server_link(store)
    assert link is not None
    try:
        with ServerClient(link.url, link.token) as client:
            result = sync_once(store, client)
    except SyncError as exc:
        say(f"   {name}: sync failed ({exc.__class__.__name__}): working offline")
        return False
    answers = ", ".join(f"{n} {s}" for s, n in sorted(result.pushed.statuses.items()))
    say(
        f"   {name}: pushed {result.pushed.sent} ({answers or 'nothing'}), "
        f"pulled {result.pulled.changes} changes"
    )
    return True


def serve(store: Store, name: str, staff: str, card: Card, op: CardOperation) -> Done | Refused:
    outcome = perform(store, CardRef.number(card.card_number), op, staff)
    number = format_card_number(card.card_number)
    if isinstance(outcome, Refused):
        say(f"   {name}: {number} {op.kind.value}: REFUSED - {outcome.message}")
    else:
        c = outcome.card
        balance = (
            _count(c.stamp_count, "stamp")
            if outcome.program.has_stamps
            else _count(c.points_balance, "point")
        )
        say(f"   {name}: {number} {op.kind.value}: ok, now {balance}")
    return outcome


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def local_cards(store: Store, program_id: str, limit: int) -> list[Card]:
    with store.read() as conn:
        rows = conn.execute(
            select(VIEW)
            .where(VIEW.c.program_id == program_id)
            .order_by(VIEW.c.card_number)
            .limit(limit)
        )
        return [card_from_row(r) for r in rows]


def story(data_dir: Path, card_count: int) -> int:
    step(1, f"A central server with a demo merchant: 2 stores, {card_count} cards")
    with running_server(data_dir / "server", card_count) as server:
        say(f"   server at {server.url} (SQLite in {data_dir / 'server'})")
        step(2, "Two counters are paired, one in each store, and pull the merchant's cards")
        a = pair(server, data_dir / "counter-a.db", "store-1", "Counter A")
        b = pair(server, data_dir / "counter-b.db", "store-2", "Counter B")
        sync(a, "Counter A")
        sync(b, "Counter B")

        step(3, "Customers are served at both counters")
        coffee = local_cards(a, "coffee", 3)
        bakery = [c for c in local_cards(a, "bakery", 400) if 300 <= c.points_balance < 600]
        for card in coffee:
            serve(a, "Counter A", CASHIER_A, card, Stamp())
        serve(b, "Counter B", CASHIER_B, bakery[1], EarnPoints(2450))
        sync(a, "Counter A")
        sync(b, "Counter B")
        url = server.url

    step(4, "The server goes away (stopped); both counters keep working offline")
    for store in (a, b):  # nothing listens there any more
        with store.write() as conn:
            put_setting(conn, URL_KEY, url)
    serve(a, "Counter A", CASHIER_A, local_cards(a, "coffee", 4)[3], Stamp())
    serve(b, "Counter B", CASHIER_B, local_cards(b, "coffee", 5)[4], Stamp())
    sync(a, "Counter A")

    customer = bakery[0]
    step(5, f"The same customer ({customer.points_balance} points) gets a 300-point cake at both")
    serve(a, "Counter A", CASHIER_A, customer, RedeemPoints("cake"))
    serve(b, "Counter B", CASHIER_B, customer, RedeemPoints("cake"))
    say("   each counter, offline, saw enough points: the server will decide")

    with running_server(data_dir / "server", card_count) as server:
        step(6, f"The server comes back at {server.url}; Counter A syncs first")
        for store in (a, b):
            with store.write() as conn:
                put_setting(conn, URL_KEY, server.url)
        sync(a, "Counter A")
        step(7, "End of day at Counter B (manager Sam): sync, then the day's report")
        sync(b, "Counter B")
        report = day_report(b, local_now().date())
        for line in report_lines(report):
            say("   " + line)

    step(8, "Both journals verify: hash chain, sequence, every card against its replay")
    ok = True
    for store, name in ((a, "Counter A"), (b, "Counter B")):
        check = check_store(store)
        ok &= check.ok
        state = "intact" if check.ok else f"BROKEN: {check.chain.problem}"
        say(f"   {name}: {check.chain.entries} entries, chain {state}")
        store.close()
    refused = [p for p in report.problems if p.status == "refused"]
    say(
        "\nThe story ends as it should: nothing lost, nothing counted twice, and the refused "
        "cake is on the manager's report with its reason."
        if ok and refused
        else "\nSomething is wrong: see above."
    )
    return 0 if ok and refused else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="demo_story", description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, help="where the databases go (default: a temp dir)")
    parser.add_argument("--cards", type=int, default=3000, help="demo cards on the server")
    args = parser.parse_args(argv)
    if args.dir is not None:
        args.dir.mkdir(parents=True, exist_ok=True)
        return story(args.dir, args.cards)
    with tempfile.TemporaryDirectory(prefix="loyalty-demo-") as tmp:
        return story(Path(tmp), args.cards)


if __name__ == "__main__":
    sys.exit(main())
