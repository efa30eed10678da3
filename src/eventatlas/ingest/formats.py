"""Which reader a file or page needs: the format asked for, else its extension, else its content."""

from __future__ import annotations

import re

from eventatlas.ingest.datasets import detect_layout, read_header

EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".rss": "rss",
    ".atom": "rss",
    ".csv": "csv",
}
_FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:rdf)\b", re.I)
_HTML_START = re.compile(r"<(?:!doctype\s+html|html|head|body|article|div|p)\b", re.I)


def sniff(text: str) -> str:
    """Guess a format from the first characters: feed and HTML markup, JSON lines, a dataset header."""
    head = text.lstrip("\ufeff \t\r\n")[:4096]
    if head.startswith("<"):
        # Markup that is not a page is read as a feed, whose reader says clearly if it is not one.
        return "html" if _HTML_START.search(head) and not _FEED_ROOT.search(head[:2048]) else "rss"
    if head.startswith("{"):
        return "jsonl"
    header, _ = read_header(head)
    if len(header) >= 5 and detect_layout(header):
        return "csv"
    return "text"


def from_content_type(content_type: str) -> str | None:
    """The format a server's Content-Type names, when it names one we read."""
    kind = content_type.split(";", 1)[0].strip().lower()
    if kind in ("text/html", "application/xhtml+xml"):
        return "html"
    if kind.endswith(("rss+xml", "atom+xml", "rdf+xml", "/xml")):
        return "rss"
    return {
        "text/csv": "csv",
        "application/x-ndjson": "jsonl",
        "application/jsonl": "jsonl",
        "text/markdown": "markdown",
        "text/plain": "text",
    }.get(kind)


def choose_format(fmt: str, suffix: str, content_type: str, text: str) -> str:
    """The reader to use: an explicit fmt, else the extension, else the content (a feed served as
    text/html is still a feed), else the Content-Type."""
    if fmt != "auto":
        return fmt
    if by_name := EXTENSIONS.get(suffix.lower()):
        return by_name
    sniffed = sniff(text)
    if sniffed in ("html", "rss"):
        return sniffed
    return from_content_type(content_type) or sniffed
