"""The event coder: sentences -> candidate events -> grouped, typed, dated, located, sourced events."""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any, TextIO

from eventatlas.model import SUB_EVENT_TYPES, Document, Event, Mention, Place, Report, Span

from . import facts
from .actors import assign
from .dates import best_date, find_dates
from .lexicon import (
    ACTOR_HOME,
    COUNTRIES,
    COUNTRY_WORDS,
    PLACE_COUNTRY,
    orgs_country,
    places_country,
    scan_names,
)
from .literals import Gate, fold_case
from .rules import KILL_WORDS, TypeGuess, _clause_end, classify

_PRECISE_CUE = re.compile(r"(?:\b(?:in|at|on|into|inside|within|across|of|from)\s+(?:the\s+)?(?:[\w'-]+\s+){0,3}$)",
                          re.I)
_NEAR_CUE = re.compile(r"\b(?:near|nearby|outside|outskirts of|close to|vicinity of|around|km|kilomet\w+|"
                       r"miles|north|south|east|west|northern|southern|eastern|western|north-?east\w*|"
                       r"north-?west\w*|south-?east\w*|south-?west\w*|between|road|highway|surrounding|"
                       r"area|region of|district of|province of|outside of)\b[^,.;]{0,25}$", re.I)
_NOT_LOCATION_CUE = re.compile(r"\b(?:from|to|towards?|governor of|president of|minister of|mayor of|native of|"
                               r"university of|bank of|people of|government of|residents of|citizens of|"
                               r"(?:authorities|officials|government|ministry|parliament|sources|spokes(?:man|woman)|"
                               r"court|prosecutors?) (?:in|of))\s+(?:the\s+)?$", re.I)
_FACILITY_AFTER = re.compile(r"\s+(?:road|street|avenue|highway|expressway|bridge|junction|roundabout|boulevard)\b", re.I)
_ROAD_BETWEEN = re.compile(r"-[A-Z][\w']+(?:\s[A-Z][\w']+)?\s+(?:federal\s+|main\s+|trunk\s+)?(?:road|highway|expressway|"
                           r"axis)\b")
_ROAD_BETWEEN_END = re.compile(r"\s+(?:federal\s+|main\s+|trunk\s+)?(?:road|highway|expressway|axis)\b", re.I)
_BASED_AFTER = re.compile(r"-based\b|\s+based\b", re.I)
_NAMED_FACILITY_AFTER = re.compile(r"\s+(?:[A-Z][\w']+\s+)?(?i:school|university|college|hospital|prison|"
                                   r"court(?:house)?|stadium|campus|camp|station)\s+(?i:in|at)\s+(?:the\s+)?"
                                   r"[A-Z][\w'’-]+\b(?:\s+[A-Z][\w'’-]+\b)*(?!\s+(?i:district|region|province|state|county|"
                                   r"governorate|zone|area)\b)")
_REFERENCE_POINT = re.compile(r"[\w')],\s+(?:some\s+|about\s+)?(?:\d+\s*(?:km|kilomet\w+|miles)\s+)?(?:north|south|east|"
                              r"west|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+of\s+(?:the\s+)?$", re.I)
_BARE_NUMBER = re.compile(r"\(?\d[\d,.]*\)?")
# a sentence's end; a list item's start ("- March 2: Gangs stormed ..."); a blank line
_SENT_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])|\s*\n\s*(?=[-•*–·▪]\s)|\s*\n\s*\n\s*")
_ANAPHOR = re.compile(r"(?:(?:The|This|These|Those|Such)\s+(?:[\w-]+\s+){0,2}?(?:attacks?|clash(?:es)?|fighting|"
                      r"assaults?|raids?|ambush(?:es)?|explosions?|blasts?|bombings?|violence|protests?|"
                      r"demonstrations?|riots?|incidents?|operations?|offensive|strikes?|shootings?|battles?|"
                      r"confrontations?|unrest|march|rally|sit-in|attackers|assailants|gunmen|militants|"
                      r"protesters|demonstrators|rioters)\b|(?:It|They)\s+(?!(?:said|say|says|added|claimed|"
                      r"denied|told|reported)\b))")
_ABBREV_END = re.compile(r"\b(?:Jan|Feb|Febr?|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Mr|Mrs|Ms|Dr|Gen|Col|Lt|Maj|Capt|Sgt|"
                         r"Cpl|Brig|Rev|St|Mt|No|Nos|approx|ca|vs|Hon|Prof|Sen|Rep|Gov|Pres)\.$")


def _fold(s: str) -> str:
    return re.sub(r"[^a-z0-9]", "", unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower())


# An Arabic article written apart ("Ed Daein" / "El Daein", "Ash Shaykh"): no part of the name.
_ARTICLE = re.compile(r"^(?:al|el|ed|ad|ar|as|ash|an|at|az|es|et|en|er)[\s'’-]+", re.I)


def _reread(m: Mention, place: Place) -> Mention:
    """The same mention read as another place of the very same name."""
    return Mention(m.start, m.end, m.text, m.kind, place, m.score, m.reason, "exact")


def _contains(area: Place | None, place: Place | None) -> bool:
    """Whether `area` may be what `place` lies in, as "X, Y" writes it: an admin area of its country, or a
    far bigger place of it (a province the gazetteer reads as a namesake town)."""
    if area is None or place is None or area.country_code != place.country_code:
        return False
    if (area.feature_class or "").upper() == "A" and not (area.feature_code or "").startswith("PCL"):
        return True
    return (area.population or 0) >= 5 * max(place.population or 0, 1000)


def _exact(m: Mention) -> bool:
    """Whether a mention resolved to a place of that very name (not a near spelling of another place).
    A name GeoNames lists among the place's alternate names ("Ambo" for Hāgere Hiywet, "Ed Damazin"
    for Ad-Damazin) is its very name too, when it is a word and not an abbreviation ("DC", "La")."""
    if m.place is None:
        return False
    return _exact_names(m.text, m.place.name, m.match)


@lru_cache(maxsize=16384)
def _exact_names(text: str, name: str, match: str | None) -> bool:
    a, b = _fold(_ARTICLE.sub("", text)), _fold(_ARTICLE.sub("", name))
    a = re.sub(r"^(the|al|el)", "", a)
    b = re.sub(r"^(the|al|el)", "", b)
    # the same letters but for a short ending or opening ("Misrata"/"Misratah", "Damazin"/"Ad-Damazin"),
    # not a name inside a longer one ("Okun" in "Okunoya")
    if a and (a == b or ((a in b or b in a) and abs(len(a) - len(b)) <= 2)):
        return True
    return match == "exact" and len(a) >= 4 and not text.isupper()


_COUNTRY_TABLE = {k.rstrip("."): v for k, v in COUNTRY_WORDS.items()}
_COUNTRY_MAXLEN = max(len(k.split()) for k in _COUNTRY_TABLE)
_AMBIGUOUS = {"us", "car", "u.s"}
_KILL_PRESENT = re.compile(r"\bkill\b", re.I)  # report style: "troops clear camps, kill five"
# "1 peacekeeper killed, 1 attacker killed.", "At least 1 dead, 110 wounded.": a toll told after an
# incident, with no place of its own, belongs to it.
_TOLL_ONLY = re.compile(r"^\s*(?:(?:at least|some|about|around|over|more than|up to|an estimated|approximately)\s+)?"
                        r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a|an|several|dozens|"
                        r"scores|hundreds|many|no)\b[^.;]{0,90}?\b(?:killed|dead|died|wounded|injured|casualties|"
                        r"deaths?)\b[^;]{0,80}$"
                        # "The driver was killed in the attack": a definite victim already introduced.
                        r"|^\s*(?:The|His|Her|Their|Its|Both)\s+(?![^.;]*\b(?:arrested|detained|captured|kidnapped|"
                        r"abducted)\b)[^.;]{0,60}?\b(?:was|were|are|is)\s+(?:\w+ly\s+|both\s+|also\s+)?(?:killed|shot dead|"
                        r"found dead|confirmed dead|beheaded|executed)\b[^;]{0,80}$", re.I)
_ABROAD_BEFORE = re.compile(r"\b(?:border(?:s|ing)? with|bordering|fled (?:to|into)|crossed into|neighbou?ring|"
                            r"returned from|deported to|extradited to)\s+(?:the\s+)?$", re.I)
_BORDER_AFTER = re.compile(r"['’]?s?\s+(?:border|frontier)\b", re.I)
_FORCES_AFTER = re.compile(r"\s+(?:[\w-]+\s+)?(?:forces|troops|soldiers|army|convoy|warplanes|jets|aircraft|"
                           r"helicopters|military|contingent|peacekeepers|navy|air ?force|drones?|special forces)\b", re.I)
_PERSON_AFTER = re.compile(r"\s+(?:[\w-]+\s+)?(?:shopkeepers?|shop owners?|traders?|nationals?|citizens?|migrants?|"
                           r"refugees?|immigrants?|students?|journalists?|tourists?|workers?|businessm[ae]n|"
                           r"engineers?|doctors?|nurses?|teachers?|priests?|nuns?|aid workers?|expatriates?|"
                           r"diplomats?|ambassador|embassy|man|woman|men|women|truck drivers?|drivers?)\b", re.I)
COUNTRY_NAMES = {v.lower() for v in COUNTRIES.values()}
_IN_BEFORE = re.compile(r"\b(in|across|of|inside|throughout)\s+(the\s+)?$")


_NOT_PLACE_WORDS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                    "sunday", "the", "a", "an", "his", "her", "their", "its", "this", "that", "response", "protest",
                    "support", "solidarity", "front", "addition", "order", "charge", "spite", "total", "part"}
_LOCATIVE = re.compile(r"\b(?:in|near|at|outside|around|inside|towards|toward|(?:town|village|city|area|district|"
                       r"region|province|state|county|suburb|neighbou?rhood|outskirts|vicinity|environs) of)\s+"
                       r"((?:[A-Z][\w'’-]+)(?:\s+(?:[A-Z][\w'’-]+|al|el|de|du|da|es|ad))*(?:\s+[A-Z][\w'’-]+)?)")


def _locative_spans(text: str) -> list[tuple[int, int]]:
    """Capitalised names that follow a locative preposition: where an event is placed."""
    out = []
    for m in _LOCATIVE.finditer(text):
        name = m.group(1)
        words = name.split()
        if words[0].lower() in _NOT_PLACE_WORDS or words[0].lower() in COUNTRY_WORDS:
            continue
        while words and words[-1].lower() in ("al", "el", "de", "du", "da", "es", "ad"):
            words.pop()
        if not words:
            continue
        a = m.start(1)
        out.append((a, a + len(" ".join(words))))
    return out


_NAME = r"((?:[A-Z][\w'’-]+)(?:\s+(?:[A-Z][\w'’-]+|al|el|de|du|da|es|ad))*(?:\s+[A-Z][\w'’-]+)?)"
# Terse reports place an event without a preposition: "gunmen attack Elele", "an attack on Goniri army
# base", "residents of Oued Sly protested", "Middledrift community members marched".
_EVENT_PLACE_CUES = (
    re.compile(r"\b(?:attack(?:ed|s|ing)?|raid(?:ed|s|ing)?|invad(?:e|ed|es|ing)|storm(?:ed|s|ing)|overr[au]n|"
               r"besieg(?:e|ed|es|ing)|shell(?:ed|s|ing)|bomb(?:ed|s|ing)|assault(?:ed|s)?)\s+(?:on\s+|in\s+)?(?:the\s+)?"
               + _NAME),
    re.compile(r"\b(?i:residents|inhabitants|villagers|people|youths?|natives|indigenes|traders|farmers|community)\s+"
               r"of\s+(?:the\s+)?" + _NAME),
    re.compile(_NAME + r"\s+(?=(?:community|township|village|town|locality|municipality|LGA|local government area|"
               r"sub-county|market|camp)\b)"),
)


def _event_place_spans(text: str, known, doc: Any = None, big=None) -> list[tuple[int, int]]:
    """Names an event cue places it at, kept only where the gazetteer knows the very name (`known`): a
    cue alone is weaker than a preposition, so a near spelling of some other place is not enough. A
    name the language model reads as a person's is left alone ("police attacked Smith"), unless it is
    the very name of a city or province (`big`: "Russian forces shelled Kherson")."""
    persons = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON"] if doc is not None else []
    out = []
    for pat in _EVENT_PLACE_CUES:
        for m in pat.finditer(text):
            words = m.group(1).split()
            while words and words[-1].lower() in ("al", "el", "de", "du", "da", "es", "ad"):
                words.pop()
            # the longest leading run of words that the gazetteer knows ("Goniri" of "Goniri Army")
            while words and not known(" ".join(words)):
                words.pop()
            if not words or words[0].lower() in _NOT_PLACE_WORDS or words[0].lower() in COUNTRY_WORDS:
                continue
            a = m.start(1)
            b = a + len(" ".join(words))
            if not any(x < b and a < y for x, y in persons) or (big is not None and big(text[a:b])):
                out.append((a, b))
    return out


_IN_AREA_AFTER = re.compile(r"(?:,?\s+in\s+(?:the\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)?\s+(?:region|oblast|"
                            r"province|governorate)\b")


# "In a separate incident, ...", "Separately, ...", "Elsewhere, ...": a round-up's next item
_NEW_ITEM = re.compile(r"(?:in (?:a|another) separate (?:incident|attack|development)|separately|elsewhere|"
                       r"in another (?:incident|attack|development)|also on \w+day)\b", re.I)
_REGION_LEAD = re.compile(r"(?:(?:meanwhile|elsewhere|separately),?\s+)?in\s+(?:the\s+)?", re.I)


def _in_region_lead(s: Any) -> bool:
    """"In Somalia, al-Shabaab militants attacked ...": a sentence that opens on a country or province
    is a round-up's next item, not more of the one before."""
    lead = _REGION_LEAD.match(s.text)
    if not lead:
        return False
    for m in s.places:
        if m.start - s.start == lead.end() and m.place is not None and \
                ((m.place.feature_code or "").upper().startswith(("PCL", "ADM1"))) and \
                s.text[m.end - s.start: m.end - s.start + 1] in (",", "'", "’"):
            return True
    return False


def _is_country(m: Mention) -> bool:
    return m.place is not None and (m.place.feature_code or "").upper().startswith("PCL")


def _exact_primary(m: Mention) -> bool:
    """Whether a mention is read by the place's own primary name, not an alternate or a near spelling."""
    return m.place is not None and _exact(m) and _fold(m.text) == _fold(m.place.name)


def _big_place(gaz: Any, name: str) -> bool:
    """Whether a name is, by its primary name, a city of 100,000 or more, a capital or a province."""
    for pid, kind, how in gaz.candidates(name, limit=10):
        r = gaz.row(pid)
        if how == "exact" and kind == 0 and ((r[9] or 0) >= 100_000 or (r[7] or "") in ("PPLC", "ADM1")):
            return True
    return False


# Not "after"/"following": "killed after a bomb exploded on 31 January" is most often one incident.
_BACKGROUND_CUE = re.compile(r"\b(?:in the wake of|in response to|in retaliation for|in reprisal for|in connection with|"
                             r"over the|linked to|related to|ahead of|following (?:the )?(?:previous|earlier|alleged)|"
                             r"(?:responsible|blamed|wanted|arrested|sought|suspected) (?:for|over|of)|"
                             r"after (?:being|having been|having)|(?:comes?|came|coming) (?:after|amid)|"
                             r"behind (?:the|last|this))\b",
                             re.I)


# A year or month long past, named in a clause about the people or the history ("those who were
# abducted in 2014", "in memory of youths killed in 1990", "claims since July 2011"), is background too.
_HISTORY_CUE = re.compile(r"\b(?:who|which|whose|that|including|in memory of|to commemorate|commemorating|"
                          r"anniversary of|since|first|originally|previously|formerly)\b", re.I)


_PERSON_CLAUSE = re.compile(r",\s*(?:who|whose)\b[^,;]*", re.I)


def _background_date(s: Any, offset: int, trigger: int, old_and_vague: bool = False) -> bool:
    """Whether a date (document offset) sits in a clause about another matter ("marched, following
    the alleged harassment on 19 February", "arrested in connection with the attack of 3 May") while the
    sentence's own news is outside it: that day is the other matter's, not the event's."""
    if trigger < 0:
        return False
    pos = offset - s.start
    for m in _PERSON_CLAUSE.finditer(s.text):
        # "Ex-militants, who were granted amnesty in 2012, barricaded ...": a day in a clause about who
        # the actors are is theirs, not the event's
        if m.start() <= pos < m.end() and not m.start() <= trigger < m.end():
            return True
    for m in _BACKGROUND_CUE.finditer(s.text):
        end = _clause_end(s.text, m.end())
        if m.start() < pos < end and not (m.start() <= trigger < end) and trigger < m.start():
            return True
    if old_and_vague:
        return any(trigger < m.start() <= pos for m in _HISTORY_CUE.finditer(s.text))
    return False


_PROTESTERS = re.compile(r"\b(?:protesters|protestors|demonstrators|marchers|strikers|rioters|students|youths|"
                         r"activists|supporters|participants|people|persons|residents|workers|fans)\b|\b(?:after|"
                         r"following|during|at|in) (?:the |a |their )?(?:\w+ )?(?:protests?|demonstrations?|march|rally|"
                         r"riots?|strike|sit-in|unrest)\b", re.I)


_ABOUT_CUE = re.compile(r"\b(?:over(?!\s+(?:\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|"
                        r"fifty|a hundred|hundreds|a dozen|dozens)\b))|against|about|to protest|protesting|in (?:protest|reprisal|retaliation|"
                        r"response) (?:at|against|over|for|to)|following|after|amid|because of|for)\b", re.I)


def _own_day(s: Any) -> bool:
    """Whether a sentence names a day of its own, outside a running total's "since" clause ("200 were
    injured since the protests began last Tuesday" names the day the protests began)."""
    since = [(m.start(), m.end()) for m in _SINCE_CLAUSE.finditer(s.text)]
    trigger = s.guesses[0].trigger_start if s.guesses else -1
    if not any(a <= trigger <= b for a, b in since):
        since = []  # "since the action started on 23 February, 47 have been killed": the toll is told
    return any(p == 1 and not any(a <= off - s.start <= b for a, b in since) for off, _, p, _ in s.dates)


_SINCE_CLAUSE = re.compile(r"\bsince\b[^.;]{0,60}?\b(?:began|started|begun|broke out|erupted)\b(?:\s+\w+){0,3}", re.I)


_ASKED = re.compile(r"\b(?:why|whether|demand\w*|ask\w*|question\w*|wonder\w*|complain\w*)\b", re.I)
# ", who were granted amnesty in 2012,": a relative clause about who they are
_RELATIVE = re.compile(r",\s*(?:who|which|whose)\b[^,;]*", re.I)


def _habitual(text: str, trigger_start: int | None = None) -> bool:
    """Whether the sentence tells of something habitual or a running total ("attacks have often hit the
    town", "700 have died since May") rather than an incident. The same words in a clause about what an
    incident answers ("burned them alive in reprisal for a series of attacks", "protested over a wave of
    assaults") leave the incident an incident."""
    relative = [r.span() for r in _RELATIVE.finditer(text)] if trigger_start is not None else []
    for m in facts.HABITUAL.finditer(text):
        if any(a <= m.start() < b and not a <= trigger_start < b for a, b in relative):
            continue  # background about the actors, told beside the incident
        start = max(text.rfind(c, 0, m.start()) for c in ",;:(") + 1
        if not _ABOUT_CUE.search(text, start, m.start()):
            return True
    return False


_CLAIM_OF_TOLD = re.compile(r"\b(?:claim(?:ed|s|ing)?|took|takes|accept(?:ed|s)?|den(?:ied|ies|y)|disowned)\s+"
                            r"(?:the\s+|full\s+|sole\s+)*responsibility\s+for\s+(?:the|that|this|these|those|its|their|"
                            r"his|both|last|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b", re.I)


def _realised_attempt(head: Any) -> bool:
    """ "Gunmen attempted to raid the post, wounding a policeman", "tried to storm the base", "set alight":
    an attempt made (or a word that is no plan at all) is not a threat or a plan."""
    word = head.text.lower()
    if word in ("attempted", "tried", "failed", "trying", "attempting", "managed"):
        return True
    if word == "able":  # "forces were able to recapture the village"
        return any(c.lower_ in ("was", "were") for c in head.head.children) or head.head.lower_ in ("was", "were")
    if word == "set":  # "set to" is a plan; "set alight", "set fire" are deeds
        nxt = head.doc[head.i + 1] if head.i + 1 < len(head.doc) else None
        return nxt is None or nxt.lower_ != "to"
    return False


# "... were killed in a shootout. Police raided the place and seized weapons": the seizure is the raid's.
_SEIZED_AFTER = re.compile(r"\b(?:seiz|confiscat|recover|impound)\w*\b[^.;]{0,60}?\b(?:weapons?|arms|ammunition|"
                           r"rifles|guns|firearms|explosives?|bombs|grenades|materials?)\b", re.I)
# The lead sentence tells violence that happened (not weapons merely named: "rocket bombs were found").
_VIOLENCE_DONE = re.compile(r"\b(?:kill\w*|dead|died|injur\w*|wound\w*|explod\w*|blast|went off|clash\w*|shootout|"
                            r"exchang\w+ (?:of )?fire|fought|attack(?:ed|s)?|ambush\w*|shot|stormed|burn\w*|torch\w*)\b", re.I)
_VIOLENT_TYPES = ("Battles", "Violence against civilians", "Explosions/Remote violence", "Riots")
_PERPETRATORS_HELD = re.compile(
    r"\b(?:attackers?|perpetrators?|assailants?|gunm[ae]n|killers?|culprits?|suspects?|shooters?|those responsible|"
    r"(?:the )?(?:man|woman|men|youths?|soldiers?|officers?|policem[ae]n) (?:responsible|involved)|"
    r"(?:was|were|have been|has been|had been) (?:later |subsequently |then )?(?:arrested|detained|apprehended))\b|"
    r"^\s*(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|several|some|dozens)\s+(?:\w+\s+)?"
    r"(?:were\s+)?(?:later\s+)?(?:arrested|detained)\b", re.I)


def _fold_follow_up_arrests(events: list[Event], text: str) -> list[Event]:
    """ "Gunmen opened fire on a minibus, injuring two. The attacker was arrested.": the arrest of the
    perpetrators (or the weapons seized), told after the violence on the same day, ends that incident's
    story; it is not the report's event."""
    violent = [e for e in events if e.event_type in _VIOLENT_TYPES and e.evidence]
    if not violent:
        return events
    kept: list[Event] = []
    for ev in events:
        host = None
        if ev.sub_event_type in ("Arrests", "Disrupted weapons use") and ev.evidence:
            first = ev.evidence[0]
            said = text[first.start:first.end]
            before = [v for v in violent if v.evidence[0].start < first.start]
            told = _PERPETRATORS_HELD if ev.sub_event_type == "Arrests" else _SEIZED_AFTER
            if before and told.search(said) and (ev.sub_event_type == "Arrests" or ev.time_precision > 1 or
                                                 ev.date == before[-1].date):
                host = before[-1]
        if host is None:
            kept.append(ev)
            continue
        _absorb(host, ev)
    return kept


def _story_countries(places: list[Mention]) -> set[str]:
    """Countries a report tells of: two or more different names read exactly in each."""
    names: dict[str, set[str]] = {}
    for m in places:
        if m.place is not None and m.place.country_code and _exact(m):
            names.setdefault(m.place.country_code, set()).add(_fold(m.text))
    return {cc for cc, n in names.items() if len(n) >= 2}


def _fold_protest_arrests(events: list[Event], text: str) -> list[Event]:
    """A report of a protest that goes on to tell of arrests ("More than 100 people arrested.") tells
    one event: ACLED codes protesters' arrests as the protest's intervention. Arrests of others, or
    on another day or at another place, stay events of their own."""
    protests = [e for e in events if e.event_type in ("Protests", "Riots")]
    if not protests:
        return events
    kept: list[Event] = []
    for ev in events:
        host = None
        if ev.sub_event_type == "Arrests" and ev.evidence:
            said = " ".join(text[sp.start:sp.end] for sp in ev.evidence)
            for p in protests:
                if not p.evidence or p.evidence[0].start > ev.evidence[0].start:
                    continue  # arrests told before the protest are another matter
                same_day = ev.date == p.date or ev.time_precision > 1 or (
                    ev.date is not None and p.date is not None and 0 <= (ev.date - p.date).days <= 1)
                same_place = ev.location is None or p.location is None or ev.location.key == p.location.key
                if same_day and same_place and _PROTESTERS.search(said):
                    host = p
                    break
        if host is None:
            kept.append(ev)
            continue
        if host.sub_event_type == "Peaceful protest":
            host.sub_event_type = "Protest with intervention"
        _absorb(host, ev)
        host.score = max(host.score, ev.score)
    return kept


def _absorb(host: Event, ev: Event) -> None:
    """Fold an event that only goes on telling another into it: its sentences become evidence."""
    host.evidence.extend(ev.evidence)
    host.reports.extend(r for r in ev.reports if r not in host.reports)


_AU_CONTRIBUTORS = {f"Military Forces of {c}" for c in ("Kenya", "Ethiopia", "Uganda", "Burundi", "Djibouti",
                                                         "Sierra Leone")}


_DATELINE = re.compile(
    r"\A\s*(?:(?P<caps>[A-Z][A-Z'’.]*(?:[ -][A-Z][A-Z'’.]*){0,4})(?:,\s+[A-Z][\w .'’-]{1,30}?)?\s*(?:\([^)\n]{1,40}\)\s*)?"
    r"|(?P<name>[A-Z][a-z'’]+(?:[ -][A-Za-z'’]+){0,3}),?\s+(?:[A-Z][\w .'’-]{1,30}?\s+)?\([^)\n]{1,40}\)\s*)"
    r"(?:—|–|--|-|:)\s")


def dateline(text: str) -> tuple[int, int] | None:
    """The span of a wire report's dateline place ("PORT-AU-PRINCE —", "KYIV, Ukraine (Reuters) -"), or None."""
    m = _DATELINE.match(text)
    if not m:
        return None
    group = "caps" if m.group("caps") else "name"
    a, b = m.span(group)
    if group == "caps" and b - a < 3:
        return None
    return a, b


def _branch_named(actor: str | None, text: str) -> str | None:
    """"Islamic State militants ambushed ..." in a report that names the Islamic State Sahel Province
    earlier: the branch the report is about, where it names exactly one."""
    if actor != "Islamic State":
        return actor
    from .actors import find_named_actors

    branches = {a.name for a in find_named_actors(text) if a.name.startswith("Islamic State (")}
    return branches.pop() if len(branches) == 1 else actor


def _sure_city(m: Mention, text: str) -> bool:
    """"In Niamey, hundreds marched", "In North Darfur, shelling killed ...": a capital, a big city or
    a province of a name of two words or more, written out after "in", is where the event was, whatever
    country the rest of the report is about."""
    p = m.place
    if p is None or not _exact(m):
        return False
    fcode = (p.feature_code or "").upper()
    if (p.feature_class or "").upper() == "P":
        big = fcode == "PPLC" or (p.population or 0) >= 100_000
    else:
        big = fcode == "ADM1" and len(m.text.split()) >= 2
    return big and bool(_IN_CITY.search(text[max(0, m.start - 30): m.start]))


_RELATIVE_WORD = re.compile(r"\b(next|following|previous|preceding|later|earlier|before|after)\b", re.I)
_SAID_BEFORE = re.compile(r"\b(?:said|says|announced|told|reported|claimed|stated|confirmed)\s+(?:\w+\s+)?(?:on|late on|"
                          r"early on)?\s*$", re.I)
_OWN_FORCES_AFTER = re.compile(r"\s+(?:security forces|police|army|troops|soldiers|authorities|government forces|"
                               r"military)\b(?!\s+(?:in|inside|into|across|crossed|entered)\b)", re.I)
_MONTHS = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_PERIOD_TOTAL = re.compile(r"\b(?:(?:so far )?(?:last|this) year|in (?:19|20)\d\d\b(?!\s*,?\s*\d)|since (?:the (?:start|beginning) "
                           r"of )?(?:" + _MONTHS + r"|(?:19|20)\d\d)\b|(?:over|in|during) the (?:past|last) (?:\w+ )?"
                           r"(?:months|years|decade|year|weeks|week|days|hours))", re.I)
_MANY_INCIDENTS = re.compile(r"\b(?:killed|died|dead|deaths|lost their lives)\b[^.;]{0,40}?\b(?:in|during|by) "
                             r"(?:\w+ ){0,3}(?:attacks|violence|clashes|fighting|raids|incidents|bombings|"
                             r"operations|conflict|massacres)\b|\b(?:hundreds|dozens|scores|thousands|numerous|"
                             r"a (?:series|string|spate|wave)) of (?:\w+ ){0,2}(?:air ?strikes|airstrikes|attacks|"
                             r"raids|bombings|incidents|killings|abductions|kidnappings|strikes|clashes)\b|"
                             r"\b\d{2,}\s+(?:\w+\s+)?(?:clashes|attacks|assaults|air ?strikes|airstrikes|raids|"
                             r"incidents|engagements|battles)\b", re.I)
_SPEECH_BEFORE = re.compile(r"\b(?:said|says|announced|told|reported|claimed|stated|confirmed|denied|added|"
                            r"statement|communiqu[eé])\b", re.I)
_THAT_AFTER_DAY = re.compile(r"[\w,]+(?:\s+[\w,]+){0,2}?\s+that\b", re.I)


def _statement_day(text: str, offset: int) -> bool:
    """Whether the date at `offset` is the day a statement was made ("said in a statement on Tuesday
    that its fighters had killed 20 soldiers on Sunday"): a speech verb before it, "that" after it."""
    return bool(_THAT_AFTER_DAY.match(text, offset)) and \
        bool(_SPEECH_BEFORE.search(text, max(0, offset - 100), offset))


_SEAT_OF_STATE = re.compile(r"\b(?:(?:stormed|outside|into|at|in front of|besieged|surrounded|near)\s+(?:the\s+)?"
                            r"(?:parliament|national assembly|presidential palace|presidency|state house)|"
                            r"(?:parliament|national assembly|presidential palace) (?:building|compound|grounds))\b", re.I)
_AREA_AFTER = re.compile(r"\s+(?:region|province|oblast|governorate|state|district|county|prefecture)\b", re.I)
_IN_CITY = re.compile(r"\b(?:in|at|inside|near|outside|around)\s+(?:the\s+)?(?:(?:capital|city|streets|port city|"
                      r"town)(?:\s+of)?,?\s+)?$", re.I)


def _exact_place(place: Place, mentions: list[Mention]) -> bool:
    """Whether a chosen place was read from a name written as such (not a near spelling)."""
    return any(m.place is place and _exact(m) for m in mentions)


def _african_union(actor: str | None, pub: date) -> str | None:
    """In Somalia, troops of the African Union's contributing countries serve in its mission."""
    if actor not in _AU_CONTRIBUTORS:
        return actor
    return _au_mission(pub)


def _au_mission(pub: date) -> str:
    """The African Union's Somalia mission under the name it had on a day."""
    if pub < date(2022, 4, 1):
        return "AMISOM: African Union Mission in Somalia"
    if pub < date(2025, 1, 1):
        return "ATMIS: African Union Transition Mission in Somalia"
    return "AUSSOM: African Union Support and Stabilization Mission in Somalia"


def _period_name(actor: str | None, pub: date) -> str | None:
    """ACLED names some groups by period: Boko Haram, pledged to the Islamic State from March 2015
    until its split in August 2016, is "Boko Haram - Wilayat Gharb Ifriqiyyah" in that time and the
    Shekau faction (JAS) after it."""
    if actor == "AMISOM: African Union Mission in Somalia":
        return _au_mission(pub)
    if actor != "Boko Haram":
        return actor
    if date(2015, 3, 7) <= pub < date(2016, 8, 3):
        return "Boko Haram - Wilayat Gharb Ifriqiyyah"
    if pub >= date(2016, 8, 3):
        return "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad"
    return actor


@lru_cache(maxsize=4096)
def text_country(text: str) -> str | None:
    """ISO-2 of the country a text is about, by votes: countries and demonyms it names ("in Libya"
    counts double), well-known places it names, parties, unions and leaders of a known country, and the
    home countries of named armed groups."""
    from .actors import find_named_actors

    votes: dict[str, float] = {}
    first: dict[str, int] = {}
    for a, _, w in scan_names(text, _COUNTRY_TABLE, _COUNTRY_MAXLEN):
        if w.lower().rstrip(".") in _AMBIGUOUS and w not in ("US", "U.S", "U.S.", "CAR", "DRC"):
            continue
        cc = _COUNTRY_TABLE.get(w.lower().rstrip("."))
        if not cc:
            continue
        before = text[max(0, a - 12): a].lower()
        wt = 2.0 if _IN_BEFORE.search(before) else 1.0
        # "near the border with Ghana", "the Tunisian border", "fled to Kenya": a neighbour, not the
        # place of the event: no vote.
        if _ABROAD_BEFORE.search(text[max(0, a - 30): a]) or _BORDER_AFTER.match(text, a + len(w)):
            continue
        # "Kenyan troops", "a French convoy": forces often fight abroad; a weaker vote.
        if _FORCES_AFTER.match(text, a + len(w)) and w.lower() not in COUNTRY_NAMES:
            wt = 0.6
        # "a Somali shopkeeper", "an Italian student": a person's nationality, often abroad.
        elif _PERSON_AFTER.match(text, a + len(w)) and w.lower() not in COUNTRY_NAMES:
            wt = 0.5
        votes[cc] = votes.get(cc, 0.0) + wt
        first.setdefault(cc, a)
    for cc, v in places_country(text).items():
        votes[cc] = votes.get(cc, 0.0) + 1.5 * v
        first.setdefault(cc, len(text))
    for a, cc in orgs_country(text):
        votes[cc] = votes.get(cc, 0.0) + 1.0
        first.setdefault(cc, a)
    for a in find_named_actors(text):  # only named groups have a home country
        cc = ACTOR_HOME.get(a.name)
        if cc:
            votes[cc] = votes.get(cc, 0.0) + 0.8
            first.setdefault(cc, a.start)
    if not votes:
        return None
    return max(votes, key=lambda k: (votes[k], -first.get(k, 0)))


_PAST_REPORT = re.compile(r"\b(?:was|were|has been|have been|had been|\w{3,}ed|took|began|began|went|came|fled|"
                          r"fought|threw|stole|broke|shot|held|led|set|sent|made|left|ran|hit|struck|blew|"
                          r"burnt|arrived|continued|continue|continues|remain|remains|is|are)\b", re.I)
_HAPPENING_SUBJ = re.compile(r"\b(?:protesters|demonstrators|residents|workers|students|youths?|people|"
                             r"members|supporters|forces|troops|soldiers|police|army|military|militants|"
                             r"gunmen|fighters|rebels|militia\w*|group|men|crowd|mob|traders|drivers|"
                             r"teachers|doctors|nurses|unions?|villagers|farmers|herders|community|"
                             r"authorities|government|officials)\b", re.I)


def _reports_happening(text: str, doc: Any, start: int, end: int) -> bool:
    """A sentence that tells of something done: a finite past (or reporting-present) verb and a doer."""
    if doc is not None:
        try:
            span = doc.char_span(start, end, alignment_mode="expand")
        except Exception:
            span = None
        if span is not None and len(span):
            root = span.root
            kids = {c.lower_ for c in root.children if c.dep_ in ("aux", "auxpass", "neg")}
            if kids & facts.MODAL_AUX or kids & {"not", "n't", "never"}:
                return False
            if root.tag_ in ("VBD", "VBN", "VBZ", "VBP", "VBG") or any(t.tag_ == "VBD" for t in span):
                return bool(_HAPPENING_SUBJ.search(text)) or any(t.ent_type_ in ("ORG", "NORP", "GPE", "PERSON")
                                                               for t in span)
            return False
    return bool(_PAST_REPORT.search(text) and _HAPPENING_SUBJ.search(text))


_FALLBACK_LEX: list[tuple[str, re.Pattern[str]]] = [
    ("Violent demonstration", re.compile(r"\b(?:force[ds]? (?:their|its) way|forced entry|stones?|burn\w*|"
                                          r"vandal\w*|ransack\w*|tyres?|tires|blocked roads with|running battles|"
                                          r"unrest|disturbances?|chaos)\b", re.I)),
    ("Peaceful protest", re.compile(r"\b(?:gather\w*|assembl\w*|march\w*|strik\w+|rall\w+|sit[- ]in|"
                                     r"blockad\w*|road ?blocks?|demand\w*|petition\w*|boycott\w*|tents?|"
                                     r"poured (?:out )?(?:on ?to|into) the streets|slogans|banners?|"
                                     r"discontent|grievances?|dead city|stay[- ]away|shutdown|denounc\w+|"
                                     r"against the|in solidarity)\b", re.I)),
    ("Armed clash", re.compile(r"\b(?:fire exchange|exchange of fire|operations? (?:were |was )?(?:conducted|"
                                r"launched|carried out)|operations? against|clearance operations?|cordon|"
                                r"repuls\w*|pushed back|hit-and-run|engagement|assault on|attack on)\b", re.I)),
    ("Remote explosive/landmine/IED", re.compile(r"\b(?:blew up|blown up|dynamit\w*|explosive\w*|"
                                                  r"canisters?|dropped)\b", re.I)),
    ("Attack", re.compile(r"\b(?:wound\w*|injur\w*|beat\w*|assault\w*|harass\w*|intimidat\w*|"
                           r"exploit\w*|barred|threatened|tortur\w*|whipp\w*|violence|machete|"
                           r"stormed|raided|burned|burnt|torched)\b", re.I)),
    ("Headquarters or base established", re.compile(r"\b(?:sets? up|setting up|established?) (?:\w+ ){0,3}"
                                                     r"(?:bases?|camps?|positions?)\b", re.I)),
    ("Change to group/activity", re.compile(r"\b(?:deploy\w*|arriv\w*|moving|heading|reinforce\w*|"
                                             r"mobili[sz]\w*|patrol\w*|elected|sworn in|appointed|"
                                             r"suspended|banned|announced|spotted|seen)\b", re.I)),
]


def fallback_guess(text: str) -> TypeGuess:
    """The likeliest sub-type for a report with no trigger: the earliest weak cue, else 'Other'."""
    best: tuple[int, str, str] | None = None
    for sub, pat in _FALLBACK_LEX:
        m = pat.search(text)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), sub, m.group(0))
    if best is None:
        return TypeGuess("Other", 1.0, "", 0)
    return TypeGuess(best[1], 1.0, best[2], best[0])


@dataclass(slots=True)
class _Sent:
    start: int
    end: int
    text: str
    guesses: list[TypeGuess] = field(default_factory=list)
    event: bool = False
    weak: bool = False  # carries facts (deaths) but no event of its own
    why_not: str | None = None
    dates: list[tuple[int, date, int, str]] = field(default_factory=list)
    places: list[Mention] = field(default_factory=list)


def _load_model(path: Path | None) -> Any:
    if path is None:
        return None
    import joblib

    return joblib.load(path)


# Sentence cues searched only where one of their words occurs (see literals.py).
_NEGATED_GATE, _OPINION_GATE, _HYPOTHETICAL_GATE, _FORECAST_GATE = (
    Gate(p) for p in (facts.NEGATED_EVENT, facts.OPINION, facts.HYPOTHETICAL, facts.FORECAST))


class EventExtractor:
    """Codes events from documents with hand-written rules, or a user-trained model for the type."""

    # How much a trained model's type probability adds to the rules' evidence (rule scores run ~1-3.5).
    model_weight: float = 0.7

    def __init__(self, geoparser: Any = None, model_path: Path | None = None, keep_historical: bool = False):
        # None: build eventatlas.geo's geoparser on first use; False: never geoparse.
        self._geoparser = geoparser
        self._geo_tried = geoparser is not None
        self.model = _load_model(Path(model_path)) if model_path else None
        # History (events over a year before publication) is background in a news text; kept (and
        # flagged historical) only when asked.
        self.keep_historical = keep_historical
        self._town_cache: dict[tuple[str, str | None], Any] = {}

    # -- collaborators ---------------------------------------------------------------------------
    @property
    def geoparser(self) -> Any:
        if not self._geo_tried:
            self._geo_tried = True
            try:
                from eventatlas.geo import Gazetteer, Geoparser

                self._geoparser = Geoparser(Gazetteer.open())
            except Exception as exc:  # geo not built/installed yet: events without locations
                print(f"eventatlas.events: no geoparser ({exc.__class__.__name__}: {exc}); "
                      "events will have no location", file=sys.stderr)
                self._geoparser = None
        return self._geoparser

    # -- main entry --------------------------------------------------------------------------------
    def extract(self, document: Document, doc: Any = None, mentions: list[Mention] | None = None) -> list[Event]:
        """Events reported in a document, one per distinct incident, each with its evidence sentence."""
        text = document.text
        if not text.strip():
            return []
        pub = document.published or date.today()
        if doc is None:
            from eventatlas.nlp import parse

            doc = parse(text)
        if mentions is None:
            try:
                mentions = self.place_mentions(text, doc)
            except Exception as exc:  # a geo failure must not lose the events
                print(f"eventatlas.events: geoparse failed for {document.id}: {exc}", file=sys.stderr)
                mentions = []
        places = [m for m in mentions if m.kind == "place"]
        sents = self._sentences(text, doc)
        for s in sents:
            s.places = [m for m in places if s.start <= m.start < s.end]
            s.dates = [(s.start + o, d, p, k) for o, d, p, k in find_dates(s.text, pub)]
        self._resolve_relative(sents, pub)
        doc_cc = self._doc_country(text, places)
        for s in sents:
            self._judge(s, doc, pub)
        groups = self._group(sents, pub)
        events = []
        for gi, g in enumerate(groups):
            ev = self._code(g, gi, sents, document, pub, doc_cc, places)
            if ev is not None:
                events.append(ev)
        if not events:
            ev = self._fallback(sents, doc, document, pub, doc_cc, places)
            if ev is not None:
                events.append(ev)
        return _fold_follow_up_arrests(_fold_protest_arrests(events, text), text)

    def _fallback(self, sents: list[_Sent], doc: Any, document: Document, pub: date, doc_cc: str | None,
                  places: list[Mention]) -> Event | None:
        """A report that plainly tells something happened ("workers gathered outside the ministry",
        "gunmen stormed the compound") but uses no trigger of ours still gets one low-scored best
        guess. Opinion, forecasts, denials, background and history get none."""
        for i, s in enumerate(sents[:6]):
            if s.why_not in ("negated", "modal", "threat/plan", "hypothetical", "opinion"):
                continue
            t = s.text
            if facts.OPINION.search(t) or facts.NEGATED_EVENT.search(t) or facts.HYPOTHETICAL.search(t):
                continue
            if _habitual(t) and not _own_day(s):
                continue
            if not _reports_happening(t, doc, s.start, s.end):
                continue
            guess = fallback_guess(t)
            if s.guesses and s.guesses[0].sub_event_type != "Other" and s.guesses[0].score >= 1.0:
                guess = s.guesses[0]
            s.guesses = [TypeGuess(guess.sub_event_type, 1.0, guess.trigger, guess.trigger_start)]
            ev = self._code([i], 0, sents, document, pub, doc_cc, places)
            if ev is not None:
                ev.score = 0.08
            return ev
        return None

    def place_mentions(self, text: str, doc: Any = None, country_hint: str | None = None) -> list[Mention]:
        """The place mentions events are placed by. The ingest pipeline stores these same mentions, so
        the atlas and `extract` place events alike."""
        gp = self.geoparser
        if not gp:
            return []
        if doc is None:
            from eventatlas.nlp import parse

            doc = parse(text)
        hint = country_hint or text_country(text)
        return [self._settlement(self._at_home(m, hint, text)) for m in self._geoparse(gp, text, doc, hint)]

    def _at_home(self, m: Mention, hint: str | None, text: str = "") -> Mention:
        """A report about one country ("Boko Haram commander arrested in Bali", "MEND attack a police
        station in Ngo") names towns of that country: a small place of the same name abroad gives way
        to the town of that name at home. Capitals, countries and big cities abroad stay as read."""
        p = m.place
        if p is None or not hint or not p.country_code or p.country_code == hint:
            return m
        fcode = (p.feature_code or "").upper()
        if fcode.startswith(("PCL", "PPLC", "ADM1", "CONT")) or (p.population or 0) >= 1_000_000 or m.kind != "place":
            return m
        if _IN_AREA_AFTER.match(text, m.end):
            return m  # "Pokrovsk in the Donetsk region": the geoparser read it inside the province named
        home = self._town_named(m.text, hint)
        return m if home is None else _reread(m, home)

    def _geoparse(self, gp: Any, text: str, doc: Any, country_hint: str | None = None) -> list[Mention]:
        """Geoparse with the geoparser's own place recognition plus the names an event is placed by:
        well-known places and capitalised names after "in/near/at/outside", which a news model misses
        in terse reports ("Bauchi pensioners protest", "clashes in Dongoro town")."""
        hint = country_hint or text_country(text)
        recognise = getattr(gp, "recognise", None)
        if recognise is None:
            return gp.geoparse(text, doc=doc, country_hint=hint)
        spans = list(recognise(text, doc))
        extra = [(a, b) for a, b, _ in scan_names(text, PLACE_COUNTRY, 4)] + _locative_spans(text)
        gaz = getattr(gp, "gaz", None)
        if gaz is not None:
            extra += _event_place_spans(text, gaz.has, doc, big=lambda name: _big_place(gaz, name))
            line = dateline(text)
            if line is not None and gaz.has(text[line[0]:line[1]]):
                extra.append(line)
        for a, b in sorted(extra):
            if not any(x < b and a < y for x, y in spans):
                spans.append((a, b))
        spans.sort()
        return gp.geoparse(text, doc=doc, spans=spans, country_hint=hint)

    def _settlement(self, m: Mention) -> Mention:
        """A name resolved to an admin area that is also a town's name ("Khartoum", "Benghazi") most
        often means the town in a news report: take the town of that name in the same country."""
        p = m.place
        if p is None or (p.feature_class or "").upper() != "A" or (p.feature_code or "").startswith("PCL"):
            return m
        town = self._town_named(m.text, p.country_code)
        return m if town is None else _reread(m, town)

    def _town_named(self, name: str, cc: str | None) -> Place | None:
        """The populated place of a country read exactly by this name (alternate spellings included:
        "Misrata" is the town GeoNames writes "Misratah"), never a near spelling of another; remembered."""
        gaz = getattr(self._geoparser, "gaz", None)
        if gaz is None:
            return None
        key = (name, cc)
        if key not in self._town_cache:
            town = None
            try:
                for pid, _, how in gaz.candidates(name, limit=10):
                    q = gaz.place(pid)
                    if how == "exact" and (q.feature_class or "").upper() == "P" and q.country_code == cc:
                        town = q
                        break
            except Exception:
                town = None
            self._town_cache[key] = town
        return self._town_cache[key]

    # -- steps -------------------------------------------------------------------------------------
    def _sentences(self, text: str, doc: Any) -> list[_Sent]:
        out = []
        spans: list[list[int]] = []
        for sent in doc.sents:
            # "... highlands area. 2 Gumino militiamen were killed": the small model can make the
            # number a sentence of its own; it belongs to the sentence it starts.
            if spans and _BARE_NUMBER.fullmatch(text[spans[-1][0]:spans[-1][1]]):
                spans[-1][1] = sent.end_char
            else:
                spans.append([sent.start_char, sent.end_char])
        for a, b in spans:
            # spaCy's small model sometimes runs two sentences together; split on clear boundaries.
            chunk = text[a:b]
            pos = 0
            for m in list(_SENT_SPLIT.finditer(chunk)) + [None]:
                if m is not None and _ABBREV_END.search(chunk, max(0, m.start() - 8), m.start()):
                    continue  # "on Jan. 13", "Gen. Haftar": an abbreviation, not a sentence's end
                end = m.start() if m else len(chunk)
                piece = chunk[pos:end]
                if piece.strip() and (m is None or len(piece) > 25):
                    lead = len(piece) - len(piece.lstrip())
                    out.append(_Sent(a + pos + lead, a + pos + len(piece.rstrip()), piece.strip()))
                    pos = m.end() if m else end
                elif m is None and piece.strip() and out:
                    last = out[-1]
                    last.end = a + end
                    last.text = text[last.start:last.end]
        return out

    def _resolve_relative(self, sents: list[_Sent], pub: date) -> None:
        """'The next day' needs the last date mentioned before it."""
        anchor: date | None = None
        for s in sents:
            # "The army said on Wednesday that it had killed 12 militants the previous day": the day
            # counts back from the day of the statement, which is not the event's own.
            said = [(o, d) for o, d, p, _ in s.dates
                    if p == 1 and _SAID_BEFORE.search(s.text[max(0, o - s.start - 30): o - s.start])]
            if said and _RELATIVE_WORD.search(s.text):
                extra = [(s.start + o, d, p, k) for o, d, p, k in find_dates(s.text, pub, said[0][1])
                         if k == "relative"]
                if extra:
                    s.dates = sorted([x for x in s.dates if (x[0], x[1]) not in said] + extra)
                    anchor = extra[0][1]
                    continue
            if anchor is not None and _RELATIVE_WORD.search(s.text):
                extra = [(s.start + o, d, p, k) for o, d, p, k in find_dates(s.text, pub, anchor) if k == "relative"]
                s.dates = sorted(s.dates + extra)
            precise = [d for _, d, p, _ in s.dates if p == 1]
            if precise:
                anchor = precise[0]

    def _doc_country(self, text: str, places: list[Mention]) -> str | None:
        """The country a text is about: from its words (countries, known places, named actors), else
        the one its exactly resolved places lie in (a fuzzy resolution is too often abroad)."""
        line = dateline(text)
        if line is not None:  # "PORT-AU-PRINCE —": where the reporter files from is where the story is
            for m in places:
                if (m.start, m.end) == line and m.place is not None and m.place.country_code and _exact(m):
                    return m.place.country_code
        named = text_country(text)
        if named:
            return named
        votes: dict[str, float] = {}
        for m in places:
            if m.place is not None and m.place.country_code and _exact(m):
                votes[m.place.country_code] = votes.get(m.place.country_code, 0) + 1 + (m.score or 0)
        return max(votes, key=lambda k: votes[k]) if votes else None

    def _classify(self, text: str) -> list[TypeGuess]:
        guesses = classify(text)
        if self.model is not None and guesses:
            guesses = self._model_guesses(text, guesses)
        return guesses

    def _model_guesses(self, text: str, rule_guesses: list[TypeGuess]) -> list[TypeGuess]:
        """Blend a trained model's type probabilities with the rules' sub-type evidence."""
        m = self.model
        probs = m["type_clf"].predict_proba([text])[0]
        ptype = dict(zip(m["type_clf"].classes_, (float(p) for p in probs), strict=True))
        et = max(ptype, key=lambda k: ptype[k])
        w = self.model_weight
        out = [TypeGuess(g.sub_event_type, g.score + w * ptype.get(SUB_EVENT_TYPES[g.sub_event_type], 0.0),
                         g.trigger, g.trigger_start) for g in rule_guesses]
        if not any(SUB_EVENT_TYPES[g.sub_event_type] == et for g in rule_guesses):
            sub = None
            if m.get("sub_clf") is not None:
                sp = m["sub_clf"].predict_proba([text])[0]
                ranked = sorted(zip(sp, m["sub_clf"].classes_, strict=True), reverse=True)
                sub = next((s_ for _, s_ in ranked if SUB_EVENT_TYPES.get(s_) == et), None)
            sub = sub or SUB_DEFAULT[et]
            t0 = rule_guesses[0]
            out.append(TypeGuess(sub, 1.0 + 1.25 * w * ptype[et], t0.trigger, t0.trigger_start))
        out.sort(key=lambda g: -g.score)
        return out

    def _judge(self, s: _Sent, doc: Any, pub: date) -> None:
        s.guesses = self._classify(s.text)
        if not s.guesses:
            n, found = facts.fatalities(s.text)
            s.weak = found
            return
        top = s.guesses[0]
        if top.score < 1.5 or top.sub_event_type == "Other":
            s.weak = True
            return
        reason = self._non_event(s, top, doc)
        if reason:
            s.why_not = reason
            return
        if _CLAIM_OF_TOLD.search(s.text) and not facts.fatalities(s.text)[1]:
            # "AQIM claimed responsibility for that attack": who did an incident already told, not a new
            # one; it goes on telling the incident before it.
            s.weak = True
            return
        s.event = True

    def _non_event(self, s: _Sent, top: TypeGuess, doc: Any) -> str | None:
        t = s.text
        folded = fold_case(t)
        neg = _NEGATED_GATE.search(t, folded)
        # "marched to the police station, demanding to know why a suspect had not been arrested": the
        # negation is inside what the event asks, not the event
        if neg and not (neg.start() > top.trigger_start and _ASKED.search(t, top.trigger_start, neg.start())):
            return "negated"
        if _OPINION_GATE.search(t, folded) and not s.dates:
            return "opinion"
        if _habitual(t, top.trigger_start) and not _own_day(s):
            return "background"
        if _PERIOD_TOTAL.search(t) and _MANY_INCIDENTS.search(t) and not _own_day(s):
            return "aggregate"  # "Last year, more than 2,000 people were killed in attacks by the ADF"
        # Grammar around the trigger: modal or threat verbs make it a threat/forecast, not an event.
        tok = None
        if doc is not None and top.trigger.strip():
            pos = s.start + top.trigger_start
            span = doc.char_span(pos, pos + max(1, len(top.trigger.split()[0])), alignment_mode="expand")
            if span is not None and len(span):
                tok = span[0]
        if tok is not None:
            verb = tok
            for _ in range(3):
                if verb.pos_ in ("VERB", "AUX") or verb.head is verb:
                    break
                verb = verb.head
            kids = [c.text.lower() for c in verb.children if c.dep_ in ("aux", "auxpass", "neg", "mark")]
            if any(k in facts.MODAL_AUX for k in kids):
                return "modal"
            if any(k in ("not", "n't", "never") for k in kids):
                return "negated"
            if "if" in kids or "unless" in kids:
                return "hypothetical"
            h = verb
            for _ in range(3):
                if h.dep_ in ("xcomp", "ccomp", "advcl", "acl", "pcomp") and h.head is not h:
                    if facts.THREAT_HEADS.match(h.head.text) and not _realised_attempt(h.head):
                        if h.head.text.lower().startswith(("order", "call", "demand", "ask", "urge")) and \
                                SUB_EVENT_TYPES.get(top.sub_event_type) == "Protests":
                            break
                        return "threat/plan"
                    hk = [c.text.lower() for c in h.head.children if c.dep_ in ("aux", "neg", "mark")]
                    if any(k in facts.MODAL_AUX for k in hk) or "if" in hk:
                        return "modal"
                    h = h.head
                else:
                    break
            # A hypothetical clause reaching the trigger: "... could lead to clashes".
            left = t[max(0, top.trigger_start - 45): top.trigger_start]
            if re.search(r"\b(could|would|might|may|will|to)\s+(\w+\s+){0,3}$", left, re.I) and \
                    facts.HYPOTHETICAL.search(left + " "):
                return "hypothetical"
        else:
            left = t[max(0, top.trigger_start - 40): top.trigger_start]
            if re.search(r"\b(will|would|could|might|may|to)\s+(\w+\s+){0,2}$", left, re.I):
                return "modal"
        # (a needle absent from the sentence is absent from any part of it)
        if _HYPOTHETICAL_GATE.may_match(t, folded) and \
                facts.HYPOTHETICAL.search(t[max(0, top.trigger_start - 60): top.trigger_start + 5]) and \
                not re.search(r"\b(killed|died|were|was|exploded)\b", t, re.I):
            return "hypothetical"
        if _FORECAST_GATE.search(t, folded) and not facts.DONE.search(facts.FORECAST.sub(" ", t)):
            return "forecast"
        return None

    def _group(self, sents: list[_Sent], pub: date | None = None) -> list[list[int]]:
        """Consecutive sentences telling one incident form one event; new place/date starts another."""
        groups: list[list[int]] = []
        cur: list[int] | None = None
        cur_places: set[str] = set()
        cur_day: date | None = None
        cur_past = False
        cur_years: set[int] = set()
        last = -2
        for i, s in enumerate(sents):
            if s.event:
                # a country named by its people ("a Russian missile", "a Ukrainian drone") is whose
                # weapon it was, not where: it ties no two incidents together (where the sentence names
                # some other place); a country's possessive ("Israel's army said") never does
                named = [m for m in s.places if not (_is_country(m) and s.text[m.end - s.start:m.end - s.start + 2]
                                                     in ("'s", "’s"))]
                names = {(m.place.key if m.place else m.text.lower()) for m in named
                         if not (_is_country(m) and _fold(m.text) != _fold(m.place.name))} or \
                    {(m.place.key if m.place else m.text.lower()) for m in named}
                days = {d for _, d, p, _ in s.dates if p == 1}
                # "In 2014, militants stormed a school ...": a sentence dated only years back tells
                # another incident than the recent one before it, whatever else they share.
                past = pub is not None and bool(s.dates) and all((pub - d).days > 365 for _, d, _, _ in s.dates)
                years = {d.year for _, d, _, _ in s.dates}
                if cur is not None and s.dates and (past != cur_past or (past and cur_years and not years & cur_years)):
                    cur = None  # ... and two incidents of different years of history are two
                # "The clashes erupted in the western district ...": a sentence that takes up the
                # incident just told goes on telling it, even where it names a finer place.
                same = bool(_ANAPHOR.match(s.text))
                # The toll may come a sentence or two after the lead, past a line of detail that tells
                # no event of its own ("... ambushed a convoy. The attackers seized a truck. Four soldiers
                # were killed in the fighting.").
                if cur is not None and i - last <= 3 and not s.places and _TOLL_ONLY.match(s.text) and \
                        not (days and cur_day and cur_day not in days):
                    cur.append(i)
                    last = i
                    continue
                cont = (cur is not None and i == last + 1
                        and not (names and cur_places and not names & cur_places and not same)
                        and not (days and cur_day and cur_day not in days)
                        and not _NEW_ITEM.match(s.text)
                        and not (names and _in_region_lead(s)))
                if cont and cur is not None and not same:
                    top_old = sents[cur[0]].guesses[0]
                    top_new = s.guesses[0]
                    # Two strong, unrelated incidents in adjacent sentences that each name a place.
                    if names and top_new.score >= 2.5 and top_old.score >= 2.5 and \
                            SUB_EVENT_TYPES[top_new.sub_event_type] != SUB_EVENT_TYPES[top_old.sub_event_type] \
                            and not cur_places:
                        cont = False
                if cont and cur is not None:
                    cur.append(i)
                    cur_places |= names
                    cur_day = cur_day or (min(days) if days else None)
                else:
                    cur = [i]
                    groups.append(cur)
                    cur_places = set(names)
                    cur_day = min(days) if days else None
                    cur_past, cur_years = past, years
                last = i
            elif s.weak and cur is not None and i == last + 1:
                cur.append(i)
                last = i
            else:
                last = -2 if s.why_not else last
                if s.why_not:
                    cur = None
        return groups

    def _choose_place(self, group_sents: list[_Sent], text: str, all_places: list[Mention],
                      doc_cc: str | None = None) -> tuple[Place | None, int]:
        best: tuple[float, Mention] | None = None
        line = dateline(text)
        story = _story_countries(all_places)
        for rank, s in enumerate(group_sents):
            for m in s.places:
                if m.place is None or m.place.lat is None:
                    continue
                left = text[max(0, m.start - 40): m.start]
                sc = 1.0 - 0.3 * rank
                if line is not None and (m.start, m.end) == line:
                    sc -= 1.0  # "MAIDUGURI — ... an assault on a base in Marte": filed from, not where
                # A near spelling of another place, or a place abroad, is most often a wrong reading.
                sc += 0.4 if _exact(m) else -0.9
                if len(m.text) <= 3 and m.text.isupper():
                    sc -= 0.5  # "DC", "LA": an abbreviation is a weaker reading than a name written out
                if doc_cc and m.place.country_code and m.place.country_code != doc_cc:
                    # less so in a country the report tells of by several names (Gaza City, Jenin, ...)
                    sc -= 0.4 if m.place.country_code in story else 1.2
                if not m.place.country_code:
                    sc -= 0.8  # "talks on joining the European Union", "in the Red Sea": no country, a last resort
                if _PRECISE_CUE.search(left[-25:]):
                    sc += 0.6
                if _NOT_LOCATION_CUE.search(left):
                    sc -= 0.8
                if _FACILITY_AFTER.match(text, m.end) or _ROAD_BETWEEN.match(text, m.end) or \
                        (_ROAD_BETWEEN_END.match(text, m.end) and text[max(0, m.start - 1):m.start] == "-"):
                    sc -= 1.0  # "along Okigwe Road, Owerri", "the Makurdi-Gboko highway": a road's name
                elif _BASED_AFTER.match(text, m.end):
                    sc -= 1.0  # "Tripoli-based government": where an actor sits, not where the event is
                elif _NAMED_FACILITY_AFTER.match(text, m.end):
                    sc -= 0.5  # "South Wacha school in Nekemt": a facility's name; the town it is in wins
                if _REFERENCE_POINT.search(text[max(0, m.start - 40): m.start]):
                    sc -= 0.8  # "Gharyan, south of Tripoli": the point the place is told from
                # "in Louieville, Mpumalanga": the place, then the area it lies in (not a list of towns)
                if any(o is not m and text[m.end:o.start].strip() == "," and _contains(o.place, m.place)
                       for o in s.places):
                    sc += 0.3
                elif any(o is not m and text[o.end:m.start].strip() == "," and _contains(m.place, o.place)
                         for o in s.places):
                    sc -= 0.3
                fc = (m.place.feature_class or "").upper()
                if fc == "P" and _AREA_AFTER.match(text, m.end):
                    sc -= 0.5  # "in the eastern Donetsk region, ... shelled the town of X": the area, not a town
                elif fc == "P":
                    sc += 0.5
                elif (m.place.feature_code or "").startswith("PCL"):
                    sc -= 0.6
                sc += 0.1 * (m.score or 0)
                sc -= 0.002 * (m.start - s.start)  # earlier in the sentence
                if best is None or sc > best[0]:
                    best = (sc, m)
        if best is not None and doc_cc is not None and (best[1].score or 0) < 0.5:
            cc = best[1].place.country_code  # type: ignore[union-attr]
            # A weak reading in a country nothing else in the report is in ("the crossing at Ras Jedir"
            # read as Ras, India): no place, rather than a dot on another continent.
            if cc != doc_cc and not any(o is not best[1] and o.place is not None and o.place.country_code == cc
                                        for o in all_places):
                best = None
        # Abroad: in a country nothing else in the report is in. A report about a region ("the juntas in
        # Bamako and Ouagadougou") tells events in each of its countries.
        abroad = best is not None and doc_cc is not None and best[1].place.country_code != doc_cc and not any(
            o.place is not None and o.place.country_code == best[1].place.country_code and  # type: ignore
            _fold(o.text) != _fold(best[1].text) and _exact(o) for o in all_places) and not _sure_city(best[1], text)
        # "In Mexico, gunmen shot dead a candidate in Guerrero state": a reading in the country the
        # event's own sentences name is no doubtful one, whatever else the report is about.
        own_countries = {m.place.country_code for s in group_sents for m in s.places if m.place is not None
                         and (m.place.feature_code or "").upper().startswith("PCL") and _exact(m)
                         # the country's name, not "two Italians"; or its own forces ("Iraqi security forces")
                         and (_fold(m.text) == _fold(m.place.name) or _OWN_FORCES_AFTER.match(text, m.end))}
        if best is not None and best[1].place.country_code in own_countries:  # type: ignore[union-attr]
            abroad = False
        elif best is not None and own_countries and not _exact_primary(best[1]):
            # "In Russia's Belgorod region, ... the village of Zhuravlevka" read as a namesake in Ukraine:
            # a place of the country the sentence names is the better guess
            home = [m for s in group_sents for m in s.places if m.place is not None and m.place.lat is not None
                    and m.place.country_code in own_countries and _exact(m)
                    and not (m.place.feature_code or "").upper().startswith("PCL")]
            if home:
                return home[0].place, 2 if (home[0].place.feature_class or "").upper() == "P" else 3
        if best is not None and (best[0] < 0.3 or abroad) and \
                not (best[1].place.country_code in own_countries and _exact(best[1])):  # type: ignore[union-attr]
            # Only a doubtful reading here (a place abroad, a near spelling): a sure place named
            # elsewhere in the report, in its country, is the better guess.
            for m in all_places:
                if m.place is not None and m.place.lat is not None and _exact(m) and \
                        (m.place.feature_class or "") == "P" and (not doc_cc or m.place.country_code == doc_cc):
                    return m.place, 2
        if best is None and doc_cc and any(_SEAT_OF_STATE.search(s.text) for s in group_sents):
            # "a crowd stormed parliament": the national institutions sit in the capital
            gaz = getattr(self._geoparser, "gaz", None)
            capital = gaz.capital(doc_cc) if gaz is not None else None
            if capital is not None:
                return capital, 1
        if best is None:
            # The event's sentences name no place: use the document's first resolved settlement.
            # The event's sentences name no place ("killed dozens in the area"): the nearest place named
            # before them is the one they go on about; else the first named after.
            at = group_sents[0].start if group_sents else 0
            story = _story_countries(all_places)
            ok = [m for m in all_places if m.place is not None and m.place.lat is not None and
                  (not doc_cc or m.place.country_code == doc_cc or (m.end <= at and m.place.country_code in story))]
            ok.sort(key=lambda m: (not _exact(m), (m.start, m.end) == line, m.start > at,
                                   at - m.start if m.start <= at else m.start))
            for m in ok:
                if (m.place.feature_class or "") == "P":  # type: ignore[union-attr]
                    return m.place, 2  # a town named elsewhere in the report: near it at best
            for m in ok:
                return m.place, 3
            return None, 3
        m = best[1]
        place = m.place
        assert place is not None
        fcode = (place.feature_code or "").upper()
        if fcode.startswith("PCL"):
            # Only the country here ("workers who had worked in Libya protested in Kairouan"): a town the
            # event's own sentences place it in wins, whatever the text's country; else a town the
            # report names in that country (precision 2, as ACLED codes a report's nearest known place).
            for gs_ in group_sents:
                for o in gs_.places:
                    if o.place is not None and o.place.lat is not None and _exact(o) and \
                            (o.place.feature_class or "") == "P" and \
                            _PRECISE_CUE.search(text[max(0, o.start - 25): o.start]) and \
                            not _FACILITY_AFTER.match(text, o.end):
                        return o.place, 2 if _NEAR_CUE.search(text[max(0, o.start - 40): o.start]) else 1
            at = group_sents[0].start if group_sents else 0
            towns = [o for o in all_places if o.place is not None and o.place.lat is not None and _exact(o) and
                     (o.place.feature_class or "") == "P" and o.place.country_code == place.country_code]
            # the town named nearest before the event's sentences, as for a sentence naming no place;
            # the dateline's town ("MAIDUGURI —") only when the report names no other
            towns.sort(key=lambda o: ((o.start, o.end) == line, o.start > at,
                                      at - o.start if o.start <= at else o.start))
            if towns:
                return towns[0].place, 2
        if (place.feature_class or "").upper() != "P" or fcode.startswith(("ADM", "PCL")):
            prec = 3
        elif _NEAR_CUE.search(text[max(0, m.start - 40): m.start]) or re.match(
                r"^\s*(?:area|region|district|outskirts|countryside|environs|suburbs?)\b", text[m.end: m.end + 20], re.I):
            prec = 2
        else:
            prec = 1
        return place, prec

    def _code(self, g: list[int], gi: int, sents: list[_Sent], document: Document, pub: date,
              doc_cc: str | None, places: list[Mention]) -> Event | None:
        gs = [sents[i] for i in g]
        main = gs[0]
        text = document.text
        passage = " ".join(s.text for s in gs)
        guesses = self._classify(passage) if len(gs) > 1 else main.guesses
        if not guesses:
            guesses = main.guesses
        # The lead sentence states the incident: its type gets a head start.
        lead = main.guesses[0].sub_event_type
        scored = sorted(guesses, key=lambda x: -(x.score + (0.35 if x.sub_event_type == lead else 0)))
        top = scored[0]
        if top.sub_event_type == "Arrests" and SUB_EVENT_TYPES[lead] in ("Protests", "Riots"):
            # "Students protested in the town. Forty were arrested after the demonstration": arrests of
            # the protesters are the protest's intervention (ACLED), not an event of their own.
            top = main.guesses[0]
            if lead == "Peaceful protest":
                top = TypeGuess("Protest with intervention", top.score, top.trigger, top.trigger_start)
        elif top.sub_event_type in ("Disrupted weapons use", "Arrests") and main.guesses[0].score >= 2.0 and \
                SUB_EVENT_TYPES[lead] in _VIOLENT_TYPES and top.trigger_start >= len(main.text) and \
                _VIOLENCE_DONE.search(main.text):
            # "Two were killed in a shootout. Police raided the house and seized weapons": what the
            # forces did after the violence ends its story; the violence is the event.
            top = main.guesses[0]
        sub = top.sub_event_type
        et = SUB_EVENT_TYPES[sub]
        # Date: the group's own, else the latest date named before it, else publication (week).
        dd = [d for s in gs for d in s.dates]
        own = [d for d in dd if not _background_date(main, d[0], top.trigger_start if top.trigger else -1,
                                                     d[2] == 3 and (pub - d[1]).days > 365)]
        precise = [d for d in own if d[2] == 1]
        said = [d for d in precise if _statement_day(document.text, d[0])]
        if said and len(said) < len(precise):
            own = [d for d in own if d not in said]
        bd = best_date(own)
        if bd is None and not dd:
            prior = [d for s in sents[: g[0]] for d in s.dates if d[2] == 1]
            if prior:
                bd = (prior[-1][1], prior[-1][2], prior[-1][3])
        if bd is None:
            # A report that dates its incident further on ("The attack took place on Tuesday"): the
            # first day named in the sentences that follow it, up to the next event.
            i = g[-1] + 1
            while bd is None and not dd and i < len(sents) and not sents[i].event:
                later = [d for d in sents[i].dates if d[2] == 1 and 0 <= (pub - d[1]).days <= 31]
                if later:
                    bd = (later[0][1], later[0][2], later[0][3])
                i += 1
        if bd is None:
            day, tprec = pub, 2
        else:
            day, tprec, _ = bd
        # Without a publication date nothing can be called history.
        historical = document.published is not None and (pub - day) > timedelta(days=365)
        if historical and not self.keep_historical:
            return None
        place, gprec = self._choose_place(gs, text, places, doc_cc)
        cc = doc_cc or (place.country_code if place else None)
        here = [m for x in gs for m in x.places if place is not None and m.place is not None
                and m.place.geonameid == place.geonameid]
        if place is not None and place.country_code and place.country_code != cc and \
                (gprec < 3 or (here and (not (place.feature_code or "").startswith("PCL")
                                         or any(_exact_primary(m) for m in here)))) and \
                _exact_place(place, places) and (place.country_code in _story_countries(places) or
                                                 any(_sure_city(m, text) for m in here)):
            cc = place.country_code  # a report on a region: unnamed forces are those of the event's country
        trig_pos = top.trigger_start if top.trigger else main.guesses[0].trigger_start
        a1, t1, a2, t2 = assign(main.text if top.trigger and top.trigger in main.text else passage,
                                trig_pos if top.trigger in main.text else 0, sub, cc)
        if a1 is None and len(gs) > 1:
            a1, t1, a2, t2 = assign(passage, trig_pos, sub, cc)
        if cc == "SO" or (place is not None and place.country_code == "SO" and _exact_place(place, places)):
            a1, a2 = _african_union(a1, pub), _african_union(a2, pub)
        a1, a2 = _period_name(a1, pub), _period_name(a2, pub)
        a1, a2 = _branch_named(a1, text), _branch_named(a2, text)
        n, found = facts.fatalities(passage)
        toll_text = passage
        if not found:
            # The toll is often told apart from the incident ("... Two bodies were found later."):
            # take it from the report's sentences that tell no event of their own, near this one.
            extra = self._toll_sentences(g, sents, pub)
            if extra:
                n, found = facts.fatalities(extra)
                toll_text = extra if found else passage
        if et in ("Protests", "Strategic developments") and sub != "Excessive force against protesters":
            n = n if KILL_WORDS.search(toll_text) or _KILL_PRESENT.search(toll_text) else 0
        if n > 1:
            # ACLED's one event per day and place: a toll told for several days is shared out.
            n = facts.toll_share(passage + " " + self._toll_sentences(g, sents, pub), n,
                                 place.name if place is not None else None)
        certainty, attribution = facts.certainty_of(main.text)
        if certainty == "reported" and len(gs) > 1:
            # a group's claim of responsibility names who did it; it does not make the incident a claim
            told = " ".join(x.text for x in gs if not _CLAIM_OF_TOLD.search(x.text))
            c2, a2t = facts.certainty_of(told)
            if c2 == "claimed":
                certainty = c2
            attribution = attribution or a2t
        score = min(1.0, 0.25 + 0.18 * top.score) * {"confirmed": 1.0, "reported": 0.95, "claimed": 0.85,
                                                       "speculative": 0.7}[certainty]
        score = round(max(0.05, score - 0.03 * gi), 4)
        return Event(
            event_type=et, sub_event_type=sub, date=day, time_precision=tprec, location=place,
            geo_precision=gprec, actor1=a1, actor2=a2, actor1_type=t1, actor2_type=t2, fatalities=n,
            certainty=certainty, attribution=attribution, historical=historical, score=score,
            doc_id=document.id, evidence=[Span(s.start, s.end) for s in gs],
            reports=[Report(doc_id=document.id, start=main.start, end=main.end, sentence=main.text,
                            source=document.source, url=document.url, published=document.published,
                            certainty=certainty, attribution=attribution, title=document.title)],
            notes=passage[:1000],
        )

    @staticmethod
    def _toll_sentences(g: list[int], sents: list[_Sent], pub: date) -> str:
        """Sentences after an event's own (up to the next event), and for the first event those before
        it, that may tell its toll; background dated months back, running totals ("280 killed since
        May"), opinion and forecasts are left out."""
        def usable(s: _Sent) -> bool:
            return not s.event and s.why_not is None and not any((pub - d).days > 60 for _, d, _, _ in s.dates)

        out = []
        i = g[-1] + 1
        while i < len(sents) and not sents[i].event:
            if usable(sents[i]):
                out.append(sents[i].text)
            i += 1
        if not any(s.event for s in sents[: g[0]]):
            out += [s.text for s in sents[: g[0]] if usable(s)]
        return " ".join(out)


SUB_DEFAULT = {"Battles": "Armed clash", "Explosions/Remote violence": "Remote explosive/landmine/IED",
               "Violence against civilians": "Attack", "Protests": "Peaceful protest",
               "Riots": "Violent demonstration", "Strategic developments": "Other"}


# -- JSONL --------------------------------------------------------------------------------------------
def event_json(ev: Event) -> dict[str, Any]:
    loc = None
    if ev.location is not None:
        p = ev.location
        loc = {"name": p.name, "lat": p.lat, "lon": p.lon, "geonameid": p.geonameid,
               "country_code": p.country_code, "admin1": p.admin1, "geo_precision": ev.geo_precision}
    return {"doc_id": ev.doc_id, "event_type": ev.event_type, "sub_event_type": ev.sub_event_type,
            "date": ev.date.isoformat() if ev.date else None, "time_precision": ev.time_precision,
            "location": loc, "actor1": ev.actor1, "actor2": ev.actor2, "actor1_type": ev.actor1_type,
            "actor2_type": ev.actor2_type, "fatalities": ev.fatalities, "certainty": ev.certainty,
            "attribution": ev.attribution, "historical": ev.historical,
            "evidence": [{"start": s.start, "end": s.end} for s in ev.evidence], "score": ev.score}


def _parse_date(v: Any) -> date | None:
    if not v:
        return None
    return date.fromisoformat(str(v)[:10])


def extract_jsonl(input: TextIO, output: TextIO, extractor: EventExtractor | None = None, batch_size: int = 64) -> int:
    """Read documents as JSONL, write one event per line; bad lines are reported and skipped."""
    from eventatlas.nlp import parse_many

    ex = extractor or EventExtractor()
    written = 0

    def flush(batch: list[tuple[str, Document]]) -> int:
        n = 0
        docs = parse_many([d.text for _, d in batch], batch_size=batch_size)
        for (ext_id, d), sdoc in zip(batch, docs, strict=True):
            try:
                evs = ex.extract(d, doc=sdoc)
            except Exception as exc:  # one bad document must not stop the batch
                print(f"events: document {ext_id!r} failed: {exc.__class__.__name__}: {exc}", file=sys.stderr)
                continue
            for ev in evs:
                ev.doc_id = ext_id
                for r in ev.reports:
                    r.doc_id = ext_id
                output.write(json.dumps(event_json(ev), ensure_ascii=False) + "\n")
                n += 1
        return n

    batch: list[tuple[str, Document]] = []
    for lineno, line in enumerate(input, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
            if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
                raise ValueError('expected an object with a "text" string')
            d = Document(text=rec["text"], title=rec.get("title"), published=_parse_date(rec.get("published")),
                         source=rec.get("source"), url=rec.get("url"), external_id=str(rec.get("id") or "") or None)
        except (ValueError, TypeError) as exc:
            print(f"events: input line {lineno}: {exc}", file=sys.stderr)
            continue
        batch.append((d.external_id or d.id, d))
        if len(batch) >= batch_size:
            written += flush(batch)
            batch = []
    if batch:
        written += flush(batch)
    return written
