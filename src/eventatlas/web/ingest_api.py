"""`POST /api/ingest`: "Add reports" from the browser, through the same pipeline as `eventatlas ingest`.

Pasted text, a URL and uploaded files are each one input: read by `ingest.iter_records` (so a URL
goes through the guarded fetcher: http(s) only, public addresses, size and time limits) and stored
by `engine.ingest_records` with this process's cached Pipeline, exactly as the CLI stores them.
Each input gets its own result; a bad one is reported by name and the others go on. Documents are
identified by their text and URL, so sending the same report again adds nothing.
"""

from __future__ import annotations

import re
import tempfile
import threading
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.exceptions import RequestValidationError

from eventatlas.ingest import ImportedEvent, InputError, iter_records
from eventatlas.ingest.dates import implausible
from eventatlas.ingest.fetch import is_url
from eventatlas.model import Document

from .security import require_write

router = APIRouter()

MAX_FILES = 50
MAX_NEW_EVENTS_LISTED = 200
PASTED = "pasted text"
_INGEST_LOCK = threading.Lock()  # one ingest at a time: SQLite has one writer, spaCy runs on the CPUs
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def _bad(field: str, msg: str) -> RequestValidationError:
    return RequestValidationError([{"loc": ["body", field], "msg": msg, "type": "value_error"}])


def _published(text: str | None) -> date | None:
    if not text or not text.strip():
        return None
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise _bad("published", f"published must be a date YYYY-MM-DD; got {text!r}") from None
    if problem := implausible(day):
        raise _bad("published", f"published {problem}")
    return day


def _renamed(records: Iterable[Any], path: str, name: str, seen: list[str]) -> Iterator[Any]:
    """The records with the temporary file's path replaced by the name the user knows the input by;
    the ids of the documents read are collected in `seen`."""

    def fix(origin: str | None) -> str | None:
        return origin.replace(path, name) if origin else origin

    for record in records:
        if isinstance(record, InputError):
            record.origin = fix(record.origin) or name
        elif isinstance(record, ImportedEvent):
            record.document.origin = fix(record.document.origin)
            seen.append(record.document.id)
        elif isinstance(record, Document):
            record.origin = fix(record.origin)
            seen.append(record.id)
        yield record


def _titled(records: Iterable[Any], title: str | None) -> Iterator[Any]:
    for record in records:
        if title and isinstance(record, Document) and not record.title:
            record.title = title
        yield record


def _new_events(store: Any, doc_ids: list[str]) -> list[dict[str, Any]]:
    """The events the documents support (new or merged into), for the page to show and open."""
    return store.document_events(doc_ids, limit=MAX_NEW_EVENTS_LISTED)


def _run(store: Any, name: str, kind: str, records: Iterable[Any], seen: list[str]) -> dict[str, Any]:
    from eventatlas.engine import ingest_records

    errors: list[str] = []
    try:
        result = ingest_records(records, store, on_error=lambda e: None)
        errors = [str(e) for e in result.errors]
        counts = {k: v for k, v in result.as_dict().items() if k != "errors"}
    except Exception as exc:  # a failure nobody foresaw costs this input, not the batch
        counts = {"documents_added": 0, "documents_skipped": 0, "events_added": 0, "imported_added": 0}
        errors = [f"{name}: could not be ingested: {type(exc).__name__}: {exc}"]
    events = _new_events(store, seen)
    return {"input": name, "kind": kind, "ok": not errors, **counts, "errors": errors, "events": events}


@router.post(
    "/api/ingest",
    summary="Add reports: pasted text, a URL and/or files, through the ingest pipeline (needs the write token)",
    dependencies=[Depends(require_write)],
)
def ingest_reports(
    request: Request,
    files: Annotated[
        list[UploadFile] | None,
        File(description="report files (text, Markdown, HTML, JSONL, feeds, ACLED/UCDP CSV)"),
    ] = None,
    text: Annotated[str | None, Form(description="a pasted report")] = None,
    url: Annotated[str | None, Form(description="an http(s) page or feed to fetch")] = None,
    title: Annotated[str | None, Form(description="title of the pasted report")] = None,
    source: Annotated[str | None, Form(description="source name for inputs that do not say")] = None,
    published: Annotated[
        str | None, Form(description="publication date YYYY-MM-DD for inputs that do not say")
    ] = None,
) -> dict[str, Any]:
    when = _published(published)
    source = (source or "").strip()[:200] or None
    title = (title or "").strip()[:500] or None
    uploads = [f for f in (files or []) if f is not None and (f.filename or f.size)]
    text = text if text and text.strip() else None
    url = (url or "").strip() or None
    if not uploads and text is None and url is None:
        raise _bad("text", "nothing to add: give a text, a URL or files")
    if len(uploads) > MAX_FILES:
        raise _bad("files", f"at most {MAX_FILES} files at a time; got {len(uploads)}")
    store = request.app.state.stores.get()
    results: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="eventatlas-upload-") as tmp, _INGEST_LOCK:
        folder = Path(tmp)
        if text is not None:
            path = folder / "pasted.txt"
            path.write_text(text, encoding="utf-8")
            seen: list[str] = []
            records = iter_records([path], fmt="text", source=source, published=when)
            records = _titled(_renamed(records, str(path), PASTED, seen), title)
            results.append(_run(store, PASTED, "text", records, seen))
        if url is not None:
            seen = []
            if not is_url(url):
                results.append(_failed(url, "url", f"{url}: not an http(s) URL"))
            else:
                records = _renamed(iter_records([url], source=source, published=when), url, url, seen)
                results.append(_run(store, url, "url", records, seen))
        for n, upload in enumerate(uploads):
            name = Path(upload.filename or f"file {n + 1}").name or f"file {n + 1}"
            path = folder / f"{n}-{_SAFE_NAME.sub('_', name)[-120:]}"
            try:
                with path.open("wb") as fh:
                    while chunk := upload.file.read(1024 * 1024):
                        fh.write(chunk)
            except OSError as exc:
                results.append(
                    _failed(name, "file", f"{name}: could not be received ({exc.strerror or exc})")
                )
                continue
            seen = []
            records = _renamed(iter_records([path], source=source, published=when), str(path), name, seen)
            results.append(_run(store, name, "file", records, seen))
    added = sum(r["documents_added"] + r["imported_added"] for r in results)
    if added:
        request.app.state.data_version = getattr(request.app.state, "data_version", 0) + 1
    totals = {
        k: sum(r[k] for r in results)
        for k in ("documents_added", "documents_skipped", "events_added", "imported_added")
    }
    return {
        "ok": all(r["ok"] for r in results),
        **totals,
        "errors": sum(len(r["errors"]) for r in results),
        "data_version": getattr(request.app.state, "data_version", 0),
        "results": results,
    }


def _failed(name: str, kind: str, reason: str) -> dict[str, Any]:
    return {
        "input": name,
        "kind": kind,
        "ok": False,
        "documents_added": 0,
        "documents_skipped": 0,
        "events_added": 0,
        "imported_added": 0,
        "errors": [reason],
        "events": [],
    }


def install_writing(app: Any, db_url: str, settings: Any = None) -> None:
    """The hook in create_app: the server's protections (web.security), then this router."""
    from .security import install_security

    install_security(app, db_url, settings)
    app.include_router(router)


__all__ = ["install_writing", "router"]
