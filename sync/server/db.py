"""Engines, migrations and the global change counter, on PostgreSQL and SQLite alike."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url

DB_ENV = "LOYALTY_SERVER_DB"
DEFAULT_DB = "sqlite:///loyalty-server.db"
MIGRATIONS = Path(__file__).with_name("migrations")
# Any constant: the advisory lock that orders change versions by commit (see next_versions).
_VERSION_LOCK = 0x4C59_5356


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


def make_engine(url: str | None = None, *, pool_size: int = 10) -> Engine:
    url = database_url(url)
    if is_sqlite(url):
        engine = create_engine(
            url, connect_args={"check_same_thread": False, "timeout": 30}, pool_size=pool_size
        )
        _sqlite_pragmas(engine)
        return engine
    # pool_pre_ping: a connection the pool kept from before a failover (to a primary now
    # gone) is found dead at checkout and replaced, not handed to a request. A connection
    # that dies during a request invalidates the whole pool (SQLAlchemy's disconnect rule).
    return create_engine(url, pool_size=pool_size, max_overflow=pool_size, pool_pre_ping=True)


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


_VERSIONED = ("programs", "staff", "terminals", "cards")


def heal_version_counter(conn: Connection) -> None:
    """Put the change counter back above every stored version (after a restore from backup,
    a sequence can lag behind its rows; new changes would then hide behind old cursors)."""
    highest = max(
        int(conn.execute(text(f"SELECT coalesce(max(version), 0) FROM {t}")).scalar_one())  # noqa: S608
        for t in _VERSIONED
    )
    if highest <= current_version(conn):
        return
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT setval('change_version_seq', :v)"), {"v": highest})
    else:
        conn.execute(text("UPDATE change_counter SET value = :v WHERE id = 1"), {"v": highest})
    # This database went back in time: every terminal must take its state again (each
    # merchant's epoch is made anew at its next sync, see sync_state.py).
    conn.execute(text("DELETE FROM sync_epochs"))


def current_version(conn: Connection) -> int:
    """The highest change version this database has drawn (0 before any)."""
    if conn.dialect.name == "postgresql":
        row = conn.execute(text("SELECT last_value, is_called FROM change_version_seq")).one()
        return int(row.last_value) if row.is_called else 0
    value = conn.execute(text("SELECT value FROM change_counter WHERE id = 1")).scalar()
    return int(value or 0)


def next_versions(conn: Connection, count: int) -> list[int]:
    """`count` new change versions, greater than every version already committed.

    On PostgreSQL a sequence alone is not enough: a transaction that drew version 100 may
    commit after one that drew 101, and a terminal that already read 101 would never see
    100. The advisory lock, held to commit, makes versions follow commit order; callers draw
    them last, just before committing, so the lock is held briefly. SQLite has one writer.
    """
    if count <= 0:
        return []
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _VERSION_LOCK})
        rows = conn.execute(
            text("SELECT nextval('change_version_seq') FROM generate_series(1, :n)"), {"n": count}
        )
        return sorted(r[0] for r in rows)
    top = conn.execute(
        text("UPDATE change_counter SET value = value + :n WHERE id = 1 RETURNING value"),
        {"n": count},
    ).scalar_one()
    return list(range(top - count + 1, top + 1))


def next_version(conn: Connection) -> int:
    return next_versions(conn, 1)[0]
