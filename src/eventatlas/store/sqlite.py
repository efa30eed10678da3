"""The embedded SQLite store: WAL mode, so readers (the atlas) keep reading while an ingest writes.

Every document lands in one transaction together with its mentions, events and reports: a crash
leaves either the whole document or nothing. Events with the same identity (Event.merge_key) are
one row; a second report of it adds a report row, never a second event.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from eventatlas.model import CERTAINTIES, Document, Event, Mention, Place

from .base import StoreBase, StoreError, document_row, event_row, insert_sql, place_row, report_rows
from .schema import MIGRATIONS

CERTAINTY_RANK = {c: i for i, c in enumerate(CERTAINTIES)}  # lower is surer


def sqlite_path(url: str | Path) -> Path:
    """Accept a plain path or a `sqlite:///path` URL."""
    text = str(url)
    if text.startswith("sqlite:///"):
        text = text[len("sqlite:///") :]
    elif text.startswith("sqlite://"):
        text = text[len("sqlite://") :]
    elif "://" in text:
        raise StoreError(f"{url}: unsupported database URL (use a file path or sqlite:///path)")
    return Path(text)


class SQLiteStore(StoreBase):
    """The default store: one SQLite file. Migrating and reading are StoreBase's."""

    MIGRATIONS = MIGRATIONS  # BEGIN IMMEDIATE keeps a second migrating process waiting
    MARK = "?"
    LIKE = "LIKE"
    WEEK_BUCKET = "date(e.date, '-' || ((CAST(strftime('%w', e.date) AS INTEGER) + 6) % 7) || ' days')"
    BINARY_COLLATION = "BINARY"

    def __init__(self, path: Path, timeout: float = 60.0) -> None:
        self.path = path
        if path.parent and not path.parent.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.conn = sqlite3.connect(
                str(path), timeout=timeout, isolation_level=None, check_same_thread=False
            )
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute(f"PRAGMA busy_timeout={int(timeout * 1000)}")
            self.migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: not a usable eventatlas database ({exc})") from exc

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Cursor]:
        """BEGIN IMMEDIATE ... COMMIT, rolled back whole on any error."""
        cur = self.conn.cursor()
        cur.execute("BEGIN IMMEDIATE")
        try:
            yield cur
        except BaseException:
            cur.execute("ROLLBACK")
            raise
        else:
            cur.execute("COMMIT")

    def close(self) -> None:
        self.conn.close()

    # -- the dialect the shared methods run in -------------------------------------------
    def _exec(self, sql: str, args: Any = ()) -> None:
        self.conn.execute(sql, args)

    def _all(self, sql: str, args: Any = ()) -> list[dict[str, Any]]:
        return [dict(r) for r in self.conn.execute(sql, args).fetchall()]

    def _one(self, sql: str, args: Any = ()) -> dict[str, Any] | None:
        row = self.conn.execute(sql, args).fetchone()
        return dict(row) if row else None

    def _bbox_clause(self, west: float, south: float, east: float, north: float) -> tuple[str, list[Any]]:
        if west <= east:
            return "e.lat BETWEEN ? AND ? AND e.lon BETWEEN ? AND ?", [south, north, west, east]
        return "e.lat BETWEEN ? AND ? AND (e.lon >= ? OR e.lon <= ?)", [south, north, west, east]

    def _in_clause(self, column: str, values: list[Any]) -> tuple[str, list[Any]]:
        return f"{column} IN ({','.join('?' * len(values))})", values

    def _round(self, expression: str, digits: int) -> str:
        return f"round({expression}, {int(digits)})"

    def _json_array(self, expression: str, condition: str) -> str:
        return f"json_group_array({expression}) FILTER (WHERE {condition})"

    def _place_names_json(self, place_ids: list[int]) -> str:
        row = self.conn.execute(
            "SELECT json_group_object(id, name) FROM places WHERE id IN (SELECT value FROM json_each(?))",
            [json.dumps(place_ids)],
        ).fetchone()
        return row[0] or "{}"

    def revision(self) -> str:
        """The write counter, plus the sizes and modification times of the database and its WAL: every
        commit in WAL mode appends to the -wal file and a checkpoint rewrites the database file, so
        they also move with a writer that is not eventatlas, or a file replaced under the same name."""
        parts: list[Any] = [str(self.path)]
        for path in (str(self.path), f"{self.path}-wal"):
            try:
                st = os.stat(path)
                parts += [st.st_size, st.st_mtime_ns]
            except OSError:
                parts += [None, None]
        parts.append(self._revision_counter())
        return json.dumps(parts)

    # -- writing ------------------------------------------------------------------------
    def add_document(
        self, document: Document, events: list[Event] = (), mentions: list[Mention] = ()
    ) -> tuple[bool, int]:
        """Store a document with its mentions and events in one transaction.

        Returns (document was new, number of new events). A document already stored is left as it
        is; its events are added only if they are not there yet (two dataset rows may share one notes
        text), so ingesting the same input twice changes nothing.
        """
        with self.transaction() as cur:
            if cur.execute("SELECT 1 FROM documents WHERE id = ?", (document.id,)).fetchone():
                new_events = sum(
                    self._add_event(cur, document, event)
                    for event in events
                    if not cur.execute("SELECT 1 FROM events WHERE id = ?", (event.ensure_id(),)).fetchone()
                )
                if new_events:
                    self._bump_revision(cur)
                return False, new_events
            source_id = self._source_id(cur, document.source)
            cur.execute(insert_sql("documents", "?"), document_row(document, source_id))
            for m in mentions:
                place_id = self._place_id(cur, m.place) if m.place else None
                cur.execute(
                    'INSERT OR IGNORE INTO mentions(doc_id, start, "end", text, kind, place_id, score, reason)'
                    " VALUES (?,?,?,?,?,?,?,?)",
                    (document.id, m.start, m.end, m.text, m.kind, place_id, m.score, m.reason),
                )
            new_events = sum(self._add_event(cur, document, event) for event in events)
            self._bump_revision(cur)
            return True, new_events

    def _source_id(self, cur: sqlite3.Cursor, name: str | None) -> int | None:
        if not name:
            return None
        cur.execute("INSERT OR IGNORE INTO sources(name) VALUES (?)", (name,))
        return cur.execute("SELECT id FROM sources WHERE name = ?", (name,)).fetchone()[0]

    def _place_id(self, cur: sqlite3.Cursor, place: Place) -> int:
        row = cur.execute("SELECT id FROM places WHERE key = ?", (place.key,)).fetchone()
        if row:
            return row[0]
        cur.execute(insert_sql("places", "?"), place_row(place))
        return cur.lastrowid

    def _add_event(self, cur: sqlite3.Cursor, document: Document, event: Event) -> bool:
        """Insert the event, or add this report to the event it is another report of."""
        event_id = event.ensure_id()
        existing = cur.execute(
            "SELECT fatalities, certainty, score FROM events WHERE id = ?", (event_id,)
        ).fetchone()
        place = event.location
        place_id = self._place_id(cur, place) if place and place.lat is not None else None
        if existing is None:
            cur.execute(insert_sql("events", "?"), event_row(event, event_id, place_id))
        else:
            surer = min(
                (existing["certainty"], event.certainty), key=lambda c: CERTAINTY_RANK.get(c, len(CERTAINTIES))
            )
            cur.execute(
                "UPDATE events SET fatalities = ?, certainty = ?, score = ? WHERE id = ?",
                (
                    max(int(existing["fatalities"] or 0), int(event.fatalities or 0)),
                    surer,
                    max(float(existing["score"] or 0), float(event.score or 0)),
                    event_id,
                ),
            )
        cur.executemany(
            'INSERT OR IGNORE INTO reports(event_id, doc_id, start, "end", sentence, certainty, attribution)'
            " VALUES (?,?,?,?,?,?,?)",
            report_rows(event, event_id, document),
        )
        return existing is None

    # -- checking -----------------------------------------------------------------------
    def integrity_check(self) -> str:
        return self.conn.execute("PRAGMA integrity_check").fetchone()[0]

