"""Generated histories with a known rule, for tests and benchmarks of the forecast.

A frontier advances from a seed at a known speed; a place's first event comes when the frontier reaches
it, after which it stays active (events at a steady rate); a little background noise happens anywhere.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import numpy as np

from .data import EventPoint
from .forecast import Candidate, haversine_km


def frontier_history(
    n_places: int = 400,
    days: int = 360,
    speed_km_per_day: float = 2.0,
    rate_per_day: float = 0.05,
    noise_events: int = 30,
    seed: int = 0,
    centre: tuple[float, float] = (10.0, 20.0),
    half_width_deg: float = 4.0,
    start: date = date(2020, 1, 1),
    countries: bool = True,
    places: list[Candidate] | None = None,
) -> tuple[list[EventPoint], list[Candidate]]:
    """Events and candidate places; onset time = distance from the seed / speed (+/- a few days).

    ``places``: real places (e.g. ``gazetteer_candidates``) to use instead of random ones, so the
    history can go through a file and the gazetteer like real data."""
    rng = np.random.default_rng(seed)
    lat = centre[0] + rng.uniform(-half_width_deg, half_width_deg, n_places)
    lon = centre[1] + rng.uniform(-half_width_deg, half_width_deg, n_places)
    pop = (10 ** rng.uniform(4.2, 6.0, n_places)).astype(int)
    cc = np.where(lon < centre[1], "AA", "BB") if countries else np.array([""] * n_places)
    names = [f"Place {i}" for i in range(n_places)]
    if places:
        n_places = len(places)
        lat, lon = np.array([c.lat for c in places]), np.array([c.lon for c in places])
        pop = np.array([c.population for c in places])
        cc = np.array([c.country_code or "" for c in places])
        names = [c.name for c in places]
    cands = [
        Candidate(name=names[i], lat=float(lat[i]), lon=float(lon[i]), population=int(pop[i]),
                  country_code=str(cc[i]) or None, unit_id=f"syn:{i}")
        for i in range(n_places)
    ]
    seed_i = int(np.argmin(haversine_km(centre[0], centre[1], lat, lon)))
    dist = haversine_km(lat[seed_i], lon[seed_i], lat, lon)
    onset = dist / speed_km_per_day + rng.normal(0, 4, n_places)
    onset[seed_i] = 0
    events: list[EventPoint] = []

    def add(i: int, d: int, actor: str = "Frontier Group") -> None:
        events.append(EventPoint(date=start + timedelta(days=int(d)), lat=float(lat[i]), lon=float(lon[i]),
                                 place=names[i], actor1=actor, country_code=str(cc[i]) or None,
                                 population=int(pop[i]), event_type="Battles"))

    for i in range(n_places):
        if onset[i] >= days:
            continue
        d0 = max(0, int(onset[i]))
        add(i, d0)
        n_more = rng.poisson(rate_per_day * (days - d0))
        for d in rng.integers(d0, days, n_more):
            add(i, int(d))
    for _ in range(noise_events):
        add(int(rng.integers(n_places)), int(rng.integers(days)), actor="Other Group")
    events.sort(key=lambda e: e.date)
    return events, cands


UCDP_COLUMNS = (
    "id", "relid", "year", "type_of_violence", "conflict_name", "dyad_name", "side_a", "side_b",
    "source_headline", "where_prec", "where_coordinates", "adm_1", "latitude", "longitude", "country",
    "date_prec", "date_start", "date_end", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown",
    "best", "high", "low",
)


def to_ucdp_csv(events: list[EventPoint], path: str | Path, country: str = "Nigeria") -> Path:
    """Write events in UCDP GED's CSV layout (the columns `eventatlas ingest` and `forecast` read)."""
    import csv

    path = Path(path)
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(UCDP_COLUMNS)
        for i, e in enumerate(events, 1):
            day = e.date.isoformat()
            side_b = e.actor2 or "Government of " + country
            w.writerow([
                i, f"GEN-{i}", e.date.year, 1, f"{country}: generated", f"{e.actor1} - {side_b}", e.actor1,
                side_b, f"Clash at {e.place}", 1, e.place, "", f"{e.lat:.5f}", f"{e.lon:.5f}", country, 1,
                f"{day} 00:00:00.000", day, 1, 1, 0, 0, 2, 3, 2,
            ])
    return path
