"""Alembic environment for the server: PostgreSQL and SQLite from the same scripts."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from sync.server.models import Base

url = context.config.get_main_option("sqlalchemy.url")
engine = create_engine(url) if url else None
assert engine is not None, "set sqlalchemy.url (sync.server.db.alembic_config does)"
with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        # SQLite alters tables by copying them; batch mode does that for us.
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()
engine.dispose()
