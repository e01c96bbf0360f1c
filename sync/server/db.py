"""Engines, migrations and each merchant's change counter, on PostgreSQL and SQLite alike."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, Table, create_engine, delete, event, func, select, text
from sqlalchemy.engine import make_url

from sync.server.models import MERCHANT_VERSIONS, MERCHANTS, SYNC_EPOCHS, Base

DB_ENV = "LOYALTY_SERVER_DB"
DEFAULT_DB = "sqlite:///loyalty-server.db"
MIGRATIONS = Path(__file__).with_name("migrations")


class DatabaseError(Exception):
    """A database problem an operator can act on; the message says what to do."""


def database_url(url: str | None = None) -> str:
    """The URL to use: the argument, else $LOYALTY_SERVER_DB, else a SQLite file here.

    `postgresql://` is read as psycopg 3, the driver this server is tested with.
    """
    chosen = url or os.environ.get(DB_ENV) or DEFAULT_DB
    if chosen.startswith("postgresql://") or chosen.startswith("postgres://"):
        chosen = "postgresql+psycopg://" + chosen.split("://", 1)[1]
    if chosen.startswith("postgresql+psycopg://"):
        chosen = _hosts_as_parameters(chosen)
    return chosen


def _hosts_as_parameters(url: str) -> str:
    """libpq's multi-host form (`h1:p1,h2:p2` where one host goes) as SQLAlchemy takes it:
    one `host=h:p` query parameter each. libpq then tries them in turn and, with
    `target_session_attrs=read-write`, keeps the one that takes writes (the primary)."""
    scheme, rest = url.split("://", 1)
    netloc, _, tail = rest.partition("/")
    userinfo, at, hosts = netloc.rpartition("@")
    if "," not in hosts:
        return url
    path, _, query = tail.partition("?")
    params = "&".join(f"host={host}" for host in hosts.split(",") if host)
    return f"{scheme}://{userinfo}{at}/{path}?{params}" + (f"&{query}" if query else "")


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def make_engine(
    url: str | None = None, *, pool_size: int = 10, pool_timeout_s: float = 30
) -> Engine:
    """`pool_timeout_s`: how long a request waits for a free connection before the pool
    gives up (the API then answers 503, busy, with Retry-After)."""
    url = database_url(url)
    if is_sqlite(url):
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": 30},
            pool_size=pool_size,
            pool_timeout=pool_timeout_s,
        )
        _sqlite_pragmas(engine)
        return engine
    # pool_pre_ping: a connection the pool kept from before a failover (to a primary now
    # gone) is found dead at checkout and replaced, not handed to a request. A connection
    # that dies during a request invalidates the whole pool (SQLAlchemy's disconnect rule).
    return create_engine(
        url,
        pool_size=pool_size,
        max_overflow=pool_size,
        pool_timeout=pool_timeout_s,
        pool_pre_ping=True,
    )


def _sqlite_pragmas(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let us issue BEGIN ourselves, so writers can take the lock up front.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        # Deleted and overwritten rows are zeroed in the file, not left in free space:
        # an erased customer's name and phone must not be readable from the database.
        cur.execute("PRAGMA secure_delete=ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # A writer that began deferred and later needs the write lock can deadlock with
        # another such writer; IMMEDIATE takes it at BEGIN and waits its turn instead.
        if conn.get_execution_options().get("sqlite_write"):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")


@contextmanager
def write(engine: Engine) -> Iterator[Connection]:
    """One write transaction: committed on success, rolled back on any error."""
    with engine.connect() as plain:
        conn = plain.execution_options(sqlite_write=True)
        with conn.begin():
            yield conn


@contextmanager
def read(engine: Engine) -> Iterator[Connection]:
    with engine.connect() as conn, conn.begin():
        yield conn


@contextmanager
def snapshot(engine: Engine) -> Iterator[Connection]:
    """A read transaction whose every statement sees the same committed state.

    PostgreSQL's default (READ COMMITTED) takes a new snapshot per statement: a reader of
    several tables can see a change committed between two of its statements in one and not
    in the other. REPEATABLE READ keeps the first statement's snapshot to the end. SQLite
    in WAL mode already does: a read transaction sees the database as of its first read.
    """
    with engine.connect() as plain:
        conn = plain
        if conn.dialect.name == "postgresql":
            conn = plain.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            yield conn


def alembic_config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def migrate(url: str | None = None) -> None:
    """Create or upgrade the schema to the latest migration (safe to run again)."""
    url = database_url(url)
    if is_sqlite(url):
        database = make_url(url).database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
    command.upgrade(alembic_config(url), "head")
    engine = make_engine(url, pool_size=1)
    try:
        with write(engine) as conn:
            heal_version_counter(conn)
    finally:
        engine.dispose()


def versioned_tables() -> list[Table]:
    """Every table whose rows carry a merchant's change version (one source: the models)."""
    return [t for t in Base.metadata.sorted_tables if {"merchant_id", "version"} <= set(t.c.keys())]


def heal_version_counter(conn: Connection) -> None:
    """Put each merchant's change counter back above every version stored for it.

    After a restore from backup a counter can lag behind its merchant's rows: new changes
    would then hide behind old cursors. A merchant whose counter had to be put forward went
    back in time: every one of its terminals must take its state again, so its restore
    epoch goes (a new one is made at its next sync, see sync_state.py). Other merchants'
    epochs stay: each merchant's versions are its own.
    """
    highest: dict[str, int] = {}
    for table in versioned_tables():
        query = select(table.c.merchant_id, func.max(table.c.version)).group_by(table.c.merchant_id)
        for merchant_id, top in conn.execute(query):
            highest[merchant_id] = max(highest.get(merchant_id, 0), int(top or 0))
    counters: dict[str, int] = {
        m: int(v)
        for m, v in conn.execute(select(MERCHANT_VERSIONS.c.merchant_id, MERCHANT_VERSIONS.c.value))
    }
    for merchant_id in conn.execute(select(MERCHANTS.c.id)).scalars():
        if merchant_id not in counters:
            conn.execute(MERCHANT_VERSIONS.insert().values(merchant_id=merchant_id, value=0))
            counters[merchant_id] = 0
    for merchant_id, top in highest.items():
        if top <= counters.get(merchant_id, 0):
            continue
        conn.execute(
            MERCHANT_VERSIONS.update()
            .where(MERCHANT_VERSIONS.c.merchant_id == merchant_id)
            .values(value=top)
        )
        conn.execute(delete(SYNC_EPOCHS).where(SYNC_EPOCHS.c.merchant_id == merchant_id))


def start_versions(conn: Connection, merchant_id: str) -> None:
    """A new merchant's change counter, at 0 (drawn from by `next_versions`)."""
    conn.execute(MERCHANT_VERSIONS.insert().values(merchant_id=merchant_id, value=0))


def current_version(conn: Connection, merchant_id: str) -> int:
    """The highest change version the merchant has drawn (0 before any)."""
    value = conn.execute(
        select(MERCHANT_VERSIONS.c.value).where(MERCHANT_VERSIONS.c.merchant_id == merchant_id)
    ).scalar()
    return int(value or 0)


def next_versions(conn: Connection, merchant_id: str, count: int) -> list[int]:
    """`count` new change versions of the merchant, above every one of its versions committed.

    The merchant's counter row is updated in place: the update locks that row (and only
    that row) until commit, so another transaction drawing for the same merchant waits and
    then draws above it, and the merchant's versions follow commit order: a snapshot that
    holds version N holds every earlier version of that merchant (the feed relies on it).
    A sequence alone would not do: a transaction that drew 100 may commit after one that
    drew 101, and a terminal that already read 101 would never see 100. Other merchants
    draw from their own rows and never wait. Callers draw last, just before committing, so
    the row is held briefly.
    """
    if count <= 0:
        return []
    top = conn.execute(_DRAW, {"n": count, "m": merchant_id}).scalar()
    if top is None:
        raise DatabaseError(f"merchant {merchant_id!r} has no change counter; run migrate")
    return list(range(int(top) - count + 1, int(top) + 1))


_DRAW = text(
    "UPDATE merchant_versions SET value = value + :n WHERE merchant_id = :m RETURNING value"
)


def next_version(conn: Connection, merchant_id: str) -> int:
    return next_versions(conn, merchant_id, 1)[0]
