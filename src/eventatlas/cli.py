"""The `eventatlas` command: a thin layer over the library; every command calls public functions.

Exit status: 0 when everything worked; 1 when some input failed (each failure is printed on stderr
as one line naming the input and the reason, and the rest of the batch is stored); 2 for usage errors.
"""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

app = typer.Typer(
    help="eventatlas: a sourced, georeferenced atlas of political violence from news reports.",
    no_args_is_help=True,
    add_completion=False,
)
gazetteer_app = typer.Typer(help="Build and query the place-name gazetteer.", no_args_is_help=True)
train_app = typer.Typer(help="Train local models on your own coded data.", no_args_is_help=True)
app.add_typer(gazetteer_app, name="gazetteer")
app.add_typer(train_app, name="train")

err = Console(stderr=True, soft_wrap=True)
out = Console()

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="Database: a file path, sqlite:///path or postgresql://… URL (default $EVENTATLAS_DB or ./eventatlas.db)."),
]
EngineOption = Annotated[str, typer.Option("--engine", help="local, or dask to spread the NLP over workers.")]
WorkersOption = Annotated[
    int | None, typer.Option("--workers", help="Worker processes: forked here (local) or a local Dask cluster (dask).")
]
SchedulerOption = Annotated[
    str | None, typer.Option("--scheduler", help="Address of a running dask.distributed scheduler.")
]
GazetteerOption = Annotated[
    Path | None,
    typer.Option("--gazetteer", help="Gazetteer file (default $EVENTATLAS_GAZETTEER or the user data dir)."),
]


def _parse_date(value: str | None, name: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form", param_hint=name) from None


@contextmanager
def _open_stream(path: str, mode: str):
    """`-` is stdin/stdout; anything else a UTF-8 file."""
    if path == "-":
        yield sys.stdin if "r" in mode else sys.stdout
    else:
        try:
            with open(path, mode, encoding="utf-8") as fh:
                yield fh
        except OSError as exc:
            err.print(f"[red]error:[/red] {path}: {exc.strerror or exc}")
            raise typer.Exit(1) from None


def _open_store(db: str | None):
    from eventatlas.store import StoreError, open_store

    try:
        return open_store(db)
    except StoreError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(1) from None


@contextmanager
def _engine(engine: str, workers: int | None, scheduler: str | None):
    """The engine for a command: local, or a Dask cluster shut down when the command ends."""
    from eventatlas.engine import EngineError, engine_session

    if engine not in ("local", "dask"):
        raise typer.BadParameter("must be local or dask", param_hint="--engine")
    if engine == "local" and scheduler:
        raise typer.BadParameter("--scheduler goes with --engine dask", param_hint="--engine")
    if workers is not None and workers < 1:
        raise typer.BadParameter(f"must be 1 or more, got {workers}", param_hint="--workers")
    try:
        with engine_session(engine, workers=workers, scheduler=scheduler) as eng:
            yield eng
    except EngineError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(1) from None


def _progress() -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=False,
        disable=not err.is_terminal,
    )


@app.command()
def ingest(
    inputs: Annotated[list[str], typer.Argument(help="Files, directories or http(s) URLs to read.")],
    db: DbOption = None,
    fmt: Annotated[
        str, typer.Option("--format", help="auto, text, markdown, html, jsonl, rss, acled or ucdp.")
    ] = "auto",
    source: Annotated[str | None, typer.Option(help="Source name for inputs that do not say.")] = None,
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) for inputs that do not say.")
    ] = None,
    follow: Annotated[bool, typer.Option("--follow", help="Fetch the pages that feed entries link to.")] = False,
    country: Annotated[
        str | None, typer.Option(help="ISO country code the texts are about (helps place resolution).")
    ] = None,
    gazetteer: GazetteerOption = None,
    engine: EngineOption = "local",
    workers: WorkersOption = None,
    scheduler: SchedulerOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the counts as JSON.")] = False,
) -> None:
    """Read reports (text, Markdown, HTML, JSONL, RSS/Atom, ACLED, UCDP or GDELT files) into the store."""
    from eventatlas.engine import EngineError, PipelineSettings
    from eventatlas.engine import ingest as run_ingest
    from eventatlas.ingest import FORMATS

    if fmt not in FORMATS:
        raise typer.BadParameter(f"must be one of {', '.join(FORMATS)}", param_hint="--format")
    when = _parse_date(published, "--published")
    store = _open_store(db)
    settings = PipelineSettings.of(gazetteer_path=gazetteer, country_hint=country)

    def report_error(e) -> None:
        err.print(f"[red]error:[/red] {e}", highlight=False)

    with _engine(engine, workers, scheduler) as eng, _progress() as progress:
        task = progress.add_task("ingesting", total=None)
        try:
            result = run_ingest(
                inputs,
                store,
                engine=eng,
                settings=settings,
                fmt=fmt,
                source=source,
                published=when,
                follow=follow,
                on_error=report_error,
                on_progress=lambda n: progress.advance(task, n),
            )
        except EngineError as exc:
            err.print(f"[red]error:[/red] {exc}")
            raise typer.Exit(1) from None
    counts = result.as_dict()
    if as_json:
        out.print_json(data=counts)
    else:
        out.print(
            f"{result.documents_added} documents added ({result.events_added} events), "
            f"{result.imported_added} dataset rows imported, {result.documents_skipped} already stored, "
            f"{len(result.errors)} failed"
        )
    if result.errors:
        raise typer.Exit(1)


@app.command()
def stats(db: DbOption = None, as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Counts of documents, events, places, sources and reports in the store."""
    counts = _open_store(db).stats()
    if as_json:
        print(json.dumps(counts))
    else:
        for key, value in counts.items():
            out.print(f"{key:10s} {value}")


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to bind (default loopback only).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    token_file: Annotated[
        Path | None,
        typer.Option(
            "--token-file",
            help="Where the write token is kept (mode 0600; default <db>.token, or $EVENTATLAS_TOKEN_FILE).",
        ),
    ] = None,
    read_token: Annotated[
        bool | None,
        typer.Option(
            "--read-token/--open-read",
            help="Reading the atlas needs a token too (<token file>.read), or is open (default; $EVENTATLAS_READ_TOKEN).",
        ),
    ] = None,
    cors: Annotated[
        list[str] | None,
        typer.Option("--cors", help="Allow this origin to call the API from its pages (repeat; default: CORS off)."),
    ] = None,
    allowed_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allowed-host",
            help="Host name the server answers to (repeat; * for any). Default: loopback names on a loopback address.",
        ),
    ] = None,
    max_body_mb: Annotated[
        float | None, typer.Option("--max-body-mb", help="Largest request body in MB (default 25).")
    ] = None,
    rate_limit: Annotated[
        float | None,
        typer.Option("--rate-limit", help="Requests per minute per client address (default 3000; 0: no limit)."),
    ] = None,
) -> None:
    """Serve the atlas page and its API (reading open, writing with the token it prints on first run)."""
    from eventatlas.store import default_db_url
    from eventatlas.web import serve as run_server
    from eventatlas.web.security import SecuritySettings

    try:
        settings = SecuritySettings.from_env(
            token_file=token_file,
            read_protected=read_token,
            cors_origins=cors,
            allowed_hosts=allowed_host,
            max_body_mb=max_body_mb,
            rate_per_minute=rate_limit,
        )
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    _open_store(db).close()
    run_server(db or default_db_url(), host=host, port=port, security=settings)


@app.command()
def geoparse(
    input: Annotated[str, typer.Option("--input", "-i", help="JSONL {id, text[, toponyms]}; - for stdin.")],
    output: Annotated[str, typer.Option("--output", "-o", help="JSONL output; - for stdout.")] = "-",
    given_spans: Annotated[
        bool, typer.Option("--given-spans", help="Resolve only the spans given in each line's toponyms.")
    ] = False,
    country: Annotated[str | None, typer.Option(help="ISO country code the texts are about.")] = None,
    gazetteer: GazetteerOption = None,
) -> None:
    """Find and resolve place names in JSONL documents."""
    from eventatlas.geo import Gazetteer, Geoparser, geoparse_jsonl

    parser = Geoparser(Gazetteer.open(gazetteer))
    with _open_stream(input, "r") as fin, _open_stream(output, "w") as fout:
        n = geoparse_jsonl(fin, fout, given_spans=given_spans, country_hint=country, geoparser=parser)
    err.print(f"{n} documents geoparsed")


@app.command()
def extract(
    input: Annotated[str, typer.Option("--input", "-i", help="JSONL {id, text, published?, ...} (- for stdin), or any "
                                       "file, folder or URL that `ingest` reads.")],
    output: Annotated[str, typer.Option("--output", "-o", help="JSONL of events; - for stdout.")] = "-",
    model: Annotated[Path | None, typer.Option("--model", help="A model made by `train events`.")] = None,
    gazetteer: GazetteerOption = None,
    engine: EngineOption = "local",
    workers: WorkersOption = None,
    scheduler: SchedulerOption = None,
    claims: Annotated[
        str | None,
        typer.Option("--claims", help="Also write distance/duration claims as JSONL {doc_id, ...}; - for stdout."),
    ] = None,
    historical: Annotated[
        bool, typer.Option("--historical", help="Keep events dated over a year before publication (historical: true).")
    ] = False,
) -> None:
    """Code events (type, actors, place, date, fatalities, certainty, evidence) from documents."""
    import contextlib
    import io

    from eventatlas.engine import EngineError, PipelineSettings
    from eventatlas.engine import extract as run_extract
    from eventatlas.ingest import documents_as_jsonl, is_jsonl_input

    if model is not None and not model.exists():
        err.print(f"[red]error:[/red] {model}: no such model file")
        raise typer.Exit(1)
    settings = PipelineSettings.of(gazetteer_path=gazetteer, model_path=model, keep_historical=historical)
    lines: list[str] | None = None
    if not is_jsonl_input(input):  # Markdown, text, HTML, feeds, folders, URLs: read as `ingest` reads them
        lines = list(documents_as_jsonl([input], on_error=lambda e: err.print(f"[yellow]skipped:[/yellow] {e}")))
    with (
        _engine(engine, workers, scheduler) as eng,
        (contextlib.nullcontext(io.StringIO("".join(lines))) if lines is not None else _open_stream(input, "r")) as fin,
        _open_stream(output, "w") as fout,
        _progress() as progress,
    ):
        task = progress.add_task("extracting", total=None)
        if claims is not None and lines is None:  # the input is read once: buffered here, then fed to both passes
            lines = fin.readlines()
            fin = io.StringIO("".join(lines))
        try:
            n = run_extract(fin, fout, engine=eng, settings=settings, on_progress=lambda k: progress.advance(task, k))
        except EngineError as exc:
            err.print(f"[red]error:[/red] {exc}")
            raise typer.Exit(1) from None
    err.print(f"{n} events written")
    if claims is not None and lines is not None:
        k = _write_claims(lines, claims, gazetteer)
        err.print(f"{k} claims written")


def _write_claims(lines: list[str], path: str, gazetteer: Path | None) -> int:
    """Claims of each input document, one JSONL line per claim tagged with the document's id (the
    same id the events carry). Bad lines were already reported by extraction and are skipped."""
    from eventatlas.analysis.claims import check_claims, default_gazetteer
    from eventatlas.model import document_id

    gaz = default_gazetteer(gazetteer)
    n = 0
    with _open_stream(path, "w") as fout:
        for line in lines:
            try:
                rec = json.loads(line) if line.strip() else None
            except json.JSONDecodeError:
                continue
            if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
                continue
            doc_id = str(rec.get("id") or "") or document_id(rec["text"], rec.get("url"))
            published = rec.get("published") if isinstance(rec.get("published"), str) else None
            for claim in check_claims(rec["text"], published, gaz):
                fout.write(json.dumps({"doc_id": doc_id, **claim}, ensure_ascii=False, default=str) + "\n")
                n += 1
    return n


@app.command()
def explain(
    event_id: Annotated[str, typer.Argument(help="An event id (from the atlas or the API).")],
    db: DbOption = None,
) -> None:
    """Show an event, its reports, and why the reports were merged."""
    detail = _open_store(db).event_detail(event_id)
    if detail is None:
        err.print(f"[red]error:[/red] no event {event_id!r} in the store")
        raise typer.Exit(1)
    print(json.dumps(detail, indent=2, ensure_ascii=False, default=str))


@app.command()
def export(
    output: Annotated[str, typer.Option("--output", "-o", help="Output file; - for stdout.")] = "-",
    fmt: Annotated[
        str, typer.Option("--format", help="geojson, csv (ACLED's columns) or geoparquet.")
    ] = "geojson",
    db: DbOption = None,
    date_from: Annotated[str | None, typer.Option("--from", help="First date, YYYY-MM-DD.")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Last date, YYYY-MM-DD.")] = None,
    actor: Annotated[str | None, typer.Option(help="Actor name contains this.")] = None,
    event_type: Annotated[list[str] | None, typer.Option("--event-type", help="ACLED event type.")] = None,
) -> None:
    """Export events as GeoJSON or as CSV in ACLED's columns."""
    from eventatlas.export import iter_rows, to_acled_csv, to_geojson
    from eventatlas.store import EventFilter

    if fmt not in ("geojson", "csv", "geoparquet"):
        raise typer.BadParameter("must be geojson, csv or geoparquet", param_hint="--format")
    if fmt == "geoparquet" and output == "-":
        raise typer.BadParameter("GeoParquet needs a file, not -", param_hint="--output")
    store = _open_store(db)
    flt = EventFilter(
        date_from=_parse_date(date_from, "--from"),
        date_to=_parse_date(date_to, "--to"),
        actor=actor,
        event_type=event_type or [],
        limit=10_000_000,
    )
    rows = list(iter_rows(store, flt))
    if fmt == "geoparquet":
        from eventatlas.export.geoparquet import to_geoparquet

        to_geoparquet(rows, Path(output))
        err.print(f"{len(rows)} events exported")
        return
    with _open_stream(output, "w") as fout:
        if fmt == "geojson":
            json.dump(to_geojson(rows), fout, ensure_ascii=False)
            fout.write("\n")
        else:
            to_acled_csv(rows, fout)
    err.print(f"{len(rows)} events exported")


@gazetteer_app.command("build")
def gazetteer_build(
    path: GazetteerOption = None,
    geonames: Annotated[
        list[Path] | None, typer.Option("--geonames", help="GeoNames dump file (allCountries.zip, XX.zip, ...).")
    ] = None,
    csv: Annotated[
        list[Path] | None, typer.Option("--csv", help="Your own places: name, lat, lon[, country, population, aliases].")
    ] = None,
    from_events: Annotated[
        list[Path] | None, typer.Option("--from-events", help="ACLED or UCDP CSV whose locations to add.")
    ] = None,
) -> None:
    """Build the gazetteer from packaged GeoNames data, plus any files you give."""
    from eventatlas.geo import build_gazetteer

    info = build_gazetteer(path, geonames=geonames or [], csv_files=csv or [], from_events=from_events or [])
    out.print(info if isinstance(info, str) else json.dumps(_jsonable(info), indent=2, default=str))


@gazetteer_app.command("info")
def gazetteer_info(path: GazetteerOption = None) -> None:
    """What the gazetteer holds."""
    from eventatlas.geo import Gazetteer

    print(json.dumps(_jsonable(Gazetteer.open(path, build_if_missing=False).info()), indent=2, default=str))


@gazetteer_app.command("lookup")
def gazetteer_lookup(
    name: Annotated[str, typer.Argument(help="A place name.")],
    fuzzy: Annotated[bool, typer.Option("--fuzzy", help="Allow near spellings.")] = False,
    limit: Annotated[int, typer.Option(help="How many candidates.")] = 10,
    path: GazetteerOption = None,
) -> None:
    """Candidates for a name, best first."""
    from eventatlas.geo import Gazetteer
    from eventatlas.model import to_dict

    places = Gazetteer.open(path).lookup(name, fuzzy=fuzzy, limit=limit)
    if not places:
        err.print(f"no place named {name!r}")
        raise typer.Exit(1)
    for place in places:
        print(json.dumps(to_dict(place), ensure_ascii=False))


@train_app.command("events")
def train_events(
    from_file: Annotated[Path, typer.Option("--from", help="Coded events: an ACLED CSV (2016 or current layout) or a CASE 2021 task 2 TSV.")],
    out_path: Annotated[Path, typer.Option("--out", help="Where to save the model.")],
) -> None:
    """Fit an event-type model on your own coded data; use it with `extract --model`."""
    from eventatlas.events import train_model

    if not from_file.exists():
        err.print(f"[red]error:[/red] {from_file}: no such file")
        raise typer.Exit(1)
    print(json.dumps(_jsonable(train_model(from_file, out_path)), indent=2, default=str))


def _register_analysis_commands() -> None:
    """The analysis commands live beside their library code; they are registered here."""
    from eventatlas.analysis.forecast_cli import forecast_command
    from eventatlas.analysis.spread_cli import claims_command, spread_command
    from eventatlas.watch import watch_command

    app.command("spread")(spread_command)
    app.command("claims")(claims_command)
    app.command("forecast")(forecast_command)
    app.command("watch")(watch_command)


_register_analysis_commands()


def _jsonable(obj):
    from eventatlas.model import to_dict

    return to_dict(obj) if hasattr(obj, "__dataclass_fields__") else obj


def main() -> None:  # pragma: no cover
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
