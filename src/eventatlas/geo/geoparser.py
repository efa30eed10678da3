"""Geoparser: find place names in text and resolve each to a gazetteer entry.

Recognition joins spaCy's entities (GPE, LOC, FAC, and NORP demonyms of countries) with a gazetteer
phrase matcher for names the small model misses or mislabels. Resolution ranks each name's candidates
on generic features (population prior, feature class, the document's other places and countries,
"X, Y" patterns, a country hint, spatial coherence) with a small learned model (see ranker.py and
scripts/train_geo_ranker.py); without the model file a hand-weighted score is used.
"""

from __future__ import annotations

import json
import logging
import math
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

import numpy as np

from eventatlas.model import Mention

from . import sources as S
from .gazetteer import Gazetteer
from .ranker import FEATURES, Ranker
from .relative import relative_location
from .text import name_key

log = logging.getLogger(__name__)

PLACE_LABELS = {"GPE", "LOC", "FAC"}
_LOCATIVE = {"in", "at", "near", "from", "outside", "to", "toward", "towards", "into", "across",
             "of", "around", "through", "throughout", "between", "via", "inside", "within", "nearby",
             "outskirts", "north", "south", "east", "west", "northern", "southern", "eastern",
             "western", "central"}
_MAX_CANDS = 60
_DESIGNATOR = re.compile(
    r"^(?:(?:the\s+)?(?:city|town|township|village|borough|municipality|county|district)\s+of\s+)"
    r"|\s+(?:township|twp\.?|borough|village|city|town|municipality|metropolitan area|metro area)$",
    re.IGNORECASE)
# Countries whose names are also given names: as a "person" they stay people unless after "in", "to"...
_GIVEN_NAME_COUNTRIES = {"chad", "jordan", "georgia", "israel", "india", "kenya", "china", "america", "lebanon"}
_COMPANY_HEADS = {"group", "foundation", "corporation", "corp", "company", "inc", "ltd", "holdings", "plc",
                  "llc", "bank", "airways", "airlines", "energy", "petroleum", "mining", "telecom"}
_QUARTER_NEXT = {"neighbourhood", "neighborhood", "district", "suburb", "quarter", "commune", "township",
                 "municipality", "locality", "village", "town"}
_WEAK = "weak"  # a matcher verdict: a place here, but not evidence for the name elsewhere
_INSIDE_STRONG = {"in", "at", "near", "outside", "inside", "into", "around", "within", "outskirts"}
_INSIDE = _INSIDE_STRONG | {"from", "of", "to"}
_PLACE_NEXT = {"man", "woman", "men", "women", "resident", "residents", "native", "police", "county",
               "city", "area", "region", "province", "district", "based", "-based", "town", "village",
               "sheriff", "mayor", "council", "officials", "authorities", "schools", "hospital",
               "airport", "governor", "state", "high", "university", "department", "couple", "boy",
               "girl", "teen", "family", "--", "—", "–"}
_DIVISION_WORD = re.compile(
    r"\b(?:province|governorate|state|county|parish|region|district|prefecture|oblast|wilayat?)\b",
    re.IGNORECASE)
_AREA_WORD_AFTER = re.compile(r"\s+(?:region|oblast|province|governorate)\b", re.IGNORECASE)
_IN_AREA_BETWEEN = re.compile(r",?\s+in\s+(?:the\s+)?(?:\w+ern\s+|central\s+)?", re.IGNORECASE)
_NOT_PLACE_NEXT = {"virus", "viruses", "fever", "flu", "influenza", "disease", "strain", "vaccine",
                   "syndrome", "encephalitis", "hemorrhagic", "haemorrhagic", "ebolavirus"}
_PLACE_HEADS = {"river", "lake", "mountain", "mountains", "valley", "county", "parish", "island",
                "islands", "province", "district", "region", "city", "town", "village", "bay",
                "sea", "ocean", "desert", "coast", "peninsula", "creek", "hills", "park", "gulf",
                "strait", "canyon", "forest", "plain", "plains", "state", "governorate", "camp"}
_TITLES = {"Mr", "Mrs", "Ms", "Dr", "Sgt", "Lt", "Capt", "Col", "Gen", "Gov", "Sen", "Rep", "Det",
           "Officer", "Coach", "coach", "Judge", "President", "Minister", "Prof", "Rev", "Father",
           "Sister", "Brother", "Chief", "Deputy", "Trooper", "Cpl", "Pvt", "Maj", "Adm", "Sheriff",
           "Mayor", "Attorney", "Pastor", "Saint"}
_GENERIC = {"north", "south", "east", "west", "central", "northern", "southern", "eastern",
            "western", "northeast", "northwest", "southeast", "southwest", "midwest", "centre",
            "center", "gulf", "valley", "delta", "coast", "capital", "lake", "river", "island",
            "islands", "metro", "downtown", "midtown", "uptown", "lot", "god", "union", "liberty",
            "victory", "hope", "paradise", "eden", "unity", "city", "county", "state", "mountain",
            "ms", "mr", "mrs", "dr", "subway", "harmony", "friendship", "justice", "independence",
            "university", "college", "church", "mission", "temple", "christ", "jesus", "allah",
            "federal", "national", "international", "republic", "kingdom", "empire", "bible",
            "reform", "progress", "providence", "trinity", "zion", "calvary", "bethel", "faith",
            "grace", "mercy", "charity", "earth", "world", "globe", "internet", "web", "street",
            "road", "avenue", "bridge", "park", "square", "station", "airport", "port", "harbor",
            "beach", "bay", "hill", "hills", "heights", "village", "town", "township"}


# Lower-case words that end some place names ("Kuils river", "Ras el-Ma", "Sheikh Zuweid city" is no name).
_NAME_TAILS = {"river", "bay", "falls", "hills", "springs", "island", "islands", "lake", "bridge", "junction"}


def _capitalised(tok) -> bool:
    t = tok.text
    return (len(t) > 1 and t[0].isupper() and any(c.isalpha() for c in t) and "$" not in t
            and t not in ("The", "THE", "A", "An"))


def _load_common() -> frozenset[str]:
    path = Path(__file__).parent / "data" / "common_words.txt"
    if not path.exists():
        return frozenset()
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


_COMMON = _load_common()



def haversine_km(a_lat: float, a_lon: float, b_lat: float, b_lon: float) -> float:
    p1, p2 = math.radians(a_lat), math.radians(b_lat)
    dp, dl = p2 - p1, math.radians(b_lon - a_lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


@dataclass
class _M:
    """A mention being resolved: span, candidates (pid, kind, how) and their feature rows."""

    start: int
    end: int
    text: str
    cands: list[tuple[int, int, str]] = field(default_factory=list)
    feats: list[list[float]] = field(default_factory=list)
    choice: int = -1
    probs: list[float] = field(default_factory=list)


class Geoparser:
    """Recognise and resolve toponyms; one instance per process (holds the gazetteer in memory)."""

    def __init__(self, gazetteer: Gazetteer | None = None, ranker: Ranker | None = None) -> None:
        self.gaz = gazetteer or Gazetteer.open()
        self.ranker = ranker if ranker is not None else Ranker.load()

    # -- recognition -----------------------------------------------------------------------------

    def recognise(self, text: str, doc) -> list[tuple[int, int]]:
        """Character spans of place names in a parsed document."""
        n = len(doc)
        ent_of: list = [None] * n
        ents = doc.ents  # each `doc.ents` builds its spans anew from every token
        for ent in ents:
            for i in range(ent.start, ent.end):
                ent_of[i] = ent
        tokens = list(doc)
        persons = self._person_words(doc, ents, tokens)
        covered = [False] * n
        spans: list[tuple[int, int]] = []
        # token attributes read once (each doc[i] builds a new Token object)
        words = [t.text for t in tokens]
        starts = [t.idx for t in tokens]
        ends = [a + len(w) for a, w in zip(starts, words, strict=True)]
        capitalised = [_capitalised(t) for t in tokens]

        def accept(s: int, e: int) -> None:
            spans.append((starts[s], ends[e - 1]))
            for k in range(s, e):
                covered[k] = True

        # 1. spaCy's own place entities (and demonyms of countries)
        for ent in ents:
            label = ent.label_
            if label not in PLACE_LABELS and label != "NORP":
                continue
            s, e = self._trim(ent)
            if s >= e or any(covered[k] for k in range(s, e)):
                continue
            e = self._extend(text, s, e, words, starts, ends, capitalised)
            stext = text[doc[s].idx:doc[e - 1].idx + len(doc[e - 1].text)]
            if not any(c.isupper() for c in stext):
                continue  # "meth", "downtown": a place name is capitalised
            cands = self.gaz.candidates(stext, limit=5)
            exact = [(p, k) for p, k, h in cands if h == "exact"]
            if label == "NORP":
                ok = any(self.gaz.row(p)[7].startswith("PCL") for p, _ in exact)
                if not ok and exact and self._is_place_context(doc, s, e, ent_of, persons):
                    # a town the model took for a people ("in Kasserine"): only after a preposition
                    ok = (s > 0 and doc[s - 1].lower_ in _LOCATIVE
                          and max(self.gaz.row(p)[10] for p, _ in exact) >= 3.5
                          and all(k != S.DEMONYM for _, k in exact))
            elif label == "FAC":
                ok = bool(exact) and self._is_place_context(doc, s, e, ent_of, persons)
            else:
                ok = self._is_place_context(doc, s, e, ent_of, persons)
                if ok and not cands:
                    # unknown to the gazetteer: keep only names that look like places
                    ok = e - s > 1 and doc[e - 1].lower_ in _PLACE_HEADS
                    if not ok:
                        ok = bool(self.gaz.candidates(stext, fuzzy=True, limit=1)) and e - s > 1
            if ok:
                accept(s, e)
        # 2. gazetteer phrase matcher for names the model missed, mislabelled or nested in an org
        weak: set[str] = set()
        i = 0
        while i < n:
            if covered[i] or not capitalised[i]:
                i += 1
                continue
            found = 0
            for j in range(min(n, i + 4), i, -1):
                if any(covered[k] for k in range(i, j)) or not capitalised[j - 1]:
                    continue
                if ent_of[i] is not ent_of[j - 1]:
                    continue  # do not straddle an entity boundary
                stext = text[starts[i]:ends[j - 1]]
                if not self.gaz.has(stext):
                    continue
                verdict = self._matcher_accepts(doc, i, j, stext, ent_of, persons)
                if verdict:
                    accept(i, j)
                    if verdict == _WEAK:
                        weak.add(stext)
                    found = j - i
                    break
            i += found or 1
        # 3. one sense per discourse: other occurrences of a name the model called a place are
        # places too, unless the model calls that word a person somewhere in the document
        person_tokens = {t.text for e in ents if e.label_ == "PERSON" for t in e}
        accepted = {text[a:b] for a, b in spans} - weak
        accepted = {a for a in accepted if not (set(a.split()) & (person_tokens | persons))}
        by_first: dict[str, list[str]] = {}
        for name in accepted:
            by_first.setdefault(name.split()[0] if name.split() else name, []).append(name)
        for i in range(n):
            if covered[i] or words[i] not in by_first:
                continue
            ent = ent_of[i]
            if ent is not None and ent.label_ == "PERSON" and len(ent) > 1:
                continue
            for name in sorted(by_first[words[i]], key=len, reverse=True):
                j = i
                while j < n and ends[j] <= starts[i] + len(name):
                    j += 1
                if text[starts[i]:ends[j - 1]] == name and not any(
                        covered[k] for k in range(i, j)) and self._is_place_context(doc, i, j, ent_of, persons):
                    accept(i, j)
                    break
        spans.sort()
        return spans

    def _extend(self, text: str, s: int, e: int, words: list[str], starts: list[int], ends: list[int],
                capitalised: list[bool]) -> int:
        """'Kaga-Bandoro', 'Ksar Hellal', 'Kuils River': the model often ends a place name a word early;
        take the longest name the gazetteer holds exactly that goes on from it (up to three tokens)."""
        best, j, n = e, e, len(words)
        while j < n and j < e + 3 and (capitalised[j] or words[j] == "-" or words[j].lower() in _NAME_TAILS):
            j += 1
            if words[j - 1] != "-" and any(h == "exact" for _, _, h in
                                           self.gaz.candidates(text[starts[s]:ends[j - 1]], limit=3)):
                best = j
        return best

    @staticmethod
    def _trim(ent) -> tuple[int, int]:
        """Token bounds of an entity without a leading article or a trailing possessive."""
        s, e = ent.start, ent.end
        doc = ent.doc
        while s < e and (doc[s].lower_ in ("the", "a", "an") or doc[s].is_punct):
            s += 1
        while e > s and ((doc[e - 1].is_punct and doc[e - 1].text != ".")
                         or doc[e - 1].text in ("'s", "’s", "'", "’")):
            e -= 1
        return s, e

    def _person_words(self, doc, ents=None, tokens=None) -> set[str]:
        """Words that name people in this document (surnames of PERSON entities, titled names),
        unless the model also calls them places here or they name a country or a big place."""
        out: set[str] = set()
        ents = doc.ents if ents is None else ents
        tokens = list(doc) if tokens is None else tokens
        places = {t.text for e in ents if e.label_ in ("GPE", "LOC") for t in e}
        for ent in ents:
            if ent.label_ == "PERSON" and len(ent) > 1:
                out.update(t.text for t in ent if t.is_title and len(t) > 2)
        for t, nxt in zip(tokens, tokens[1:], strict=False):
            if nxt.is_title and t.text.rstrip(".") in _TITLES:
                out.add(nxt.text)
        keep = set()
        for w in out - places:
            cands = self.gaz.candidates(w, limit=3)
            if not any(h == "exact" and (self.gaz.row(p)[10] >= 6.0 or self.gaz.row(p)[7].startswith("PCL"))
                       for p, _k, h in cands):
                keep.add(w)
        return keep

    def _is_place_context(self, doc, s: int, e: int, ent_of, persons: set[str]) -> bool:
        """Reject names used as people here: surnames of the document's persons, "X said"."""
        if e - s == 1 and doc[s].text in persons:
            return False
        if e - s == 1 and doc[s].lower_.rstrip(".") in _GENERIC:
            return False
        if e < len(doc) and doc[e].lower_ in _NOT_PLACE_NEXT:
            return False  # "Marburg virus", "Lyme disease", "Spanish flu"
        prev = doc[s - 1].lower_ if s > 0 else ""
        if (e < len(doc) and doc[e].lower_ in ("said", "says", "told", "added", "explained", "states")
                and prev not in _LOCATIVE):
            return False
        return not (s > 0 and doc[s - 1].text.rstrip(".") in _TITLES)

    def _matcher_accepts(self, doc, i: int, j: int, stext: str, ent_of, persons: set[str]) -> bool | str:
        cands = self.gaz.candidates(stext, limit=8)
        exact = [(p, k) for p, k, h in cands if h == "exact"]
        if not exact or not self._is_place_context(doc, i, j, ent_of, persons):
            return False
        rows = [self.gaz.row(p) for p, _ in exact]
        best = max(r[10] for r in rows)
        kinds = {k for _, k in exact}
        major = any(r[7].startswith("PCL") or r[7] in ("ADM1", "CONT") for r in rows)
        ent = ent_of[i]
        label = ent.label_ if ent is not None else None
        prev = doc[i - 1].lower_ if i > 0 else ""
        nxt = doc[j].lower_ if j < len(doc) else ""
        locative = prev in _LOCATIVE or nxt in _PLACE_NEXT
        if kinds == {S.DEMONYM}:
            return label is None and doc[i].pos_ in ("ADJ", "PROPN", "NOUN") and best >= 6
        if stext.isupper() and len(stext) <= 3:
            return S.ALIAS in kinds and best >= 6.5
        # a capitalised common word ("Police", "Hall", "Story") needs a strong reading
        if all(doc[k].lower_.strip(".") in _COMMON for k in range(i, j)):
            if not (major or best >= 6.3):
                return False
        if label == "PERSON":
            whole = ent.start == i and (ent.end == j or (ent.end == j + 1 and doc[j].text in ("'s", "’s")))
            if whole and (prev in _LOCATIVE or nxt in _QUARTER_NEXT) and best >= 3.5:
                return True  # "in Delmas", "the Delmas neighbourhood": a person's name would not be there
            # "Burkina Faso, Mali and Niger", "Togo's leader": the small model often takes a country in
            # a list, or with a possessive, for a person
            listed = prev in (",", "and", "or", "&") or nxt in (",", "and", "or", "&", "'s", "’s")
            return whole and listed and stext.lower() not in _GIVEN_NAME_COUNTRIES and \
                any(r[7].startswith("PCL") for r in rows)
        if label in ("ORG", "FAC", "EVENT", "WORK_OF_ART", "PRODUCT", "LAW"):
            whole = ent.start == i and ent.end == j
            if whole:
                if best >= 6.5 or (major and best >= 5) or (nxt in _PLACE_NEXT and best >= 3.3):
                    return True
                # "in Kaga-Bandoro", "in Ksar Hellal": the model's ORG may be a town's whole name; a
                # reading too weak to be taken for the name's other occurrences ("release of Hamas").
                if best < 3.3 or prev not in _INSIDE:
                    return False
                return True if prev in _INSIDE_STRONG else _WEAK
            # "Gainesville Police Department", "University of Cincinnati": at the start or after "of";
            # but "Wagner Group", "Dangote Foundation" are named after people
            if nxt in _COMPANY_HEADS:
                return False
            at_start = i == ent.start or (i == ent.start + 1 and doc[ent.start].lower_ == "the")
            if at_start and prev not in ("of", "in", "at") and S.PRIMARY not in kinds and best < 6.5:
                return False  # "Cabo Ligado": a place's other name at the head of an organisation's
            return (at_start or prev in ("of", "in", "at")) and best >= 3.3
        if label is not None and label not in PLACE_LABELS and label != "NORP":
            return False  # dates, numbers, ...
        if label in PLACE_LABELS and ent.start == i and ent.end > j and doc[j].is_title and best < 5.0 and \
                doc[j].lower_ not in _PLACE_HEADS and doc[j].lower_ not in _GENERIC and \
                not _DIVISION_WORD.match(doc[j].text):
            return False  # "Tin" of "Tin Zaouatene": the first word of a longer name is another place
        if doc[i].pos_ not in ("PROPN",) and not doc[i].is_upper:
            return best >= 6.5 and not doc[i].is_sent_start
        return (locative and best >= 3.3) or best >= 5.0

    # -- resolution ------------------------------------------------------------------------------

    def geoparse(
        self,
        text: str,
        doc=None,
        spans: list[tuple[int, int]] | None = None,
        country_hint: str | None = None,
        home_country: str | None = None,
    ) -> list[Mention]:
        """Place mentions of a text, resolved; an unresolvable name gets place None and a reason."""
        if spans is None:
            if doc is None:
                from eventatlas.nlp import parse

                doc = parse(text)
            spans = self.recognise(text, doc)
        ms = [_M(s, e, text[s:e]) for s, e in spans]
        try:
            self._resolve(text, ms, (country_hint or "").upper() or None, (home_country or "").upper() or None)
        except Exception as exc:  # never lose a document to one bad name
            log.warning("resolution failed, falling back to priors: %s", exc)
            for m in ms:
                m.choice = 0 if m.cands else -1
                m.probs = [1.0] * len(m.cands)
        out = []
        for m in ms:
            if m.choice < 0:
                out.append(Mention(m.start, m.end, m.text, "place", None, 0.0,
                                   "not in gazetteer" if not m.cands else "no candidate chosen"))
                continue
            pid = m.cands[m.choice][0]
            place = self.gaz.place(pid)
            tot = sum(m.probs) or 1.0
            score = m.probs[m.choice] / tot if len(m.probs) > 1 else m.probs[m.choice]
            mention = Mention(m.start, m.end, m.text, "place", place, round(float(score), 4), None, m.cands[m.choice][2])
            rel = relative_location(text, mention)
            if rel is not None:
                mention.reason = (f"relative: {rel.phrase} (geo_precision 2"
                                  + (f"; offset point {rel.lat:.4f},{rel.lon:.4f}" if rel.distance_km and rel.lat is not None else "")
                                  + ")")
            out.append(mention)
        return out

    def _lookup(self, name: str) -> list[tuple[int, int, str]]:
        clean = re.sub(r"^(?:the)\s+", "", name.strip(), flags=re.I)
        clean = re.sub(r"['’]s$", "", clean)
        cands = self.gaz.candidates(clean, limit=_MAX_CANDS)
        if not cands:
            # "Readington Township", "Town of Groton", "City of Oxford": the name without its title
            bare = _DESIGNATOR.sub("", clean).strip(" ,")
            if bare and bare != clean:
                cands = self.gaz.candidates(bare, limit=_MAX_CANDS)
        if not cands:
            cands = self.gaz.candidates(clean, fuzzy=True, limit=10)
        return cands

    def _resolve(self, text: str, ms: list[_M], hint: str | None, home: str | None) -> None:
        gaz = self.gaz
        for m in ms:
            m.cands = self._lookup(m.text)
        feats_doc = _DocContext(gaz, text, ms, hint, home, self._lookup)
        # pass 1 without coherence, pass 2 with the pass-1 choices as the spatial context
        for _ in range(2):
            rows: list[list[float]] = []
            for mi, m in enumerate(ms):
                m.feats = [feats_doc.features(mi, ci) for ci in range(len(m.cands))]
                rows.extend(m.feats)
            scores = self.ranker.score(rows) if rows else []
            if hint or home:
                # the caller's word ("this text is about Libya") and the source's home region
                # are strong evidence the corpora cannot teach: a fixed shift in log-odds
                scores = [_shift(p, _HINT_SHIFT * r[_HINT] + _HOME_SHIFT * r[_HOME])
                          for p, r in zip(scores, rows, strict=True)]
            k = 0
            for m in ms:
                m.probs = list(scores[k:k + len(m.cands)])
                k += len(m.cands)
                m.choice = max(range(len(m.cands)), key=lambda c: m.probs[c]) if m.cands else -1
            feats_doc.update_choices()
        # a division and its seat of the same name (Cairo, Sirte, Benghazi): a bare name is the town
        for m in ms:
            if m.choice < 0 or _DIVISION_WORD.search(m.text):
                continue
            r = gaz.row(m.cands[m.choice][0])
            if r[6] != "A" or r[7] not in ("ADM1", "ADM2") or r[3] is None:
                continue
            for ci, (pid, kind, how) in enumerate(m.cands):
                t = gaz.row(pid)
                if (t[6] == "P" and kind == S.PRIMARY and how == "exact" and t[5] == r[5]
                        and t[3] is not None and haversine_km(t[3], t[4], r[3], r[4]) < 100
                        and m.probs[ci] >= 0.3 * m.probs[m.choice]):
                    m.choice = ci
                    break
        self._areas_named(text, ms)
        # one sense per discourse: repeated identical names share the best-scored reading
        best: dict[str, tuple[float, int]] = {}
        for m in ms:
            if m.choice >= 0:
                k = name_key(m.text)
                p = m.probs[m.choice] / (sum(m.probs) or 1)
                if k not in best or p > best[k][0]:
                    best[k] = (p, m.cands[m.choice][0])
        for m in ms:
            if m.choice >= 0:
                pid = best[name_key(m.text)][1]
                for ci, c in enumerate(m.cands):
                    if c[0] == pid:
                        m.choice = ci
                        break

    def _areas_named(self, text: str, ms: list[_M]) -> None:
        """"Pokrovsk in the Donetsk region": a name said to be a province's is read in the country of
        the province of that name, and a place said to lie in it is read inside it, where such
        readings exist (not Engels, once called Pokrovsk, nor Donetsk in Russia)."""
        gaz = self.gaz
        for mi, m in enumerate(ms):
            if m.choice < 0 or not _AREA_WORD_AFTER.match(text, m.end):
                continue
            areas = [gaz.row(pid) for pid, _kind, how in m.cands if how == "exact" and gaz.row(pid)[7] == "ADM1"]
            if not areas:
                continue
            chosen = gaz.row(m.cands[m.choice][0])
            area = next((a for a in areas if a[5] == chosen[5] and a[8] == chosen[8]), None)
            if area is None:
                area = areas[0]
                for ci, (pid, _kind, how) in enumerate(m.cands):
                    t = gaz.row(pid)
                    if how == "exact" and t[5] == area[5] and t[8] == area[8]:
                        m.choice = ci
                        break
            # a place before it "in the ... region" lies in that province
            if mi > 0 and ms[mi - 1].choice >= 0 and _IN_AREA_BETWEEN.fullmatch(text[ms[mi - 1].end:m.start]):
                prev = ms[mi - 1]
                for ci, (pid, _kind, how) in enumerate(prev.cands):
                    t = gaz.row(pid)
                    if how == "exact" and t[5] == area[5] and t[8] == area[8] and t[7] != "ADM1":
                        prev.choice = ci
                        break

    def candidate_table(self, text: str, spans: list[tuple[int, int]], country_hint: str | None = None):
        """(mentions, feature rows) for training: each mention's candidates and their features."""
        ms = [_M(s, e, text[s:e]) for s, e in spans]
        self._resolve(text, ms, (country_hint or "").upper() or None, None)
        return ms


_HINT, _HOME = FEATURES.index("hint_match"), FEATURES.index("home_match")
_HINT_SHIFT, _HOME_SHIFT = 2.5, 1.0


def _shift(p: float, delta: float) -> float:
    if delta == 0:
        return p
    p = min(max(p, 1e-9), 1 - 1e-9)
    return 1.0 / (1.0 + math.exp(-(math.log(p / (1 - p)) + delta)))


_BLOCK_CELLS = 250_000  # candidate x reading distances computed at once


def _distances(C: np.ndarray, P: np.ndarray) -> np.ndarray:
    """Great-circle km between each candidate (rows of C) and each reading (rows of P), both in
    radians; a candidate without coordinates is 20000 km from everything."""
    dlat = P[None, :, 0] - C[:, None, 0]
    dlon = P[None, :, 1] - C[:, None, 1]
    h = np.sin(dlat / 2) ** 2 + np.cos(C[:, None, 0]) * np.cos(P[None, :, 0]) * np.sin(dlon / 2) ** 2
    D = 2 * 6371.0088 * np.arcsin(np.sqrt(np.clip(h, 0, 1)))
    return np.nan_to_num(D, nan=20000.0)


class _DocContext:
    """Document-level evidence shared by all mentions: countries, divisions, X-Y pairs, choices."""

    def __init__(self, gaz: Gazetteer, text: str, ms: list[_M], hint: str | None, home: str | None,
                 lookup) -> None:
        self.gaz, self.ms, self.hint, self.home = gaz, ms, hint, home
        n = len(ms)
        self.keys = [name_key(m.text) for m in ms]
        # countries and first-level divisions that each mention may name
        self.m_countries: list[set[str]] = []
        self.m_admins: list[set[tuple[str, str]]] = []
        for m in ms:
            cs: set[str] = set()
            ad: set[tuple[str, str]] = set()
            for pid, _kind, how in m.cands[:15]:
                r = gaz.row(pid)
                if how != "exact":
                    continue
                if r[7].startswith("PCL"):
                    cs.add(r[5])
                elif r[7] == "ADM1":
                    ad.add((r[5], r[8]))
            self.m_countries.append(cs)
            self.m_admins.append(ad)
        # "X, Y": the next mention right after a comma, or a raw "Y" looked up
        self.container: list[tuple[set[str], set[tuple[str, str]]]] = [(set(), set())] * n
        self.contained_by_prev: list[bool] = [False] * n
        for i, m in enumerate(ms):
            after = text[m.end:m.end + 40]
            mm = re.match(r"\s*,\s*((?:[A-Z][A-Za-z]*\.?(?:\s|$)?){1,3})", after)
            if not mm:
                continue
            ystart = m.end + mm.start(1)
            j = next((k for k in range(i + 1, n) if ms[k].start == ystart), None)
            if j is not None:
                self.container[i] = (self.m_countries[j], self.m_admins[j])
                self.contained_by_prev[j] = True
            else:
                words = mm.group(1).split()
                cs, ad = set(), set()
                for w in range(len(words), 0, -1):
                    for pid, _k, how in lookup(" ".join(words[:w]))[:15]:
                        r = gaz.row(pid)
                        if how == "exact" and r[7].startswith("PCL"):
                            cs.add(r[5])
                        elif how == "exact" and r[7] == "ADM1":
                            ad.add((r[5], r[8]))
                    if cs or ad:
                        break
                self.container[i] = (cs, ad)
        self.country_count: dict[str, int] = {}
        for cs in self.m_countries:
            for c in cs:
                self.country_count[c] = self.country_count.get(c, 0) + 1
        self.admin_count: dict[tuple[str, str], int] = {}
        for ad in self.m_admins:
            for a in ad:
                self.admin_count[a] = self.admin_count.get(a, 0) + 1
        self._any_distance()
        self.choices: list[int | None] = [None] * n
        self._placed: list[tuple[str, float, float, float, str | None]] = []
        self._coherence_memo: dict[tuple[int, str], tuple[float, float, int, int]] = {}
        self.choice_cc: dict[str, int] = {}
        self.choice_a1: dict[tuple[str, str], int] = {}
        self.n_choices = 0

    def _any_distance(self, pool_k: int = 8, near_km: float = 100.0) -> None:
        """For every candidate: the distance to the nearest reading of any other name in the
        document, and the share of other names that have some reading within `near_km`.

        Distances are computed for blocks of mentions at once (every candidate against every pooled
        reading); each mention then takes its rows and the columns of the other names' readings."""
        gaz, ms = self.gaz, self.ms
        keys = self.keys
        pts, owner = [], []
        for j, m in enumerate(ms):
            for pid, _k, _h in m.cands[:pool_k]:
                r = gaz.row(pid)
                if r[3] is not None:
                    pts.append((r[3], r[4]))
                    owner.append(j)
        self.dmin_any: list[list[float]] = [[20000.0] * len(m.cands) for m in ms]
        self.near_any: list[list[float]] = [[0.0] * len(m.cands) for m in ms]
        if not pts:
            return
        coords = []
        for m in ms:
            for p, _, _ in m.cands:
                r = gaz.row(p)
                coords.append((r[3] if r[3] is not None else np.nan, r[4] if r[4] is not None else np.nan))
        if not coords:
            return
        P = np.radians(np.array(pts))
        C = np.radians(np.array(coords))
        # readings are pooled mention by mention: each owner's columns are one contiguous block
        owners = sorted(set(owner))
        starts = [owner.index(j) for j in owners]
        key_of_point = np.array([keys[j] for j in owner], dtype=object)
        key_of_owner = np.array([keys[j] for j in owners], dtype=object)
        bounds, row = [], 0
        for m in ms:
            bounds.append((row, row + len(m.cands)))
            row += len(m.cands)
        i = 0
        while i < len(ms):
            # a block of mentions whose distance matrix stays small (long documents, many candidates)
            k = i + 1
            while k < len(ms) and (bounds[k][1] - bounds[i][0]) * len(pts) <= _BLOCK_CELLS:
                k += 1
            D = _distances(C[bounds[i][0]:bounds[k - 1][1]], P)
            near_owner = np.logical_or.reduceat(D <= near_km, starts, axis=1)  # candidate x owner
            for mi in range(i, k):
                first, last = bounds[mi][0] - bounds[i][0], bounds[mi][1] - bounds[i][0]
                if first == last:
                    continue
                mask = key_of_point != keys[mi]
                if not mask.any():
                    continue
                others = key_of_owner != keys[mi]
                self.dmin_any[mi] = D[first:last][:, mask].min(axis=1).tolist()
                self.near_any[mi] = (near_owner[first:last][:, others].sum(axis=1) / int(others.sum())).tolist()
            i = k

    def update_choices(self) -> None:
        self.choices = [m.cands[m.choice][0] if m.choice >= 0 else None for m in self.ms]
        self.choice_cc, self.choice_a1 = {}, {}
        self.n_choices = 0
        # the chosen readings with a position, for spatial coherence: (name key, latitude in radians,
        # its cosine, longitude, country), in mention order
        self._placed = []
        for j, p in enumerate(self.choices):
            r2 = self.gaz.row(p) if p is not None else None
            if r2 is not None and r2[3] is not None:
                lat2 = math.radians(r2[3])
                self._placed.append((self.keys[j], lat2, math.cos(lat2), r2[4], r2[5]))
        self._coherence_memo: dict[tuple[int, str], tuple[float, float, int, int]] = {}
        for p in self.choices:
            if p is not None:
                r = self.gaz.row(p)
                self.n_choices += 1
                if r[5]:
                    self.choice_cc[r[5]] = self.choice_cc.get(r[5], 0) + 1
                    if r[8] and not r[7].startswith("PCL"):
                        a = (r[5], r[8])
                        self.choice_a1[a] = self.choice_a1.get(a, 0) + 1

    def _coherence(self, r: tuple, key: str) -> tuple[float, float, int, int]:
        """(nearest distance, sum of log distances, same-country count, count) from a reading to the
        chosen readings of the other names. It depends only on the reading and the mention's name
        (every mention of that name is left out), so repeated names share one computation."""
        dmin, dmean, same_cc, n_other = 20000.0, 0.0, 0, 0
        if r[3] is None or not self._placed:
            return dmin, dmean, same_cc, n_other
        memo_key = (r[0], key)
        got = self._coherence_memo.get(memo_key)
        if got is not None:
            return got
        lon, cc = r[4], r[5] or ""
        lat1 = math.radians(r[3])
        cos1 = math.cos(lat1)
        sin, asin, sqrt, log1p, radians = math.sin, math.asin, math.sqrt, math.log1p, math.radians
        for key2, lat2, cos2, lon2, cc2 in self._placed:
            if key2 == key:
                continue
            # haversine_km(r[3], r[4], lat, lon of the other reading), written out, same operations
            h = sin((lat2 - lat1) / 2) ** 2 + cos1 * cos2 * sin(radians(lon2 - lon) / 2) ** 2
            d = 2 * 6371.0088 * asin(min(1.0, sqrt(h)))
            dmin = min(dmin, d)
            dmean += log1p(d)
            n_other += 1
            same_cc += cc2 == cc
        got = (dmin, dmean, same_cc, n_other)
        self._coherence_memo[memo_key] = got
        return got

    def features(self, mi: int, ci: int) -> list[float]:
        gaz = self.gaz
        m = self.ms[mi]
        pid, kind, how = m.cands[ci]
        r = gaz.row(pid)
        cc, fcode, a1, prior = r[5] or "", r[7] or "", r[8] or "", r[10]
        top = gaz.row(m.cands[0][0])[10]
        is_pcl = fcode.startswith("PCL")
        own_c = cc in self.m_countries[mi]
        n_country = self.country_count.get(cc, 0) - (1 if own_c else 0)
        own_a = (cc, a1) in self.m_admins[mi]
        n_admin = self.admin_count.get((cc, a1), 0) - (1 if own_a else 0)
        cont_c, cont_a = self.container[mi]
        xy = 1.0 if ((cc, a1) in cont_a or (cc in cont_c and not is_pcl)) else 0.0
        xy_any = 1.0 if (cont_c or cont_a) else 0.0
        contained = 0.0
        if self.contained_by_prev[mi] and (is_pcl or fcode == "ADM1"):
            prev = self.ms[mi - 1] if mi > 0 else None
            if prev is not None:
                for p2, _k, _h in prev.cands[:30]:
                    r2 = gaz.row(p2)
                    if r2[5] == cc and (is_pcl or r2[8] == a1) and r2[0] != pid:
                        contained = 1.0
                        break
        # spatial coherence with the other mentions' current choices
        dmin, dmean, same_cc, n_other = self._coherence(r, self.keys[mi])
        dmean = dmean / n_other if n_other else math.log1p(20000.0)
        n_choice_cc = self.choice_cc.get(cc, 0)
        if self.choices[mi] is not None and gaz.row(self.choices[mi])[5] == cc:
            n_choice_cc -= 1
        key = name_key(m.text)
        primary_same = 1.0 if name_key(r[2]) == key else 0.0
        n_a1 = self.choice_a1.get((cc, a1), 0) if a1 and not is_pcl else 0
        own = self.choices[mi]
        if own is not None and n_a1:
            ro = gaz.row(own)
            n_a1 -= ro[5] == cc and ro[8] == a1
        others = self.n_choices - (own is not None)
        return [
            prior,
            prior - top,
            min(ci, 10) / 10.0,
            1.0 if kind == S.PRIMARY else 0.0,
            1.0 if kind == S.ALTERNATE else 0.0,
            1.0 if kind == S.ALIAS else 0.0,
            1.0 if kind == S.DEMONYM else 0.0,
            1.0 if how != "exact" else 0.0,
            1.0 if is_pcl else 0.0,
            1.0 if fcode == "ADM1" else 0.0,
            1.0 if fcode == "ADM2" else 0.0,
            1.0 if r[6] == "P" else 0.0,
            1.0 if fcode in ("CONT", "RGN") else 0.0,
            min(n_country, 3) / 3.0,
            min(n_admin, 3) / 3.0,
            xy,
            xy_any,
            contained,
            1.0 if self.hint and cc == self.hint else 0.0,
            1.0 if self.hint and cc != self.hint else 0.0,
            1.0 if self.home and cc == self.home else 0.0,
            math.log1p(dmin) / 10.0 if n_other else 1.0,
            dmean / 10.0,
            1.0 if n_other else 0.0,
            same_cc / n_other if n_other else 0.0,
            min(n_choice_cc, 5) / 5.0,
            math.log1p(len(m.cands)) / 4.0,
            primary_same,
            1.0 if fcode == "PPLC" else 0.0,
            1.0 if (r[9] or 0) == 0 and r[6] == "P" else 0.0,
            1.0 if m.text.isupper() else 0.0,
            n_a1 / others if others > 0 else 0.0,
            1.0 if r[6] == "H" else 0.0,
            math.log1p(self.dmin_any[mi][ci]) / 10.0,
            self.near_any[mi][ci],
        ]


assert len(FEATURES) == 35


# -- JSONL ---------------------------------------------------------------------------------------


def _mention_json(m: Mention) -> dict:
    p = m.place
    return {
        "start": m.start, "end": m.end, "text": m.text,
        "lat": None if p is None else p.lat, "lon": None if p is None else p.lon,
        "geonameid": None if p is None else p.geonameid,
        "country_code": None if p is None else p.country_code,
        "feature_code": None if p is None else p.feature_code,
        "name": None if p is None else p.name,
        "score": m.score,
        **({"reason": m.reason} if m.reason else {}),
    }


def geoparse_jsonl(
    input: TextIO,
    output: TextIO,
    given_spans: bool = False,
    country_hint: str | None = None,
    geoparser: Geoparser | None = None,
    batch_size: int = 32,
) -> int:
    """Geoparse a JSONL stream ({"id","text"[,"toponyms"]} per line); returns the docs written."""
    gp = geoparser or Geoparser()
    count = 0
    # (line number, id, text, spans, error): errors stay in the batch so output keeps input order
    batch: list[tuple[int, object, str, list | None, str | None]] = []

    def flush() -> None:
        nonlocal count
        if not batch:
            return
        docs: Iterable = [None] * len(batch)
        if not given_spans:
            from eventatlas.nlp import parse_many

            docs = parse_many([b[2] for b in batch], batch_size=batch_size)
        for (lineno, did, text, spans, error), doc in zip(batch, docs, strict=True):
            if error is None:
                try:
                    ms = gp.geoparse(text, doc=doc, spans=spans, country_hint=country_hint)
                    output.write(json.dumps({"id": did, "toponyms": [_mention_json(m) for m in ms]},
                                            ensure_ascii=False) + "\n")
                except Exception as exc:  # noqa: BLE001 - one bad document must not stop the batch
                    error = f"line {lineno}: {exc}"
            if error is not None:
                print(f"geoparse: {error}", file=sys.stderr)
                output.write(json.dumps({"id": did, "error": error}, ensure_ascii=False) + "\n")
            count += 1
        batch.clear()

    for lineno, line in enumerate(input, start=1):
        if not line.strip():
            continue
        did = None
        try:
            obj = json.loads(line)
            if not isinstance(obj, dict):
                raise ValueError("line is not a JSON object")
            did = obj.get("id")
            text = obj.get("text")
            if not isinstance(text, str):
                raise ValueError('missing "text" string')
            spans = None
            if given_spans:
                tops = obj.get("toponyms")
                if not isinstance(tops, list):
                    raise ValueError('--given-spans needs a "toponyms" list')
                spans = [(int(t["start"]), int(t["end"])) for t in tops]
                if any(not (0 <= s < e <= len(text)) for s, e in spans):
                    raise ValueError("a toponym span lies outside the text")
        except (ValueError, KeyError, TypeError) as exc:
            batch.append((lineno, did, "", None, f"line {lineno}: {exc}"))
            continue
        batch.append((lineno, did, text, spans, None))
        if len(batch) >= batch_size:
            flush()
    flush()
    return count
