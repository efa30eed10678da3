"""HTML pages: trafilatura finds the article text, title, date and site name, offline."""

from __future__ import annotations

import json
from datetime import date

import trafilatura

from eventatlas.ingest.dates import implausible, parse_date
from eventatlas.ingest.records import InputError
from eventatlas.model import Document


def read_html(
    html: str,
    origin: str,
    url: str | None = None,
    source: str | None = None,
    published: date | None = None,
) -> Document | InputError:
    """One Document from a page; falls back to all visible text when no main text is found."""
    try:
        raw = trafilatura.extract(
            html, url=url, output_format="json", with_metadata=True, include_comments=False
        )
        meta = json.loads(raw) if raw else {}
        text = meta.get("text") or trafilatura.html2txt(html) or ""
    except Exception as exc:  # trafilatura/lxml on broken markup
        return InputError(origin, None, f"unreadable HTML: {exc}")
    if not text.strip():
        return InputError(origin, None, "no text in HTML page")
    found = parse_date(meta.get("date"))
    if implausible(found):  # the page's date is trafilatura's guess: drop a wrong one, keep the page
        found = None
    if meta.get("title") is None:
        meta.update(_title_only(html))
    return Document(
        text=text,
        title=meta.get("title") or None,
        published=found or published,
        source=source or meta.get("source-hostname") or meta.get("hostname") or None,
        url=url or meta.get("url") or meta.get("source") or None,
        origin=origin,
    )


def _title_only(html: str) -> dict[str, str]:
    try:
        meta = trafilatura.extract_metadata(html)
    except Exception:
        return {}
    return {"title": meta.title} if meta is not None and meta.title else {}
