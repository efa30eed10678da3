"""Benchmark: bbox + time query latency (p50, p95) on a store of N events, SQLite and PostGIS.

    .venv/bin/python scripts/bench_query.py [--events 1000000] [--pg URL] [--json out.json]

Events are generated (clustered around a few thousand places, dates over ten years) and bulk-loaded
straight into the tables: executemany in one transaction for SQLite, COPY for PostgreSQL. The queries
are what the atlas API sends: `query_events` + `count_events` for a random box of 1-10 degrees
around a place and a window of 1-12 months, limit 1000. The database is kept between runs (same N,
same seed) under --dir. PostGIS runs when --pg or $EVENTATLAS_TEST_PG is given.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from eventatlas.model import EVENT_TYPES, TYPOLOGY  # noqa: E402
from eventatlas.store import EventFilter, open_store  # noqa: E402

START = date(2015, 1, 1)
DAYS = 3650
CHUNK = 50_000


def places(rng: random.Random, n: int) -> list[tuple]:
    """(id, key, name, lat, lon, country) for n places, denser in some regions, like real conflict data."""
    hubs = [(rng.uniform(-40, 60), rng.uniform(-120, 150)) for _ in range(60)]
    out = []
    for i in range(1, n + 1):
        lat0, lon0 = rng.choice(hubs)
        lat = max(-89.0, min(89.0, rng.gauss(lat0, 4)))
        lon = ((rng.gauss(lon0, 6) + 180) % 360) - 180
        out.append((i, f"bench:{i}", f"Place {i}", round(lat, 5), round(lon, 5), "XX"))
    return out


def events(rng: random.Random, n: int, place_rows: list[tuple]):
    """Chunks of event rows in the events table's column order (without geom)."""
    created = "2025-01-01T00:00:00+00:00"
    batch = []
    for i in range(n):
        pid, _, _, lat, lon, _ = rng.choice(place_rows)
        etype = rng.choice(EVENT_TYPES)
        day = (START + timedelta(days=rng.randrange(DAYS))).isoformat()
        batch.append((
            f"e{i:09d}", etype, rng.choice(TYPOLOGY[etype]), day, 1, pid, 1, lat, lon,
            f"Actor {rng.randrange(500)}", f"Actor {rng.randrange(500)}", None, None, rng.randrange(5),
            "reported", None, 0, 0.5, "BENCH", str(i), None, created,
        ))  # fmt: skip
        if len(batch) >= CHUNK:
            yield batch
            batch = []
    if batch:
        yield batch


EVENT_COLS = (
    "id, event_type, sub_event_type, date, time_precision, place_id, geo_precision, lat, lon, actor1, actor2,"
    " actor1_type, actor2_type, fatalities, certainty, attribution, historical, score, dataset, dataset_id,"
    " notes, created_at"
)


def load_sqlite(path: Path, n: int, seed: int) -> None:
    store = open_store(path)
    if store.stats()["events"] == n:
        store.close()
        return
    rng = random.Random(seed)
    place_rows = places(rng, 5000)
    conn = store.conn
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO places(id, key, name, lat, lon, country_code) VALUES (?,?,?,?,?,?)", place_rows
    )
    for batch in events(rng, n, place_rows):
        conn.executemany(f"INSERT INTO events({EVENT_COLS}) VALUES ({','.join('?' * 22)})", batch)
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    store.close()


def load_pg(url: str, n: int, seed: int) -> None:
    import psycopg

    store = open_store(url)
    if store.stats()["events"] == n:
        store.close()
        return
    store.close()
    rng = random.Random(seed)
    place_rows = places(rng, 5000)
    with psycopg.connect(url) as conn:
        conn.execute("TRUNCATE events, places, reports, mentions, documents, sources RESTART IDENTITY CASCADE")
        with conn.cursor().copy("COPY places(id, key, name, lat, lon, country_code) FROM STDIN") as copy:
            for row in place_rows:
                copy.write_row(row)
        for batch in events(rng, n, place_rows):
            with conn.cursor().copy(f"COPY events({EVENT_COLS}) FROM STDIN") as copy:
                for row in batch:
                    copy.write_row(row)
        conn.commit()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE events")
        conn.execute("VACUUM ANALYZE places")


def queries(seed: int, k: int, place_rows: list[tuple]) -> list[EventFilter]:
    rng = random.Random(seed + 1)
    out = []
    for _ in range(k):
        _, _, _, lat, lon, _ = rng.choice(place_rows)
        half = rng.uniform(0.5, 5.0)
        start = START + timedelta(days=rng.randrange(DAYS - 30))
        out.append(
            EventFilter(
                bbox=(lon - half, lat - half, lon + half, lat + half),
                date_from=start,
                date_to=start + timedelta(days=rng.randrange(30, 366)),
                limit=1000,
            )
        )
    return out


def measure(store, filters: list[EventFilter]) -> dict:
    for f in filters[:10]:  # warm the cache
        store.query_events(f)
    query_ms, api_ms, returned = [], [], []
    for f in filters:
        t0 = time.perf_counter()
        rows = store.query_events(f)
        t1 = time.perf_counter()
        store.count_events(f)
        t2 = time.perf_counter()
        query_ms.append((t1 - t0) * 1000)
        api_ms.append((t2 - t0) * 1000)
        returned.append(len(rows))

    def pct(values: list[float], p: float) -> float:
        return round(statistics.quantiles(values, n=100)[int(p) - 1], 2)

    return {
        "queries": len(filters),
        "rows_returned_median": statistics.median(returned),
        "query_events_ms": {"p50": pct(query_ms, 50), "p95": pct(query_ms, 95)},
        "query_plus_count_ms": {"p50": pct(api_ms, 50), "p95": pct(api_ms, 95)},
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--dir", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "eventatlas-bench")
    parser.add_argument("--pg", default=os.environ.get("EVENTATLAS_TEST_PG", ""), help="PostgreSQL URL")
    parser.add_argument("--json", type=Path, help="Also write the results here.")
    args = parser.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    place_rows = places(random.Random(args.seed), 5000)
    filters = queries(args.seed, args.queries, place_rows)
    results: dict = {"events": args.events}

    path = args.dir / f"query-{args.events}-{args.seed}.db"
    t = time.perf_counter()
    load_sqlite(path, args.events, args.seed)
    store = open_store(path)  # opening migrates an older file (schema 2 adds the (date, lat, lon) index)
    indexes = [r[0] for r in store.conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events' AND sql IS NOT NULL ORDER BY name")]
    results["sqlite"] = {"load_s": round(time.perf_counter() - t, 1), "schema_version": store.schema_version(),
                         "indexes": indexes, **measure(store, filters)}
    print(json.dumps({"sqlite": results["sqlite"]}), flush=True)
    store.close()

    if args.pg:
        import psycopg

        schema = f"bench_{args.events}_{args.seed}"
        with psycopg.connect(args.pg, autocommit=True) as conn:
            conn.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
        from urllib.parse import quote

        url = f"{args.pg}{'&' if '?' in args.pg else '?'}options={quote(f'-csearch_path={schema},public', safe='')}"
        t = time.perf_counter()
        load_pg(url, args.events, args.seed)
        store = open_store(url)
        results["postgis"] = {"load_s": round(time.perf_counter() - t, 1), **measure(store, filters)}
        store.close()
        print(json.dumps({"postgis": results["postgis"]}), flush=True)
    else:
        results["postgis"] = "skipped: no --pg URL and EVENTATLAS_TEST_PG unset"
    results["goal_p95_ms"] = 100
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
