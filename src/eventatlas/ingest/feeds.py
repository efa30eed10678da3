"""RSS and Atom feeds: each entry is a report; with follow=True its linked article is read instead."""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from datetime import date

import feedparser
import lxml.html

from eventatlas.ingest.dates import implausible
from eventatlas.ingest.decode import Undecodable, declared_charset, decode
from eventatlas.ingest.html import read_html
from eventatlas.ingest.records import InputError
from eventatlas.model import Document

Fetch = Callable[[str], tuple[bytes, str]]
_BLOCK_END = re.compile(r"(?i)<\s*(?:br|/p|/div|/li|/h[1-6]|/tr|/blockquote)\b[^>]*>")
_ROOT_OPEN = re.compile(rb"<\s*(rss|feed|rdf:rdf)\b", re.I)
_ENTRY_END = re.compile(rb"<\s*/\s*(?:[\w.-]+:)?(?:item|entry)\s*>", re.I)


def _truncated(raw: bytes) -> int | None:
    """For a feed cut off before its root element closes (a broken download): how many entries are
    complete; None for a whole feed. feedparser salvages the last, half-read entry; we must not."""
    root = _ROOT_OPEN.search(raw)
    if root is None:
        return None
    name = root.group(1)
    if re.search(rb"<\s*/\s*" + re.escape(name) + rb"\s*>", raw, re.I):
        return None
    return len(_ENTRY_END.findall(raw))


def strip_html(fragment: str) -> str:
    """Visible text of an HTML fragment (feed summaries are often HTML), block ends kept as newlines."""
    if "<" not in fragment and "&" not in fragment:
        return fragment
    try:
        root = lxml.html.fragment_fromstring(_BLOCK_END.sub("\n", fragment), create_parent="div")
        for bad in root.xpath("//script|//style"):
            bad.drop_tree()
        return root.text_content()
    except Exception:  # lxml rejects some fragments; a crude strip is better than nothing
        return re.sub(r"<[^>]+>", " ", fragment)


def _entry_date(entry: dict) -> date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            try:
                return date(parsed[0], parsed[1], parsed[2])
            except (TypeError, ValueError):
                continue
    return None


def _entry_text(entry: dict) -> str:
    contents = [c.get("value", "") for c in entry.get("content") or []]
    text = max(contents, key=len, default="") or entry.get("summary", "") or ""
    return strip_html(text).strip()


def iter_feed(
    raw: bytes,
    origin: str,
    content_type: str = "",
    source: str | None = None,
    published: date | None = None,
    follow: bool = False,
    fetch: Fetch | None = None,
) -> Iterator[Document | InputError]:
    # A stream, never bytes: feedparser would try to open bytes as a path or fetch a URL itself.
    headers = {"content-type": content_type} if content_type else {}
    parsed = feedparser.parse(io.BytesIO(raw), response_headers=headers)
    complete = _truncated(raw)
    if not parsed.entries and complete is None:
        problem = parsed.get("bozo_exception") if parsed.bozo else None
        yield InputError(origin, None, f"unreadable feed: {problem}" if problem else "feed has no entries")
        return
    if complete is not None:
        yield InputError(
            origin, None, f"truncated feed (it ends before its closing tag); {complete} complete entries read"
        )
    feed_source = source or parsed.feed.get("title") or None
    for number, entry in enumerate(parsed.entries, start=1):
        if complete is not None and number > complete:
            break  # a partial entry is not a document
        if problem := implausible(_entry_date(entry)):
            yield InputError(origin, None, f"entry {number}: published {problem}")
            continue
        title = strip_html(entry.get("title", "")).strip() or None
        link = entry.get("link") or None
        when = _entry_date(entry) or published
        text = _entry_text(entry) or title or ""
        summary_doc = None
        if text:
            summary_doc = Document(
                text=text, title=title, published=when, source=feed_source, url=link, origin=origin
            )
        if follow and link and fetch is not None:
            page = _follow(link, fetch)
            if isinstance(page, Document):
                page.title = title or page.title
                page.published = when or page.published
                page.source = feed_source or page.source
                yield page
                continue
            yield page
        if summary_doc is None:
            yield InputError(origin, None, f"entry {number} has no text")
        else:
            yield summary_doc


def _follow(link: str, fetch: Fetch) -> Document | InputError:
    """The article an entry links to, read as HTML; an InputError says why it could not be."""
    try:
        body, content_type = fetch(link)
        html = decode(body, declared_charset(body, content_type))
    except Undecodable as exc:
        return InputError(link, None, f"could not follow entry link: binary or unreadable ({exc})")
    except Exception as exc:  # network errors of any kind: the summary still stands
        return InputError(link, None, f"could not follow entry link: {exc}")
    page = read_html(html, origin=link, url=link)
    if isinstance(page, InputError):
        page.reason = f"could not follow entry link: {page.reason}"
    return page
