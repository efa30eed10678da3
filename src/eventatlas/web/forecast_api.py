"""`GET /api/forecast`: the risk layer of the atlas, `eventatlas forecast` over the matching events.

A forecast fits a model per request and takes seconds, so finished answers are kept in a small LRU keyed
by the parameters and the store's revision (which every write moves), and one lock makes a second
identical request wait for the first instead of fitting again.
"""

from __future__ import annotations

import json
import re
import threading
from collections import OrderedDict
from dataclasses import replace
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from eventatlas.analysis.forecast import ForecastConfig, ForecastError, forecast, forecast_to_geojson
from eventatlas.web.app import (
    EXPORT_MAX,
    GEOJSON_200,
    Filters,
    GeoJSONResponse,
    _bad,
    spread_points,
)

router = APIRouter()

CACHE_ENTRIES = 32
HORIZON_PATTERN = r"^[0-9]{1,4}[dwmy]?$"
COUNTRY_PATTERN = r"^$|^[A-Za-z]{2}(,[A-Za-z]{2})*$"
_cache: OrderedDict[str, bytes] = OrderedDict()
_lock = threading.Lock()


def _days(text: str) -> int:
    units = {"d": 1, "w": 7, "m": 30, "y": 365}
    unit = text[-1] if text[-1] in units else "d"
    return int(text.rstrip("dwmy")) * units[unit]


@router.get(
    "/api/forecast",
    summary="Where next: calibrated probabilities of activity per place or grid cell (GeoJSON risk layer)",
    response_class=GeoJSONResponse,
    responses=GEOJSON_200,
)
def forecast_layer(
    request: Request,
    f: Filters,
    horizon: Annotated[str, Query(description="forecast window: 30d, 12w, 3m, 1y",
                                  json_schema_extra={"pattern": HORIZON_PATTERN})] = "90d",
    target: Annotated[Literal["onset", "any"], Query(description="first event at a unit, or any event")] = "onset",
    unit: Annotated[Literal["place", "grid"], Query(description="gazetteer places or 0.5-degree cells")] = "place",
    country: Annotated[str | None, Query(description="only these countries (ISO-2, comma-separated)",
                                         json_schema_extra={"pattern": COUNTRY_PATTERN})] = None,
    top: Annotated[int, Query(ge=1, le=2000, description="how many units to return, most probable first")] = 200,
) -> Response:
    """A GeoJSON FeatureCollection (`forecast_to_geojson`): one feature per unit with `probability`,
    `reasons` and the baselines' probabilities. Too little history is not an error: the collection is
    empty and its `properties.message` says why."""
    if not re.fullmatch(HORIZON_PATTERN, horizon) or _days(horizon) < 1:
        raise _bad("horizon", f"horizon must be a duration such as 30d, 12w, 3m or 1y; got {horizon!r}")
    if country and not re.fullmatch(COUNTRY_PATTERN, country):
        raise _bad("country", f"country must be ISO-2 codes such as LY or LY,TN; got {country!r}")
    f = replace(f, limit=EXPORT_MAX, offset=0)
    store = request.app.state.stores.get()
    key = json.dumps([sorted(request.query_params.multi_items()), store.revision()])
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return Response(_cache[key], media_type="application/geo+json")
        try:
            cfg = ForecastConfig(horizon_days=_days(horizon), target=target, unit=unit,
                                 countries=tuple((country or "").split(",")))
            result = forecast(spread_points(store, store.query_events(f)), cfg)
            body = forecast_to_geojson(result, top=top)
            body["properties"]["units"] = len(result.forecasts)
        except ForecastError as exc:
            body = {"type": "FeatureCollection", "features": [],
                    "properties": {"layer": "forecast", "message": str(exc)}}
        data = json.dumps(body, ensure_ascii=False).encode()
        _cache[key] = data
        while len(_cache) > CACHE_ENTRIES:
            _cache.popitem(last=False)
    return Response(data, media_type="application/geo+json")
