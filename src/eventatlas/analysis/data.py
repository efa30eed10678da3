"""Events as the analyses see them: dated points with actors, from the store or from any events file.

Spread and forecast analyses work on the same flat records, whatever they came from: the store,
an ACLED or UCDP GED CSV (read by the ingest stage's dataset readers), or eventatlas's own JSONL
(`extract` output) and GeoJSON (`export` output).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any


class AnalysisInputError(ValueError):
    """An events file or database could not be read; the message names it and says why."""


@dataclass(slots=True)
class EventPoint:
    """One event reduced to what spatial-temporal analysis needs."""

    date: date
    lat: float
    lon: float
    place: str
    geo_precision: int = 1
    event_type: str = ""
    sub_event_type: str = ""
    actor1: str = ""
    actor2: str = ""
    fatalities: int = 0
    country_code: str | None = None
    geonameid: int | None = None
    population: int = 0


def _as_date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _point(row: dict[str, Any]) -> EventPoint | None:
    """A point from a flat dict (store row, JSONL event, GeoJSON properties); None if unplaced/undated."""
    loc = row.get("location") if isinstance(row.get("location"), dict) else {}
    lat = row.get("lat", loc.get("lat"))
    lon = row.get("lon", loc.get("lon"))
    day = _as_date(row.get("date") or row.get("event_date"))
    if lat is None or lon is None or day is None:
        return None
    try:
        lat, lon = float(lat), float(lon)
    except (TypeError, ValueError):
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return EventPoint(
        date=day,
        lat=lat,
        lon=lon,
        place=str(row.get("place_name") or loc.get("name") or row.get("location_name") or f"{lat:.3f},{lon:.3f}"),
        geo_precision=int(row.get("geo_precision") or loc.get("geo_precision") or 1),
        event_type=row.get("event_type") or "",
        sub_event_type=row.get("sub_event_type") or "",
        actor1=row.get("actor1") or "",
        actor2=row.get("actor2") or "",
        fatalities=int(row.get("fatalities") or 0),
        country_code=row.get("country_code") or loc.get("country_code"),
        geonameid=row.get("geonameid") or loc.get("geonameid"),
        population=int(row.get("population") or 0),
    )


def _from_event(event) -> EventPoint | None:
    place = event.location
    if place is None or event.date is None:
        return None
    return _point(
        {
            "date": event.date,
            "lat": place.lat,
            "lon": place.lon,
            "place_name": place.name,
            "geo_precision": event.geo_precision,
            "event_type": event.event_type,
            "sub_event_type": event.sub_event_type,
            "actor1": event.actor1,
            "actor2": event.actor2,
            "fatalities": event.fatalities,
            "country_code": place.country_code,
            "geonameid": place.geonameid,
            "population": place.population,
        }
    )


def read_events_file(path: Path) -> list[EventPoint]:
    """Points from an ACLED/UCDP CSV, an eventatlas JSONL (extract output) or GeoJSON (export output)."""
    path = Path(path)
    if not path.exists():
        raise AnalysisInputError(f"{path}: no such file")
    suffix = path.suffix.lower()
    points: list[EventPoint] = []
    if suffix in (".geojson", ".json"):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise AnalysisInputError(f"{path}: not valid JSON ({exc})") from exc
        features = data.get("features") if isinstance(data, dict) else None
        if not isinstance(features, list):
            raise AnalysisInputError(f"{path}: not a GeoJSON FeatureCollection")
        for feature in features:
            props = dict(feature.get("properties") or {})
            coords = (feature.get("geometry") or {}).get("coordinates") or [None, None]
            props.setdefault("lon", coords[0])
            props.setdefault("lat", coords[1])
            if p := _point(props):
                points.append(p)
        return points
    if suffix in (".jsonl", ".ndjson"):
        with path.open(encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise AnalysisInputError(f"{path}:{n}: not valid JSON ({exc.msg})") from exc
                if isinstance(row, dict) and (p := _point(row)):
                    points.append(p)
        return points
    from eventatlas.ingest import ImportedEvent, InputError, iter_records

    errors = 0
    for record in iter_records([str(path)]):
        if isinstance(record, ImportedEvent):
            if p := _from_event(record.event):
                points.append(p)
        elif isinstance(record, InputError):
            errors += 1
            if record.line is None:
                raise AnalysisInputError(str(record))
    return points


def read_events_store(db: str | Path | None) -> list[EventPoint]:
    """Points from the store (all placed, dated events)."""
    from eventatlas.store import EventFilter, open_store

    store = open_store(db)
    try:
        rows = store.query_events(EventFilter(limit=100_000_000))
        pops = store.place_populations(row.get("place_id") for row in rows)
    finally:
        store.close()
    points = []
    for row in rows:
        row["population"] = pops.get(row.get("place_id"), 0)
        if p := _point(row):
            points.append(p)
    return points


def load_events(
    input: Path | None = None,
    db: str | Path | None = None,
    actor: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
) -> list[EventPoint]:
    """Placed, dated events from a file or the store, filtered by actor regex and dates, oldest first."""
    points = read_events_file(Path(input)) if input else read_events_store(db)
    if actor:
        try:
            pattern = re.compile(actor, re.IGNORECASE)
        except re.error as exc:
            raise AnalysisInputError(f"--actor {actor!r}: not a valid regular expression ({exc})") from exc
        points = [p for p in points if pattern.search(p.actor1) or pattern.search(p.actor2)]
    if date_from:
        points = [p for p in points if p.date >= date_from]
    if date_to:
        points = [p for p in points if p.date <= date_to]
    points.sort(key=lambda p: (p.date, p.place))
    return points
