"""Coded event datasets imported as events with provenance: ACLED (2016 and current layouts), UCDP GED.

Each row becomes an ImportedEvent whose Document is the row's own description (ACLED NOTES, UCDP
headline), so imported and extracted events share one evidence model: a report sentence with a source.
ACLED's 2016 typology is mapped to today's, using the notes to choose a sub-event type.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from datetime import date

from eventatlas.ingest.countries import country_code
from eventatlas.ingest.dates import implausible, parse_date
from eventatlas.ingest.records import ImportedEvent, InputError
from eventatlas.model import TYPOLOGY, Document, Event, Place, Report, Span

# Columns a row cannot do without, per layout (header names compared in lower case).
REQUIRED: dict[str, tuple[str, ...]] = {
    "acled": (
        "event_date",
        "event_type",
        "actor1",
        "country",
        "location",
        "latitude",
        "longitude",
        "fatalities",
    ),
    "ucdp": (
        "id",
        "date_start",
        "type_of_violence",
        "side_a",
        "side_b",
        "country",
        "latitude",
        "longitude",
        "best",
    ),
}
DATASET_NAMES = {"acled": "ACLED", "ucdp": "UCDP GED"}


def _words(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


# 2016 remote-violence notes, most specific first: a suicide car bomb is not an IED in ACLED's terms.
_REMOTE_SUBS = (
    (_words(r"\bsuicide"), "Suicide bomb"),
    (
        _words(r"\bair[ -]?(?:strike|raid)s?\b|\bdrones?\b|\bwar ?planes?\b|\baircraft\b|\bjets?\b"),
        "Air/drone strike",
    ),
    (_words(r"\bIEDs?\b|\bland ?mines?\b|\broadside\b|\bexplosive device"), "Remote explosive/landmine/IED"),
    (_words(r"\bgrenades?\b"), "Grenade"),
)
_ABDUCTION = _words(r"\bkidnap|\babduct")
_RIOT = _words(r"\briot|(?<!non-)(?<!non )\bviolent\b|\bclash")
_ARREST = _words(r"\barrest")

_FIXED_2016 = {
    "battle-no change of territory": ("Battles", "Armed clash"),
    "battle-government regains territory": ("Battles", "Government regains territory"),
    "battle-non-state actor overtakes territory": ("Battles", "Non-state actor overtakes territory"),
    "non-violent transfer of territory": ("Strategic developments", "Non-violent transfer of territory"),
    "headquarters or base established": ("Strategic developments", "Headquarters or base established"),
}


def map_acled_2016(event_type: str, notes: str) -> tuple[str, str] | None:
    """Today's (event type, sub-event type) for a 2016 ACLED type; None when the type is unknown."""
    key = re.sub(r"\s*-\s*", "-", event_type.strip().lower())
    if key in _FIXED_2016:
        return _FIXED_2016[key]
    if key.startswith("battle"):
        return "Battles", "Armed clash"
    if key == "remote violence":
        sub = next((s for rx, s in _REMOTE_SUBS if rx.search(notes)), "Shelling/artillery/missile attack")
        return "Explosions/Remote violence", sub
    if key == "violence against civilians":
        sub = "Abduction/forced disappearance" if _ABDUCTION.search(notes) else "Attack"
        return "Violence against civilians", sub
    if key == "riots/protests":
        return ("Riots", "Violent demonstration") if _RIOT.search(notes) else ("Protests", "Peaceful protest")
    if key == "strategic development":
        return "Strategic developments", "Arrests" if _ARREST.search(notes) else "Other"
    return None


def detect_layout(header: list[str]) -> str | None:
    """'acled' or 'ucdp' when the header has that layout's required columns."""
    names = set(header)
    for layout, required in REQUIRED.items():
        if names.issuperset(required):
            return layout
    return None


def missing_columns(header: list[str], layout: str | None = None) -> tuple[str, list[str]]:
    """The layout the header comes closest to (or the one asked for) and the columns it lacks."""
    names = set(header)
    if layout is None:
        layout = max(REQUIRED, key=lambda k: len(names.intersection(REQUIRED[k])))
    return layout, [c for c in REQUIRED[layout] if c not in names]


def read_header(text: str) -> tuple[list[str], str]:
    """Lower-cased header names and the delimiter (comma, semicolon or tab, whichever the header uses)."""
    first = re.split(r"\r\n|\r|\n", text, maxsplit=1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    try:
        row = next(csv.reader([first], delimiter=delimiter), [])
    except csv.Error:  # not a header at all (a stray quote, control characters): no layout
        return [], delimiter
    return [h.strip().strip('"').strip().lower() for h in row], delimiter


def iter_dataset(
    text: str, origin: str, layout: str | None = None, source: str | None = None
) -> Iterator[ImportedEvent | InputError]:
    """Rows of an ACLED or UCDP GED CSV; layout None means detect it from the header."""
    header, delimiter = read_header(text)
    found = detect_layout(header)
    if found is None or (layout is not None and found != layout):
        wanted, missing = missing_columns(header, layout)
        yield InputError(
            origin,
            1,
            f"not a known CSV layout: missing {DATASET_NAMES[wanted]} columns: {', '.join(missing)}",
        )
        return
    read_row = _read_acled if found == "acled" else _read_ucdp
    # strict: a stray quote is an error for its row, not a field that silently swallows the next rows
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    next(reader, None)
    while True:
        line = reader.line_num + 1
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield InputError(origin, line, f"malformed CSV: {exc}")
            if reader.line_num < line:
                return
            continue
        if not any(v.strip() for v in values):
            continue
        if len(values) > len(header):
            yield InputError(
                origin, line, f"{len(values)} fields, the header has {len(header)} (broken quoting?)"
            )
            continue
        row = {k: v.strip() for k, v in zip(header, values, strict=False) if k}
        try:
            yield read_row(row, origin, line, source)
        except RowError as exc:
            yield InputError(origin, line, str(exc))


class RowError(ValueError):
    """A row's value that cannot be used; becomes an InputError with the row's line."""


def _float(row: dict[str, str], key: str, low: float, high: float) -> float | None:
    value = row.get(key, "")
    if not value:
        return None
    try:
        number = float(value.replace(",", "."))
    except ValueError:
        raise RowError(f"unreadable {key} {value!r}") from None
    if not low <= number <= high:
        raise RowError(f"{key} {number} out of range")
    return number


def _int(row: dict[str, str], key: str, default: int | None = None) -> int | None:
    value = row.get(key, "")
    if not value:
        return default
    try:
        return int(float(value))
    except ValueError:
        raise RowError(f"unreadable {key} {value!r}") from None


def _date(row: dict[str, str], key: str) -> date:
    value = row.get(key, "")
    when = parse_date(value)
    if when is None:
        raise RowError(f"unreadable {key} {value!r}" if value else f"missing {key}")
    if problem := implausible(when):
        raise RowError(f"{key} {problem}")
    return when


def _fatalities(row: dict[str, str], key: str) -> int:
    count = _int(row, key, 0) or 0
    if count < 0:
        raise RowError(f"negative {key} {count}")
    return count


def _acled_precision(value: int | None) -> int:
    """ACLED's own 1-3 scale; missing means the vaguest."""
    return 3 if value is None else min(max(value, 1), 3)


def _ucdp_precision(value: int | None) -> int:
    """UCDP's where_prec 1-7 / date_prec 1-5 on ACLED's 1-3 scale: exact, near, vaguer."""
    return 3 if value is None else 1 if value <= 1 else 2 if value <= 3 else 3


def _build(
    *,
    dataset: str,
    dataset_id: str | None,
    origin: str,
    line: int,
    text: str,
    when: date,
    place: Place,
    source: str | None,
    **fields: object,
) -> ImportedEvent:
    document = Document(
        text=text, published=when, source=source, origin=f"{origin}:{line}", external_id=dataset_id
    )
    notes = document.text
    report = Report(
        doc_id=document.id,
        start=0,
        end=len(notes),
        sentence=notes,
        source=source,
        published=when,
        certainty="reported",
        attribution=source,
    )
    event = Event(
        date=when,
        location=place,
        certainty="reported",
        attribution=source,
        doc_id=document.id,
        evidence=[Span(0, len(notes))],
        reports=[report],
        dataset=dataset,
        dataset_id=dataset_id,
        notes=notes,
        **fields,  # type: ignore[arg-type]
    )
    event.ensure_id()
    return ImportedEvent(event=event, document=document)


def _acled_types(row: dict[str, str]) -> tuple[str, str]:
    """Today's types as given, else the 2016 type mapped (2016 "Violence against civilians" has no sub-type)."""
    event_type, sub = row.get("event_type", ""), row.get("sub_event_type", "")
    if sub in TYPOLOGY.get(event_type, ()):
        return event_type, sub
    if sub:
        raise RowError(f"unknown sub_event_type {sub!r} for event_type {event_type!r}")
    mapped = map_acled_2016(event_type, row.get("notes", ""))
    if mapped is None:
        raise RowError(
            "missing sub_event_type" if event_type in TYPOLOGY else f"unknown event_type {event_type!r}"
        )
    return mapped


def _inter(row: dict[str, str], key: str) -> int | None:
    code = _int(row, key)
    return code if code is not None and 1 <= code <= 8 else None


def _read_acled(row: dict[str, str], origin: str, line: int, source: str | None) -> ImportedEvent:
    event_type, sub = _acled_types(row)
    when = _date(row, "event_date")
    lat, lon = _float(row, "latitude", -90, 90), _float(row, "longitude", -180, 180)
    name = row.get("location") or row.get("admin1") or row.get("country") or "?"
    place = Place(
        name=name,
        lat=lat,
        lon=lon,
        country_code=country_code(row.get("iso"), row.get("country")),
        admin1=row.get("admin1") or None,
    )
    actor1, actor2 = row.get("actor1") or None, row.get("actor2") or None
    attribution = row.get("source") or source
    actors = " and ".join(filter(None, (actor1, actor2))) or "unknown actors"
    text = row.get("notes") or f"{sub} involving {actors} in {name}, {row.get('country') or '?'}."
    dataset_id = row.get("event_id_cnty") or row.get("data_id") or row.get("event_id_no_cnty") or None
    return _build(
        dataset="ACLED",
        dataset_id=dataset_id,
        origin=origin,
        line=line,
        text=text,
        when=when,
        place=place,
        source=attribution,
        event_type=event_type,
        sub_event_type=sub,
        time_precision=_acled_precision(_int(row, "time_precision")),
        geo_precision=_acled_precision(_int(row, "geo_precision")),
        actor1=actor1,
        actor2=actor2,
        actor1_type=_inter(row, "inter1"),
        actor2_type=_inter(row, "inter2"),
        fatalities=_fatalities(row, "fatalities"),
    )


_UCDP_TYPES = {
    1: ("Battles", "Armed clash"),
    2: ("Battles", "Armed clash"),
    3: ("Violence against civilians", "Attack"),
}


def _read_ucdp(row: dict[str, str], origin: str, line: int, source: str | None) -> ImportedEvent:
    kind = _int(row, "type_of_violence")
    if kind not in _UCDP_TYPES:
        raise RowError(f"unknown type_of_violence {row.get('type_of_violence', '')!r}")
    event_type, sub = _UCDP_TYPES[kind]
    when = _date(row, "date_start")
    lat, lon = _float(row, "latitude", -90, 90), _float(row, "longitude", -180, 180)
    name = row.get("where_coordinates") or row.get("adm_1") or row.get("country") or "?"
    place = Place(
        name=name,
        lat=lat,
        lon=lon,
        country_code=country_code(None, row.get("country")),
        admin1=row.get("adm_1") or None,
    )
    side_a, side_b = row.get("side_a") or None, row.get("side_b") or None
    fatalities = _fatalities(row, "best")
    attribution = row.get("source_original") or row.get("source_article") or source
    text = row.get("source_headline") or (
        f"{row.get('dyad_name') or ' vs '.join(filter(None, (side_a, side_b)))}: {event_type.lower()} "
        f"at {name}, {fatalities} killed."
    )
    return _build(
        dataset="UCDP GED",
        dataset_id=row.get("id") or None,
        origin=origin,
        line=line,
        text=text,
        when=when,
        place=place,
        source=attribution,
        event_type=event_type,
        sub_event_type=sub,
        time_precision=_ucdp_precision(_int(row, "date_prec")),
        geo_precision=_ucdp_precision(_int(row, "where_prec")),
        actor1=side_a,
        actor2=side_b,
        fatalities=fatalities,
    )
