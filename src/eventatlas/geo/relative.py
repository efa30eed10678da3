"""Relative locations: "30 km south of Sirte", "near Derna", "the outskirts of Benghazi".

The place named is the anchor; the event lies near it (ACLED geo_precision 2). When a distance and a
bearing are given, the offset point is computed on the sphere.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from eventatlas.model import Mention

_BEARINGS = {
    "north": 0, "northeast": 45, "north-east": 45, "east": 90, "southeast": 135, "south-east": 135,
    "south": 180, "southwest": 225, "south-west": 225, "west": 270, "northwest": 315,
    "north-west": 315, "north east": 45, "south east": 135, "south west": 225, "north west": 315,
    "n": 0, "ne": 45, "e": 90, "se": 135, "s": 180, "sw": 225, "w": 270, "nw": 315,
}
_UNITS = {"km": 1.0, "kms": 1.0, "kilometers": 1.0, "kilometres": 1.0, "kilometer": 1.0,
          "kilometre": 1.0, "miles": 1.609344, "mile": 1.609344, "mi": 1.609344, "m": 0.001,
          "meters": 0.001, "metres": 0.001}
_NUM_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
              "eight": 8, "nine": 9, "ten": 10, "a few": 5, "several": 10, "fifteen": 15,
              "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100}

_OFFSET = re.compile(
    r"(?P<num>\d+(?:[.,]\d+)?|" + "|".join(sorted(_NUM_WORDS, key=len, reverse=True)) + r")"
    r"[\s-]*(?P<unit>" + "|".join(sorted(_UNITS, key=len, reverse=True)) + r")\.?"
    r"\s*(?:\([^)]*\)\s*)?(?:to the\s+)?"
    r"(?P<bearing>(?:north|south)[\s-]?(?:east|west)|north|south|east|west|[NS]?[EW]|[NS])"
    r"\s+of\s+(?:the\s+(?:town|city|village|area)\s+of\s+)?$",
    re.IGNORECASE,
)
_NEAR = re.compile(
    r"(?:\bnear(?:by)?|\boutside(?:\s+of)?|\boutskirts\s+of|\bvicinity\s+of|\bclose\s+to|"
    r"\baround|\bsuburbs?\s+of|\bedge\s+of|\bperiphery\s+of|\bapproaches\s+to|\boff)"
    r"\s+(?:the\s+(?:town|city|village|area)\s+of\s+)?$",
    re.IGNORECASE,
)


@dataclass(slots=True)
class RelativeLocation:
    """Where an event lies relative to a named place: point, ACLED geo_precision and the phrase."""

    lat: float | None
    lon: float | None
    geo_precision: int
    distance_km: float | None = None
    bearing_deg: float | None = None
    phrase: str = ""


def offset_point(lat: float, lon: float, distance_km: float, bearing_deg: float) -> tuple[float, float]:
    """The point `distance_km` from (lat, lon) along `bearing_deg` on a sphere."""
    r = 6371.0088
    d = distance_km / r
    b = math.radians(bearing_deg)
    p1, l1 = math.radians(lat), math.radians(lon)
    p2 = math.asin(math.sin(p1) * math.cos(d) + math.cos(p1) * math.sin(d) * math.cos(b))
    l2 = l1 + math.atan2(math.sin(b) * math.sin(d) * math.cos(p1), math.cos(d) - math.sin(p1) * math.sin(p2))
    return math.degrees(p2), (math.degrees(l2) + 540) % 360 - 180


def relative_phrase(text: str, start: int) -> tuple[float | None, float | None, str] | None:
    """(distance_km, bearing, phrase) when the words before `start` say where relative to it."""
    before = text[max(0, start - 80):start]
    m = _OFFSET.search(before)
    if m:
        num = m.group("num").lower().replace(",", ".")
        value = float(num) if num[0].isdigit() else float(_NUM_WORDS.get(num, 0))
        km = value * _UNITS[m.group("unit").lower()]
        bearing = _BEARINGS.get(re.sub(r"\s+", " ", m.group("bearing").lower()))
        if bearing is None:
            bearing = _BEARINGS.get(m.group("bearing").lower().replace(" ", "").replace("-", ""))
        return km, bearing, m.group(0).strip()
    m = _NEAR.search(before)
    if m:
        return None, None, m.group(0).strip()
    return None


def relative_location(text: str, mention: Mention) -> RelativeLocation | None:
    """The event point and precision implied by the words before a resolved place mention.

    "30 km south of Sirte" → the point 30 km south of Sirte, precision 2; "near Derna" → Derna's
    point, precision 2; None when nothing relative is said.
    """
    rel = relative_phrase(text, mention.start)
    if rel is None:
        return None
    km, bearing, phrase = rel
    p = mention.place
    if p is None or p.lat is None or p.lon is None:
        return RelativeLocation(None, None, 2, km, bearing, phrase)
    if km is not None and bearing is not None and km > 0:
        lat, lon = offset_point(p.lat, p.lon, km, bearing)
        return RelativeLocation(lat, lon, 2, km, bearing, phrase)
    return RelativeLocation(p.lat, p.lon, 2, km, bearing, phrase)
