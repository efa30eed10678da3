"""Spread analysis: how far, how fast and in what pattern a group's violence reached new places.

Claims that a group "spreads like wildfire" (contagious diffusion), "goes for the big cities first"
(hierarchical diffusion), "strikes everywhere at once" or "moves on" (relocation diffusion) are
statements about the order in which places see their first event. This module measures that order
with standard tests from the conflict-diffusion literature (Knox 1964; Townsley, Johnson & Ratcliffe
2008; Schutte & Weidmann 2011), each against a Monte Carlo permutation null:

- Knox test (pointpats): are places close in space also close in onset time?
- onset vs distance from the origin (Spearman, permutation p): is there a frontier?
- onset vs population rank (Spearman, permutation p): do the largest places come first?
- nearest active neighbour: is a new place closer to an already-active place than a random order
  of onsets would make it?
- persistence: do places that started early stay active (escalation) or go quiet (relocation)?
  Null: each place's later events fall uniformly between its onset and the end of the record.

The mode follows from which null hypotheses are rejected (at `alpha`); it is never fitted to a
generator. Speed is the frontier's: a Theil-Sen fit of onset time on distance from the origin
(timing is the noisy quantity, so regressing time on distance does not attenuate the slope, as
regressing distance on time would), refitted without outlying background starts, inverted to
km/month, with a bootstrap interval over places.
"""

from __future__ import annotations

import functools
import math
import re
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import numpy as np
from scipy import stats
from scipy.spatial import cKDTree

from .data import EventPoint

EARTH_RADIUS_KM = 6371.0088
DAYS_PER_MONTH = 30.436875
MODES = ("contagious", "hierarchical", "simultaneous", "relocation", "insufficient-data")
MIN_PLACES = 5

PopulationLookup = Callable[[str, float, float], int]


@dataclass(slots=True)
class SpreadPlace:
    """A distinct event location: where, when it first saw an event, how many it saw."""

    name: str
    lat: float
    lon: float
    first_date: date
    last_date: date
    events: int
    distance_km: float = 0.0
    population: int = 0
    dates: list[date] = field(default_factory=list, repr=False)


@dataclass(slots=True)
class SpreadResult:
    """Everything `eventatlas spread` reports; `spread_result_to_dict` gives its JSON form."""

    mode: str
    confidence: float
    origin: dict[str, Any] | None
    speed: dict[str, float | None]
    places: list[SpreadPlace]
    tests: dict[str, dict[str, Any]]
    summary: str
    details: dict[str, Any] = field(default_factory=dict)


# -- geometry -------------------------------------------------------------------------------------


def haversine_km(lat1, lon1, lat2, lon2):
    """Great-circle distance in km (numpy-broadcasting)."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dp, dl = p2 - p1, np.radians(np.asarray(lon2) - np.asarray(lon1))
    a = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0, 1)))


def _unit_xyz(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    la, lo = np.radians(lat), np.radians(lon)
    return np.column_stack([np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la)])


def _chord_to_km(c):
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.clip(np.asarray(c) / 2, 0, 1))


def _km_to_chord(km: float) -> float:
    return 2 * math.sin(min(km / EARTH_RADIUS_KM, math.pi) / 2)


# -- places ---------------------------------------------------------------------------------------


def build_places(points: Sequence[EventPoint]) -> tuple[list[SpreadPlace], int]:
    """Distinct event locations (to ~100 m) with onset and counts; region/country-coded events are
    skipped (geo_precision 3 places them at a centroid, not at a point). Returns (places, skipped)."""
    groups: dict[tuple[float, float], list[EventPoint]] = {}
    skipped = 0
    for p in points:
        if (p.geo_precision or 1) >= 3:
            skipped += 1
            continue
        groups.setdefault((round(p.lat, 3), round(p.lon, 3)), []).append(p)
    places = []
    for pts in groups.values():
        dates = sorted(p.date for p in pts)
        names: dict[str, int] = {}
        for p in pts:
            names[p.place] = names.get(p.place, 0) + 1
        name = max(names, key=lambda k: (names[k], k))
        places.append(
            SpreadPlace(
                name=name,
                lat=float(np.mean([p.lat for p in pts])),
                lon=float(np.mean([p.lon for p in pts])),
                first_date=dates[0],
                last_date=dates[-1],
                events=len(pts),
                population=max((p.population or 0) for p in pts),
                dates=dates,
            )
        )
    places.sort(key=lambda pl: (pl.first_date, -pl.events, pl.name))
    return places, skipped


@functools.cache
def _open_gazetteer():
    """The built gazetteer, opened once per process (loading takes seconds); None when not built."""
    try:
        from eventatlas.geo import Gazetteer  # type: ignore[attr-defined]

        try:
            return Gazetteer.open(build_if_missing=False)
        except TypeError:
            return Gazetteer.open()
    except Exception:  # noqa: BLE001 - the gazetteer is optional here: no populations without it
        return None


def gazetteer_population_lookup(gazetteer=None, max_km: float = 25.0) -> PopulationLookup | None:
    """Population of a named point: the most populous gazetteer entry of that name within max_km."""
    gaz = gazetteer if gazetteer is not None else _open_gazetteer()
    if gaz is None:
        return None

    def lookup(name: str, lat: float, lon: float) -> int:
        best = 0
        for cand in (name, re.split(r"[,(/-]", name)[0].strip()):
            if not cand:
                continue
            try:
                hits = gaz.lookup(cand, fuzzy=False, limit=20)
            except Exception:  # noqa: BLE001
                hits = []
            for h in hits:
                if h.lat is None or h.lon is None:
                    continue
                if float(haversine_km(lat, lon, h.lat, h.lon)) <= max_km:
                    best = max(best, int(h.population or 0))
            if best:
                break
        return best

    return lookup


def resolve_origin(name: str, places: Sequence[SpreadPlace], gazetteer=None) -> dict[str, Any] | None:
    """--origin: a place name matched against the places (exact, then prefix/substring), else the
    gazetteer's best entry for it."""
    key = name.strip().lower()
    for test in (lambda n: n == key, lambda n: n.startswith(key), lambda n: key in n):
        hits = [p for p in places if test(p.name.lower())]
        if hits:
            p = min(hits, key=lambda p: (p.first_date, -p.events))
            return {"name": p.name, "lat": p.lat, "lon": p.lon, "date": p.first_date}
    gaz = gazetteer if gazetteer is not None else _open_gazetteer()
    if gaz is not None:
        try:
            hits = [h for h in gaz.lookup(name, fuzzy=True, limit=10) if h.lat is not None]
        except Exception:  # noqa: BLE001
            hits = []
        if hits:
            h = hits[0]
            return {"name": h.name, "lat": float(h.lat), "lon": float(h.lon), "date": None}
    return None


# -- statistics -----------------------------------------------------------------------------------


def _perm_spearman(t: np.ndarray, x: np.ndarray, perms: np.ndarray) -> tuple[float, float]:
    """Spearman rho of (t, x) and its one-sided (rho > 0) permutation p-value; perms: (B, n) indices."""
    rt = stats.rankdata(t)
    rx = stats.rankdata(x)
    rt = rt - rt.mean()
    rx = rx - rx.mean()
    denom = math.sqrt(float(rt @ rt) * float(rx @ rx))
    if denom == 0:
        return 0.0, 1.0
    rho = float(rt @ rx) / denom
    sims = (rt[perms] @ rx) / denom
    p = (1 + int(np.sum(sims >= rho - 1e-12))) / (len(sims) + 1)
    return rho, p


def _partial(r_xy: float, r_xz: float, r_yz: float) -> float:
    d = math.sqrt(max(1e-12, (1 - r_xz**2) * (1 - r_yz**2)))
    return (r_xy - r_xz * r_yz) / d


class _NearestActive:
    """Median distance from each new place to the nearest place whose onset came strictly earlier.

    Per ordering, a place's nearest earlier place is usually among its k nearest; only places with
    none of those earlier (mostly the first few) fall back to a full row of distances."""

    def __init__(self, xyz: np.ndarray, k: int = 24) -> None:
        self.xyz = xyz
        n = len(xyz)
        self.k = min(k, n - 1)
        d, idx = cKDTree(xyz).query(xyz, k=self.k + 1)
        self.nd, self.ni = d[:, 1:], idx[:, 1:]
        self.full = np.linalg.norm(xyz[:, None, :] - xyz[None, :, :], axis=2) if n <= 2500 else None
        self.rows = np.arange(n)

    def __call__(self, t: np.ndarray) -> float:
        prior = t[self.ni] < t[:, None]
        first = prior.argmax(axis=1)
        d = self.nd[self.rows, first]
        new = t > t.min()
        need = np.flatnonzero(new & ~prior[self.rows, first])
        if len(need):
            c = self.full[need] if self.full is not None else np.linalg.norm(
                self.xyz[need, None, :] - self.xyz[None, :, :], axis=2)
            d[need] = np.where(t[None, :] < t[need, None], c, np.inf).min(axis=1)
        return float(_chord_to_km(np.median(d[new]))) if new.any() else float("nan")


def _knox(xyz: np.ndarray, t: np.ndarray, perms: np.ndarray, rng: np.random.Generator) -> dict[str, Any]:
    """Knox test on places (location, onset day): pairs close in space and in time.

    Thresholds are the data's own "close": the 20th percentile of pairwise distances and of pairwise
    onset gaps. The count is pointpats' Knox statistic; its permutation null is computed here in
    vectorised form (pointpats' own loop is pure Python and too slow for 999 permutations)."""
    n = len(t)
    m = min(200_000, n * (n - 1) // 2)
    i = rng.integers(0, n, size=m)
    j = rng.integers(0, n, size=m)
    keep = i != j
    i, j = i[keep], j[keep]
    delta_c = float(np.quantile(np.linalg.norm(xyz[i] - xyz[j], axis=1), 0.2))
    tau = max(1.0, float(np.quantile(np.abs(t[i] - t[j]), 0.2)))
    pairs = cKDTree(xyz).query_pairs(delta_c, output_type="ndarray")
    stat = None
    if len(pairs) > 20_000:  # bound the work for thousands of places: fewer permutations, at least 99
        perms = perms[: max(99, min(len(perms), int(2e7 / len(pairs))))]
    try:
        if n > 1000:  # pointpats builds Python sets of neighbours: slow for thousands of places
            raise RuntimeError("count directly")
        from pointpats.spacetime import Knox

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            k = Knox(xyz, t.reshape(-1, 1), delta=delta_c, tau=tau, permutations=0)
        stat = int(k.statistic_)
    except Exception:  # noqa: BLE001 - pointpats unavailable: count directly (same statistic)
        pass
    if len(pairs) == 0:
        obs = 0
        p = 1.0
    else:
        a, b = pairs[:, 0], pairs[:, 1]
        obs = int(np.sum(np.abs(t[a] - t[b]) <= tau))
        sims = np.empty(len(perms))
        for s, perm in enumerate(perms):
            tp = t[perm]
            sims[s] = np.count_nonzero(np.abs(tp[a] - tp[b]) <= tau)
        p = (1 + int(np.sum(sims >= obs))) / (len(perms) + 1)
    if stat is None:
        stat = obs
    return {"statistic": stat, "p_value": p, "distance_km": float(_chord_to_km(delta_c)), "days": tau,
            "_permutations": len(perms)}


def _persistence(places: Sequence[SpreadPlace], t0: date, rng: np.random.Generator, sims: int) -> dict[str, Any]:
    """Do places stay active after their onset (escalation) or go quiet as new ones start (relocation)?

    Each repeat event (every event at a place after its first) happened at some place already active
    on its day. Null hypothesis of sustained activity: that place is equally likely to be any of the
    places active by then. Statistic: the mean age (days since onset) of the place hosting a repeat
    event; relocation makes it small (only recently started places are still active)."""
    onsets = np.array(sorted((p.first_date - t0).days for p in places), dtype=float)
    cums = np.concatenate([[0.0], np.cumsum(onsets)])
    ages, k_active, s_days = [], [], []
    for p in places:
        t_i = (p.first_date - t0).days
        for d in p.dates[1:]:
            s = (d - t0).days
            ages.append(s - t_i)
            k_active.append(int(np.searchsorted(onsets, s, side="right")))
            s_days.append(s)
    out: dict[str, Any] = {"repeat_events": len(ages), "observed_age_days": None, "expected_age_days": None,
                           "ratio": None, "p_value": None}
    if len(ages) < 3:
        return out
    k = np.array(k_active)
    s_arr = np.array(s_days, dtype=float)
    expected_each = s_arr - cums[k] / k  # mean age of the places active on that day
    obs = float(np.mean(ages))
    exp = float(np.mean(expected_each))
    draws = np.floor(rng.random((sims, len(k))) * k).astype(int)
    sim_means = (s_arr[None, :] - onsets[draws]).mean(axis=1)
    p = (1 + int(np.sum(sim_means <= obs))) / (sims + 1)
    out.update(observed_age_days=obs, expected_age_days=exp, ratio=(obs / exp) if exp > 0 else None, p_value=p)
    return out


def _speed(dist: np.ndarray, months: np.ndarray, rng: np.random.Generator, boot: int = 200,
           m_max: int = 300) -> dict[str, float | None]:
    """Frontier speed (km/month): Theil-Sen of onset (months) on distance (km), inverted.

    Places whose onset lies more than 2.5 robust (MAD) standard deviations off the first fit are
    background starts, not the frontier: the fit is redone without them. The interval is an
    m-out-of-n percentile bootstrap over the remaining places (m <= m_max keeps it fast for thousands
    of places), its half-widths rescaled by sqrt(m/n)."""
    out: dict[str, float | None] = {"estimate": None, "low": None, "high": None}
    if len(dist) < 3 or np.ptp(dist) == 0 or np.ptp(months) == 0:
        return out
    first = stats.theilslopes(months, dist)
    resid = months - (first.intercept + first.slope * dist)
    dev = np.abs(resid - np.median(resid))
    mad = 1.4826 * float(np.median(dev))
    keep = dev <= 2.5 * mad if mad > 0 else np.ones(len(dist), bool)
    if keep.sum() >= 3 and np.ptp(dist[keep]) > 0:
        dist, months = dist[keep], months[keep]
    fit = stats.theilslopes(months, dist)
    slope = float(fit.slope)  # months per km
    if slope <= 0:
        return out
    out["_intercept_months"] = float(fit.intercept)
    out["_max_km"] = float(dist.max())
    out["_fitted_places"] = int(len(dist))
    n = len(dist)
    m = min(n, m_max)
    bs = np.empty(boot)
    for b in range(boot):
        idx = rng.integers(0, n, size=m)
        x, y = dist[idx], months[idx]
        bs[b] = stats.theilslopes(y, x).slope if np.ptp(x) > 0 else np.nan
    bs = bs[np.isfinite(bs)]
    scale = math.sqrt(m / n)
    lo_s, hi_s = (np.quantile(bs, [0.025, 0.975]) if len(bs) else (slope, slope))
    lo_s = slope + (lo_s - slope) * scale
    hi_s = slope + (hi_s - slope) * scale
    out["estimate"] = 1.0 / slope
    out["low"] = 1.0 / hi_s if hi_s > 0 else None
    out["high"] = 1.0 / lo_s if lo_s > 0 else None  # None: unbounded (the frontier may not move)
    return out


# -- the analysis ---------------------------------------------------------------------------------


def analyse_spread(
    points: Sequence[EventPoint],
    origin: str | dict[str, Any] | None = None,
    permutations: int = 999,
    alpha: float = 0.05,
    seed: int = 12345,
    gazetteer=None,
    population_lookup: PopulationLookup | None = None,
) -> SpreadResult:
    """Measure how events spread over places: mode, confidence, origin, frontier speed and the tests.

    origin: a place name (matched against the places, else the gazetteer) or {"name","lat","lon"};
    population_lookup(name, lat, lon) -> int fills populations the events do not carry (default:
    the gazetteer, when it has been built)."""
    rng = np.random.default_rng(seed)
    places, skipped = build_places(points)
    details: dict[str, Any] = {"events": len(points), "excluded_region_coded": skipped,
                               "permutations": permutations, "alpha": alpha}
    empty_tests = _empty_tests()
    if not places:
        return SpreadResult("insufficient-data", 0.0, None, _no_speed(), [], empty_tests,
                            _summary_insufficient(0, skipped), details)

    # origin
    if isinstance(origin, dict):
        org = dict(origin)
    elif origin:
        org = resolve_origin(origin, places, gazetteer)
        if org is None:
            raise ValueError(f"--origin {origin!r}: not among the event places nor in the gazetteer")
    else:
        first = places[0].first_date
        window = first + timedelta(days=30)
        cands = [p for p in places if p.first_date == first]
        o = max(cands, key=lambda p: (sum(1 for d in p.dates if d <= window), p.events, p.name))
        org = {"name": o.name, "lat": o.lat, "lon": o.lon, "date": o.first_date}
    if org.get("date") is None:
        org["date"] = places[0].first_date

    lat = np.array([p.lat for p in places])
    lon = np.array([p.lon for p in places])
    dist = haversine_km(org["lat"], org["lon"], lat, lon)
    for p, d in zip(places, dist, strict=True):
        p.distance_km = float(d)

    # populations the events did not carry
    if any(p.population <= 0 for p in places):
        lookup = population_lookup or gazetteer_population_lookup(gazetteer)
        if lookup is not None:
            for p in places:
                if p.population <= 0:
                    p.population = int(lookup(p.name, p.lat, p.lon) or 0)

    t0 = places[0].first_date
    t = np.array([(p.first_date - t0).days for p in places], dtype=float)
    n = len(places)
    distinct_onsets = len(set(t.tolist()))
    details["places"] = n
    if n < MIN_PLACES or distinct_onsets < 3:
        return SpreadResult("insufficient-data", 0.0, _origin_json(org), _no_speed(), places, empty_tests,
                            _summary_insufficient(n, skipped, distinct_onsets), details)

    is_origin = dist < 1.0  # the origin place itself (its onset is first by selection)
    rest = ~is_origin
    perms = np.array([rng.permutation(n) for _ in range(permutations)]) if permutations else np.empty((0, n), int)
    rest_idx = np.flatnonzero(rest)
    nr = len(rest_idx)
    perms_r = np.array([rng.permutation(nr) for _ in range(permutations)]) if permutations else np.empty((0, nr), int)

    tests = _empty_tests()
    xyz = _unit_xyz(lat, lon)
    tests["knox"] = _knox(xyz, t, perms, rng)
    details["knox_permutations"] = tests["knox"].pop("_permutations")

    rho_d, p_d = _perm_spearman(t[rest], dist[rest], perms_r)
    tests["onset_vs_distance"] = {"rho": rho_d, "p_value": p_d}

    pops = np.array([p.population for p in places], dtype=float)
    known = rest & (pops > 0)
    rho_p = p_p = None
    part_d = part_p = None
    if known.sum() >= MIN_PLACES and np.ptp(pops[known]) > 0:
        kidx = np.flatnonzero(known)
        pk = np.array([rng.permutation(len(kidx)) for _ in range(permutations)]) if permutations else np.empty(
            (0, len(kidx)), int)
        pop_rank = stats.rankdata(-pops[kidx])  # 1 = largest
        rho_p, p_p = _perm_spearman(t[kidx], pop_rank, pk)
        r_dp = float(stats.spearmanr(dist[kidx], pop_rank).statistic)
        r_td = float(stats.spearmanr(t[kidx], dist[kidx]).statistic)
        if all(map(math.isfinite, (r_dp, r_td))):
            part_d = _partial(r_td, rho_p, r_dp)
            part_p = _partial(rho_p, r_td, r_dp)
    tests["onset_vs_population_rank"] = {"rho": rho_p, "p_value": p_p}
    details["places_with_population"] = int((pops > 0).sum())
    details["partial_rho_distance"] = part_d
    details["partial_rho_population"] = part_p

    nan = _NearestActive(xyz)
    obs_nan = nan(t)
    nan_perms = perms[: max(99, int(permutations * min(1.0, (800 / n) ** 2)))]  # bounded work for large n
    details["nearest_active_neighbour_permutations"] = len(nan_perms)
    sims = np.array([nan(t[perm]) for perm in nan_perms]) if permutations else np.array([])
    p_nan = (1 + int(np.sum(sims <= obs_nan))) / (len(sims) + 1)
    tests["nearest_active_neighbour"] = {
        "observed_km": obs_nan,
        "expected_km": float(np.mean(sims)) if len(sims) else None,
        "p_value": p_nan,
    }

    persist = _persistence(places, t0, rng, max(permutations, 199))
    details["persistence"] = persist

    months = t / DAYS_PER_MONTH
    speed = _speed(dist[rest], months[rest], rng)
    details["frontier_fit"] = {k[1:]: speed.pop(k) for k in list(speed) if k.startswith("_")}

    mode, confidence, why = classify(tests, persist, details, alpha, n)
    details["reason"] = why
    od = tests["onset_vs_distance"]
    details["frontier"] = bool(od["p_value"] < alpha / 3 and (od["rho"] or 0) > 0)
    result = SpreadResult(mode, confidence, _origin_json(org), speed, places, tests, "", details)
    result.summary = summarise(result)
    return result


def classify(tests: dict, persist: dict, details: dict, alpha: float, n: int) -> tuple[str, float, str]:
    """The mode from which null hypotheses the tests reject.

    frontier: onset rises with distance from the origin; local: a new place lies next to an active
    one (Knox or nearest-active-neighbour; Bonferroni over the two); each of the three at alpha/3; size: onset follows population
    rank, largest first; quiet: early places go quiet (repeat events at places under three-quarters as old as sustained activity
    would give, significantly). relocation = quiet and (frontier or local); otherwise distance vs
    size is decided by their partial correlations (each controlling for the other); neither →
    simultaneous. Relocation needs both "quiet" and "moved" (frontier or local, each at alpha): an
    intersection-union test. Confidence is 1 - the deciding p-value(s), shrunk for few places."""
    p_d = tests["onset_vs_distance"]["p_value"]
    rho_d = tests["onset_vs_distance"]["rho"] or 0.0
    p_p = tests["onset_vs_population_rank"]["p_value"]
    rho_p = tests["onset_vs_population_rank"]["rho"] or 0.0
    p_local = min(1.0, 2 * min(tests["knox"]["p_value"], tests["nearest_active_neighbour"]["p_value"]))
    a3 = alpha / 3  # Bonferroni over the three ways a pattern could show: frontier, size, neighbourhood
    frontier = p_d < a3 and rho_d > 0
    size = p_p is not None and p_p < a3 and rho_p > 0
    local = p_local < a3
    ratio = persist.get("ratio")
    p_q = persist.get("p_value")
    quiet = p_q is not None and p_q < alpha and ratio is not None and ratio < 0.75
    shrink = n / (n + 5)

    moved = (p_d < alpha and rho_d > 0) or p_local < alpha
    if quiet and moved:  # an intersection-union test: both at alpha
        p_move = min(p_d, p_local)
        return "relocation", shrink * (1 - max(p_q, p_move)), (
            "early places went quiet while new ones started further on")
    if frontier and size:
        pd_, pp_ = details.get("partial_rho_distance"), details.get("partial_rho_population")
        if pd_ is not None and pp_ is not None and pp_ > pd_:
            margin = min(1.0, (pp_ - pd_) * 2)
            return "hierarchical", shrink * (1 - p_p) * (0.5 + 0.5 * margin), (
                "onset follows settlement size more than distance (partial correlations)")
        margin = 1.0 if pd_ is None or pp_ is None else min(1.0, (pd_ - pp_) * 2)
        return "contagious", shrink * (1 - p_d) * (0.5 + 0.5 * margin) * (1 if local else 0.8), (
            "onset follows distance from the origin more than settlement size")
    if frontier:
        return "contagious", shrink * (1 - p_d) * (1 if local else 0.8), (
            "onset rises with distance from the origin" + (" and new places start next to active ones"
                                                           if local else ""))
    if size:
        return "hierarchical", shrink * (1 - p_p), "the largest places saw violence first"
    if local:
        return "contagious", shrink * (1 - p_local) * 0.6, (
            "new places start next to active ones, but with no single frontier from the origin")
    ps = [p for p in (p_d, p_p, p_local) if p is not None]
    min_p = min(ps) if ps else 1.0
    return "simultaneous", shrink * (0.5 + 0.5 * (min_p - alpha) / (1 - alpha)), (
        "onsets are unrelated to distance, size or neighbourhood")


# -- output ---------------------------------------------------------------------------------------


def _empty_tests() -> dict[str, dict[str, Any]]:
    return {
        "knox": {"statistic": None, "p_value": None, "distance_km": None, "days": None},
        "onset_vs_distance": {"rho": None, "p_value": None},
        "onset_vs_population_rank": {"rho": None, "p_value": None},
        "nearest_active_neighbour": {"observed_km": None, "expected_km": None, "p_value": None},
    }


def _no_speed() -> dict[str, float | None]:
    return {"estimate": None, "low": None, "high": None}


def _origin_json(org: dict[str, Any]) -> dict[str, Any]:
    d = org.get("date")
    return {"name": org["name"], "lat": float(org["lat"]), "lon": float(org["lon"]),
            "date": d.isoformat() if isinstance(d, date) else d}


def _summary_insufficient(n: int, skipped: int, onsets: int | None = None) -> str:
    s = f"Only {n} distinct located place{'s' if n != 1 else ''}"
    if onsets is not None:
        s += f" with {onsets} distinct onset date{'s' if onsets != 1 else ''}"
    s += f": too few to test how violence spread (at least {MIN_PLACES} places and 3 onset dates are needed)."
    if skipped:
        s += f" {skipped} event{'s' if skipped != 1 else ''} coded only to a region or country were not used as points."
    return s


def _fmt_p(p: float | None) -> str:
    if p is None:
        return "n/a"
    return "p < 0.001" if p < 0.001 else f"p = {p:.3f}"


def summarise(r: SpreadResult) -> str:
    """A plain-language paragraph with the numbers."""
    if r.mode == "insufficient-data":
        return r.summary
    n = len(r.places)
    t = r.tests
    first = min(p.first_date for p in r.places)
    last = max(p.first_date for p in r.places)
    far = max(p.distance_km for p in r.places)
    o = r.origin or {}
    words = {
        "contagious": "spread contagiously: new places appeared next to active ones, in a frontier moving out from the origin",
        "hierarchical": "spread hierarchically: the largest places saw violence first, smaller ones later",
        "simultaneous": "did not spread in a detectable order: onsets are unrelated to distance from the origin or to settlement size",
        "relocation": "relocated: the active area moved, early places going quiet as new, more distant ones started",
    }[r.mode]
    if r.mode == "contagious" and not r.details.get("frontier"):
        words = ("spread contagiously in the local sense: new places appeared next to already active ones, "
                 "but with no single frontier moving out from the origin")
    s = (f"Across {n} places ({r.details.get('events', 0)} events), violence {words} "
         f"(confidence {r.confidence:.2f}). The first event was at {o.get('name')} on {o.get('date')}; "
         f"new places started until {last.isoformat()} ({(last - first).days} days later), up to {far:,.0f} km away. ")
    od = t["onset_vs_distance"]
    s += f"Onset vs distance from {o.get('name')}: Spearman rho = {od['rho']:.2f} ({_fmt_p(od['p_value'])}). "
    op = t["onset_vs_population_rank"]
    if op["rho"] is not None:
        s += f"Onset vs population rank (largest first): rho = {op['rho']:.2f} ({_fmt_p(op['p_value'])}). "
    else:
        s += "Populations were unknown for too many places to test the size order. "
    k = t["knox"]
    s += (f"Knox test (places within {k['distance_km']:,.0f} km and {k['days']:.0f} days): {k['statistic']} pairs "
          f"({_fmt_p(k['p_value'])}). ")
    na = t["nearest_active_neighbour"]
    if na["expected_km"] is not None:
        s += (f"A new place's nearest already-active place was {na['observed_km']:,.0f} km away (median) against "
              f"{na['expected_km']:,.0f} km for a random order ({_fmt_p(na['p_value'])}). ")
    ps = r.details.get("persistence") or {}
    if ps.get("ratio") is not None:
        s += (f"Repeat events happened at places active for {ps['observed_age_days']:.0f} days on average, against "
              f"{ps['expected_age_days']:.0f} days if every active place had stayed active "
              f"({_fmt_p(ps['p_value'])}). ")
    sp = r.speed
    if r.mode in ("contagious", "relocation") and r.details.get("frontier") and sp.get("estimate"):
        hi = f"{sp['high']:,.0f}" if sp.get("high") else "unbounded"
        lo = f"{sp['low']:,.0f}" if sp.get("low") else "?"
        s += f"The frontier moved at about {sp['estimate']:,.0f} km per month (95% interval {lo} to {hi}). "
    s += f"P-values are one-sided, from {r.details.get('permutations')} random permutations of the onset dates."
    if r.details.get("excluded_region_coded"):
        s += f" {r.details['excluded_region_coded']} events coded only to a region or country were not used as points."
    return s


def _num(x: Any) -> Any:
    if x is None:
        return None
    if isinstance(x, np.generic):
        x = x.item()
    if isinstance(x, float) and not math.isfinite(x):
        return None
    return x


def spread_result_to_dict(result: SpreadResult) -> dict[str, Any]:
    """The JSON object of `eventatlas spread --json` (also what the web API serves)."""
    return {
        "mode": result.mode,
        "confidence": round(float(result.confidence), 4),
        "origin": result.origin,
        "speed_km_per_month": {k: _num(v) for k, v in result.speed.items()},
        "places": [
            {
                "name": p.name,
                "lat": round(p.lat, 5),
                "lon": round(p.lon, 5),
                "first_date": p.first_date.isoformat(),
                "events": p.events,
                "distance_km": round(p.distance_km, 2),
                "population": int(p.population),
            }
            for p in result.places
        ],
        "tests": {name: {k: _num(v) for k, v in test.items()} for name, test in result.tests.items()},
        "summary": result.summary,
    }
