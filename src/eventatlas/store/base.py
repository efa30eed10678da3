"""What the SQLite and PostGIS stores share: the filter, migrating, every read query, the rows written.

Both backends hold the same tables and must answer every question with the same rows, so the SQL of
the read methods is written once, here. A backend supplies only what truly differs: how a statement
runs on its connection (`_exec`, `_all`, `_one`, `transaction`), its placeholder, how it tests a
bounding box and a list of values, its case-insensitive LIKE, its week bucket and its binary
collation. Writes differ more (SQLite has one writer; PostgreSQL merges concurrent writers with
upserts) and stay in each backend, but the values they store are made here, so a column can never be
filled differently by the two. The migration loop is shared too, over each backend's statements.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, ClassVar

from eventatlas.model import Document, Event, Place, Report

from .schema import SCHEMA_VERSION

# Events columns in schema order. Named rather than `e.*`: the PostGIS table also has a geometry
# column, which no caller wants and which would make the two backends' rows differ.
EVENT_COLUMNS: tuple[str, ...] = (
    "id",
    "event_type",
    "sub_event_type",
    "date",
    "time_precision",
    "place_id",
    "geo_precision",
    "lat",
    "lon",
    "actor1",
    "actor2",
    "actor1_type",
    "actor2_type",
    "fatalities",
    "certainty",
    "attribution",
    "historical",
    "score",
    "dataset",
    "dataset_id",
    "notes",
    "created_at",
)
DOCUMENT_COLUMNS = (
    "id",
    "external_id",
    "title",
    "published",
    "source_id",
    "url",
    "origin",
    "text",
    "ingested_at",
)
PLACE_COLUMNS = (
    "key",
    "geonameid",
    "name",
    "lat",
    "lon",
    "country_code",
    "feature_class",
    "feature_code",
    "admin1",
    "population",
)
_ROW_COLUMNS = {"documents": DOCUMENT_COLUMNS, "places": PLACE_COLUMNS, "events": EVENT_COLUMNS}
FILTERABLE_COLUMNS = frozenset({"event_type", "sub_event_type", "certainty", "dataset", "actor1", "actor2"})

_E_COLS = ", ".join(f"e.{c}" for c in EVENT_COLUMNS)
_PLACE_OF_EVENT = "p.name AS place_name, p.geonameid, p.country_code, p.admin1, p.feature_code"
# what event_detail gives of each report, before the context either side of its sentence
_REPORT_KEYS = (
    "doc_id",
    "title",
    "source",
    "url",
    "published",
    "origin",
    "sentence",
    "start",
    "end",
    "certainty",
    "attribution",
)
# NULLS spelled out: SQLite and PostgreSQL place NULL at opposite ends by default
_NEWEST_FIRST = "e.date DESC NULLS LAST, e.id"


class StoreError(RuntimeError):
    """A store could not be opened or used; the message names the database."""


@dataclass(slots=True)
class EventFilter:
    """What the atlas asks for: every field optional, all parameterised in SQL."""

    bbox: tuple[float, float, float, float] | None = None  # west, south, east, north
    date_from: date | None = None
    date_to: date | None = None
    event_type: list[str] = field(default_factory=list)
    sub_event_type: list[str] = field(default_factory=list)
    actor: str | None = None
    certainty: list[str] = field(default_factory=list)
    source: list[str] = field(default_factory=list)
    dataset: str | None = None
    place_id: int | None = None
    q: str | None = None
    include_historical: bool = True
    limit: int = 5000
    offset: int = 0


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def escape_like(text: str) -> str:
    """`text` matched literally inside a LIKE pattern whose escape character is a backslash."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def places_join(where: str) -> str:
    """The join to places, only when the WHERE reads it (the free-text filter): with the join in,
    SQLite picked the (lat, lon) index over the covering (date, lat, lon) one for a box and a time
    window, and counting them took 50 ms instead of 1 ms at 100,000 events. (PostgreSQL drops an
    unused LEFT JOIN on a primary key by itself, so leaving it out costs it nothing.)"""
    return " LEFT JOIN places p ON p.id = e.place_id" if "p." in where else ""


def document_row(document: Document, source_id: int | None) -> tuple[Any, ...]:
    """The values of a documents row, in DOCUMENT_COLUMNS order."""
    return (
        document.id,
        document.external_id,
        document.title,
        iso(document.published),
        source_id,
        document.url,
        document.origin,
        document.text,
        now_iso(),
    )


def place_row(place: Place) -> tuple[Any, ...]:
    """The values of a places row, in PLACE_COLUMNS order."""
    return (
        place.key,
        place.geonameid,
        place.name,
        place.lat,
        place.lon,
        place.country_code,
        place.feature_class,
        place.feature_code,
        place.admin1,
        place.population or 0,
    )


def event_row(event: Event, event_id: str, place_id: int | None) -> tuple[Any, ...]:
    """The values of an events row, in EVENT_COLUMNS order; coordinates only with a stored place."""
    place = event.location
    return (
        event_id,
        event.event_type,
        event.sub_event_type,
        iso(event.date),
        event.time_precision,
        place_id,
        event.geo_precision,
        place.lat if place_id else None,
        place.lon if place_id else None,
        event.actor1,
        event.actor2,
        event.actor1_type,
        event.actor2_type,
        int(event.fatalities or 0),
        event.certainty,
        event.attribution,
        int(bool(event.historical)),
        float(event.score or 0.0),
        event.dataset,
        event.dataset_id,
        event.notes,
        now_iso(),
    )


def report_rows(event: Event, event_id: str, document: Document) -> list[tuple[Any, ...]]:
    """The event's reports rows (event_id, doc_id, start, end, sentence, certainty, attribution); one
    made from its first evidence span when the coder gave no reports."""
    reports = list(event.reports or [])
    if not reports and event.evidence:
        span = event.evidence[0]
        reports = [
            Report(
                doc_id=document.id,
                start=span.start,
                end=span.end,
                sentence=document.text[span.start : span.end],
                certainty=event.certainty,
                attribution=event.attribution,
            )
        ]
    return [(event_id, document.id, r.start, r.end, r.sentence, r.certainty, r.attribution) for r in reports]


def _in_context(r: dict[str, Any], context_chars: int) -> dict[str, Any]:
    """One report of an event as event_detail gives it: the sentence with text either side."""
    text = r["text"]
    lo = max(0, r["start"] - context_chars)
    hi = min(len(text), r["end"] + context_chars)
    return {
        **{k: r[k] for k in _REPORT_KEYS},
        "context_before": text[lo : r["start"]],
        "context_after": text[r["end"] : hi],
    }


class StoreBase:
    """What both stores do alike (migrating, every read), over the few pieces of dialect each sets."""

    MIGRATIONS: ClassVar[list[list[str]]]  # the backend's statements for each schema version
    MARK: ClassVar[str]  # the driver's placeholder
    LIKE: ClassVar[str]  # case-insensitive for ASCII, as SQLite's LIKE is
    WEEK_BUCKET: ClassVar[str]  # an event's ISO week as the YYYY-MM-DD of its Monday
    BINARY_COLLATION: ClassVar[str]  # byte order, for menus that sort alike on both backends

    path: Any  # what messages name the database by

    def _exec(self, sql: str, args: Any = ()) -> None:
        raise NotImplementedError

    def _all(self, sql: str, args: Any = ()) -> list[dict[str, Any]]:
        raise NotImplementedError

    def _one(self, sql: str, args: Any = ()) -> dict[str, Any] | None:
        raise NotImplementedError

    def _bbox_clause(self, west: float, south: float, east: float, north: float) -> tuple[str, list[Any]]:
        """Events inside the box; west > east is a box across the antimeridian."""
        raise NotImplementedError

    def _in_clause(self, column: str, values: list[Any]) -> tuple[str, list[Any]]:
        """`column` is one of `values` (a non-empty list)."""
        raise NotImplementedError

    def transaction(self) -> AbstractContextManager[Any]:
        """A write transaction yielding a cursor, rolled back whole on any error."""
        raise NotImplementedError

    def _lock_migrations(self, cur: Any) -> None:
        """Keep other processes from migrating until this transaction ends (if BEGIN does not)."""

    def _like(self, column: str) -> str:
        return f"{column} {self.LIKE} {self.MARK} ESCAPE '\\'"

    # -- the filter -------------------------------------------------------------------------
    def _where(self, f: EventFilter) -> tuple[str, list[Any]]:
        """The WHERE clause (with its leading keyword, or empty) and its arguments for the filter."""
        m = self.MARK
        clauses: list[str] = []
        args: list[Any] = []

        def add(clause: str, *values: Any) -> None:
            clauses.append(clause)
            args.extend(values)

        if f.bbox:
            box, box_args = self._bbox_clause(*f.bbox)
            add(box, *box_args)
        if f.date_from:
            add(f"e.date >= {m}", f.date_from.isoformat())
        if f.date_to:
            add(f"e.date <= {m}", f.date_to.isoformat())
        for column, values in (
            ("e.event_type", f.event_type),
            ("e.sub_event_type", f.sub_event_type),
            ("e.certainty", f.certainty),
        ):
            if values:
                clause, values_args = self._in_clause(column, list(values))
                add(clause, *values_args)
        if f.actor:
            pattern = f"%{escape_like(f.actor)}%"
            add(f"({self._like('e.actor1')} OR {self._like('e.actor2')})", pattern, pattern)
        if f.source:
            names, names_args = self._in_clause("s.name", list(f.source))
            add(
                "EXISTS (SELECT 1 FROM reports r JOIN documents d ON d.id = r.doc_id"
                f" JOIN sources s ON s.id = d.source_id WHERE r.event_id = e.id AND {names})",
                *names_args,
            )
        if f.dataset:
            add(f"e.dataset = {m}", f.dataset)
        if f.place_id is not None:
            add(f"e.place_id = {m}", f.place_id)
        if not f.include_historical:
            add("e.historical = 0")
        if f.q:
            like = self._like
            add(
                f"({like('e.actor1')} OR {like('e.actor2')} OR {like('e.notes')} OR {like('p.name')}"
                f" OR EXISTS (SELECT 1 FROM reports r WHERE r.event_id = e.id AND {like('r.sentence')}))",
                *[f"%{escape_like(f.q)}%"] * 5,
            )
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", args

    # -- schema -----------------------------------------------------------------------------
    def migrate(self) -> int:
        """Bring the schema up to date; returns the version now in force."""
        self._exec(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT)"
        )
        current = self.schema_version()
        if current > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: schema version {current} is newer than this eventatlas ({SCHEMA_VERSION})"
            )
        for version in range(current + 1, SCHEMA_VERSION + 1):
            with self.transaction() as cur:
                self._lock_migrations(cur)
                if self.schema_version() >= version:  # another process got there first
                    continue
                for statement in self.MIGRATIONS[version - 1]:
                    cur.execute(statement)
                cur.execute(
                    f"INSERT INTO schema_migrations(version, applied_at) VALUES ({self.MARK}, {self.MARK})",
                    (version, now_iso()),
                )
        return self.schema_version()

    def schema_version(self) -> int:
        row = self._one("SELECT MAX(version) AS v FROM schema_migrations")
        return int(row["v"] or 0) if row else 0

    # -- reading ----------------------------------------------------------------------------

    def has_document(self, doc_id: str) -> bool:
        return self._one(f"SELECT 1 AS ok FROM documents WHERE id = {self.MARK}", (doc_id,)) is not None

    def stats(self) -> dict[str, int]:
        """Counts of what the store holds."""
        row = self._one(
            "SELECT (SELECT COUNT(*) FROM documents) AS documents, (SELECT COUNT(*) FROM events) AS events,"
            " (SELECT COUNT(DISTINCT place_id) FROM events WHERE place_id IS NOT NULL) AS places,"
            " (SELECT COUNT(*) FROM sources) AS sources, (SELECT COUNT(*) FROM reports) AS reports"
        )
        return {k: int(v) for k, v in row.items()}

    def query_events(self, f: EventFilter | None = None) -> list[dict[str, Any]]:
        """Events matching the filter, newest first, with their place and report count."""
        f = f or EventFilter()
        where, args = self._where(f)
        sql = (
            f"SELECT {_E_COLS}, {_PLACE_OF_EVENT},"
            " (SELECT COUNT(*) FROM reports r WHERE r.event_id = e.id) AS report_count"
            " FROM events e LEFT JOIN places p ON p.id = e.place_id"
            f"{where} ORDER BY {_NEWEST_FIRST} LIMIT {self.MARK} OFFSET {self.MARK}"
        )
        return self._all(sql, [*args, int(f.limit), int(f.offset)])

    def count_events(self, f: EventFilter | None = None) -> int:
        f = f or EventFilter()
        where, args = self._where(f)
        return int(self._one(f"SELECT COUNT(*) AS n FROM events e{places_join(where)}{where}", args)["n"])

    def event_detail(self, event_id: str, context_chars: int = 400) -> dict[str, Any] | None:
        """One event with its place and every report: source, url, date, sentence in context."""
        event = self._one(
            f"SELECT {_E_COLS}, {_PLACE_OF_EVENT}, p.population"
            f" FROM events e LEFT JOIN places p ON p.id = e.place_id WHERE e.id = {self.MARK}",
            (event_id,),
        )
        if event is None:
            return None
        rows = self._all(
            'SELECT r.doc_id, r.start, r."end", r.sentence, r.certainty, r.attribution, d.title, d.url,'
            " d.published, d.origin, d.text, s.name AS source FROM reports r"
            " JOIN documents d ON d.id = r.doc_id LEFT JOIN sources s ON s.id = d.source_id"
            f" WHERE r.event_id = {self.MARK} ORDER BY d.published NULLS FIRST, r.id",
            (event_id,),
        )
        event["reports"] = [_in_context(r, context_chars) for r in rows]
        return event

    def document_events(self, doc_ids: list[str], limit: int = 200) -> list[dict[str, Any]]:
        """The events the documents are reports of (new or merged into), newest first: what an
        ingest answers with, so the page can show and open them."""
        if not doc_ids:
            return []
        docs, args = self._in_clause("r.doc_id", list(doc_ids))
        return self._all(
            "SELECT DISTINCT e.id, e.event_type, e.sub_event_type, e.date, e.lat, e.lon, p.name AS place_name"
            " FROM reports r JOIN events e ON e.id = r.event_id LEFT JOIN places p ON p.id = e.place_id"
            f" WHERE {docs} ORDER BY {_NEWEST_FIRST} LIMIT {self.MARK}",
            [*args, int(limit)],
        )

    def document(self, doc_id: str) -> dict[str, Any] | None:
        return self._one(
            "SELECT d.*, s.name AS source FROM documents d LEFT JOIN sources s ON s.id = d.source_id"
            f" WHERE d.id = {self.MARK}",
            (doc_id,),
        )

    def place_detail(self, place_id: int) -> dict[str, Any] | None:
        place = self._one(f"SELECT * FROM places WHERE id = {self.MARK}", (place_id,))
        if place is None:
            return None
        agg = self._one(
            "SELECT MIN(date) AS first_date, MAX(date) AS last_date, COUNT(*) AS events,"
            f" SUM(fatalities) AS fatalities FROM events WHERE place_id = {self.MARK}",
            (place_id,),
        )
        agg["fatalities"] = None if agg["fatalities"] is None else int(agg["fatalities"])
        place.update(agg)
        return place

    def sources(self) -> list[str]:
        return [r["name"] for r in self._all("SELECT name FROM sources ORDER BY name")]

    def distinct(self, column: str) -> list[str]:
        """Distinct values of an events column (for filter menus); column names are whitelisted."""
        if column not in FILTERABLE_COLUMNS:
            raise ValueError(f"not a filterable column: {column}")
        sql = (
            f"SELECT DISTINCT {column} COLLATE {self.BINARY_COLLATION} AS v FROM events"
            f" WHERE {column} IS NOT NULL ORDER BY v"
        )
        return [r["v"] for r in self._all(sql)]

    def timeline(self, f: EventFilter | None, interval: str = "month") -> list[dict[str, Any]]:
        """Counts of events per day, week (from Monday) or month for the filter."""
        f = f or EventFilter()
        bucket = {"day": "e.date", "week": self.WEEK_BUCKET, "month": "substr(e.date, 1, 7) || '-01'"}.get(
            interval
        )
        if bucket is None:
            raise ValueError(f"interval must be day, week or month, not {interval!r}")
        where, args = self._where(f)
        where = where + (" AND " if where else " WHERE ") + "e.date IS NOT NULL"
        sql = (
            f"SELECT {bucket} AS period, COUNT(*) AS events, SUM(e.fatalities) AS fatalities"
            f" FROM events e{places_join(where)}{where} GROUP BY period ORDER BY period"
        )
        return [
            {"period": r["period"], "events": int(r["events"]), "fatalities": int(r["fatalities"] or 0)}
            for r in self._all(sql, args)
        ]

    # -- what the atlas asks besides events ---------------------------------------------------
    def revision(self) -> str:
        """A value that changes whenever the stored data can have changed: the atlas keeps answers
        per revision. It names the database too, so two stores in one process never share one."""
        raise NotImplementedError

    def _revision_counter(self) -> int:
        row = self._one("SELECT revision FROM store_revision WHERE id = 1")
        return int(row["revision"]) if row else 0

    @staticmethod
    def _bump_revision(cur: Any) -> None:
        """Count a write; the last statement of a write transaction, so it commits with the data."""
        cur.execute("UPDATE store_revision SET revision = revision + 1 WHERE id = 1")

    def date_span(self) -> tuple[str | None, str | None]:
        """The first and last event dates (ISO), None when no event is dated."""
        # two subqueries: each is one step down the date index, where MIN and MAX in one SELECT
        # made SQLite read the whole index (9 ms at 100,000 events)
        row = self._one("SELECT (SELECT MIN(date) FROM events) AS first, (SELECT MAX(date) FROM events) AS last")
        return row["first"], row["last"]

    def summary(self) -> dict[str, Any]:
        """Dates, fatalities, unlocated count, bounds (west, south, east, north of the located
        events, or None) and events per type, most first: what the atlas opens with."""
        row = self._one(
            "SELECT MIN(date) AS first_date, MAX(date) AS last_date, COALESCE(SUM(fatalities), 0) AS fatalities,"
            " COALESCE(SUM(CASE WHEN lat IS NULL THEN 1 ELSE 0 END), 0) AS unlocated,"
            " MIN(lon) AS west, MIN(lat) AS south, MAX(lon) AS east, MAX(lat) AS north FROM events"
        )
        bounds = [row[k] for k in ("west", "south", "east", "north")]
        types = self._all(
            "SELECT event_type, COUNT(*) AS n FROM events GROUP BY event_type"
            f" ORDER BY n DESC, event_type COLLATE {self.BINARY_COLLATION}"
        )
        return {
            "first_date": row["first_date"],
            "last_date": row["last_date"],
            "fatalities": int(row["fatalities"]),
            "unlocated": int(row["unlocated"]),
            "bounds": bounds if bounds[0] is not None else None,
            "event_types": {r["event_type"]: int(r["n"]) for r in types},
        }

    def place_populations(self, place_ids: Iterable[int | None]) -> dict[int, int]:
        """Population of each of these places (ids not stored are left out)."""
        ids = sorted({int(i) for i in place_ids if i is not None})
        populations: dict[int, int] = {}
        for i in range(0, len(ids), _CHUNK):
            clause, args = self._in_clause("id", ids[i : i + _CHUNK])
            for r in self._all(f"SELECT id, population FROM places WHERE {clause}", args):
                populations[int(r["id"])] = int(r["population"] or 0)
        return populations

    def event_sources(self, event_ids: list[str]) -> tuple[dict[str, list[str]], dict[str, str]]:
        """For each event, the names of the outlets that reported it (in byte order) and the sentence
        of its first report: what exports say about where an event comes from."""
        names: dict[str, list[str]] = {}
        first: dict[str, str] = {}
        ids = list(dict.fromkeys(event_ids))
        for i in range(0, len(ids), _CHUNK):
            part = ids[i : i + _CHUNK]
            clause, args = self._in_clause("r.event_id", part)
            for r in self._all(
                f"SELECT DISTINCT r.event_id, s.name COLLATE {self.BINARY_COLLATION} AS name FROM reports r"
                f" JOIN documents d ON d.id = r.doc_id JOIN sources s ON s.id = d.source_id WHERE {clause}"
                " ORDER BY name",
                args,
            ):
                names.setdefault(r["event_id"], []).append(r["name"])
            clause, args = self._in_clause("event_id", part)
            for r in self._all(
                "SELECT event_id, sentence FROM reports WHERE id IN"
                f" (SELECT MIN(id) FROM reports WHERE {clause} GROUP BY event_id)",
                args,
            ):
                first[r["event_id"]] = r["sentence"]
        return names, first

    def map_events(self, f: EventFilter) -> list[dict[str, Any]]:
        """One page of events with only the columns the map draws, in query_events' order.

        The page's ids are picked first and the rest is read for those rows only, so a deep OFFSET
        does not compute report counts for every skipped row (3x faster at 100,000 events on SQLite).
        """
        where, args = self._where(f)
        m = self.MARK
        sql = (
            "SELECT e.id, e.event_type, e.sub_event_type, e.date, e.time_precision, e.actor1, e.actor2,"
            " e.fatalities, e.certainty, e.place_id, p.name AS place_name, e.geo_precision, e.dataset,"
            " e.lat, e.lon, (SELECT COUNT(*) FROM reports r WHERE r.event_id = e.id) AS report_count"
            f" FROM (SELECT e.id, e.date FROM events e{places_join(where)}"
            f"{where} ORDER BY {_NEWEST_FIRST} LIMIT {m} OFFSET {m}) AS pg"
            " JOIN events e ON e.id = pg.id LEFT JOIN places p ON p.id = e.place_id"
            " ORDER BY pg.date DESC NULLS LAST, pg.id"
        )
        return self._all(sql, [*args, int(f.limit), int(f.offset)])

    # the map's columns, in the order point_columns makes them
    POINT_COLUMNS: ClassVar[tuple[str, ...]] = ("id", "lon", "lat", "type", "sub", "fatalities", "date", "place", "actor1")

    def point_columns(self, f: EventFilter, types: list[str], sub_types: list[str]) -> dict[str, Any]:
        """The located events matching the filter as JSON arrays made by the database, one per
        POINT_COLUMNS name, in one pass over the matching rows (the WHERE runs once): making 100,000
        Python tuples first took 4x longer than the whole query on SQLite. `type` and `sub` are
        indexes into `types` and `sub_types` (-1: neither). Returns total and located counts, the
        columns ({name: JSON text}) and `places`, a JSON object {place id: name} for the ids used."""
        where, args = self._where(f)
        located = "e.lat IS NOT NULL AND e.lon IS NOT NULL"
        expressions = (
            "e.id",
            self._round("e.lon", 5),
            self._round("e.lat", 5),
            self._case("e.event_type", types),
            self._case("e.sub_event_type", sub_types),
            "coalesce(e.fatalities, 0)",
            "e.date",
            "e.place_id",
            "e.actor1",
        )
        aggregates = ", ".join(
            f"{self._json_array(e, located)} AS c{i}" for i, e in enumerate(expressions)
        )
        row = self._one(
            f"SELECT COUNT(*) AS total, COUNT(*) FILTER (WHERE {located}) AS located, {aggregates}"
            f" FROM events e{places_join(where)}{where}",
            [*types, *sub_types, *args],  # the SELECT's CASEs come first in the text
        )
        columns = {name: row[f"c{i}"] or "[]" for i, name in enumerate(self.POINT_COLUMNS)}
        place_ids = sorted({p for p in json.loads(columns["place"]) if p is not None})
        return {
            "total": int(row["total"]),
            "located": int(row["located"]),
            "columns": columns,
            "places": self._place_names_json(place_ids),
        }

    def _case(self, column: str, values: list[str]) -> str:
        """`column`'s index in `values` (bound in order), -1 if absent: 2x faster than a join here."""
        whens = "".join(f"WHEN {self.MARK} THEN {i} " for i in range(len(values)))
        return f"CASE {column} {whens}ELSE -1 END"

    def _round(self, expression: str, digits: int) -> str:
        """The number rounded to `digits` decimals, as a JSON number."""
        raise NotImplementedError

    def _json_array(self, expression: str, condition: str) -> str:
        """An aggregate: the JSON array (text) of `expression` over the rows meeting `condition`."""
        raise NotImplementedError

    def _place_names_json(self, place_ids: list[int]) -> str:
        """A JSON object (text) {place id: name} for these places."""
        raise NotImplementedError


_CHUNK = 500  # values bound in one IN list: far below SQLite's limit on variables


def insert_sql(table: str, mark: str) -> str:
    """`INSERT INTO table(columns) VALUES (...)` for the documents, places or events row the *_row
    helpers make: the columns are theirs, in their order, so a statement and its values cannot drift."""
    columns = _ROW_COLUMNS[table]
    return f"INSERT INTO {table}({', '.join(columns)}) VALUES ({','.join([mark] * len(columns))})"
