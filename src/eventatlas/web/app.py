"""The atlas web app: a FastAPI JSON/GeoJSON API under /api and the map page at /.

Each worker thread gets its own store (threading.local), so requests never share a database
connection; SQLite's WAL mode lets the atlas read while an ingest writes. Front-end packages come from
npm's node_modules and are served under /vendor/ from a whitelist, so the page loads nothing from the
internet unless the user sets a tile URL.
"""

from __future__ import annotations

import io
import json
import logging
import os
import re
import threading
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles

from eventatlas.analysis.data import EventPoint
from eventatlas.export import (
    attach_sources,
    event_feature,
    iter_rows,
    to_acled_csv,
)
from eventatlas.model import CERTAINTIES, TYPOLOGY
from eventatlas.store import EventFilter, open_store
from eventatlas.store.base import StoreBase

log = logging.getLogger("eventatlas.web")

STATIC_DIR = Path(__file__).parent / "static"
MAX_LIMIT = 10000
EXPORT_MAX = 2_000_000
SPREAD_PERMUTATIONS = 199  # enough for p-values at 0.05/3 on a page request; the CLI uses 999

# The files each npm package may serve: (package, allowed relative-path pattern).
VENDOR_FILES: dict[str, re.Pattern[str]] = {
    "maplibre-gl": re.compile(r"dist/[A-Za-z0-9._-]+\.(js|css|map)"),
    "world-atlas": re.compile(r"[A-Za-z0-9._-]+\.json"),
    "topojson-client": re.compile(r"dist/[A-Za-z0-9._-]+\.js"),
}

# Properties the map needs per event; the rest comes from /api/events/{id}.
MAP_PROPERTIES = (
    "event_type",
    "sub_event_type",
    "date",
    "time_precision",
    "actor1",
    "actor2",
    "fatalities",
    "certainty",
    "place_id",
    "place_name",
    "geo_precision",
    "dataset",
    "report_count",
)


def find_node_modules() -> Path | None:
    """`$EVENTATLAS_NODE_MODULES`, else the first node_modules above this package or the cwd."""
    env = os.environ.get("EVENTATLAS_NODE_MODULES")
    if env:
        path = Path(env)
        return path if path.is_dir() else None
    for start in (Path(__file__).resolve().parent, Path.cwd().resolve()):
        for d in (start, *start.parents):
            candidate = d / "node_modules"
            if (candidate / "maplibre-gl").is_dir():
                return candidate
    return None


def _bad(param: str, msg: str) -> RequestValidationError:
    """A 422 in FastAPI's own error shape, naming the parameter."""
    return RequestValidationError([{"loc": ["query", param], "msg": msg, "type": "value_error"}])


# The shapes of the filter parameters, in the OpenAPI document and in the parsers alike: schemathesis
# (tests/test_schemathesis.py) holds the server to its document. "" means "not set", as the page sends.
_NUMBER = r"-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?"
BBOX_PATTERN = rf"^$|^{_NUMBER},{_NUMBER},{_NUMBER},{_NUMBER}$"
DAY_PATTERN = r"^$|^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_BBOX = re.compile(BBOX_PATTERN)
_DAY = re.compile(DAY_PATTERN)


def parse_bbox(text: str | None) -> tuple[float, float, float, float] | None:
    if text is None or text == "":
        return None
    # plain decimals only: float() would also take " 1", "1_0", "inf" and "nan"
    if not _BBOX.fullmatch(text):
        raise _bad("bbox", f"bbox must be four numbers west,south,east,north; got {text!r}")
    west, south, east, north = (float(p) for p in text.split(","))
    if not (-180 <= west <= 180 and -180 <= east <= 180):
        raise _bad("bbox", f"bbox longitudes must lie in -180..180; got {west}, {east}")
    if not (-90 <= south <= 90 and -90 <= north <= 90):
        raise _bad("bbox", f"bbox latitudes must lie in -90..90; got {south}, {north}")
    if south > north:
        raise _bad("bbox", f"bbox south ({south}) is north of north ({north})")
    return west, south, east, north


def parse_day(param: str, text: str | None) -> date | None:
    if text is None or text == "":
        return None
    if not _DAY.fullmatch(text):
        raise _bad(param, f"{param} must be a date YYYY-MM-DD; got {text!r}")
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise _bad(param, f"{param} is not a valid date: {text!r} ({exc})") from None


Multi = Annotated[list[str] | None, Query()]
BBox = Annotated[
    str | None,
    Query(description="west,south,east,north in degrees", json_schema_extra={"pattern": BBOX_PATTERN}),
]
DayFrom = Annotated[
    str | None,
    Query(alias="from", description="first day, YYYY-MM-DD", json_schema_extra={"pattern": DAY_PATTERN}),
]
DayTo = Annotated[
    str | None,
    Query(alias="to", description="last day, YYYY-MM-DD", json_schema_extra={"pattern": DAY_PATTERN}),
]
Certainties = Annotated[list[str] | None, Query(json_schema_extra={"items": {"enum": ["", *CERTAINTIES]}})]


class GeoJSONResponse(JSONResponse):
    """Names the GeoJSON media type in the OpenAPI document (the routes build their bodies themselves)."""

    media_type = "application/geo+json"


class CSVResponse(Response):
    """Names the CSV media type in the OpenAPI document (the export streams its body itself)."""

    media_type = "text/csv"


FEATURE_COLLECTION = {
    "type": "object",
    "required": ["type", "features"],
    "properties": {
        "type": {"const": "FeatureCollection"},
        "features": {
            "type": "array",
            "items": {"type": "object", "required": ["type", "geometry", "properties"]},
        },
    },
}
GEOJSON_200 = {200: {"content": {"application/geo+json": {"schema": FEATURE_COLLECTION}}}}
NOT_FOUND = {
    404: {
        "description": "Not found",
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "required": ["detail"],
                    "properties": {"detail": {"type": "string"}},
                }
            }
        },
    }
}


def make_filter(
    bbox: str | None,
    date_from: str | None,
    date_to: str | None,
    event_type: list[str] | None,
    sub_event_type: list[str] | None,
    actor: str | None,
    certainty: list[str] | None,
    source: list[str] | None,
    dataset: str | None,
    q: str | None,
    limit: int = MAX_LIMIT,
    offset: int = 0,
) -> EventFilter:
    """Validate the shared filter parameters into an EventFilter (422 on anything malformed)."""
    d_from, d_to = parse_day("from", date_from), parse_day("to", date_to)
    if d_from and d_to and d_from > d_to:
        raise _bad("from", f"from ({d_from}) is after to ({d_to})")
    certainties = [c for c in (certainty or []) if c]
    for c in certainties:
        if c not in CERTAINTIES:
            raise _bad("certainty", f"certainty must be one of {', '.join(CERTAINTIES)}; got {c!r}")
    return EventFilter(
        bbox=parse_bbox(bbox),
        date_from=d_from,
        date_to=d_to,
        event_type=[v for v in (event_type or []) if v],
        sub_event_type=[v for v in (sub_event_type or []) if v],
        actor=actor or None,
        certainty=certainties,
        source=[v for v in (source or []) if v],
        dataset=dataset or None,
        q=q or None,
        limit=limit,
        offset=offset,
    )


def event_filter(
    bbox: BBox = None,
    date_from: DayFrom = None,
    date_to: DayTo = None,
    event_type: Multi = None,
    sub_event_type: Multi = None,
    actor: Annotated[str | None, Query(description="substring of actor1 or actor2")] = None,
    certainty: Certainties = None,
    source: Multi = None,
    dataset: str | None = None,
    q: Annotated[str | None, Query(description="free text: actors, place, notes, sentences")] = None,
) -> EventFilter:
    """The shared filter parameters of every event route, as one dependency (limit and offset are
    each route's own: set them with `dataclasses.replace`)."""
    return make_filter(bbox, date_from, date_to, event_type, sub_event_type, actor, certainty, source, dataset, q)


Filters = Annotated[EventFilter, Depends(event_filter)]


def map_rows(store: StoreBase, f: EventFilter) -> list[dict[str, Any]]:
    """One page of events with only the columns the map draws, in query_events' order."""
    return store.map_events(f)


def auto_interval(store: StoreBase) -> Literal["day", "week", "month"]:
    """The timeline's bucket for the span of the store's dates (the page asks for it at once, with
    the events, instead of waiting for /api/stats to choose)."""
    first, last = store.date_span()
    try:
        days = (date.fromisoformat(str(last)[:10]) - date.fromisoformat(str(first)[:10])).days
    except ValueError:  # no dated events
        return "month"
    return "day" if days <= 120 else "week" if days <= 1100 else "month"


def spread_points(store: StoreBase, rows: list[dict[str, Any]]) -> list[EventPoint]:
    """The store's rows as the spread analysis sees them: placed, dated points with populations.

    Events coded only to a region or country (geo_precision 3) are kept here and left out by
    analyse_spread, which counts them for its summary; unlocated or undated rows are dropped."""
    pops = store.place_populations(r.get("place_id") for r in rows)
    points = []
    for r in rows:
        lat, lon, day = r.get("lat"), r.get("lon"), r.get("date")
        if lat is None or lon is None or not day:
            continue
        try:
            when = day if isinstance(day, date) else date.fromisoformat(str(day)[:10])
        except ValueError:
            continue
        points.append(
            EventPoint(
                date=when,
                lat=float(lat),
                lon=float(lon),
                place=str(r.get("place_name") or f"{float(lat):.3f},{float(lon):.3f}"),
                geo_precision=int(r.get("geo_precision") or 1),
                event_type=r.get("event_type") or "",
                sub_event_type=r.get("sub_event_type") or "",
                actor1=r.get("actor1") or "",
                actor2=r.get("actor2") or "",
                fatalities=int(r.get("fatalities") or 0),
                country_code=r.get("country_code"),
                geonameid=r.get("geonameid"),
                population=int(pops.get(r.get("place_id"), 0) or r.get("population") or 0),
            )
        )
    points.sort(key=lambda p: (p.date, p.place))
    return points


class _Stores:
    """One store per thread: a store holds a single connection."""

    def __init__(self, db_url: str) -> None:
        self.db_url = db_url
        self.local = threading.local()
        self.all: list[StoreBase] = []
        self.lock = threading.Lock()

    def get(self) -> StoreBase:
        store = getattr(self.local, "store", None)
        if store is None:
            store = open_store(self.db_url)
            self.local.store = store
            with self.lock:
                self.all.append(store)
        return store

    def close(self) -> None:
        with self.lock:
            for s in self.all:
                try:
                    s.close()
                except Exception:  # closing from another thread can fail; the process ends anyway
                    pass
            self.all.clear()


def create_app(db_url: str, tile_url: str | None = None, security: Any = None) -> FastAPI:
    """The atlas app over the store at `db_url` (path or sqlite:///path).

    `tile_url` (or `$EVENTATLAS_TILE_URL`) is an optional raster tile template
    (https://…/{z}/{x}/{y}.png) drawn under the offline Natural Earth basemap. `security`
    (web.security.SecuritySettings; default from $EVENTATLAS_* variables) sets tokens and limits.
    """
    open_store(db_url).close()  # fail now, with the store's message, if the database is unusable
    stores = _Stores(db_url)
    tile_url = tile_url if tile_url is not None else os.environ.get("EVENTATLAS_TILE_URL") or None
    node_modules = find_node_modules()
    if node_modules is None:
        log.warning(
            "eventatlas atlas: node_modules not found (maplibre-gl, world-atlas); the page will have no "
            "map. Run `npm install` in the eventatlas checkout or set $EVENTATLAS_NODE_MODULES."
        )

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        stores.close()

    app = FastAPI(
        lifespan=lifespan,
        docs_url=None,  # Swagger UI would load its scripts from a CDN; /openapi.json is served
        redoc_url=None,
        title="eventatlas atlas API",
        version="1",
        description="Sourced, georeferenced events of political violence: GeoJSON, timeline, exports.",
    )
    app.state.stores = stores
    app.state.node_modules = node_modules
    from eventatlas.web.ingest_api import install_writing  # tokens, limits, CORS; POST /api/ingest

    install_writing(app, db_url, security)
    from eventatlas.web.points_api import revision_cached
    from eventatlas.web.points_api import router as points_router  # GET /api/points (the map's data)

    app.include_router(points_router)
    per_revision = revision_cached(stores)  # stats, facets, timeline: kept until the store changes
    from eventatlas.web.forecast_api import router as forecast_router  # GET /api/forecast (risk layer)

    app.include_router(forecast_router)
    from eventatlas.web.boundaries import router as boundaries_router  # GET /api/boundaries/admin1

    app.include_router(boundaries_router)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = []
        for e in exc.errors():
            loc = [str(x) for x in e.get("loc", ())]
            errors.append({"loc": loc, "msg": str(e.get("msg", "")), "type": e.get("type", "value_error")})
        message = "; ".join(f"{'.'.join(e['loc'][1:]) or e['loc']}: {e['msg']}" for e in errors)
        return JSONResponse(status_code=422, content={"detail": errors, "message": message})

    # -- API ------------------------------------------------------------------------------
    @app.get(
        "/api/events",
        summary="Events as a GeoJSON FeatureCollection, paged",
        response_class=GeoJSONResponse,
        responses=GEOJSON_200,
    )
    def events(
        f: Filters,
        limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 1000,
        offset: Annotated[int, Query(ge=0)] = 0,
        full: Annotated[bool, Query(description="all event properties, not only the map's")] = False,
    ) -> Response:
        f = replace(f, limit=limit, offset=offset)
        store = stores.get()
        total = store.count_events(f)
        if full:
            rows = store.query_events(f)
            attach_sources(store, rows)
            features = [event_feature(r) for r in rows]
        else:
            rows = map_rows(store, f)
            features = [event_feature(r, MAP_PROPERTIES) for r in rows]
        nxt = offset + len(rows)
        body = {
            "type": "FeatureCollection",
            "features": features,
            "properties": {
                "total": total,
                "offset": offset,
                "limit": limit,
                "returned": len(rows),
                "next_offset": nxt if nxt < total else None,
            },
        }
        # serialised directly: FastAPI's generic encoder is slow on 10,000 features
        return Response(json.dumps(body, ensure_ascii=False), media_type="application/geo+json")

    @app.get(
        "/api/events/{event_id}", summary="One event with every report that supports it", responses=NOT_FOUND
    )
    def event(event_id: str) -> dict[str, Any]:
        detail = stores.get().event_detail(event_id)
        if detail is None:
            raise HTTPException(status_code=404, detail=f"no event with id {event_id!r}")
        lat, lon = detail.get("lat"), detail.get("lon")
        detail["geometry"] = (
            {"type": "Point", "coordinates": [lon, lat]} if lat is not None and lon is not None else None
        )
        detail["historical"] = bool(detail.get("historical"))
        for r in detail["reports"]:
            r.pop("text", None)
        return detail

    @app.get(
        "/api/places/{place_id}",
        summary="A place, its events and the date of its first event",
        responses=NOT_FOUND,
    )
    def place(
        # a row id is a signed 64-bit integer; a larger number overflowed SQLite's binding (a 500)
        place_id: Annotated[int, PathParam(ge=-(2**63), le=2**63 - 1)],
        limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 1000,
    ) -> dict[str, Any]:
        store = stores.get()
        detail = store.place_detail(place_id)
        if detail is None:
            raise HTTPException(status_code=404, detail=f"no place with id {place_id}")
        rows = store.query_events(EventFilter(place_id=place_id, limit=limit))
        detail["event_count"] = detail.pop("events", len(rows))
        detail["first_event_date"] = detail.get("first_date")
        detail["events"] = [
            {k: r.get(k) for k in ("id", *MAP_PROPERTIES) if k in r or k == "id"} for r in rows
        ]
        return detail

    @app.get("/api/spread", summary="Spread analysis (mode, origin, speed, tests) of the matching events")
    def spread(
        f: Filters,
        origin: Annotated[str | None, Query(description="origin place name (default: the first place)")] = None,
    ) -> Response:
        from eventatlas.analysis.spread import analyse_spread, spread_result_to_dict

        f = replace(f, limit=EXPORT_MAX, offset=0)
        store = stores.get()
        points = spread_points(store, store.query_events(f))
        try:
            result = analyse_spread(points, origin=origin or None, permutations=SPREAD_PERMUTATIONS)
        except ValueError as exc:  # an origin that is neither an event place nor in the gazetteer
            raise _bad("origin", str(exc).replace("--origin ", "")) from None
        body = spread_result_to_dict(result)
        body["events"] = len(points)
        body["excluded_region_coded"] = result.details.get("excluded_region_coded", 0)
        return Response(json.dumps(body, ensure_ascii=False), media_type="application/json")

    @app.get("/api/stats", summary="What the store holds")
    @per_revision
    def stats() -> dict[str, Any]:
        store = stores.get()
        out: dict[str, Any] = dict(store.stats())
        out.update(store.summary())  # dates, fatalities, unlocated, bounds (the map opens there), types
        return out

    @app.get("/api/timeline", summary="Events per day, week or month for the filters")
    @per_revision
    def timeline(
        f: Filters,
        interval: Annotated[
            Literal["day", "week", "month", "auto"],
            Query(description="auto: day up to 120 days of data, week up to 1,100, else month"),
        ] = "month",
    ) -> dict[str, Any]:
        store = stores.get()
        if interval == "auto":
            interval = auto_interval(store)
        buckets = store.timeline(f, interval)
        for b in buckets:
            b["fatalities"] = b.get("fatalities") or 0
        return {"interval": interval, "buckets": buckets}

    @app.get("/api/facets", summary="Values for the filter menus")
    @per_revision
    def facets() -> dict[str, Any]:
        store = stores.get()
        return {
            "event_types": store.distinct("event_type"),
            "sub_event_types": store.distinct("sub_event_type"),
            "certainties": store.distinct("certainty"),
            "sources": store.sources(),
            "datasets": store.distinct("dataset"),
            "typology": {k: list(v) for k, v in TYPOLOGY.items()},
            "all_certainties": list(CERTAINTIES),
        }

    @app.get("/api/config", summary="Settings the page needs (tile URL, vendor files present)")
    def config() -> dict[str, Any]:
        return {"tile_url": tile_url, "vendor": node_modules is not None}

    @app.get(
        "/api/export.geojson",
        summary="Every matching event as a GeoJSON file",
        response_class=GeoJSONResponse,
        responses=GEOJSON_200,
    )
    def export_geojson(
        f: Filters,
        limit: Annotated[int | None, Query(ge=1, le=EXPORT_MAX)] = None,
    ) -> StreamingResponse:
        f = replace(f, limit=limit or EXPORT_MAX, offset=0)
        store = stores.get()

        def body() -> Iterator[str]:
            yield '{"type": "FeatureCollection", "features": ['
            first = True
            for row in iter_rows(store, f):
                yield ("" if first else ",\n") + json.dumps(event_feature(row), ensure_ascii=False)
                first = False
            yield "]}\n"

        return StreamingResponse(
            body(),
            media_type="application/geo+json",
            headers={"Content-Disposition": 'attachment; filename="eventatlas-events.geojson"'},
        )

    @app.get(
        "/api/export.csv",
        summary="Every matching event as CSV in ACLED's columns",
        response_class=CSVResponse,
        responses={200: {"content": {"text/csv": {"schema": {"type": "string"}}}}},
    )
    def export_csv(
        f: Filters,
        limit: Annotated[int | None, Query(ge=1, le=EXPORT_MAX)] = None,
    ) -> StreamingResponse:
        f = replace(f, limit=limit or EXPORT_MAX, offset=0)
        store = stores.get()

        def body() -> Iterator[str]:
            buf = io.StringIO()
            batch: list[dict[str, Any]] = []
            header = True
            for row in iter_rows(store, f):
                batch.append(row)
                if len(batch) >= 1000:
                    yield _csv_chunk(batch, buf, header)
                    header, batch = False, []
            if batch or header:
                yield _csv_chunk(batch, buf, header)

        return StreamingResponse(
            body(),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="eventatlas-events.csv"'},
        )

    # -- page and vendor files --------------------------------------------------------------
    @app.get("/vendor/{package}/{path:path}", include_in_schema=False)
    def vendor(package: str, path: str) -> Response:
        pattern = VENDOR_FILES.get(package)
        if node_modules is None or pattern is None or not pattern.fullmatch(path) or ".." in path:
            raise HTTPException(status_code=404, detail=f"not a served vendor file: {package}/{path}")
        root = (node_modules / package).resolve()
        file = (root / path).resolve()
        if root not in file.parents or not file.is_file():
            raise HTTPException(status_code=404, detail=f"not found: {package}/{path} (run npm install?)")
        media = "application/json" if file.suffix in (".json", ".map") else None
        return FileResponse(file, media_type=media, headers={"Cache-Control": "public, max-age=3600"})

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC_DIR / "index.html", headers={"Cache-Control": "no-cache"})

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(status_code=204)

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app


def _csv_chunk(rows: list[dict[str, Any]], buf: io.StringIO, header: bool) -> str:
    buf.seek(0)
    buf.truncate()
    to_acled_csv(rows, buf)
    text = buf.getvalue()
    if not header:
        text = text.split("\n", 1)[1]
    return text


__all__ = ["create_app", "find_node_modules", "parse_bbox"]
