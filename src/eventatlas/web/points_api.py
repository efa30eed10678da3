"""`GET /api/points`: every matching event in the compact, columnar form the map draws from.

The map needs a handful of values per event (position, type, fatalities, date, place), and asking
for them as GeoJSON pages of 10,000 cost ~40 MB of JSON and ten round trips at 100,000 events. Here
one SQL query fills parallel arrays, strings that repeat (types, places, actors) are sent once in
dictionaries and referred to by index, and the answer is gzip'd once and kept in a small cache keyed
by the filters and the store's revision (Store.revision: a counter every write bumps), so reloading
the page costs a dictionary look-up or a 304.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from eventatlas.store import EventFilter
from eventatlas.store.base import StoreBase
from eventatlas.web.app import Filters

router = APIRouter()

CACHE_ENTRIES = 16
CACHE_BYTES = 128 * 1024 * 1024  # ~13 MB an entry at 100,000 events; the newest is always kept
COLUMNS = StoreBase.POINT_COLUMNS  # id, lon, lat, type, sub, fatalities, date, place, actor1


class _Cache:
    """A small LRU of finished answers (JSON and its gzip), bounded by count and bytes."""

    def __init__(self) -> None:
        self.items: OrderedDict[str, tuple[bytes, bytes]] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str) -> tuple[bytes, bytes] | None:
        with self.lock:
            hit = self.items.get(key)
            if hit is not None:
                self.items.move_to_end(key)
            return hit

    def put(self, key: str, value: tuple[bytes, bytes]) -> None:
        with self.lock:
            self.items[key] = value
            self.items.move_to_end(key)
            while len(self.items) > CACHE_ENTRIES or (
                len(self.items) > 1 and sum(len(a) + len(b) for a, b in self.items.values()) > CACHE_BYTES
            ):
                self.items.popitem(last=False)


def revision(store: StoreBase) -> str:
    """What the caches are keyed by: the store's revision, which changes whenever its data can have."""
    return store.revision()


_dicts: dict[str, tuple[list[str], list[str]]] = {}
_dicts_lock = threading.Lock()


def _distinct_types(store: StoreBase, rev: str | None) -> tuple[list[str], list[str]]:
    """All distinct types and sub-types (an index scan each), remembered per store revision."""
    with _dicts_lock:
        hit = _dicts.get(rev) if rev else None
    if hit is not None:
        return hit
    types, subs = store.distinct("event_type"), store.distinct("sub_event_type")
    if rev:
        with _dicts_lock:
            if len(_dicts) > 64:
                _dicts.clear()
            _dicts[rev] = (types, subs)
    return types, subs


def build_points(store: StoreBase, f: EventFilter, rev: str | None = None) -> bytes:
    """The columnar answer for the filter as JSON bytes (located events only, in no set order).

    The arrays are made by the database itself (Store.point_columns) and pasted into the answer
    as they come. Types and sub-types are sent as indexes into the lists of all distinct values."""
    types, subs = _distinct_types(store, rev)
    found = store.point_columns(f, types, subs)
    total, located = found["total"], found["located"]
    head = {"total": total, "located": located, "unlocated": total - located}
    cols = found["columns"]
    parts = [json.dumps(head)[:-1], ',"columns":{']
    parts.append(",".join(f'"{name}":{cols[name]}' for name in COLUMNS))
    parts.append('},"types":' + json.dumps(types, ensure_ascii=False))
    parts.append(',"sub_types":' + json.dumps(subs, ensure_ascii=False))
    parts.append(',"places":' + found["places"] + "}")
    return "".join(parts).encode()


def revision_cached(stores: Any, entries: int = 64) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """A decorator for GET endpoints whose answer depends only on their parameters and the store
    (stats, facets, timeline): answers are kept per store revision, so a page load after the first
    costs no queries. At 100,000 events those three took ~0.4 s of CPU beside the page's own work."""
    cache: OrderedDict[str, Any] = OrderedDict()
    lock = threading.Lock()

    def decorate(fn: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(fn)  # FastAPI reads the parameters through __wrapped__
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            rev = revision(stores.get())
            key = f"{fn.__name__}|{rev}|{sorted(kwargs.items())!r}"
            with lock:
                if key in cache:
                    cache.move_to_end(key)
                    return cache[key]
            value = fn(*args, **kwargs)
            with lock:
                cache[key] = value
                while len(cache) > entries:
                    cache.popitem(last=False)
            return value

        return wrapper

    return decorate


@router.get("/api/points", summary="Every matching located event in a compact columnar form (for the map)")
def points(
    request: Request,
    f: Filters,
) -> Response:
    """Columns `id, lon, lat, type, sub, fatalities, date, place, actor1`, one entry per event.

    `type` and `sub` index `types` and `sub_types` (-1: none); `place` is a place id, named in
    `places` ({id: name}); `date` is YYYY-MM-DD (null: undated). Events without coordinates are
    only counted (`unlocated`). Answers are gzip'd when the client accepts it and carry an ETag."""
    store = request.app.state.stores.get()
    rev = revision(store)
    cache: _Cache | None = getattr(request.app.state, "points_cache", None)
    if cache is None:
        cache = request.app.state.points_cache = _Cache()
    key = hashlib.sha1(f"{rev}|{request.url.query}".encode()).hexdigest()
    etag = f'W/"{key}"'  # weak: the same for the gzip'd and the plain body
    headers = {"Cache-Control": "no-cache", "Vary": "Accept-Encoding", "ETag": etag}
    if etag in request.headers.get("if-none-match", ""):
        return Response(status_code=304, headers=headers)
    hit = cache.get(key)
    if hit is None:
        body = build_points(store, f, rev)
        hit = (body, gzip.compress(body, compresslevel=1, mtime=0))
        cache.put(key, hit)
    if "gzip" in request.headers.get("accept-encoding", ""):
        headers["Content-Encoding"] = "gzip"
        return Response(hit[1], media_type="application/json", headers=headers)
    return Response(hit[0], media_type="application/json", headers=headers)


__all__ = ["router", "build_points", "revision", "revision_cached"]
