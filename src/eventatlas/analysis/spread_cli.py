"""Typer command functions for `eventatlas spread` and `eventatlas claims`.

The lead registers them in cli.py with `app.command("spread")(spread_command)` and
`app.command("claims")(claims_command)`; they only parse options and call the library.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer


def _date(value: str | None, name: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form", param_hint=name) from None


def spread_command(
    input: Annotated[
        Path | None,
        typer.Option("--input", "-i", help="Events file: ACLED CSV, UCDP GED CSV, eventatlas JSONL or GeoJSON."),
    ] = None,
    db: Annotated[
        str | None,
        typer.Option("--db", help="Database: a file path, sqlite:///path or postgresql://… URL (default $EVENTATLAS_DB or ./eventatlas.db)."),
    ] = None,
    actor: Annotated[str | None, typer.Option("--actor", help="Only events whose actor matches this regex.")] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="First day (YYYY-MM-DD).")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Last day (YYYY-MM-DD).")] = None,
    country: Annotated[
        str | None,
        typer.Option("--country", help="Only events in these countries (ISO-2 codes, comma-separated)."),
    ] = None,
    origin: Annotated[
        str | None,
        typer.Option("--origin", help="Origin place name (matched against the places, else the gazetteer)."),
    ] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    plot: Annotated[Path | None, typer.Option("--plot", help="Write PNG plots into this directory.")] = None,
    permutations: Annotated[int, typer.Option("--permutations", help="Monte Carlo permutations per test.")] = 999,
) -> None:
    """How violence spread: contagious, hierarchical, simultaneous or relocation, with the tests and speed."""
    from .data import AnalysisInputError, load_events
    from .spread import analyse_spread, spread_result_to_dict

    if input is not None and db is not None:
        raise typer.BadParameter("give --input or --db, not both", param_hint="--input/--db")
    try:
        points = load_events(input=input, db=db, actor=actor, date_from=_date(date_from, "--from"),
                             date_to=_date(date_to, "--to"))
        if country:
            codes = {c.strip().upper() for c in country.split(",") if c.strip()}
            points = [p for p in points if (p.country_code or "").upper() in codes]
        result = analyse_spread(points, origin=origin, permutations=permutations)
    except (AnalysisInputError, ValueError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    except Exception as exc:  # noqa: BLE001 - e.g. a store error: say which input failed
        typer.echo(f"error: {input or db or 'database'}: {exc}", err=True)
        raise typer.Exit(1) from None
    data = spread_result_to_dict(result)
    if plot is not None:
        from .plots import plot_spread

        data_paths = plot_spread(result, plot)
        if not json_out:
            for p in data_paths:
                typer.echo(f"wrote {p}", err=True)
    if json_out:
        typer.echo(json.dumps(data, ensure_ascii=False))
        return
    typer.echo(f"mode: {data['mode']} (confidence {data['confidence']:.2f})")
    if data["origin"]:
        o = data["origin"]
        typer.echo(f"origin: {o['name']} ({o['lat']:.3f}, {o['lon']:.3f}) {o['date']}")
    sp = data["speed_km_per_month"]
    if sp["estimate"] is not None and data["mode"] in ("contagious", "relocation") and result.details.get("frontier"):
        high = f"{sp['high']:.1f}" if sp["high"] else "unbounded"
        typer.echo(f"speed: {sp['estimate']:.1f} km/month (95% {sp['low'] or 0:.1f} to {high})")
    for name, test in data["tests"].items():
        typer.echo(f"{name}: " + ", ".join(f"{k}={v:.4g}" if isinstance(v, float) else f"{k}={v}"
                                           for k, v in test.items()))
    typer.echo("")
    typer.echo(data["summary"])


def claims_command(
    input: Annotated[
        Path,
        typer.Option("--input", "-i", help="Text/markdown file, or JSONL with {id, text, published}."),
    ],
    output: Annotated[
        str, typer.Option("--output", "-o", help="Output JSONL (one claim per line); - for stdout.")
    ] = "-",
    gazetteer: Annotated[
        Path | None,
        typer.Option("--gazetteer", help="Gazetteer file (default $EVENTATLAS_GAZETTEER or the user data dir)."),
    ] = None,
) -> None:
    """Check distances and durations stated in text against the gazetteer (JSONL: one claim per line)."""
    from .claims import ClaimsInputError, check_claims_file, default_gazetteer

    try:
        gaz = default_gazetteer(gazetteer)
        rows = check_claims_file(input, gazetteer=gaz)
    except ClaimsInputError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    errors = 0
    fh = sys.stdout if output == "-" else open(output, "w", encoding="utf-8")  # noqa: SIM115
    try:
        for row in rows:
            if "error" in row:
                errors += 1
                typer.echo(f"error: {row['error']}", err=True)
                continue
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    finally:
        if fh is not sys.stdout:
            fh.close()
    if errors:
        raise typer.Exit(1)
