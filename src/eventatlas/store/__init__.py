"""store stage: where documents, places, events and their reports live.

`open_store(url)` takes a file path or a `sqlite:///path` URL; with none it uses `$EVENTATLAS_DB` or
`./eventatlas.db`. SQLite (WAL) is the embedded default.
"""

from __future__ import annotations

import os
from pathlib import Path

from .schema import SCHEMA_VERSION
from .sqlite import EventFilter, SQLiteStore, StoreError, sqlite_path

DEFAULT_DB = "eventatlas.db"


def default_db_url() -> str:
    """`$EVENTATLAS_DB`, else `./eventatlas.db`."""
    return os.environ.get("EVENTATLAS_DB") or DEFAULT_DB


def open_store(url: str | Path | None = None) -> SQLiteStore:
    """Open (creating and migrating as needed) the store at `url`."""
    url = url or default_db_url()
    text = str(url)
    if text.startswith(("postgresql://", "postgres://")):
        raise StoreError(f"{text.split('@')[-1]}: the PostgreSQL backend is not available in this version")
    return SQLiteStore(sqlite_path(url))


Store = SQLiteStore

__all__ = ["open_store", "default_db_url", "Store", "SQLiteStore", "EventFilter", "StoreError", "SCHEMA_VERSION"]
