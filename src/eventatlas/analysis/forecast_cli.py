"""`eventatlas forecast`: the Typer command over eventatlas.analysis.forecast (the lead registers it)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Annotated

import typer

from .data import AnalysisInputError, load_events
from .forecast import (
    BASELINES,
    ForecastConfig,
    ForecastError,
    backtest,
    forecast,
    forecast_to_geojson,
    plot_calibration,
    prepare,
    public_backtest,
)

_UNITS = {"d": 1, "w": 7, "m": 30, "y": 365}


def parse_days(text: str, option: str = "--horizon") -> int:
    """'90d', '12w', '3m' (30-day months), '1y' or a bare number of days."""
    m = re.fullmatch(r"\s*(\d+)\s*([dwmy]?)\s*", text.lower())
    if not m or int(m.group(1)) < 1:
        raise typer.BadParameter(f"{option} {text!r}: expected a duration such as 30d, 4w, 3m or 1y")
    return int(m.group(1)) * _UNITS[m.group(2) or "d"]


def forecast_command(
    input: Annotated[Path | None, typer.Option("--input", help="ACLED/UCDP CSV, eventatlas JSONL or GeoJSON")] = None,
    db: Annotated[str | None, typer.Option("--db", help="eventatlas store (SQLite path or URL)")] = None,
    actor: Annotated[str | None, typer.Option("--actor", help="only events whose actor1/actor2 match this regex")] = None,
    country: Annotated[str | None, typer.Option(
        "--country", help="only events and units in these countries (ISO-2 codes, comma-separated)")] = None,
    horizon: Annotated[str, typer.Option("--horizon", help="forecast window: 90d, 4w, 3m, 1y")] = "90d",
    unit: Annotated[str, typer.Option("--unit", help="place (gazetteer places) or grid (0.5-degree cells)")] = "place",
    target: Annotated[str, typer.Option("--target", help="onset (first event at a unit) or any")] = "onset",
    top: Annotated[int, typer.Option("--top", help="how many units to list")] = 20,
    json_out: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
    do_backtest: Annotated[bool, typer.Option("--backtest", help="rolling-origin evaluation against baselines")] = False,
    plot: Annotated[Path | None, typer.Option("--plot", help="write a calibration plot (backtest) to this folder")] = None,
    step: Annotated[str | None, typer.Option("--step", help="spacing of backtest origins (default max(7d, horizon/4))")] = None,
    model: Annotated[str, typer.Option("--model", help="auto, lgbm or logit")] = "auto",
    min_population: Annotated[int, typer.Option("--min-population", help="smallest gazetteer place to forecast")] = 15000,
    geojson: Annotated[Path | None, typer.Option("--geojson", help="write the risk layer as GeoJSON here")] = None,
    recalibration: Annotated[str, typer.Option(
        "--recalibration", help="drift handling for model and baselines alike: nowcast, recent or none")] = "nowcast",
) -> None:
    """Where next: rank places (or grid cells) by the calibrated probability of activity in the horizon."""
    if (input is None) == (db is None):
        typer.echo("forecast: give exactly one of --input FILE or --db DB", err=True)
        raise typer.Exit(2)
    try:
        cfg = ForecastConfig(
            horizon_days=parse_days(horizon),
            unit=unit,
            target=target,
            model=model,
            step_days=parse_days(step, "--step") if step else None,
            min_population=min_population,
            recalibration=recalibration,
            countries=tuple((country or "").split(",")),
        )
        events = load_events(input=input, db=db, actor=actor)
        prepared = prepare(events, cfg)
        if do_backtest or plot:
            bt = backtest(cfg=cfg, prepared=prepared)
            png = plot_calibration(bt, plot) if plot else None
            if do_backtest:
                out = public_backtest(bt)
                if png:
                    out["plot"] = png
                if json_out:
                    typer.echo(json.dumps(out, indent=2))
                else:
                    _print_backtest(out)
                    if png:
                        typer.echo(f"calibration plot: {png}")
                return
        result = forecast(cfg=cfg, prepared=prepared)
    except (AnalysisInputError, ForecastError) as exc:
        typer.echo(f"forecast: {exc}", err=True)
        raise typer.Exit(1) from exc
    if geojson:
        geojson.write_text(json.dumps(forecast_to_geojson(result)), encoding="utf-8")
    if json_out:
        typer.echo(json.dumps(result.to_dict(top), indent=2))
        return
    typer.echo(
        f"{result.target} within {result.horizon_days} days from {result.origin.isoformat()} "
        f"({len(result.forecasts)} {result.unit} units; {result.model_kind}, {result.calibration} calibration; "
        f"frontier speed {result.frontier_speed_km_per_day:.1f} km/day)"
    )
    header = f"{'#':>3}  {'p':>6}  " + "  ".join(f"{b[:8]:>8}" for b in BASELINES) + "  unit — reasons"
    typer.echo(header)
    for i, f in enumerate(result.forecasts[:top], 1):
        base = "  ".join(f"{f.baselines[b]:8.4f}" for b in BASELINES)
        reasons = "; ".join(r["text"] for r in f.reasons)
        typer.echo(f"{i:>3}  {f.probability:6.4f}  {base}  {f.name} [{f.country_code}] — {reasons}")
    if plot:
        typer.echo(f"calibration plot: {plot / 'calibration.png'}")


def _print_backtest(out: dict) -> None:
    typer.echo(
        f"backtest: {out['folds']} folds, {out['target']} within {out['horizon_days']} days, origins every "
        f"{out['step_days']} days; {out['rows']} unit-origins, {out['positives']} positive"
    )
    typer.echo(f"{'':16}{'AUROC':>8}{'AUPR':>8}{'Brier':>10}")
    rows = [("model (" + out["model"]["kind"] + ")", out["model"]), *out["baselines"].items()]
    for name, m in rows:
        fmt = [f"{m[k]:.4f}" if m[k] is not None else "n/a" for k in ("auroc", "aupr")]
        brier = f"{m['brier']:.5f}" if m["brier"] is not None else "n/a"
        typer.echo(f"{name:16}{fmt[0]:>8}{fmt[1]:>8}{brier:>10}")
