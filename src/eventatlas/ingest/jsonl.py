"""JSONL reports, one object a line: {"id", "text", "published", "source", "url", "title"}.

Each bad line is its own InputError with its line number; the good lines around it still come.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date

from eventatlas.ingest.dates import implausible, parse_date
from eventatlas.ingest.records import InputError
from eventatlas.model import Document

_OPTIONAL_STR = ("published", "source", "url", "title")


def iter_jsonl(
    text: str, origin: str, source: str | None = None, published: date | None = None
) -> Iterator[Document | InputError]:
    # split on "\n" only: U+2028 and friends may sit unescaped inside JSON strings
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            yield read_line(line, origin, number, source, published)


def read_line(
    line: str, origin: str, number: int, source: str | None, published: date | None
) -> Document | InputError:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return InputError(origin, number, f"invalid JSON: {exc.msg} at column {exc.colno}")
    if not isinstance(obj, dict):
        return InputError(origin, number, f"expected a JSON object, got {type(obj).__name__}")
    text = obj.get("text")
    if text is not None and not isinstance(text, str):
        return InputError(origin, number, "wrong type for 'text'")
    if not text or not text.strip():
        return InputError(origin, number, "missing or empty 'text'")
    wrong = [k for k in _OPTIONAL_STR if obj.get(k) is not None and not isinstance(obj[k], str)]
    ext_id = obj.get("id")
    if ext_id is not None and (isinstance(ext_id, bool) or not isinstance(ext_id, str | int)):
        wrong.append("id")
    if wrong:
        return InputError(origin, number, "wrong type for " + ", ".join(repr(k) for k in wrong))
    when = parse_date(obj.get("published"))
    if obj.get("published") and when is None:
        return InputError(origin, number, f"unreadable 'published' date {obj['published']!r}")
    if problem := implausible(when):
        return InputError(origin, number, f"'published' {problem}")
    return Document(
        text=text,
        title=obj.get("title") or None,
        published=when or published,
        source=source or obj.get("source") or None,
        url=obj.get("url") or None,
        origin=f"{origin}:{number}",
        external_id=None if ext_id is None else str(ext_id),
    )
