"""The shared vocabulary of eventatlas: typed records passed from stage to stage.

Field names follow ACLED (event_type, sub_event_type, actor1, geo_precision, time_precision,
fatalities) and GeoNames (geonameid, feature_code, admin1) so that users of either recognise them.
Every stage reads and writes these records; none of them knows about storage or the web.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Literal

Certainty = Literal["confirmed", "reported", "claimed", "speculative"]
CERTAINTIES: tuple[str, ...] = ("confirmed", "reported", "claimed", "speculative")

# Today's ACLED typology: 6 event types and their 25 sub-event types.
TYPOLOGY: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}
EVENT_TYPES: tuple[str, ...] = tuple(TYPOLOGY)
SUB_EVENT_TYPES: dict[str, str] = {sub: et for et, subs in TYPOLOGY.items() for sub in subs}


def normalise_text(text: str) -> str:
    """Canonical form used for document identity: NFC, unified newlines, collapsed blank space."""
    text = unicodedata.normalize("NFC", text or "").replace("\r\n", "\n").replace("\r", "\n")
    return re.sub(r"[ \t\u00a0]+", " ", re.sub(r"\n\s*\n+", "\n\n", text)).strip()


def document_id(text: str, url: str | None = None) -> str:
    """A document's identity: a hash of its normalised text and URL (so re-ingest is a no-op)."""
    h = hashlib.sha256()
    h.update(normalise_text(text).encode("utf-8"))
    h.update(b"\x00")
    h.update((url or "").strip().encode("utf-8"))
    return h.hexdigest()[:24]


@dataclass(slots=True)
class Source:
    """Who published a report: a news outlet, an agency, a dataset."""

    name: str
    url: str | None = None
    home_country: str | None = None  # ISO-2 code of the source's home region, when known


@dataclass(slots=True)
class Document:
    """One report as read from a file, a page, a feed entry or a dataset row."""

    text: str
    title: str | None = None
    published: date | None = None
    source: str | None = None
    url: str | None = None
    origin: str | None = None  # the file path or URL it was read from (with line for JSONL)
    external_id: str | None = None  # the id given by the input, if any
    id: str = ""

    def __post_init__(self) -> None:
        self.text = normalise_text(self.text)
        if not self.id:
            self.id = document_id(self.text, self.url)


@dataclass(slots=True)
class Place:
    """A gazetteer entry, or a point given by a coded dataset."""

    name: str
    lat: float | None
    lon: float | None
    geonameid: int | None = None
    country_code: str | None = None
    feature_class: str | None = None  # GeoNames: P populated place, A admin area, L area, ...
    feature_code: str | None = None  # GeoNames: PPL, PPLC, ADM1, PCLI, CONT, ...
    admin1: str | None = None
    population: int = 0

    @property
    def key(self) -> str:
        """Stable identity in the store: the GeoNames id, else the name and rounded point."""
        if self.geonameid:
            return f"gn:{self.geonameid}"
        lat = "" if self.lat is None else f"{self.lat:.4f}"
        lon = "" if self.lon is None else f"{self.lon:.4f}"
        return f"pt:{self.name.lower()}|{lat}|{lon}|{self.country_code or ''}"


@dataclass(slots=True)
class Span:
    """Character offsets [start, end) into a document's text."""

    start: int
    end: int


@dataclass(slots=True)
class Mention:
    """A stretch of text that names something: a toponym, an actor, a date, a number."""

    start: int
    end: int
    text: str
    kind: str = "place"  # place | actor | date | quantity
    place: Place | None = None
    score: float = 0.0
    reason: str | None = None  # why it is unresolved, when it is
    # how the name matched the gazetteer: "exact" (the place's name or one of its alternate names),
    # "skeleton" or "fuzzy" (a near spelling); None when not resolved by the gazetteer
    match: str | None = None


@dataclass(slots=True)
class Report:
    """The link between an event and the document sentence that reports it."""

    doc_id: str
    start: int
    end: int
    sentence: str = ""
    source: str | None = None
    url: str | None = None
    published: date | None = None
    certainty: str = "reported"
    attribution: str | None = None
    title: str | None = None


@dataclass(slots=True)
class Event:
    """Who did what to whom, where, when, how sure, and which sentences say so."""

    event_type: str
    sub_event_type: str
    date: date | None = None
    time_precision: int = 3  # ACLED: 1 day, 2 week, 3 month or vaguer
    location: Place | None = None
    geo_precision: int = 3  # ACLED: 1 town, 2 near/part of, 3 region or country
    actor1: str | None = None
    actor2: str | None = None
    actor1_type: int | None = None  # ACLED inter codes 1-8
    actor2_type: int | None = None
    fatalities: int = 0
    certainty: str = "reported"
    attribution: str | None = None
    historical: bool = False
    score: float = 0.0
    doc_id: str | None = None
    evidence: list[Span] = field(default_factory=list)
    reports: list[Report] = field(default_factory=list)
    dataset: str | None = None  # "ACLED", "UCDP GED", ... for imported rows; None when extracted
    dataset_id: str | None = None  # the row's id in that dataset
    notes: str | None = None
    id: str = ""

    def merge_key(self) -> str:
        """Reports of one event share actors, day and place: this is that identity."""
        if self.dataset and self.dataset_id:
            return f"{self.dataset}:{self.dataset_id}"
        day = self.date.isoformat() if self.date else "?"
        place = self.location.key if self.location else "?"
        actors = "|".join(sorted(a.lower() for a in (self.actor1, self.actor2) if a))
        return f"{self.event_type}|{day}|{place}|{actors}"

    def ensure_id(self) -> str:
        if not self.id:
            self.id = hashlib.sha256(self.merge_key().encode("utf-8")).hexdigest()[:20]
        return self.id


def to_dict(obj: Any) -> Any:
    """Plain JSON-ready form of a record (dates as ISO strings)."""
    if hasattr(obj, "__dataclass_fields__"):
        return to_dict(asdict(obj))
    if isinstance(obj, dict):
        return {k: to_dict(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [to_dict(v) for v in obj]
    if isinstance(obj, date):
        return obj.isoformat()
    return obj
