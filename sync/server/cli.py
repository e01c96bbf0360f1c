"""`loyalty-server`: the operator's commands (set up, seed, pair, revoke, serve).

Every command takes `--db URL` (or $LOYALTY_SERVER_DB; a SQLite file by default). Errors
print one line and exit non-zero; no traceback reaches the operator.
"""

from __future__ import annotations

import csv
import json
import os
import sys
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, TypeVar

import click
from sqlalchemy import Engine, inspect
from sqlalchemy.exc import SQLAlchemyError

from pos_app.domain.currency import DEFAULT_CURRENCY
from pos_app.domain.customer import ContactError, normal_email, normal_phone
from pos_app.domain.demo import DEMO_MERCHANT, DEMO_STORES
from pos_app.domain.identifiers import format_card_number
from pos_app.domain.program import OfflineLimits, Program, ProgramKind, Reward, program_from_dict
from sync.server import admin, demo, wallet_cli
from sync.server.admin import AdminError
from sync.server.app import FAILURES_ENV, INSTANCE_ENV, POOL_SIZE_ENV, POOL_TIMEOUT_ENV
from sync.server.card_actions import (
    CardActionError,
    adjust_op,
    card_action,
    deactivate_op,
    merge_cards,
    reactivate_op,
    replace_op,
)
from sync.server.customers import (
    CustomerError,
    erase_customer,
    export_customer,
    find_customers,
    masked,
)
from sync.server.db import DB_ENV, DEFAULT_DB, database_url, is_sqlite, make_engine, migrate, write
from sync.server.expiry import expire_points, run_on_schedule
from sync.server.office import users as office_users
from sync.server.pairing import PairingError, create_pair_code
from sync.server.wallet import face
from sync.server.wallet import settings as wallet_settings
from sync.server.wallet.sender import WalletSender

_WALLET_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)

F = TypeVar("F", bound=Callable[..., Any])


def _now() -> datetime:
    return datetime.now(UTC)


def db_option(func: F) -> F:
    option = click.option(
        "--db",
        "db",
        envvar=DB_ENV,
        default=DEFAULT_DB,
        show_default=True,
        help=f"Database URL (postgresql://... or sqlite:///file); env {DB_ENV}.",
    )
    return option(func)


class _Group(click.Group):
    """Turns the errors an operator can cause into one line and exit status 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (AdminError, PairingError, CustomerError, ContactError, CardActionError) as exc:
            raise click.ClickException(str(exc)) from None
        except SQLAlchemyError as exc:
            first_line = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
            raise click.ClickException(f"database: {first_line}") from None
        except OSError as exc:
            raise click.ClickException(str(exc)) from None


@click.group(cls=_Group)
def cli() -> None:
    """The loyalty central server: set-up, pairing and the HTTP API."""


def _engine(db: str) -> Engine:
    """An engine on a database `init-db` has prepared; a clear error if it has not."""
    url = database_url(db)
    engine = make_engine(url, pool_size=2)
    if not inspect(engine).has_table("merchants"):
        engine.dispose()
        raise click.ClickException(f"{_safe(url)} has no server schema: run init-db first")
    return engine


def _safe(url: str) -> str:
    """A URL without its password, for messages."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


@cli.command("init-db")
@db_option
def init_db(db: str) -> None:
    """Create the schema, or upgrade it to the latest migration."""
    migrate(db)
    click.echo(f"database ready: {_safe(database_url(db))}")


@cli.command("create-merchant")
@db_option
@click.argument("merchant_id")
@click.option("--name", required=True)
def create_merchant(db: str, merchant_id: str, name: str) -> None:
    with write(_engine(db)) as conn:
        admin.create_merchant(conn, merchant_id, name, _now())
    click.echo(f"merchant {merchant_id} created")


@cli.command("add-store")
@db_option
@click.argument("store_id")
@click.option("--merchant", "merchant_id", required=True)
@click.option("--name", required=True)
def add_store(db: str, store_id: str, merchant_id: str, name: str) -> None:
    with write(_engine(db)) as conn:
        admin.add_store(conn, store_id, merchant_id, name, _now())
    click.echo(f"store {store_id} added to {merchant_id}")


@cli.command("add-staff")
@db_option
@click.argument("staff_id")
@click.option("--merchant", "merchant_id", required=True)
@click.option("--name", required=True)
@click.option("--role", type=click.Choice(["cashier", "manager"]), default="cashier")
@click.option("--pin", prompt=True, hide_input=True, confirmation_prompt=True)
def add_staff(db: str, staff_id: str, merchant_id: str, name: str, role: str, pin: str) -> None:
    """Add a staff member (or replace their PIN); the PIN is stored as a slow hash."""
    with write(_engine(db)) as conn:
        admin.add_staff(conn, staff_id, merchant_id, name, role, pin, _now())
    click.echo(f"staff {staff_id} saved")


def _reward(text: str) -> Reward:
    try:
        code, name, cost = text.split(":", 2)
        return Reward(code, name, int(cost))
    except ValueError:
        raise click.BadParameter(f"{text!r}: write a reward as CODE:NAME:POINTS") from None


@cli.command("add-program")
@db_option
@click.argument("program_id", required=False)
@click.option("--merchant", "merchant_id")
@click.option("--name")
@click.option("--kind", type=click.Choice([k.value for k in ProgramKind]))
@click.option("--stamps-target", type=int, default=10, show_default=True)
@click.option("--stamp-reward", default="Free item", show_default=True)
@click.option("--cooldown-minutes", type=int, default=0, show_default=True)
@click.option("--daily-stamp-cap", type=int)
@click.option("--points-per-unit", default="1", show_default=True)
@click.option(
    "--currency",
    default=DEFAULT_CURRENCY,
    show_default=True,
    help="ISO 4217 code of the purchases points are earned on (JPY, EUR, KWD, ...).",
)
@click.option("--reward", "rewards", multiple=True, help="CODE:NAME:POINTS, repeatable.")
@click.option("--welcome-points", type=int, default=0)
@click.option("--welcome-stamps", type=int, default=0)
@click.option("--points-expiry-days", type=int)
@click.option("--single-store", is_flag=True, help="Cards work only where they were made.")
@click.option(
    "--from-json",
    "json_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A program as JSON (the wire's WireProgram fields); other options are ignored.",
)
def add_program(
    db: str,
    program_id: str | None,
    merchant_id: str | None,
    name: str | None,
    kind: str | None,
    stamps_target: int,
    stamp_reward: str,
    cooldown_minutes: int,
    daily_stamp_cap: int | None,
    points_per_unit: str,
    currency: str,
    rewards: tuple[str, ...],
    welcome_points: int,
    welcome_stamps: int,
    points_expiry_days: int | None,
    single_store: bool,
    json_file: Path | None,
) -> None:
    """Add a program, or change its rules (which bumps its rule version)."""
    try:
        if json_file is not None:
            data = json.loads(json_file.read_text())
            data.setdefault("rule_version", 1)
            data.setdefault("offline", _offline_dict(OfflineLimits()))
            program = program_from_dict(data)
        else:
            if not (program_id and merchant_id and name and kind):
                raise click.UsageError("give PROGRAM_ID, --merchant, --name and --kind")
            program = Program(
                id=program_id,
                merchant_id=merchant_id,
                name=name,
                kind=ProgramKind(kind),
                stamps_target=stamps_target,
                stamp_reward=stamp_reward,
                cooldown_minutes=cooldown_minutes,
                daily_stamp_cap=daily_stamp_cap,
                points_per_unit=Decimal(points_per_unit),
                currency=currency.upper(),
                rewards=tuple(_reward(r) for r in rewards),
                welcome_bonus_points=welcome_points,
                welcome_bonus_stamps=welcome_stamps,
                points_expiry_days=points_expiry_days,
                cross_store=not single_store,
            )
    except (KeyError, TypeError) as exc:
        raise click.ClickException(f"program JSON is missing or mistypes {exc}") from None
    except (ValueError, InvalidOperation) as exc:
        raise click.ClickException(f"invalid program: {exc}") from None
    with write(_engine(db)) as conn:
        saved = admin.add_program(conn, program, _now())
    click.echo(f"program {saved.id} saved (rule version {saved.rule_version})")


def _offline_dict(limits: OfflineLimits) -> dict[str, Any]:
    return {
        "max_offline_points_redeemed_per_card": limits.max_offline_points_redeemed_per_card,
        "warn_unsynced_after_minutes": limits.warn_unsynced_after_minutes,
        "stop_redemptions_unsynced_after_minutes": limits.stop_redemptions_unsynced_after_minutes,
        "allow_unknown_cards": limits.allow_unknown_cards,
    }


@cli.command("import-cards")
@db_option
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--merchant", "merchant_id", required=True)
def import_cards(db: str, csv_file: Path, merchant_id: str) -> None:
    """Cards from a CSV with a header: card_number, qr_token, program_id, store_id
    [, id, customer_name, stamp_count, points_balance]. All or nothing."""
    with csv_file.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        with write(_engine(db)) as conn:
            count = admin.import_cards(conn, merchant_id, reader, _now())
    click.echo(f"{count} cards imported")


@cli.command("seed-demo")
@db_option
@click.option("--cards", "card_count", type=click.IntRange(0), default=20, show_default=True)
def seed_demo(db: str, card_count: int) -> None:
    """The demo merchant (same ids and PINs as the terminal's demo) with N cards."""
    with write(_engine(db)) as conn:
        demo.seed_demo(conn, card_count, _now())
    stores = ", ".join(s.id for s in DEMO_STORES)
    click.echo(f"demo merchant {DEMO_MERCHANT}: stores {stores}, {card_count} cards")


@cli.command("pair-code")
@db_option
@click.option("--store", "store_id", required=True)
@click.option("--minutes", type=click.IntRange(1, 24 * 60), default=15, show_default=True)
def pair_code(db: str, store_id: str, minutes: int) -> None:
    """Print a one-time pairing code for a terminal of STORE."""
    with write(_engine(db)) as conn:
        code = create_pair_code(conn, store_id, _now(), timedelta(minutes=minutes))
    click.echo(code)


@cli.command("revoke")
@db_option
@click.argument("terminal_id")
def revoke(db: str, terminal_id: str) -> None:
    """Revoke a terminal's token at once; it must be paired again to sync."""
    try:
        terminal_id = str(uuid.UUID(terminal_id))
    except ValueError:
        raise click.ClickException(f"{terminal_id!r} is not a terminal id (a UUID)") from None
    with write(_engine(db)) as conn:
        admin.revoke_terminal(conn, terminal_id, _now())
    click.echo(f"terminal {terminal_id} revoked")


@cli.group("wallet")
def wallet() -> None:
    """Apple and Google Wallet passes: set-up and its check."""


@wallet.command("configure")
@db_option
@click.option("--public-url", help="This server's address as customers' phones reach it.")
@click.option("--apple-cert", type=_WALLET_FILE, help="Pass Type ID certificate (PEM or DER).")
@click.option("--apple-key", type=_WALLET_FILE, help="Its private key (PEM, mode 0600).")
@click.option("--apple-wwdr", type=_WALLET_FILE, help="Apple's WWDR intermediate certificate.")
@click.option("--pass-type-id", help="e.g. pass.com.example.loyalty")
@click.option("--team-id", help="The Apple developer team id (10 characters).")
@click.option("--google-issuer-id", help="The Google Wallet issuer id (a number).")
@click.option("--google-key", type=_WALLET_FILE, help="Service-account key JSON (mode 0600).")
@click.option("--apns-url", help=f"APNs address (default {wallet_settings.APNS_URL}).")
@click.option("--google-token-url", help="OAuth token address (default Google's).")
@click.option("--google-api-url", help="Wallet REST API address (default Google's).")
def wallet_configure(db: str, **options: Any) -> None:
    """Store the wallet set-up (given options replace stored ones); refused unless it checks."""
    for line in wallet_cli.configure(_engine(db), **options):
        click.echo(line)
    click.echo("wallet set-up saved")


@wallet.command("check")
@db_option
def wallet_check(db: str) -> None:
    """Verify the stored set-up: certificate chain, key match, expiry, key files' modes."""
    fine, wrong = wallet_cli.check(_engine(db))
    for line in fine:
        click.echo(f"ok: {line}")
    for line in wrong:
        click.echo(f"problem: {line}")
    if wrong:
        raise click.ClickException(f"{len(wrong)} problem(s) with the wallet set-up")


@wallet.command("brand")
@db_option
@click.argument("merchant_id")
@click.option("--logo", type=_WALLET_FILE, help="A PNG logo (about 320x100 pixels).")
@click.option("--background", default=face.DEFAULT_BACKGROUND, show_default=True)
@click.option("--foreground", default=face.DEFAULT_FOREGROUND, show_default=True)
@click.option("--label", default=face.DEFAULT_LABEL, show_default=True)
def wallet_brand(
    db: str, merchant_id: str, logo: Path | None, background: str, foreground: str, label: str
) -> None:
    """How MERCHANT's passes look: logo and colours (rgb(r, g, b) or #rrggbb)."""
    wallet_cli.set_brand(_engine(db), merchant_id, logo, background, foreground, label)
    click.echo(f"wallet look of {merchant_id} saved")


@cli.command("wallet-pass")
@db_option
@click.argument("card")
@click.option("--merchant", "merchant_id", help="Needed only if two merchants share CARD.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True)
def wallet_pass(db: str, card: str, merchant_id: str | None, out: Path) -> None:
    """Write the current Apple Wallet pass of CARD (its number or QR token) to --out.

    A token that begins with "-" goes after "--": wallet-pass --out F.pkpass -- -TOKEN
    """
    found = wallet_cli.write_pass(_engine(db), card, merchant_id, out)
    click.echo(f"pass of card {found.number_text} written to {out}")


@cli.command("expire-points")
@db_option
@click.option("--merchant", "merchant_id", help="Only this merchant (all by default).")
@click.option(
    "--now",
    "now_text",
    help="The instant to expire as of (ISO 8601 with offset); the clock by default.",
)
def expire_points_command(db: str, merchant_id: str | None, now_text: str | None) -> None:
    """Expire the points of cards inactive longer than their program allows (as `serve`
    does on its schedule). Running it again expires nothing twice."""
    now = _now()
    if now_text:
        try:
            now = datetime.fromisoformat(now_text)
        except ValueError:
            raise click.BadParameter(f"{now_text!r} is not an ISO 8601 instant") from None
        if now.tzinfo is None:
            raise click.BadParameter("give the instant's UTC offset, e.g. 2026-12-01T09:00+00:00")
    count = expire_points(_engine(db), now, merchant_id)
    click.echo(f"points expired on {count} card(s)")


@cli.group("card")
def card() -> None:
    """The card's life: deactivate, reactivate, replace a lost card, adjust, merge
    (journalled)."""


def _card_done(answer: Any, what: str) -> None:
    number = answer.card.card_number if answer.card is not None else "?"
    click.echo(f"{what}: card {number[:4]}-{number[4:8]}-{number[8:]}")


@card.command("deactivate")
@db_option
@click.argument("card_number")
@click.option("--merchant", "merchant_id", required=True)
@click.option("--reason", default="")
def card_deactivate(db: str, card_number: str, merchant_id: str, reason: str) -> None:
    """The card stops working at every counter; its balances stay."""
    op = deactivate_op(reason)
    _card_done(card_action(_engine(db), merchant_id, card_number, op, _now()), "deactivated")


@card.command("reactivate")
@db_option
@click.argument("card_number")
@click.option("--merchant", "merchant_id", required=True)
def card_reactivate(db: str, card_number: str, merchant_id: str) -> None:
    op = reactivate_op()
    _card_done(card_action(_engine(db), merchant_id, card_number, op, _now()), "reactivated")


@card.command("replace")
@db_option
@click.argument("card_number")
@click.option("--merchant", "merchant_id", required=True)
def card_replace(db: str, card_number: str, merchant_id: str) -> None:
    """A lost card's new number and QR code; balances and history carried; the old ones
    answer "replaced by a new card" at every counter."""
    answer = card_action(_engine(db), merchant_id, card_number, replace_op(), _now())
    _card_done(answer, "replaced; the new number is")


@card.command("adjust")
@db_option
@click.argument("card_number")
@click.option("--merchant", "merchant_id", required=True)
@click.option("--points", type=int, default=0)
@click.option("--stamps", type=int, default=0)
@click.option("--reason", required=True, help="Why (kept with the transaction).")
def card_adjust(
    db: str, card_number: str, merchant_id: str, points: int, stamps: int, reason: str
) -> None:
    op = adjust_op(points, stamps, reason)
    _card_done(card_action(_engine(db), merchant_id, card_number, op, _now()), "adjusted")


@card.command("merge")
@db_option
@click.argument("other_card")
@click.argument("card_number")
@click.option("--merchant", "merchant_id", required=True)
def card_merge(db: str, other_card: str, card_number: str, merchant_id: str) -> None:
    """Two cards of one customer become one: OTHER_CARD gives its balances to CARD (added
    to CARD's lifetime totals) and stops. Refused for two customers' cards or two programs."""
    answer = merge_cards(_engine(db), merchant_id, other_card, card_number, _now())
    _card_done(answer, f"merged {format_card_number(other_card.replace('-', ''))} into")


@cli.group("office")
def office() -> None:
    """The back office's users (owners and store managers) who sign in at /office/."""


def _password(password_stdin: bool) -> str:
    if password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    text: str = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    return text


@office.command("add-user")
@db_option
@click.argument("login")
@click.option("--merchant", "merchant_id", required=True)
@click.option("--name", required=True)
@click.option("--role", type=click.Choice(list(office_users.ROLES)), required=True)
@click.option("--store", "store_id", help="The store of a store manager.")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
def office_add_user(
    db: str,
    login: str,
    merchant_id: str,
    name: str,
    role: str,
    store_id: str | None,
    password_stdin: bool,
) -> None:
    """Add an owner (every store) or a store manager (--store) of MERCHANT; the password
    (at least 10 characters) is stored as a slow hash."""
    password = _password(password_stdin)
    with write(_engine(db)) as conn:
        user = office_users.add_user(
            conn, merchant_id, login, name, role, store_id, password, _now()
        )
    where = "every store" if user.store_id is None else f"store {user.store_id}"
    click.echo(f"office user {user.login} of {merchant_id} added ({user.role}, {where})")


@office.command("set-password")
@db_option
@click.argument("login")
@click.option("--merchant", "merchant_id", required=True)
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
def office_set_password(db: str, login: str, merchant_id: str, password_stdin: bool) -> None:
    """A new password for LOGIN (also reactivates them); their sessions end everywhere."""
    password = _password(password_stdin)
    with write(_engine(db)) as conn:
        office_users.set_password(conn, merchant_id, login, password, _now())
    click.echo(f"password of {login} changed; their sessions ended")


@office.command("deactivate-user")
@db_option
@click.argument("login")
@click.option("--merchant", "merchant_id", required=True)
def office_deactivate_user(db: str, login: str, merchant_id: str) -> None:
    """LOGIN can no longer sign in, and is signed out everywhere at once."""
    with write(_engine(db)) as conn:
        office_users.deactivate_user(conn, merchant_id, login, _now())
    click.echo(f"office user {login} deactivated")


@cli.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=int, default=8700, show_default=True)
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True)
@click.option(
    "--auth-failures-per-minute",
    type=click.IntRange(1),
    default=10,
    show_default=True,
    help="Bad codes or tokens from one address before it gets 429 for a minute.",
)
@click.option(
    "--forwarded-allow-ips",
    default="",
    show_default="none",
    help="Reverse proxies whose X-Forwarded-For names the client (comma-separated addresses "
    "or networks): rate limits then count per client, not per proxy. By default no "
    "forwarded header is trusted, so no one can make up an address to dodge them.",
)
@click.option(
    "--expire-every-minutes",
    type=click.IntRange(0),
    default=60,
    show_default=True,
    help="Run points expiry this often (0: never; then run `expire-points` yourself).",
)
@click.option(
    "--pool-size",
    type=click.IntRange(1),
    default=10,
    show_default=True,
    help="Database connections per worker, and as many again at a peak.",
)
@click.option(
    "--pool-timeout",
    type=click.FloatRange(0.1),
    default=30.0,
    show_default=True,
    help="Seconds a request waits for a free connection; then it is answered 503 (busy) "
    "with Retry-After, and the terminal sends it again later.",
)
@click.option(
    "--instance",
    envvar=INSTANCE_ENV,
    help="A label /v1/health reports, so whoever started this server can tell it from "
    "another one on the same port.",
)
def serve(
    db: str,
    host: str,
    port: int,
    workers: int,
    auth_failures_per_minute: int,
    forwarded_allow_ips: str,
    expire_every_minutes: int,
    pool_size: int,
    pool_timeout: float,
    instance: str | None,
) -> None:
    """Serve the HTTP API (upgrades the schema first), and expire points on a schedule."""
    import uvicorn

    url = database_url(db)
    if workers > 1 and is_sqlite(url):
        raise click.ClickException("several workers need PostgreSQL; SQLite serves one")
    migrate(url)
    # Workers are separate processes: they read their settings from the environment.
    os.environ[DB_ENV] = url
    os.environ[FAILURES_ENV] = str(auth_failures_per_minute)
    os.environ[POOL_SIZE_ENV] = str(pool_size)
    os.environ[POOL_TIMEOUT_ENV] = str(pool_timeout)
    if instance:
        os.environ[INSTANCE_ENV] = instance
    # One wallet sender per serve, however many HTTP workers: it drains the pass-update
    # outbox the pushes write (idle, one query every few seconds, until wallets are set up).
    WalletSender(make_engine(url, pool_size=2)).start()
    if expire_every_minutes:
        # In this process, beside the workers: one schedule however many workers there are.
        run_on_schedule(
            lambda: make_engine(url, pool_size=1), timedelta(minutes=expire_every_minutes), _now
        )
    uvicorn.run(
        "sync.server.app:app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        access_log=False,
        log_config=None,
        # Unset, uvicorn would trust 127.0.0.1 (or $FORWARDED_ALLOW_IPS): any local process
        # could then name itself any address.
        proxy_headers=bool(forwarded_allow_ips.strip()),
        forwarded_allow_ips=forwarded_allow_ips.strip() or None,
        timeout_graceful_shutdown=5,
        # uvicorn kills a worker that does not answer its health ping within this (5 s
        # by default): under a burst of pushes on a busy machine the ping's thread can
        # wait that long for the interpreter, and the kill cut every batch in flight.
        timeout_worker_healthcheck=60,
    )


@cli.group("customer")
def customer() -> None:
    """Find a customer; export or erase what is held about them (data protection)."""


@customer.command("find")
@db_option
@click.option("--merchant", "merchant_id", required=True)
@click.option("--phone", default="")
@click.option("--email", default="")
@click.option("--name", default="", help="Part of the name.")
def customer_find(db: str, merchant_id: str, phone: str, email: str, name: str) -> None:
    """Customers of MERCHANT by phone, e-mail or part of the name, masked, with their ids."""
    phone, email = normal_phone(phone), normal_email(email)
    if not (phone or email or name.strip()):
        raise click.UsageError("give --phone, --email or --name")
    with write(_engine(db)) as conn:
        found = [
            masked(conn, row)
            for row in find_customers(conn, merchant_id, phone=phone, email=email, name=name)
        ]
    if not found:
        click.echo("no customer found")
    for c in found:
        contact = "  ".join(part for part in (c["phone"], c["email"]) if part)
        cards = ", ".join(
            f"{card['card_number']}{'' if card['is_active'] else ' (inactive)'}"
            for card in c["cards"]
        )
        click.echo(
            f"{c['customer_id']}  {c['name'] or '(no name)'}  {contact}  cards: {cards or '-'}"
        )


@customer.command("export")
@db_option
@click.argument("customer_id")
def customer_export(db: str, customer_id: str) -> None:
    """Everything held about the customer, as JSON on standard output."""
    with write(_engine(db)) as conn:
        data = export_customer(conn, customer_id)
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


@customer.command("erase")
@db_option
@click.argument("customer_id")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def customer_erase(db: str, customer_id: str, yes: bool) -> None:
    """Erase the customer's personal data: their cards are deactivated, their wallet passes
    voided, their transactions kept with the customer anonymised. Cannot be undone."""
    if not yes:
        click.confirm(f"Erase customer {customer_id}? This cannot be undone", abort=True)
    with write(_engine(db)) as conn:
        erased = erase_customer(conn, customer_id, _now())
    click.echo(f"customer {customer_id} erased; {erased.cards} card(s) deactivated")
    for terminal_id in erased.name_kept_by:
        # Honest about what no feed can reach: the name is inside that entry's hash.
        click.echo(
            f"terminal {terminal_id} still holds the name in its own journal (enrolled "
            "there before terminal schema 0006); see the operators' guide"
        )


def main(argv: list[str] | None = None) -> int:
    try:
        cli.main(args=argv, prog_name="loyalty-server", standalone_mode=False)
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except click.Abort:
        click.echo("aborted", err=True)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
