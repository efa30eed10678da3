"""`eventatlas watch`: poll RSS/Atom feeds and ingest what is new, for as long as it runs.

Each poll reads every feed (a URL or a file path per line of the feeds file), picks the entries not
seen before, and runs them through the same ingest loop as `eventatlas ingest`. An entry is known by
its link (else its id); the keys seen are kept in a state file next to the feeds file, so an entry
whose summary is edited later, or whose linked page changes, is not ingested a second time, and a
restart picks up where the last run stopped. A feed that fails (network, HTTP, garbage) is logged
and tried again next poll; it never stops the others. One log line per poll says what happened.
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

import typer

from eventatlas.ingest import InputError, iter_records
from eventatlas.ingest.feeds import iter_feed
from eventatlas.ingest.fetch import fetch_url, is_url
from eventatlas.model import Document

MAX_SEEN = 200_000  # keys kept in the state file: months of a busy feed list
_EVERY = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.I)
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_every(text: str) -> float:
    """'15m', '30s', '2h', '1d' or plain seconds, as seconds (at least one)."""
    match = _EVERY.match(text or "")
    if not match:
        raise ValueError(f"{text!r} is not an interval like 30s, 15m, 2h or 1d")
    seconds = float(match[1]) * _UNITS[match[2].lower()]
    if seconds < 1:
        raise ValueError(f"{text!r} is shorter than one second")
    return seconds


def read_feed_list(path: Path) -> list[str]:
    """Feed URLs and paths, one a line; blank lines and # comments skipped, duplicates dropped."""
    feeds: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        item = line.strip()
        if item and not item.startswith("#") and item not in feeds:
            feeds.append(item)
    return feeds


def default_state_path(feeds_file: Path) -> Path:
    return feeds_file.with_name(feeds_file.name + ".seen.json")


class SeenEntries:
    """Keys of entries already ingested, oldest first, kept in a JSON file (written atomically)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.keys: dict[str, None] = {}
        if path and path.exists():
            try:
                self.keys = dict.fromkeys(json.loads(path.read_text(encoding="utf-8")).get("seen", []))
            except (OSError, ValueError, AttributeError):
                self.keys = {}  # a damaged state file: the store's own de-duplication still holds

    def __contains__(self, key: str) -> bool:
        return key in self.keys

    def add(self, key: str) -> None:
        self.keys[key] = None

    def save(self) -> None:
        if self.path is None:
            return
        keys = list(self.keys)[-MAX_SEEN:]
        tmp = self.path.with_name(self.path.name + ".tmp")
        tmp.write_text(json.dumps({"seen": keys}), encoding="utf-8")
        tmp.replace(self.path)


def entry_key(document: Document) -> str:
    """An entry's identity across polls: its link, else its document id."""
    return f"url:{document.url}" if document.url else f"id:{document.id}"


@dataclass
class PollResult:
    """What one poll did."""

    feeds: int = 0
    failed: list[InputError] = field(default_factory=list)
    entries: int = 0
    new_entries: int = 0
    documents_added: int = 0
    events_added: int = 0
    errors: list[InputError] = field(default_factory=list)

    def line(self) -> str:
        when = datetime.now(UTC).isoformat(timespec="seconds")
        return (
            f"{when} poll: {self.feeds} feeds ({len(self.failed)} failed), {self.entries} entries,"
            f" {self.new_entries} new, {self.documents_added} documents added ({self.events_added} events),"
            f" {len(self.errors)} errors"
        )


Fetch = Callable[[str], tuple[bytes, str]]


def _read_feed(feed: str, fetch: Fetch) -> tuple[bytes, str]:
    if is_url(feed):
        return fetch(feed)
    return Path(feed).read_bytes(), ""


def poll(
    feeds: list[str],
    store: Any,
    seen: SeenEntries,
    follow: bool = False,
    settings: Any = None,
    engine: Any = None,
    fetch: Fetch | None = None,
    on_error: Callable[[InputError], None] | None = None,
) -> PollResult:
    """Read every feed once and ingest the entries not seen before; never raises for a bad feed."""
    from eventatlas.engine import ingest_records

    fetch = fetch or fetch_url
    result = PollResult(feeds=len(feeds))
    fresh: list[tuple[str, Document]] = []
    for feed in feeds:
        try:
            raw, content_type = _read_feed(feed, fetch)
            records = list(iter_feed(raw, feed, content_type))
        except Exception as exc:  # network, HTTP, file or parser failure: this feed only
            result.failed.append(InputError(feed, None, f"could not read feed: {exc}"))
            continue
        for record in records:
            if isinstance(record, InputError):
                if record.reason.startswith("unreadable feed") or record.reason == "feed has no entries":
                    result.failed.append(record)
                continue  # an entry without text: nothing to ingest, nothing to report each poll
            result.entries += 1
            key = entry_key(record)
            if key in seen or any(key == k for k, _ in fresh):
                continue
            if store.has_document(record.id):  # stored by an earlier ingest of the same feed
                seen.add(key)
                continue
            fresh.append((key, record))
    result.new_entries = len(fresh)
    for error in result.failed:
        if on_error:
            on_error(error)

    def records() -> Iterator[Any]:
        for _, entry in fresh:
            if follow and entry.url:
                yield from _follow(entry, fetch)
            else:
                yield entry

    def error(e: InputError) -> None:
        result.errors.append(e)
        if on_error:
            on_error(e)

    if fresh:
        ingested = ingest_records(records(), store, engine=engine, settings=settings, on_error=error)
        result.documents_added = ingested.documents_added
        result.events_added = ingested.events_added
        stored_origins = {e.origin for e in ingested.errors if "could not be stored" in e.reason}
        for key, entry in fresh:
            if (entry.origin or entry.id) not in stored_origins:
                seen.add(key)
        seen.save()
    return result


def _follow(entry: Document, fetch: Fetch) -> Iterator[Any]:
    """The article an entry links to (with the entry's title, date and source), else the summary."""
    got_page = False
    for record in iter_records([entry.url], fmt="html", source=entry.source, published=entry.published,
                               fetch=fetch):
        if isinstance(record, Document):
            got_page = True
            record.title = entry.title or record.title
            record.published = entry.published or record.published
            yield record
        else:
            record.reason = f"could not follow entry link: {record.reason}"
            yield record
    if not got_page:
        yield entry


def watch(
    feeds_file: Path,
    store: Any,
    every: float = 900.0,
    once: bool = False,
    follow: bool = False,
    state_path: Path | None = None,
    settings: Any = None,
    log: Callable[[str], None] | None = None,
    fetch: Fetch | None = None,
    max_polls: int | None = None,
) -> list[PollResult]:
    """Poll the feeds in `feeds_file` every `every` seconds (once with `once`); returns the polls' results.

    The feeds file is re-read each poll, so feeds can be added or removed while it runs.
    """
    log = log or (lambda line: print(line, file=sys.stderr, flush=True))
    seen = SeenEntries(state_path or default_state_path(feeds_file))
    results: list[PollResult] = []
    while True:
        started = time.monotonic()
        try:
            feeds = read_feed_list(feeds_file)
        except OSError as exc:
            log(f"error: {feeds_file}: cannot read the feeds file ({exc.strerror or exc})")
            feeds = []
        result = poll(feeds, store, seen, follow=follow, settings=settings, fetch=fetch,
                      on_error=lambda e: log(f"error: {e}"))
        results.append(result)
        log(result.line())
        if once or (max_polls is not None and len(results) >= max_polls):
            return results
        time.sleep(max(0.0, every - (time.monotonic() - started)))


DbOption = Annotated[
    str | None,
    typer.Option("--db", help="Database: a file path, sqlite:///path or postgresql://... (default $EVENTATLAS_DB)."),
]


def watch_command(
    feeds_file: Annotated[Path, typer.Argument(help="A file with one feed URL or path per line (# comments).")],
    every: Annotated[str, typer.Option("--every", help="Time between polls: 30s, 15m, 2h, 1d.")] = "15m",
    db: DbOption = None,
    once: Annotated[bool, typer.Option("--once", help="Poll once and exit.")] = False,
    follow: Annotated[bool, typer.Option("--follow", help="Read the article each new entry links to.")] = False,
    country: Annotated[str | None, typer.Option(help="ISO country code the feeds are about.")] = None,
    gazetteer: Annotated[Path | None, typer.Option("--gazetteer", help="Gazetteer file.")] = None,
    state: Annotated[
        Path | None, typer.Option("--state", help="Where seen entries are kept (default FEEDS_FILE.seen.json).")
    ] = None,
) -> None:
    """Poll RSS/Atom feeds and ingest new entries; one log line per poll on stderr."""
    from eventatlas.engine import PipelineSettings
    from eventatlas.store import StoreError, open_store

    try:
        interval = parse_every(every)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--every") from None
    if not feeds_file.is_file():
        raise typer.BadParameter(f"{feeds_file}: no such file", param_hint="FEEDS_FILE")
    try:
        store = open_store(db)
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        raise typer.Exit(1) from None
    settings = PipelineSettings.of(gazetteer_path=gazetteer, country_hint=country)
    try:
        results = watch(feeds_file, store, every=interval, once=once, follow=follow, state_path=state,
                        settings=settings)
    except KeyboardInterrupt:
        raise typer.Exit(0) from None
    finally:
        store.close()
    if once and (results[-1].failed or results[-1].errors):
        raise typer.Exit(1)
