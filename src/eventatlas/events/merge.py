"""Across documents: reports of one incident (same type, actors, day and place within its precision)
become one event listing every report; `explain` says why, and which sentence supports each field."""

from __future__ import annotations

import math
import re
from typing import Any

from eventatlas.model import Event, Place, Report

from . import facts
from .dates import best_date, find_dates

CERTAINTY_RANK = {"confirmed": 3, "reported": 2, "claimed": 1, "speculative": 0}
_STOP = {"of", "the", "and", "forces", "group", "armed", "unidentified", "military", "police"}


def _km(a: Place, b: Place) -> float:
    if a.lat is None or b.lat is None or a.lon is None or b.lon is None:
        return math.inf
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b.lon - a.lon) / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def _words(s: str | None) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", (s or "").lower()) if w not in _STOP and len(w) > 2}


def same_place(a: Event, b: Event) -> tuple[bool, str]:
    """Places agree within the coarser event's precision (1: 25 km, 2: 50 km, 3: same admin1/country)."""
    if a.location is None or b.location is None:
        return True, "one report names no place"
    if a.location.key == b.location.key:
        return True, f"same place ({a.location.name})"
    prec = max(a.geo_precision, b.geo_precision)
    if prec >= 3:
        same = (a.location.country_code == b.location.country_code and
                (not a.location.admin1 or not b.location.admin1 or a.location.admin1 == b.location.admin1))
        return same, f"same region ({a.location.admin1 or a.location.country_code}) at precision 3"
    d = _km(a.location, b.location)
    limit = 25.0 if prec == 1 else 50.0
    return d <= limit, f"places {d:.0f} km apart (limit {limit:.0f} km at precision {prec})"


def same_day(a: Event, b: Event) -> tuple[bool, str]:
    """Days agree within the coarser precision (1: one day's slack, 2: a week, 3: a month)."""
    if a.date is None or b.date is None:
        return True, "one report has no date"
    slack = {1: 1, 2: 7, 3: 31}.get(max(a.time_precision, b.time_precision), 31)
    gap = abs((a.date - b.date).days)
    return gap <= slack, f"dates {gap} day(s) apart (allowed {slack})"


def same_actors(a: Event, b: Event) -> tuple[bool, str]:
    """Actors agree when the named sides overlap (generic ones like 'Unidentified Armed Group' match any)."""
    wa = _words(a.actor1) | _words(a.actor2)
    wb = _words(b.actor1) | _words(b.actor2)
    generic_a = not (_words(a.actor1))
    generic_b = not (_words(b.actor1))
    if not wa or not wb or generic_a or generic_b:
        return True, "actors compatible (one side unnamed)"
    return bool(wa & wb), f"actors overlap on {sorted(wa & wb)}" if wa & wb else "actors differ"


def compatible(a: Event, b: Event) -> tuple[bool, list[str]]:
    if a.event_type != b.event_type:
        return False, [f"types differ: {a.event_type} / {b.event_type}"]
    reasons = [f"same event type ({a.event_type})"]
    for test in (same_day, same_place, same_actors):
        ok, why = test(a, b)
        reasons.append(why)
        if not ok:
            return False, reasons
    if a.doc_id is not None and a.doc_id == b.doc_id:
        return False, reasons + ["same document: distinct incidents"]
    return True, reasons


def _combine(into: Event, ev: Event) -> None:
    seen = {(r.doc_id, r.start, r.end) for r in into.reports}
    for r in ev.reports:
        if (r.doc_id, r.start, r.end) not in seen:
            into.reports.append(r)
            seen.add((r.doc_id, r.start, r.end))
    into.fatalities = max(into.fatalities, ev.fatalities)
    if CERTAINTY_RANK.get(ev.certainty, 0) > CERTAINTY_RANK.get(into.certainty, 0):
        into.certainty, into.attribution = ev.certainty, ev.attribution or into.attribution
    if ev.location is not None and (into.location is None or ev.geo_precision < into.geo_precision):
        into.location, into.geo_precision = ev.location, ev.geo_precision
    if ev.date is not None and (into.date is None or ev.time_precision < into.time_precision):
        into.date, into.time_precision = ev.date, ev.time_precision
    if not into.actor2 and ev.actor2:
        into.actor2, into.actor2_type = ev.actor2, ev.actor2_type
    if ev.score > into.score and ev.sub_event_type != into.sub_event_type:
        into.sub_event_type = ev.sub_event_type
    into.historical = into.historical and ev.historical
    into.score = round(min(1.0, max(into.score, ev.score) + 0.05), 4)


def merge_events(events: list[Event]) -> list[Event]:
    """Merge reports of the same incident across documents; the strongest report leads each event."""
    out: list[Event] = []
    for ev in sorted(events, key=lambda e: -e.score):
        for tgt in out:
            if any(r.doc_id == ev.doc_id for r in tgt.reports) or tgt.doc_id == ev.doc_id:
                continue  # one document's two events stay two
            if compatible(tgt, ev)[0]:
                _combine(tgt, ev)
                break
        else:
            fields = {f: getattr(ev, f) for f in ev.__dataclass_fields__ if f not in ("reports", "evidence")}
            out.append(Event(**fields, reports=list(ev.reports), evidence=list(ev.evidence)))
    return out


def _support(reports: list[Report], test: Any) -> dict[str, Any] | None:
    for r in reports:
        if test(r):
            return {"doc_id": r.doc_id, "start": r.start, "end": r.end, "sentence": r.sentence}
    return None


def explain(event: Event) -> dict[str, Any]:
    """Why the reports were merged, and which report sentence supports each coded field."""
    reps = event.reports
    why: list[str] = []
    if len(reps) > 1:
        why.append(f"{len(reps)} reports from {len({r.doc_id for r in reps})} documents share the merge key "
                   "fields within their precision:")
        why.append(f"type {event.event_type}; day {event.date} (time precision {event.time_precision}); "
                   f"place {event.location.name if event.location else '?'} (geo precision {event.geo_precision});"
                   f" actors {event.actor1} / {event.actor2}")
    else:
        why.append("single report")

    def has_number(r: Report) -> bool:
        n, found = facts.fatalities(r.sentence)
        return found and n == event.fatalities

    def has_date(r: Report) -> bool:
        if event.date is None:
            return False
        pub = r.published or event.date
        bd = best_date(find_dates(r.sentence, pub))
        return bd is not None and abs((bd[0] - event.date).days) <= 1

    def names(s: str | None) -> Any:
        w = _words(s)
        return lambda r: bool(w) and bool(w & _words(r.sentence))

    def place(r: Report) -> bool:
        return event.location is not None and event.location.name.lower() in r.sentence.lower()

    fields: dict[str, Any] = {
        "event_type": {"value": f"{event.event_type} / {event.sub_event_type}", "support": _support(reps, bool)},
        "date": {"value": event.date.isoformat() if event.date else None, "time_precision": event.time_precision,
                 "support": _support(reps, has_date),
                 "note": None if _support(reps, has_date) else "no date in the sentence: publication date used"},
        "location": {"value": event.location.name if event.location else None, "geo_precision": event.geo_precision,
                     "support": _support(reps, place)},
        "actor1": {"value": event.actor1, "support": _support(reps, names(event.actor1))},
        "actor2": {"value": event.actor2, "support": _support(reps, names(event.actor2))},
        "fatalities": {"value": event.fatalities, "support": _support(reps, has_number),
                       "rule": "max over reports" if len(reps) > 1 else "deaths stated in the evidence"},
        "certainty": {"value": event.certainty, "attribution": event.attribution,
                      "support": _support(reps, lambda r: r.certainty == event.certainty)},
    }
    return {"merge_key": event.merge_key(), "reports": len(reps),
            "documents": sorted({r.doc_id for r in reps}), "why_merged": why, "fields": fields,
            "evidence": [{"start": s.start, "end": s.end} for s in event.evidence]}


__all__ = ["merge_events", "explain", "compatible"]
