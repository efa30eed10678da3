"""Spread analysis: accuracy on generated scenarios of each mode over real towns, the JSON schema,
--origin, insufficient data, region-coded events, and the CLI command function."""

from __future__ import annotations

import json
from datetime import date, timedelta

import numpy as np
import pytest
import typer
from typer.testing import CliRunner

from eventatlas.analysis.data import EventPoint
from eventatlas.analysis.spread import analyse_spread, spread_result_to_dict
from eventatlas.analysis.spread_cli import spread_command
from test_spread_scenarios import MODES, make_scenario

PERMS = 199
N_PER_MODE = 10


@pytest.fixture(scope="module")
def scenario_results():
    rng = np.random.default_rng(20240601)
    out = []
    for _ in range(N_PER_MODE):
        for mode in MODES:
            sc = make_scenario(mode, rng)
            out.append((sc, analyse_spread(sc.points, permutations=PERMS)))
    return out


def test_mode_accuracy(scenario_results):
    right = sum(r.mode == sc.mode for sc, r in scenario_results)
    misses = [(sc.mode, r.mode, sc.country, sc.noise) for sc, r in scenario_results if r.mode != sc.mode]
    assert right / len(scenario_results) >= 0.9, misses


def test_speed_accuracy(scenario_results):
    cont = [(sc, r) for sc, r in scenario_results if sc.mode == "contagious"]
    rng = np.random.default_rng(7)  # 20 more contagious scenarios: speed does not need many permutations
    for _ in range(20):
        sc = make_scenario("contagious", rng)
        cont.append((sc, analyse_spread(sc.points, permutations=19)))
    good = [sc for sc, r in cont
            if r.speed["estimate"] is not None and abs(r.speed["estimate"] - sc.speed) <= 0.2 * sc.speed]
    assert len(good) / len(cont) >= 0.8, [(sc.speed, r.speed) for sc, r in cont]


def test_interval_brackets_estimate(scenario_results):
    for _sc, r in scenario_results:
        sp = r.speed
        if sp["estimate"] is not None and sp["low"] is not None:
            assert sp["low"] <= sp["estimate"]
            if sp["high"] is not None:
                assert sp["estimate"] <= sp["high"]


def _line(n=12, speed_km_per_day=5.0, start=date(2016, 1, 1)):
    """Towns along a line east of an origin, reached at a steady pace, each then staying active."""
    pts = []
    end = start + timedelta(days=int(n * 0.5 * 111 / speed_km_per_day) + 30)
    for i in range(n):
        lon = 10.0 + i * 0.5
        day = start + timedelta(days=int(i * 0.5 * 111 / speed_km_per_day))
        while day <= end:
            pts.append(EventPoint(date=day, lat=30.0, lon=lon, place=f"Town{i}", actor1="Group A",
                                  population=10_000 + i))
            day += timedelta(days=10)
    return pts


def test_json_schema():
    r = analyse_spread(_line(), permutations=PERMS)
    d = spread_result_to_dict(r)
    json.dumps(d)
    assert set(d) == {"mode", "confidence", "origin", "speed_km_per_month", "places", "tests", "summary"}
    assert d["mode"] in ("contagious", "hierarchical", "simultaneous", "relocation", "insufficient-data")
    assert 0 <= d["confidence"] <= 1
    assert set(d["origin"]) == {"name", "lat", "lon", "date"} and d["origin"]["name"] == "Town0"
    assert set(d["speed_km_per_month"]) == {"estimate", "low", "high"}
    assert set(d["places"][0]) == {"name", "lat", "lon", "first_date", "events", "distance_km", "population"}
    assert set(d["tests"]) == {"knox", "onset_vs_distance", "onset_vs_population_rank", "nearest_active_neighbour"}
    assert set(d["tests"]["knox"]) == {"statistic", "p_value", "distance_km", "days"}
    assert set(d["tests"]["onset_vs_distance"]) == {"rho", "p_value"}
    assert set(d["tests"]["nearest_active_neighbour"]) == {"observed_km", "expected_km", "p_value"}
    assert d["mode"] == "contagious"
    # 0.5 degree of longitude at 30N every ~11 days: about 146 km/month
    assert d["speed_km_per_month"]["estimate"] == pytest.approx(48.1 / 11 * 30.44, rel=0.2)
    assert "km per month" in d["summary"]


def test_knox_statistic_matches_pointpats_count():
    from eventatlas.analysis.spread import _knox, _unit_xyz

    rng = np.random.default_rng(1)
    lat, lon = rng.uniform(10, 12, 40), rng.uniform(5, 7, 40)
    t = rng.integers(0, 100, 40).astype(float)
    res = _knox(_unit_xyz(lat, lon), t, np.array([rng.permutation(40) for _ in range(99)]), rng)
    assert res["statistic"] >= 0 and 0 < res["p_value"] <= 1 and res["days"] >= 1


def test_origin_override():
    pts = _line()
    r = analyse_spread(pts, origin="Town11", permutations=PERMS)
    assert r.origin["name"] == "Town11"
    assert r.places[0].name == "Town0" and r.places[0].distance_km > 500
    with pytest.raises(ValueError):
        analyse_spread(pts, origin="Nowhere-at-all", permutations=PERMS, gazetteer=_NoGazetteer())


class _NoGazetteer:
    def lookup(self, name, fuzzy=False, limit=10):
        return []


def test_insufficient_data():
    r = analyse_spread(_line(n=3), permutations=PERMS)
    assert r.mode == "insufficient-data"
    assert spread_result_to_dict(r)["mode"] == "insufficient-data"
    assert analyse_spread([], permutations=PERMS).mode == "insufficient-data"


def test_region_coded_events_are_not_points():
    pts = _line()
    # many region-coded events at a country centroid, earlier than everything: must not become the origin
    pts += [EventPoint(date=date(2015, 6, 1), lat=27.0, lon=17.0, place="Libya", geo_precision=3,
                       actor1="Group A") for _ in range(5)]
    r = analyse_spread(pts, permutations=PERMS)
    assert r.origin["name"] == "Town0"
    assert all(p.name != "Libya" for p in r.places)
    assert r.details["excluded_region_coded"] == 5
    only_region = [p for p in pts if p.geo_precision == 3]
    assert analyse_spread(only_region, permutations=PERMS).mode == "insufficient-data"


def _app():
    app = typer.Typer()
    app.command("spread")(spread_command)
    app.command("noop")(lambda: None)
    return app


def test_cli_json_and_plots(tmp_path):
    f = tmp_path / "events.jsonl"
    with f.open("w") as fh:
        for p in _line():
            fh.write(json.dumps({"date": p.date.isoformat(), "lat": p.lat, "lon": p.lon, "place_name": p.place,
                                 "actor1": p.actor1, "geo_precision": 1, "population": p.population}) + "\n")
        fh.write(json.dumps({"date": "2015-01-01", "lat": 27, "lon": 17, "place_name": "Libya",
                             "actor1": "Group A", "geo_precision": 3}) + "\n")
    plots = tmp_path / "plots"
    res = CliRunner().invoke(_app(), ["spread", "--input", str(f), "--actor", "group a", "--json",
                                      "--plot", str(plots), "--permutations", str(PERMS)])
    assert res.exit_code == 0, res.output
    d = json.loads(res.stdout)
    assert d["mode"] == "contagious" and d["origin"]["name"] == "Town0"
    assert sorted(p.name for p in plots.iterdir()) == ["cumulative.png", "map.png", "onset_vs_distance.png"]
    res = CliRunner().invoke(_app(), ["spread", "--input", str(f), "--origin", "Town0", "--json",
                                      "--permutations", str(PERMS), "--to", "2016-01-20"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["mode"] == "insufficient-data"
    res = CliRunner().invoke(_app(), ["spread", "--input", str(tmp_path / "missing.csv")])
    assert res.exit_code == 1 and "missing.csv" in res.output


def test_populations_from_lookup_when_events_lack_them():
    """Hierarchical order recovered when the populations come from a lookup (the gazetteer's role)."""
    rng = np.random.default_rng(3)
    pops = {f"City{i}": int(2_000_000 / (i + 1)) for i in range(30)}
    pts = []
    for i in range(30):  # largest first, scattered at random
        lat, lon = float(rng.uniform(8, 13)), float(rng.uniform(4, 12))
        onset = date(2017, 1, 1) + timedelta(days=7 * i + int(rng.integers(0, 5)))
        for k in range(4):
            pts.append(EventPoint(date=onset + timedelta(days=15 * k), lat=lat, lon=lon, place=f"City{i}",
                                  actor1="Group B"))
    seen = []

    def lookup(name, lat, lon):
        seen.append(name)
        return pops[name]

    r = analyse_spread(pts, permutations=PERMS, population_lookup=lookup)
    assert len(seen) == 30 and r.places[0].population == 2_000_000
    assert r.mode == "hierarchical"
    assert r.tests["onset_vs_population_rank"]["rho"] > 0.8
