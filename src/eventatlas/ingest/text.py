"""Plain text and Markdown reports, with optional `---` front matter (title, published, source, url).

Front matter is read as simple `key: value` lines so that pyyaml is not needed; Markdown markup is
lightly removed so that later stages see the sentences, not the syntax.
"""

from __future__ import annotations

import re
from datetime import date

from eventatlas.ingest.dates import implausible, parse_date
from eventatlas.ingest.records import InputError
from eventatlas.model import Document

FRONT_KEYS = ("title", "published", "date", "source", "url")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$", re.M)
_MARKUP = (
    (re.compile(r"^```.*?^```\s*$", re.M | re.S), ""),  # code blocks
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # images
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # links
    (re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$", re.M), r"\1"),  # headings
    (re.compile(r"^\s{0,3}>\s?", re.M), ""),  # block quotes
    (re.compile(r"^\s*[-*+]\s+", re.M), ""),  # bullets
    (re.compile(r"(\*\*|__)(.+?)\1"), r"\2"),  # strong
    (re.compile(r"(?<![\w*])[*_](?!\s)(.+?)(?<!\s)[*_](?![\w*])"), r"\1"),  # emphasis
    (re.compile(r"`([^`]+)`"), r"\1"),  # inline code
)


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Return (front matter keys, body); text without a leading `---` block has no front matter."""
    lines = text.lstrip("\ufeff").split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, text
    for end in range(1, len(lines)):
        if lines[end].strip() in ("---", "..."):
            meta: dict[str, str] = {}
            for line in lines[1:end]:
                key, sep, value = line.partition(":")
                if sep and key.strip():
                    meta[key.strip().lower()] = value.strip().strip("\"'")
            return meta, "\n".join(lines[end + 1 :])
    return {}, text


def strip_markdown(text: str) -> str:
    for pattern, repl in _MARKUP:
        text = pattern.sub(repl, text)
    return text


def read_text(
    text: str, origin: str, markdown: bool, source: str | None = None, published: date | None = None
) -> Document | InputError:
    """One Document from a text or Markdown file; command-line `source` overrides, `published` fills in."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    meta, body = split_front_matter(text)
    title = meta.get("title") or None
    if markdown:
        if title is None and (m := _HEADING.search(body)):
            title = strip_markdown(m.group(1)).strip() or None
        body = strip_markdown(body)
    if not body.strip():
        return InputError(origin, None, "no text after front matter" if meta else "empty")
    when_text = meta.get("published") or meta.get("date")
    when = parse_date(when_text) if when_text else None
    if when_text and when is None:
        return InputError(origin, None, f"unreadable published date {when_text!r} in front matter")
    if problem := implausible(when):
        return InputError(origin, None, f"published {problem} (front matter)")
    return Document(
        text=body,
        title=title,
        published=when or published,
        source=source or meta.get("source") or None,
        url=meta.get("url") or None,
        origin=origin,
    )
