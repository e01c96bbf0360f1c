"""The terminal's local SQLite store: schema, migrations, journal and repositories."""

from pos_app.store.database import Store, open_store
from pos_app.store.errors import StoreError

__all__ = ["Store", "StoreError", "open_store"]
