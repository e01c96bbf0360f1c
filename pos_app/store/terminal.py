"""The terminal's identity row and its key-value settings."""

from __future__ import annotations

from sqlalchemy import Connection, insert, select
from sqlalchemy.dialects.sqlite import insert as upsert

from pos_app.store.schema import SettingRow, TerminalRow

# Setting keys shared by the sync engine, the offline limits and the pairing.
URL_KEY = "server.url"
TOKEN_KEY = "server.token"  # noqa: S105 - the settings key, not a secret
REVOKED_KEY = "server.revoked"
CURSOR_KEY = "sync.cursor"
LAST_SYNC_KEY = "sync.last_ok_at"
# The last sequence number the server said it holds of this terminal's journal.
SERVER_SEQ_KEY = "sync.server_last_seq"


def set_identity(
    conn: Connection, *, terminal_id: str, merchant_id: str, store_id: str, name: str, created: str
) -> None:
    conn.execute(
        insert(TerminalRow).values(
            id=1,
            terminal_id=terminal_id,
            merchant_id=merchant_id,
            store_id=store_id,
            name=name,
            created_at=created,
        )
    )


def has_identity(conn: Connection) -> bool:
    return conn.execute(select(TerminalRow.id)).first() is not None


def get_setting(conn: Connection, key: str) -> str | None:
    return conn.execute(select(SettingRow.value).where(SettingRow.key == key)).scalar()


def put_setting(conn: Connection, key: str, value: str) -> None:
    stmt = upsert(SettingRow).values(key=key, value=value)
    conn.execute(stmt.on_conflict_do_update(index_elements=[SettingRow.key], set_={"value": value}))
