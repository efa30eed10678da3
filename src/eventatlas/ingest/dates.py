"""Dates as written by people and datasets: ISO first (fast, unambiguous), then dateparser."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import dateparser

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_FORMATS = ("%d/%m/%Y", "%d %B %Y", "%d-%B-%Y", "%d %b %Y", "%d-%b-%Y", "%B %d, %Y", "%Y/%m/%d")


def parse_date(value: object, day_first: bool = True) -> date | None:
    """A date from an ISO string, a common written form or a datetime; None when it cannot be read."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    if m := _ISO.match(text):
        try:
            return date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    for fmt in _FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    settings = {"DATE_ORDER": "DMY" if day_first else "MDY", "PREFER_DAY_OF_MONTH": "first"}
    parsed = dateparser.parse(text, settings=settings)  # type: ignore[arg-type]
    return parsed.date() if parsed else None


EARLIEST = date(1900, 1, 1)
FUTURE_SLACK = timedelta(days=1)  # time zones: a report dated "tomorrow" is fine, one a week ahead is not


def implausible(when: date | None, today: date | None = None) -> str | None:
    """Why a date an input states cannot be a report's date (before 1900, or over a day in the
    future), else None. Such a date is a typo or a placeholder; storing it would put the event on the
    wrong end of every timeline, so the readers report it as bad input instead."""
    if when is None:
        return None
    today = today or datetime.now(UTC).date()
    if when < EARLIEST:
        return f"date {when.isoformat()} is before {EARLIEST.year}"
    if when > today + FUTURE_SLACK:
        return f"date {when.isoformat()} is in the future"
    return None
