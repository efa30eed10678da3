"""The store's schema as numbered migrations, applied in order and recorded in `schema_migrations`.

A migration is a list of statements; a new version appends to MIGRATIONS and never edits an old one,
so an existing database upgrades in place.
"""

from __future__ import annotations

MIGRATIONS: list[list[str]] = [
    # 1: the first schema
    [
        """CREATE TABLE sources (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            url TEXT,
            home_country TEXT
        )""",
        """CREATE TABLE documents (
            id TEXT PRIMARY KEY,
            external_id TEXT,
            title TEXT,
            published TEXT,
            source_id INTEGER REFERENCES sources(id),
            url TEXT,
            origin TEXT,
            text TEXT NOT NULL,
            ingested_at TEXT NOT NULL
        )""",
        """CREATE TABLE places (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            geonameid INTEGER,
            name TEXT NOT NULL,
            lat REAL,
            lon REAL,
            country_code TEXT,
            feature_class TEXT,
            feature_code TEXT,
            admin1 TEXT,
            population INTEGER NOT NULL DEFAULT 0
        )""",
        """CREATE TABLE events (
            id TEXT PRIMARY KEY,
            event_type TEXT NOT NULL,
            sub_event_type TEXT NOT NULL,
            date TEXT,
            time_precision INTEGER NOT NULL DEFAULT 3,
            place_id INTEGER REFERENCES places(id),
            geo_precision INTEGER NOT NULL DEFAULT 3,
            lat REAL,
            lon REAL,
            actor1 TEXT,
            actor2 TEXT,
            actor1_type INTEGER,
            actor2_type INTEGER,
            fatalities INTEGER NOT NULL DEFAULT 0,
            certainty TEXT NOT NULL DEFAULT 'reported',
            attribution TEXT,
            historical INTEGER NOT NULL DEFAULT 0,
            score REAL NOT NULL DEFAULT 0,
            dataset TEXT,
            dataset_id TEXT,
            notes TEXT,
            created_at TEXT NOT NULL
        )""",
        """CREATE TABLE reports (
            id INTEGER PRIMARY KEY,
            event_id TEXT NOT NULL REFERENCES events(id),
            doc_id TEXT NOT NULL REFERENCES documents(id),
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            sentence TEXT NOT NULL,
            certainty TEXT,
            attribution TEXT,
            UNIQUE (event_id, doc_id, start, "end")
        )""",
        """CREATE TABLE mentions (
            id INTEGER PRIMARY KEY,
            doc_id TEXT NOT NULL REFERENCES documents(id),
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            kind TEXT NOT NULL,
            place_id INTEGER REFERENCES places(id),
            score REAL,
            reason TEXT,
            UNIQUE (doc_id, start, "end", kind)
        )""",
        "CREATE INDEX events_date ON events(date)",
        "CREATE INDEX events_lat_lon ON events(lat, lon)",
        "CREATE INDEX events_type ON events(event_type, sub_event_type)",
        "CREATE INDEX events_place ON events(place_id)",
        "CREATE INDEX reports_event ON reports(event_id)",
        "CREATE INDEX reports_doc ON reports(doc_id)",
        "CREATE INDEX documents_source ON documents(source_id)",
        "CREATE INDEX mentions_doc ON mentions(doc_id)",
    ],
    # 2: the atlas asks for a time window and a box together; one index answers both
    [
        "CREATE INDEX events_date_lat_lon ON events(date, lat, lon)",
    ],
    # 3: a counter every write transaction bumps, so readers (the atlas's caches) can tell in one
    # look-up whether anything changed; one row, made here
    [
        "CREATE TABLE store_revision (id INTEGER PRIMARY KEY CHECK (id = 1), revision INTEGER NOT NULL)",
        "INSERT INTO store_revision(id, revision) VALUES (1, 0)",
    ],
]

SCHEMA_VERSION = len(MIGRATIONS)
