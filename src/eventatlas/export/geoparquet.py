"""Events as GeoParquet: a Parquet file with a WKB point column and the 'geo' metadata that says so.

GeoPandas, DuckDB, QGIS and GDAL read it as a layer, and it is columnar and compressed, so a whole
atlas stays small and fast to load. Rows are the dicts `query_events` returns (either store
backend); every scalar field becomes a column, lat/lon also become the `geometry` point.
"""

from __future__ import annotations

import json
import math
import struct
from collections.abc import Iterable
from pathlib import Path
from typing import Any

GEOPARQUET_VERSION = "1.1.0"
GEOMETRY = "geometry"
# Columns whose type is known up front, so that an export of rows that are all null still has types.
KNOWN_TYPES = {
    "id": "string", "event_type": "string", "sub_event_type": "string", "date": "string",
    "time_precision": "int64", "place_id": "int64", "geo_precision": "int64", "lat": "float64", "lon": "float64",
    "actor1": "string", "actor2": "string", "actor1_type": "int64", "actor2_type": "int64",
    "fatalities": "int64", "certainty": "string", "attribution": "string", "historical": "bool_",
    "score": "float64", "dataset": "string", "dataset_id": "string", "notes": "string", "created_at": "string",
    "place_name": "string", "geonameid": "int64", "country_code": "string", "admin1": "string",
    "feature_code": "string", "report_count": "int64",
}  # fmt: skip


def wkb_point(lon: float, lat: float) -> bytes:
    """ISO WKB of a 2D point, little-endian (byte order 1, geometry type 1)."""
    return struct.pack("<BIdd", 1, 1, float(lon), float(lat))


def _located(row: dict[str, Any]) -> bool:
    lat, lon = row.get("lat"), row.get("lon")
    return lat is not None and lon is not None and not (math.isnan(float(lat)) or math.isnan(float(lon)))


def to_geoparquet(rows: Iterable[dict[str, Any]], path: str | Path, compression: str = "zstd") -> int:
    """Write the rows to `path` as GeoParquet (WKB points, CRS84); returns the number of rows."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = list(rows)
    names: list[str] = []
    for row in rows:
        for key in row:
            if key not in names and key != GEOMETRY:
                names.append(key)
    if not rows:
        names = list(KNOWN_TYPES)
    columns: dict[str, Any] = {}
    for name in names:
        values = [row.get(name) for row in rows]
        if name == "historical":
            values = [None if v is None else bool(v) for v in values]
        values = [
            json.dumps(v, ensure_ascii=False, default=str) if isinstance(v, dict | list) else v
            for v in values
        ]
        kind = KNOWN_TYPES.get(name)
        try:
            columns[name] = pa.array(values, type=getattr(pa, kind)() if kind else None)
        except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError):
            columns[name] = pa.array([None if v is None else str(v) for v in values], type=pa.string())
        if pa.types.is_null(columns[name].type):
            columns[name] = columns[name].cast(pa.string())
    geometry = [wkb_point(r["lon"], r["lat"]) if _located(r) else None for r in rows]
    columns[GEOMETRY] = pa.array(geometry, type=pa.binary())
    located = [r for r in rows if _located(r)]
    column_meta: dict[str, Any] = {"encoding": "WKB", "geometry_types": ["Point"] if located else []}
    if located:
        lons = [float(r["lon"]) for r in located]
        lats = [float(r["lat"]) for r in located]
        column_meta["bbox"] = [min(lons), min(lats), max(lons), max(lats)]
    geo = {"version": GEOPARQUET_VERSION, "primary_column": GEOMETRY, "columns": {GEOMETRY: column_meta}}
    table = pa.table(columns)
    table = table.replace_schema_metadata({**(table.schema.metadata or {}), b"geo": json.dumps(geo).encode()})
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, path, compression=compression)
    return len(rows)
