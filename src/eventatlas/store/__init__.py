"""store stage: where documents, places, events and their reports live.

`open_store(url)` takes a file path or a `sqlite:///path` URL; with none it uses `$EVENTATLAS_DB` or
`./eventatlas.db`. SQLite (WAL) is the embedded default; a `postgresql://` URL opens the PostGIS
server store (store/postgres.py), which has the same public methods.
"""

from __future__ import annotations

import os
from pathlib import Path

from .base import EventFilter, StoreBase, StoreError
from .schema import SCHEMA_VERSION
from .sqlite import SQLiteStore, sqlite_path

DEFAULT_DB = "eventatlas.db"


def default_db_url() -> str:
    """`$EVENTATLAS_DB`, else `./eventatlas.db`."""
    return os.environ.get("EVENTATLAS_DB") or DEFAULT_DB


def open_store(url: str | Path | None = None) -> StoreBase:  # a SQLiteStore or a PostgresStore
    """Open (creating and migrating as needed) the store at `url`."""
    url = url or default_db_url()
    text = str(url)
    if text.startswith(("postgresql://", "postgres://")):
        from .postgres import PostgresStore  # psycopg is imported only when a server is asked for

        return PostgresStore(text)
    return SQLiteStore(sqlite_path(url))


Store = SQLiteStore

__all__ = [
    "open_store",
    "default_db_url",
    "Store",
    "StoreBase",
    "SQLiteStore",
    "EventFilter",
    "StoreError",
    "SCHEMA_VERSION",
]
