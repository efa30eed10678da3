"""ingest stage: readers that turn files, directories, pages and feeds into Documents.

`iter_records` is the one entry point. It yields `Document`s (reports to be read by the later
stages), `ImportedEvent`s (rows of coded datasets, already events) and `InputError`s: bad input is
reported, never raised, so that one broken file does not stop a batch.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from eventatlas.ingest.datasets import iter_dataset
from eventatlas.ingest.decode import Undecodable, declared_charset, decode
from eventatlas.ingest.feeds import iter_feed
from eventatlas.ingest.fetch import fetch_url, is_url
from eventatlas.ingest.formats import EXTENSIONS, choose_format
from eventatlas.ingest.gdelt import iter_gdelt
from eventatlas.ingest.html import read_html
from eventatlas.ingest.jsonl import iter_jsonl
from eventatlas.ingest.records import ImportedEvent, InputError
from eventatlas.ingest.text import read_text
from eventatlas.model import Document

__all__ = ["FORMATS", "MAX_TEXT_CHARS", "ImportedEvent", "InputError", "Record", "documents_as_jsonl", "fetch_url",
           "iter_records", "is_jsonl_input"]

FORMATS = ("auto", "text", "markdown", "html", "jsonl", "rss", "acled", "ucdp", "gdelt")
# A news report is rarely over 50,000 characters. Past this a text is a dump, not a report, and the
# NLP stages need minutes and gigabytes for it (1 MB: 3.5 minutes, 3.6 GB), so it is refused.
MAX_TEXT_CHARS = 500_000
MAX_PAGE_BYTES = 20 * 1024 * 1024  # as for fetched pages: larger HTML is not an article
# A file larger than this cannot hold a text within MAX_TEXT_CHARS in any encoding we read (at most
# 4 bytes a character, and a BOM), so a report or page that size is refused from its size alone.
MAX_TEXT_BYTES = 4 * MAX_TEXT_CHARS + 4
Record = Document | ImportedEvent | InputError
Fetch = Callable[[str], tuple[bytes, str]]


def iter_records(
    inputs: Iterable[str | os.PathLike[str]],
    fmt: str = "auto",
    source: str | None = None,
    published: date | None = None,
    follow: bool = False,
    fetch: Fetch | None = None,
) -> Iterator[Record]:
    """Read files, directories (recursively) and http(s) URLs.

    `fmt` forces one reader for every input; "auto" decides per file by extension, then content.
    `source` replaces each document's source (for dataset rows it only fills an empty SOURCE);
    `published` fills in where an input gives no date.
    With `follow`, each feed entry's link is fetched and read as the article. `fetch(url)` returns
    (body, content type); the default is `fetch_url` (httpx, 20 s, 20 MB).
    """
    if fmt not in FORMATS:
        yield InputError("<options>", None, f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
        return
    options = _Options(fmt, source, published, follow, fetch or fetch_url)
    if isinstance(inputs, (str, os.PathLike)):  # one path, not an iterable of its characters
        inputs = [inputs]
    for item in map(str, inputs):
        if is_url(item):
            yield from _guarded(item, _read_url(item, options))
            continue
        path = Path(item)
        if path.is_dir():
            for file in _walk(path):
                yield from _guarded(str(file), _read_file(file, options))
        elif path.is_file():
            yield from _guarded(item, _read_file(path, options))
        else:
            yield InputError(item, None, "no such file or directory")


@dataclass(frozen=True, slots=True)
class _Options:
    fmt: str
    source: str | None
    published: date | None
    follow: bool
    fetch: Fetch


def is_jsonl_input(path: str) -> bool:
    """Whether `extract` reads this input as JSONL documents as they are (stdin, *.jsonl, *.ndjson)."""
    return path == "-" or (not is_url(path) and Path(path).suffix.lower() in (".jsonl", ".ndjson", ".json")
                           and not Path(path).is_dir())


def documents_as_jsonl(inputs: Iterable[str | os.PathLike[str]], fmt: str = "auto",
                       on_error: Callable[[InputError], None] | None = None) -> Iterator[str]:
    """Every document that `ingest` would read from `inputs` (files, folders, URLs, feeds) as a JSONL line
    of `extract`'s input: {id, text, title, published, source, url}. Coded dataset rows carry no text to
    code and are passed over; unreadable inputs go to `on_error`."""
    import json

    for record in iter_records(inputs, fmt=fmt):
        if isinstance(record, InputError):
            if on_error:
                on_error(record)
            continue
        if isinstance(record, ImportedEvent):
            continue
        yield json.dumps({"id": record.external_id or record.origin or record.id, "text": record.text,
                          "title": record.title, "published": record.published.isoformat() if record.published else None,
                          "source": record.source, "url": record.url}, ensure_ascii=False) + "\n"


def _guarded(origin: str, records: Iterator[Record]) -> Iterator[Record]:
    """A reader that fails in a way nobody foresaw costs its own input, not the rest of the batch."""
    try:
        for record in records:
            yield _sized(record)
    except Exception as exc:  # reported as this input's error
        yield InputError(origin, None, f"could not read: {type(exc).__name__}: {exc}")


def _sized(record: Record) -> Record:
    """The record, or an InputError for a text too long to be a report (see MAX_TEXT_CHARS)."""
    document = record.document if isinstance(record, ImportedEvent) else record
    if isinstance(document, Document) and len(document.text) > MAX_TEXT_CHARS:
        return InputError(document.origin or document.id, None, _too_long(len(document.text)))
    return record


def _too_long(chars: int) -> str:
    return f"text too long: {chars:,} characters (the limit is {MAX_TEXT_CHARS:,})"


def _page_too_large(size: int) -> str:
    return f"page too large: {size:,} bytes (the limit is {MAX_PAGE_BYTES:,})"


def _too_large(path: Path, options: _Options) -> str | None:
    """Why a file is refused from its size, before it is read: a text or page past the limits above.

    A 200 MB text dump is not read and decoded (twice its size in memory) just to be measured.
    Datasets, JSONL and feeds hold many records, so their size alone says nothing."""
    try:
        size = path.stat().st_size
    except OSError:
        return None  # reading it says why
    if size <= min(MAX_TEXT_BYTES, MAX_PAGE_BYTES):
        return None
    head = ""
    if options.fmt == "auto" and path.suffix.lower() not in EXTENSIONS:  # the content decides
        with path.open("rb") as f:
            raw = f.read(65536)
        raw = raw[: raw.rfind(b"\n") + 1] or raw  # whole lines: no character cut in two
        try:
            head = decode(raw, declared_charset(raw if raw.lstrip()[:1] == b"<" else b""))
        except Undecodable:
            return None  # reading it says why
    kind = choose_format(options.fmt, path.suffix, "", head)
    if kind in ("text", "markdown") and size > MAX_TEXT_BYTES:
        return f"text too long: {size:,} bytes (the limit is {MAX_TEXT_CHARS:,} characters)"
    if kind == "html" and size > MAX_PAGE_BYTES:
        return _page_too_large(size)
    return None


def _walk(root: Path) -> Iterator[Path]:
    """Files under root in sorted order, skipping hidden names and symlink loops."""
    seen: set[Path] = set()

    def visit(folder: Path) -> Iterator[Path]:
        real = folder.resolve()
        if real in seen:
            return
        seen.add(real)
        try:
            entries = sorted(folder.iterdir())
        except OSError:
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                is_dir, is_file = entry.is_dir(), entry.is_file()
            except OSError:  # unreadable entry (permissions): the rest of the folder goes on
                continue
            if is_dir:
                yield from visit(entry)
            elif is_file:
                yield entry

    yield from visit(root)


_GDELT_EVENTS = re.compile(r"\.export\.csv(\.zip)?$", re.IGNORECASE)
_GDELT_MENTIONS = re.compile(r"\.mentions\.csv(\.zip)?$", re.IGNORECASE)


def _gdelt_mentions_for(path: Path) -> list[Path]:
    """The mentions files beside a GDELT events export with the same timestamp prefix."""
    stem = _GDELT_EVENTS.sub("", path.name)
    return sorted(p for p in path.parent.glob(f"{stem}.*") if _GDELT_MENTIONS.search(p.name))


def _read_file(path: Path, options: _Options) -> Iterator[Record]:
    if options.fmt == "gdelt" or (options.fmt == "auto" and _GDELT_EVENTS.search(path.name)):
        yield from iter_gdelt(path, mentions=_gdelt_mentions_for(path))
        return
    if options.fmt == "auto" and _GDELT_MENTIONS.search(path.name):
        stem = _GDELT_MENTIONS.sub("", path.name)
        if any(_GDELT_EVENTS.search(p.name) for p in path.parent.glob(f"{stem}.*")):
            return  # read together with its events file
        yield InputError(str(path), None, "a GDELT mentions file without its events (.export.CSV) file")
        return
    if reason := _too_large(path, options):
        yield InputError(str(path), None, reason)
        return
    try:
        raw = path.read_bytes()
    except OSError as exc:
        yield InputError(str(path), None, f"cannot read: {exc.strerror or exc}")
        return
    yield from _read_bytes(raw, str(path), path.suffix, "", None, options)


def _read_url(url: str, options: _Options) -> Iterator[Record]:
    try:
        raw, content_type = options.fetch(url)
    except Exception as exc:  # any network or HTTP failure is this input's error, not the batch's
        yield InputError(url, None, f"could not fetch: {exc}")
        return
    suffix = PurePosixPath(urlsplit(url).path).suffix
    yield from _read_bytes(raw, url, suffix, content_type, url, options)


def _read_bytes(
    raw: bytes, origin: str, suffix: str, content_type: str, url: str | None, options: _Options
) -> Iterator[Record]:
    if not raw.strip():
        yield InputError(origin, None, "empty")
        return
    markup = raw.lstrip()[:1] == b"<"  # only pages and feeds name their charset inside
    try:
        text = decode(raw, declared_charset(raw if markup else b"", content_type))
    except Undecodable as exc:
        yield InputError(origin, None, f"binary or unreadable ({exc})")
        return
    if not text.strip():
        yield InputError(origin, None, "empty")
        return
    source, published = options.source, options.published
    kind = choose_format(options.fmt, suffix, content_type, text)
    if kind in ("text", "markdown"):
        if len(text) > MAX_TEXT_CHARS:  # before any Markdown clean-up of a huge text
            yield InputError(origin, None, _too_long(len(text)))
            return
        yield read_text(text, origin, kind == "markdown", source, published)
    elif kind == "html":
        if len(raw) > MAX_PAGE_BYTES:
            yield InputError(origin, None, _page_too_large(len(raw)))
            return
        yield read_html(text, origin, url=url, source=source, published=published)
    elif kind == "jsonl":
        yield from iter_jsonl(text, origin, source, published)
    elif kind == "rss":
        yield from iter_feed(raw, origin, content_type, source, published, options.follow, options.fetch)
    else:  # csv, acled, ucdp
        yield from iter_dataset(text, origin, None if kind == "csv" else kind, source)
