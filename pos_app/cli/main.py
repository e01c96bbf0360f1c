"""`loyalty-pos`: run the terminal's core from a shell.

Exit codes: 0 done; 1 refused by the card rules; 2 bad input or usage; 3 unknown card or
name; 4 the database cannot be used or its journal does not verify; 5 sign-in refused;
6 the server could not be reached or refused the sync; 7 the file asked for cannot be written.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import sys
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

import click
import httpx
from sqlalchemy.exc import DBAPIError

from pos_app import __version__
from pos_app.cli.render import card_json, card_summary, done_message, journal_table
from pos_app.domain.currency import DEFAULT_CURRENCY
from pos_app.domain.demo import DEMO_MERCHANT, DEMO_STAFF, DEMO_STORE
from pos_app.domain.identifiers import CardRef, format_card_number, parse_card_ref
from pos_app.domain.money import AmountError, parse_amount
from pos_app.domain.operations import (
    CardOperation,
    EarnPoints,
    RedeemPoints,
    RedeemStamps,
    Stamp,
    VoidPoints,
    normal_receipt,
)
from pos_app.domain.program import program_to_dict
from pos_app.domain.refusal import Refused
from pos_app.paths import default_db
from pos_app.services import card_life
from pos_app.services.clock import local_now
from pos_app.services.counter import Done, perform
from pos_app.services.customers import enrol, find_customer, read_contact
from pos_app.services.end_of_day import day_report, report_lines
from pos_app.services.errors import NotFoundError, ServiceError, SignInError, UnknownCardError
from pos_app.services.integrity import check_store
from pos_app.services.journal_view import journal_lines, write_csv
from pos_app.services.lookup import find_card
from pos_app.services.pairing import pair_terminal
from pos_app.services.returns import (
    ReceiptMiss,
    purchase_by_receipt,
    recent_purchases,
    return_of_purchase,
)
from pos_app.services.revocation import REVOKED_TEXT, known_revoked, server_says_revoked
from pos_app.services.setup import init_terminal
from pos_app.services.staff_auth import sign_in
from pos_app.services.sync import ServerLink, server_link, sync_once
from pos_app.services.sync_loop import SyncLoop
from pos_app.store import Store, StoreError, open_store
from pos_app.store.errors import database_failure
from pos_app.store.programs import all_programs
from pos_app.store.staff import StaffMember
from sync.engine.client import AuthRejected, ServerClient, SyncError

EXIT_REFUSED, EXIT_USAGE, EXIT_NOT_FOUND, EXIT_STORE, EXIT_SYNC, EXIT_OUTPUT = 1, 2, 3, 4, 6, 7
# How long `sync` waits for another sync of the same terminal (the window's, another
# `loyalty-pos sync`) before it gives up with EXIT_SYNC.
SYNC_WAIT_S = 180.0


@dataclass
class CliState:
    db: Path
    staff: str | None
    _store: Store | None = field(default=None, repr=False)

    def store(self) -> Store:
        if self._store is None:
            self._store = open_store(self.db, create=False)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()

    def staff_id(self) -> str:
        """The signed-in staff member's id: every journal entry names who made it."""
        return self.staff_member().id

    def staff_member(self) -> StaffMember:
        if not self.staff:
            raise click.UsageError("say who you are: --staff NAME (or set LOYALTY_POS_STAFF)")
        pin = os.environ.get("LOYALTY_POS_PIN")
        if pin is None:
            if not sys.stdin.isatty():
                raise SignInError("no PIN: set LOYALTY_POS_PIN, or run in a terminal to be asked")
            pin = click.prompt(f"PIN for {self.staff}", hide_input=True)
        return sign_in(self.store(), self.staff, pin)


def card_argument(value: str) -> CardRef:
    ref = parse_card_ref(value)
    if ref is None:
        raise click.BadParameter(
            f"{_short(value)} is not a card number (12 digits, XXXX-XXXX-XXXX) or a card QR code"
        )
    return ref


def _short(value: str) -> str:
    return repr(value if len(value) <= 40 else value[:37] + "...")


CARD = card_argument
# A QR token may start with "-": it must still be read as the CARD, not as an option.
CARD_FIRST = {"ignore_unknown_options": True}
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON for programs.")


class _TerminalGroup(click.Group):
    """Any failure of SQLite, wherever a command meets it, becomes one line naming the file."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except (DBAPIError, sqlite3.Error) as exc:
            state = ctx.find_object(CliState)
            db = state.db if state is not None else Path("the terminal database")
            raise database_failure(db, exc) from exc


@click.group(cls=_TerminalGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="loyalty-pos")
@click.option(
    "--db",
    type=click.Path(path_type=Path, dir_okay=False),
    envvar="LOYALTY_POS_DB",
    default=default_db,
    show_default="~/.local/share/loyalty-pos/terminal.db",
    help="The terminal database (env LOYALTY_POS_DB).",
)
@click.option(
    "--staff",
    envvar="LOYALTY_POS_STAFF",
    help="Staff name or id making the changes (env LOYALTY_POS_STAFF); the PIN is read "
    "from LOYALTY_POS_PIN or asked for.",
)
@click.pass_context
def cli(ctx: click.Context, db: Path, staff: str | None) -> None:
    """The loyalty terminal: stamps, points and rewards on a local store that works offline.

    CARD is a card number (1234-5678-9012, with or without dashes or spaces) or the QR code
    token printed on the customer's wallet pass.
    """
    state = CliState(db, staff)
    ctx.obj = state
    ctx.call_on_close(state.close)


@cli.command()
@click.option("--demo", is_flag=True, help="Add a demo merchant: two programs, staff, cards.")
@click.option("--demo-cards", default=20, show_default=True, help="How many demo cards.")
@click.option("--merchant", help="Merchant id (required without --demo).")
@click.option("--store", "store_id", help="Store id (required without --demo).")
@click.option("--name", default="Counter 1", show_default=True, help="This terminal's name.")
@click.pass_obj
def init(
    state: CliState,
    demo: bool,
    demo_cards: int,
    merchant: str | None,
    store_id: str | None,
    name: str,
) -> None:
    """Create a terminal database (refuses to touch an existing one)."""
    if demo:
        merchant, store_id = merchant or DEMO_MERCHANT, store_id or DEMO_STORE
    if not merchant or not store_id:
        raise click.UsageError("give --merchant and --store, or --demo")
    if not 0 <= demo_cards <= 1_000_000:
        raise click.BadParameter("between 0 and 1000000", param_hint="--demo-cards")
    store = init_terminal(
        state.db,
        merchant_id=merchant,
        store_id=store_id,
        name=name,
        demo_card_count=demo_cards if demo else 0,
    )
    store.close()
    click.echo(f"Terminal database ready at {state.db}")
    if demo:
        click.echo(f"Demo merchant with {demo_cards} cards. Staff (name / PIN):")
        for s in DEMO_STAFF:
            click.echo(f"  {s.name:<6} {s.pin}  {s.role}")


@cli.group()
def card() -> None:
    """Look cards up."""


@card.command("show", context_settings=CARD_FIRST)
@click.argument("ref", metavar="CARD", type=CARD)
@json_option
@click.pass_obj
def card_show(state: CliState, ref: CardRef, as_json: bool) -> None:
    """Show a card as the cashier sees it (server balance plus pending local work)."""
    view = find_card(state.store(), ref)
    if view is None:
        raise UnknownCardError(_unknown(ref))
    if as_json:
        click.echo(json.dumps(card_json(view.card, view.program, view.pending_entries)))
        return
    for line in card_summary(view.card, view.program):
        click.echo(line)
    click.echo(f"Pending   {view.pending_entries} not yet confirmed by the server")


@card.command("list")
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 100_000))
@json_option
@click.pass_obj
def card_list(state: CliState, limit: int, as_json: bool) -> None:
    """List the first cards this terminal knows."""
    from sqlalchemy import select

    from pos_app.store.cards import VIEW, card_from_row

    with state.store().read() as conn:
        cards = [
            card_from_row(r)
            for r in conn.execute(select(VIEW).order_by(VIEW.c.customer_name).limit(limit))
        ]
    if as_json:
        click.echo(
            json.dumps(
                [
                    {
                        "card_number": c.card_number,
                        "qr_token": c.qr_token,
                        "program_id": c.program_id,
                        "customer_name": c.customer_name,
                    }
                    for c in cards
                ]
            )
        )
        return
    for c in cards:
        click.echo(f"{format_card_number(c.card_number)}  {c.program_id:<8}  {c.customer_name}")


@cli.command()
@json_option
@click.pass_obj
def programs(state: CliState, as_json: bool) -> None:
    """List the programs and their reward catalogues."""
    with state.store().read() as conn:
        found = all_programs(conn)
    if as_json:
        click.echo(json.dumps([program_to_dict(p) for p in found]))
        return
    for p in found:
        click.echo(f"{p.id}: {p.name} ({p.kind.value})")
        if p.has_stamps:
            click.echo(f"  {p.stamps_target} stamps -> {p.stamp_reward}")
        for r in p.rewards:
            click.echo(f"  [{r.code}] {r.name}: {r.points_cost} points")


def _operate(state: CliState, ref: CardRef, op: CardOperation, as_json: bool) -> int:
    staff_id = state.staff_id()
    outcome = perform(state.store(), ref, op, staff_id)
    return _report(outcome, as_json)


def _report(outcome: Done | Refused, as_json: bool) -> int:
    if isinstance(outcome, Refused):
        if as_json:
            click.echo(json.dumps({"refused": outcome.code.value, "message": outcome.message}))
        else:
            click.echo(f"REFUSED  {outcome.message}", err=True)
        return EXIT_REFUSED
    if as_json:
        payload = {
            "entry": asdict(outcome.entry),
            "effect": asdict(outcome.effect),
            "card": card_json(outcome.card, outcome.program),
        }
        click.echo(json.dumps(payload))
    else:
        click.echo(done_message(outcome))
        for line in card_summary(outcome.card, outcome.program):
            click.echo(line)
    return 0


@cli.command(context_settings=CARD_FIRST)
@click.argument("ref", metavar="CARD", type=CARD)
@click.option("--count", default=1, show_default=True, help="Stamps to give at once.")
@click.option(
    "--provisional",
    is_flag=True,
    help="For a card this terminal does not know yet while the server cannot be reached: "
    "stamp it provisionally; the server stamps its card at the next sync, or refuses.",
)
@json_option
@click.pass_obj
def stamp(state: CliState, ref: CardRef, count: int, provisional: bool, as_json: bool) -> int:
    """Give stamps (refused within the cooldown or over the daily cap)."""
    outcome = perform(state.store(), ref, Stamp(count), state.staff_id(), provisional=provisional)
    return _report(outcome, as_json)


@cli.command(context_settings=CARD_FIRST)
@click.argument("ref", metavar="CARD", type=CARD)
@json_option
@click.pass_obj
def redeem(state: CliState, ref: CardRef, as_json: bool) -> int:
    """Give the stamp card's reward (takes the target number of stamps)."""
    return _operate(state, ref, RedeemStamps(), as_json)


@cli.command(context_settings=CARD_FIRST)
@click.argument("ref", metavar="CARD", type=CARD)
@click.argument("amount")
@click.option("--receipt", default="", help="The till's receipt reference (for a return).")
@json_option
@click.pass_obj
def earn(state: CliState, ref: CardRef, amount: str, receipt: str, as_json: bool) -> int:
    """Earn points for a purchase of AMOUNT (like 12.50, in the card's program currency)."""
    view = find_card(state.store(), ref)
    currency = view.program.currency if view is not None else DEFAULT_CURRENCY
    try:
        minor = parse_amount(amount, currency)
    except AmountError as exc:
        raise click.BadParameter(str(exc), param_hint="AMOUNT") from None
    return _operate(state, ref, EarnPoints(minor, _receipt(receipt)), as_json)


def _receipt(text: str) -> str:
    try:
        return normal_receipt(text)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--receipt") from None


@cli.command("redeem-points", context_settings=CARD_FIRST)
@click.argument("ref", metavar="CARD", type=CARD)
@click.argument("reward")
@json_option
@click.pass_obj
def redeem_points(state: CliState, ref: CardRef, reward: str, as_json: bool) -> int:
    """Buy catalogue REWARD (its code, see `programs`) with points."""
    return _operate(state, ref, RedeemPoints(reward), as_json)


@cli.command(context_settings=CARD_FIRST)
@click.argument("ref", metavar="CARD", type=CARD)
@click.argument("points", type=click.IntRange(min=1, max=10_000_000))
@json_option
@click.pass_obj
def void(state: CliState, ref: CardRef, points: int, as_json: bool) -> int:
    """Take POINTS back for a return (the balance stops at zero)."""
    return _operate(state, ref, VoidPoints(points), as_json)


@cli.command()
@click.option("--program", "program_id", help="Program id (needed when there are several).")
@click.option("--name", default="", help="Customer name.")
@click.option("--phone", default="", help="Customer's phone (to find them without the card).")
@click.option("--email", default="", help="Customer's e-mail address.")
@click.option("--consent", is_flag=True, help="The customer agrees to be contacted.")
@json_option
@click.pass_obj
def enroll(
    state: CliState,
    program_id: str | None,
    name: str,
    phone: str,
    email: str,
    consent: bool,
    as_json: bool,
) -> int:
    """Make a new card for a customer, with the program's welcome bonus.

    Refused (exit 1, naming the card) when the customer, known by phone or e-mail, already
    holds a card here."""
    if len(name) > 200:
        raise click.BadParameter("at most 200 characters", param_hint="--name")
    contact = read_contact(phone, email, consent)
    staff_id = state.staff_id()
    done = enrol(state.store(), staff_id, program_id, name, contact)
    if not as_json:
        click.echo(f"QR code   {done.card.qr_token}")
    return _report(done, as_json)


def _manager(state: CliState) -> StaffMember:
    staff = state.staff_member()
    if not staff.is_manager:
        raise SignInError(f"{staff.name} is not a manager; this needs a manager")
    return staff


@cli.command(context_settings=CARD_FIRST)
@click.argument("ref", metavar="CARD", type=CARD)
@click.option("--reason", default="", help="Why (lost, misused, the customer asked).")
@json_option
@click.pass_obj
def deactivate(state: CliState, ref: CardRef, reason: str, as_json: bool) -> int:
    """Stop the card at every counter (a manager); balances stay."""
    return _report(card_life.deactivate(state.store(), ref, _manager(state), reason), as_json)


@cli.command(context_settings=CARD_FIRST)
@click.argument("ref", metavar="CARD", type=CARD)
@json_option
@click.pass_obj
def reactivate(state: CliState, ref: CardRef, as_json: bool) -> int:
    """Let a deactivated card work again (a manager)."""
    return _report(card_life.reactivate(state.store(), ref, _manager(state)), as_json)


@cli.command(context_settings=CARD_FIRST)
@click.argument("ref", metavar="CARD", type=CARD)
@json_option
@click.pass_obj
def replace(state: CliState, ref: CardRef, as_json: bool) -> int:
    """A lost card's new number and QR code, balances and history carried (a manager)."""
    return _report(card_life.replace_card(state.store(), ref, _manager(state)), as_json)


@cli.command(context_settings=CARD_FIRST)
@click.argument("source", metavar="OTHER_CARD", type=CARD)
@click.argument("target", metavar="CARD", type=CARD)
@json_option
@click.pass_obj
def merge(state: CliState, source: CardRef, target: CardRef, as_json: bool) -> int:
    """Merge the customer's OTHER_CARD into CARD (a manager): its balances move, it stops."""
    outcome = card_life.merge_cards(state.store(), source, target, _manager(state))
    return _report(outcome, as_json)


@cli.command(context_settings=CARD_FIRST)
@click.argument("ref", metavar="CARD", type=CARD)
@click.option("--points", type=int, default=0)
@click.option("--stamps", type=int, default=0)
@click.option("--reason", required=True, help="Why (kept in the journal).")
@json_option
@click.pass_obj
def adjust(
    state: CliState, ref: CardRef, points: int, stamps: int, reason: str, as_json: bool
) -> int:
    """Add or take off points or stamps with a written reason (a manager)."""
    manager = _manager(state)
    return _report(card_life.adjust(state.store(), ref, manager, reason, points, stamps), as_json)


@cli.command("return", context_settings=CARD_FIRST)
@click.argument("ref", metavar="CARD", type=CARD)
@click.argument("purchase", required=False)
@click.argument("amount", required=False)
@click.option("--receipt", default="", help="Name the purchase by its receipt reference.")
@json_option
@click.pass_obj
def return_command(
    state: CliState,
    ref: CardRef,
    purchase: str | None,
    amount: str | None,
    receipt: str,
    as_json: bool,
) -> int:
    """Take back the points of journal entry PURCHASE (an earn; see `journal --card`) for
    AMOUNT returned (all of what is left by default): that purchase's rate, never more.

    With --receipt REF the purchase is the earn typed with that receipt reference (this
    terminal's, or the server's when it answers): `return CARD --receipt REF [AMOUNT]`."""
    store = state.store()
    view = find_card(store, ref)
    if view is None:
        raise UnknownCardError(_unknown(ref))
    if receipt:
        if amount is not None:
            raise click.UsageError("with --receipt, give at most AMOUNT after CARD")
        amount, wanted = purchase, _receipt(receipt)
        by_receipt = purchase_by_receipt(store, view.card.id, wanted)
        if isinstance(by_receipt, ReceiptMiss):
            raise NotFoundError(by_receipt.describe(wanted))
        if by_receipt.returnable_minor <= 0:
            raise NotFoundError(f"the purchase with receipt {wanted} was returned in full")
        found = [by_receipt]
    else:
        seq = _purchase_number(purchase)
        returnable = recent_purchases(store, view.card.id, limit=10_000)
        found = [p for p in returnable if p.seq == seq]
        if not found:
            raise NotFoundError(f"entry {seq} is no purchase of this card left to return")
    try:
        minor = found[0].returnable_minor if amount is None else parse_amount(amount)
    except AmountError as exc:
        raise click.BadParameter(str(exc), param_hint="AMOUNT") from None
    outcome = return_of_purchase(store, ref, found[0], minor, state.staff_id())
    return _report(outcome, as_json)


def _purchase_number(text: str | None) -> int:
    if text is None:
        raise click.UsageError("name the purchase: PURCHASE (its journal number) or --receipt")
    if not text.isdigit() or int(text) < 1:
        raise click.BadParameter(f"{text!r} is no journal number", param_hint="PURCHASE")
    return int(text)


@cli.command("find-customer")
@click.argument("text")
@json_option
@click.pass_obj
def find_customer_command(state: CliState, text: str, as_json: bool) -> int:
    """Find a customer without their card: by phone, e-mail or part of the name.

    Asks the server when it answers; otherwise this terminal's own keyed hashes and cards.
    Exits 3 when nobody is found."""
    found = find_customer(state.store(), text)
    if as_json:
        click.echo(
            json.dumps({"online": found.online, "customers": [asdict(c) for c in found.customers]})
        )
    else:
        click.echo("from the server" if found.online else "from this terminal (offline)")
        for c in found.customers:
            numbers = ", ".join(format_card_number(n) for n in c.card_numbers) or "no card"
            details = "  ".join(c.details)
            click.echo(
                "  ".join(part for part in (c.name or "(no name)", details, numbers) if part)
            )
    if not found.customers:
        if not as_json:
            click.echo("no customer found", err=True)
        return EXIT_NOT_FOUND
    return 0


@cli.command()
@click.option("--card", "card_ref", type=CARD, help="Only this card's entries.")
@click.option("--last", type=click.IntRange(min=1), help="Only the newest N entries.")
@json_option
@click.pass_obj
def journal(state: CliState, card_ref: CardRef | None, last: int | None, as_json: bool) -> None:
    """Show the journal: every operation this terminal made, with its sync status."""
    card_id = None
    if card_ref is not None:
        view = find_card(state.store(), card_ref)
        if view is None:
            raise UnknownCardError(_unknown(card_ref))
        card_id = view.card.id
    lines = list(journal_lines(state.store(), card_id, last))
    if as_json:
        click.echo(json.dumps([asdict(line) for line in lines]))
        return
    for text in journal_table(lines):
        click.echo(text)


@cli.command("verify-journal")
@click.option(
    "--no-cards", is_flag=True, help="Check only the hash chain, not each card against replay."
)
@click.pass_obj
def verify_journal(state: CliState, no_cards: bool) -> int:
    """Check the journal's hash chain and sequence, and every card against its replay.

    Exits 4 and names the first bad entry when an entry was edited, deleted, inserted or
    reordered.
    """
    report = check_store(state.store(), with_cards=not no_cards)
    if not report.chain.ok:
        click.echo(f"FAILED  {report.chain.problem}", err=True)
        return EXIT_STORE
    if report.mismatched_cards:
        ids = ", ".join(report.mismatched_cards[:5])
        click.echo(
            f"FAILED  {len(report.mismatched_cards)} card(s) differ from their journal: {ids}",
            err=True,
        )
        return EXIT_STORE
    cards = "" if no_cards else f"; {report.cards_checked} cards match their journal"
    click.echo(f"OK  {report.chain.entries} entries, chain intact{cards}")
    return 0


@cli.command()
@click.option(
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    help="CSV file to write (default: standard output).",
)
@click.pass_obj
def export(state: CliState, out: Path | None) -> int:
    """Export the journal as CSV (one row per entry, with its sync status).

    Exits 7 when the file cannot be written; a file already there is left as it was.
    """
    lines = journal_lines(state.store())
    if out is None:
        write_csv(lines, sys.stdout)
        return 0
    # Written beside it and renamed over it: a failure half way leaves no half file.
    partial = out.with_name(f".{out.name}.partial")
    try:
        with partial.open("w", newline="", encoding="utf-8") as f:
            count = write_csv(lines, f)
        os.replace(partial, out)
    except OSError as exc:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        why = exc.strerror or type(exc).__name__
        click.echo(f"error: cannot write {out}: {why}; choose a file you can write", err=True)
        return EXIT_OUTPUT
    click.echo(f"{count} entries written to {out}", err=True)
    return 0


@cli.command()
@click.argument("url")
@click.argument("code")
@click.option("--name", default="Counter 1", show_default=True, help="This terminal's name.")
@click.pass_obj
def pair(state: CliState, url: str, code: str, name: str) -> None:
    """Pair this terminal with the server at URL using a one-time CODE.

    A new database takes its merchant and store from the server; the terminal token is kept
    in the database and never printed.
    """
    store = pair_terminal(state.db, url, code, name)
    identity = store.identity()
    store.close()
    click.echo(f"Paired with {url} as {identity.name} ({identity.merchant_id}/{identity.store_id})")
    click.echo("Run `loyalty-pos sync` to fetch programs, staff and cards.")


def _progress_printer() -> Callable[[str, int, int], None]:
    def show(phase: str, done: int, total: int) -> None:
        if sys.stderr.isatty():
            click.echo(f"\r{phase}: {done}/{max(done, total)}", nl=False, err=True)
        elif phase == "pull" and done and (done == total or done % 50_000 < 5000):
            click.echo(f"{phase}: {done}/{max(done, total)}", err=True)

    return show


@cli.command("sync")
@click.option("--eod", is_flag=True, help="End of day: sync, then the day's report (manager).")
@click.option("--day", type=click.DateTime(formats=["%Y-%m-%d"]), help="Report day (--eod).")
@click.pass_obj
def sync_command(state: CliState, eod: bool, day: datetime | None) -> int:
    """Push pending entries to the server and pull its changes (with progress)."""
    store = state.store()
    if eod:
        staff = state.staff_member()
        if not staff.is_manager:
            raise SignInError(f"{staff.name} is not a manager; the end of day needs a manager")
    link = server_link(store)
    if link is None:
        if not eod:
            raise ServiceError("this terminal is not paired: run `loyalty-pos pair URL CODE`")
        synced = False
    else:
        with ServerClient(link.url, link.token) as client:
            try:
                result = sync_once(
                    store,
                    client,
                    progress=_progress_printer(),
                    wait_s=SYNC_WAIT_S,
                    on_wait=lambda: click.echo(
                        "Another sync of this terminal is running; waiting for it to finish...",
                        err=True,
                    ),
                )
                synced = True
                pushed = ", ".join(f"{n} {s}" for s, n in sorted(result.pushed.statuses.items()))
                click.echo(
                    f"Synced: pushed {result.pushed.sent} ({pushed or 'nothing'}); "
                    f"pulled {result.pulled.changes} changes"
                )
            except SyncError as exc:
                synced = False
                click.echo(f"Sync failed: {exc}", err=True)
    if eod:
        report = day_report(store, (day or local_now()).date())
        for line in report_lines(report):
            click.echo(line)
        if not synced:
            click.echo("WARNING: the sync did not complete; the report may be incomplete.")
    return 0 if synced else EXIT_SYNC


@cli.command()
@click.pass_obj
def status(state: CliState) -> None:
    """Show the terminal: identity, server, pending entries, last sync, warnings."""
    store = state.store()
    identity = store.identity()
    link = server_link(store)
    loop = SyncLoop(store, link)
    current = loop.status()
    click.echo(f"Terminal  {identity.name} ({identity.terminal_id})")
    click.echo(f"Merchant  {identity.merchant_id}, store {identity.store_id}")
    click.echo(f"Server    {link.url if link else 'none (standalone)'}")
    if link is not None:
        click.echo(f"          {_server_state(store, link)}")
    click.echo(f"Pending   {current.pending} entries not yet confirmed")
    last = current.last_sync_at.isoformat(timespec="seconds") if current.last_sync_at else "never"
    click.echo(f"Last sync {last}")
    for warning in current.warnings:
        click.echo(f"WARNING   {warning}")


def _server_state(store: Store, link: ServerLink) -> str:
    """Whether the server answers and still takes this terminal's token (asked, read only)."""
    revoked = f"REVOKED: {REVOKED_TEXT} (`loyalty-pos pair URL CODE` with a new code)"
    if known_revoked(store):
        return revoked
    try:
        with ServerClient(link.url, link.token, timeout=httpx.Timeout(3.0)) as client:
            client.health()
            if server_says_revoked(store, client):
                return revoked
    except AuthRejected as exc:
        return f"reachable, but it refuses this terminal: {exc}"
    except SyncError as exc:
        return f"not reachable: {exc}"
    return "reachable"


def _unknown(ref: CardRef) -> str:
    if ref.kind == "number":
        return f"no card {format_card_number(ref.value)} on this terminal"
    return "no card with this QR code on this terminal"


def main(argv: list[str] | None = None) -> None:
    """Entry point: one clear line on stderr and a meaningful exit code, never a traceback."""
    try:
        result = cli.main(args=argv, prog_name="loyalty-pos", standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.Abort:
        click.echo("aborted", err=True)
        sys.exit(EXIT_REFUSED)
    except ServiceError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except StoreError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_STORE)
    except SyncError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_SYNC)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:
        if os.environ.get("LOYALTY_POS_DEBUG"):
            raise
        click.echo(
            f"error: unexpected {type(exc).__name__}: {exc} (LOYALTY_POS_DEBUG=1 shows details)",
            err=True,
        )
        sys.exit(70)
    sys.exit(result if isinstance(result, int) else 0)
