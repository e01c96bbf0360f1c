"""Opening the terminal database: pragmas, identity checks, migrations, transactions."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, select
from sqlalchemy.exc import DBAPIError

from pos_app.store.errors import (
    NewerDatabaseError,
    NotInitialisedError,
    NotOurDatabaseError,
    StoreError,
    database_failure,
)
from pos_app.store.private_files import create_private_file, make_private, make_private_folder
from pos_app.store.schema import APPLICATION_ID, TerminalRow

MIGRATIONS = Path(__file__).parent / "migrations"
SQLITE_HEADER = b"SQLite format 3\x00"


@dataclass(frozen=True, slots=True)
class TerminalIdentity:
    terminal_id: str
    merchant_id: str
    store_id: str
    name: str


class Store:
    """A migrated terminal database. `write()` for changes, `read()` for queries."""

    def __init__(self, engine: Engine, path: Path) -> None:
        self.engine = engine
        self.path = path
        self._identity: TerminalIdentity | None = None

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """One ACID transaction that holds SQLite's write lock from its first statement.

        BEGIN IMMEDIATE takes the lock up front, so a read-then-write (load card, append the
        journal entry) can never interleave with another writer's.
        """
        with self.engine.connect().execution_options(immediate=True) as conn, conn.begin():
            yield conn

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn, conn.begin():
            yield conn

    def identity(self) -> TerminalIdentity:
        """Who this terminal is; read once, since it never changes after `init`."""
        if self._identity is not None:
            return self._identity
        with self.read() as conn:
            row = conn.execute(select(TerminalRow)).first()
        if row is None:
            raise NotInitialisedError(f"{self.path} has no terminal yet; run `loyalty-pos init`")
        self._identity = TerminalIdentity(row.terminal_id, row.merchant_id, row.store_id, row.name)
        return self._identity

    def empty_log(self) -> bool:
        """Copy the write-ahead log into the database and truncate it to nothing, so no
        older copy of a page (with rows deleted since) stays in it; False when a reader
        kept part of it (the next empty_log, or closing, finishes the job)."""
        raw = self.engine.raw_connection()
        try:
            driver = raw.driver_connection
            assert driver is not None
            busy, _log, _done = driver.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            return not busy
        finally:
            raw.close()

    def close(self) -> None:
        self.engine.dispose()


def _make_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite+pysqlite:///{path}")

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event emit BEGIN itself (the pysqlite recipe).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=10000")
        # Deleted rows are zeroed in the file, not left in free pages for anyone who reads
        # the file: a customer's contact details and an erased customer's name go for good.
        cur.execute("PRAGMA secure_delete=ON")
        # 64 MiB, taken only as pages are used: a first pull inserts a million cards at
        # random places in the card indexes, and with SQLite's default 2 MiB nearly every
        # insert read its page back from the file.
        cur.execute("PRAGMA cache_size=-65536")
        # Checkpoints (copying the WAL back into the database, with an fsync) run in the
        # commit that crosses this many WAL pages. At SQLite's default of 1,000 they fell
        # on about one stamp in a hundred (some 8 ms each: the stamp's p99); at 3,000
        # (12 MiB of WAL) on one in three hundred, at about 25 ms. At 10,000 the rare one
        # took up to a second.
        cur.execute("PRAGMA wal_autocheckpoint=3000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get("immediate", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def _check_file(path: Path) -> None:
    if not path.exists() or path.stat().st_size == 0:
        return
    if path.is_dir():
        raise NotOurDatabaseError(f"{path} is a folder, not a terminal database")
    with path.open("rb") as f:
        header = f.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise NotOurDatabaseError(f"{path} is not a SQLite database; refusing to touch it")


def _inspect(path: Path) -> tuple[bool, str | None]:
    """(is ours, schema revision) read through a read-only connection that changes nothing.

    Raises when the file belongs to another program or to a newer version of this one.
    """
    if not path.exists() or path.stat().st_size == 0:
        return False, None
    uri = f"{path.resolve().as_uri()}?mode=ro"
    with closing(sqlite3.connect(uri, uri=True)) as raw:
        app_id = raw.execute("PRAGMA application_id").fetchone()[0]
        tables = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        revision = None
        if "alembic_version" in tables:
            row = raw.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = None if row is None else row[0]
    if app_id != APPLICATION_ID:
        if tables:
            raise NotOurDatabaseError(
                f"{path} is a SQLite database of another program; refusing to touch it"
            )
        return False, None
    if revision is not None and revision not in _known_revisions():
        raise NewerDatabaseError(
            f"{path} was written by a newer version of loyalty-pos (schema {revision}); "
            "update this program before opening it"
        )
    return True, revision


_REVISION_LINE = re.compile(r"^(down_revision|revision)\s*=\s*['\"]?([\w]+)['\"]?", re.MULTILINE)


def migration_graph() -> dict[str, str | None]:
    """revision -> down_revision, read from the migration files without importing Alembic.

    Importing Alembic costs about half a second; a terminal that is already up to date
    (every start but the first after an upgrade) should not pay it.
    """
    graph: dict[str, str | None] = {}
    for script in (MIGRATIONS / "versions").glob("*.py"):
        found = {m[1]: m[2] for m in _REVISION_LINE.finditer(script.read_text())}
        down = found.get("down_revision")
        graph[found["revision"]] = None if down in (None, "None") else down
    return graph


def head_revision() -> str:
    graph = migration_graph()
    (head,) = set(graph) - {down for down in graph.values() if down}
    return head


def _known_revisions() -> set[str]:
    return set(migration_graph())


def alembic_config(conn: Connection) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = conn
    return cfg


def _migrate(conn: Connection) -> None:
    from alembic import command

    command.upgrade(alembic_config(conn), "head")


def open_store(path: Path | str, *, create: bool = True) -> Store:
    """Open (and create or upgrade) the terminal database at `path`.

    Refuses, changing nothing, a file that is not SQLite, a SQLite file of another program,
    and a database written by a newer version of this program. A file SQLite cannot use
    (damaged, on a full or read-only disk) is a `DatabaseFailure` that says which.
    """
    path = Path(path)
    try:
        return _open(path, create)
    except (sqlite3.Error, DBAPIError, OSError) as exc:
        raise database_failure(path, exc) from exc


def _open(path: Path, create: bool) -> Store:
    _check_file(path)
    if not create and not path.exists():
        raise NotInitialisedError(f"no terminal database at {path}; run `loyalty-pos init` first")
    if create:
        make_private_folder(path.parent)
        create_private_file(path)
    make_private(path)
    ours, revision = _inspect(path)
    if not ours and not create:
        raise NotInitialisedError(f"{path} is empty; run `loyalty-pos init` first")
    engine = _make_engine(path)
    try:
        with engine.connect() as conn:
            if revision != head_revision():
                _migrate(conn)
            if not ours:
                conn.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
            conn.commit()
    except (sqlite3.Error, DBAPIError, OSError):
        engine.dispose()
        raise
    except Exception as exc:
        engine.dispose()
        first_line = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise StoreError(f"cannot open {path}: {first_line}") from exc
    return Store(engine, path)
