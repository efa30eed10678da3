"""Resolve the date of an event against the report's publication date, with regexes (fast).

Returns (date, time_precision) with ACLED precision: 1 day, 2 week, 3 month or vaguer. Weekday
references mean the most recent such day on or before publication; a day and month without a year
mean the most recent such date on or before publication.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from .literals import Gate, fold_case

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], 1)}
MONTH_ABBR = {m[:3]: i for m, i in MONTHS.items()}
MONTH_ABBR["sept"] = 9
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
NUMWORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
            "nine": 9, "ten": 10, "a": 1, "an": 1, "a couple of": 2, "a few": 3, "several": 3}

_MON = r"(jan(?:uary|aury)?|feb(?:ruary|uary|urary|rary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|" \
       r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_MAYBE_YEAR = r"(?:,?\s+(\d{4}))?"
# "21st October Street", "the 6 April Bridge": a date naming a street, square or movement is no date.
_NOT_NAME = r"(?!\s+(?:street|st\b|road|rd\b|avenue|ave\b|square|bridge|stadium|hospital|university|school|" \
            r"movement|revolution|district|city|town|camp|brigade|battalion|martyrs|mosque|boulevard|blvd|" \
            r"highway|market|neighbou?rhood|quarter|park|hall|airport|base|junction|roundabout)\b)"
_DASH = r"\s*(?:-|–|—|to|and|until|till|through)\s*"
PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")),
    # Ranges: the first day is the event's date ("18-21 May", "Dec 7-10", "from 3 to 5 March").
    ("d_range", re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?" + _DASH + r"\d{1,2}(?:st|nd|rd|th)?(?:\s+of)?\s+" + _MON
                           + _MAYBE_YEAR + r"\b", re.I)),
    ("m_range", re.compile(r"\b" + _MON + r"\s*(\d{1,2})(?:st|nd|rd|th)?" + _DASH + r"\d{1,2}(?:st|nd|rd|th)?\b"
                           + _MAYBE_YEAR, re.I)),
    ("dmy_num", re.compile(r"(?<![\d/.])(\d{1,2})[/.](\d{1,2})(?:[/.](\d{2,4}))?(?![\d/])")),
    ("d_month", re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?\s+" + _MON + _MAYBE_YEAR + r"\b" + _NOT_NAME,
                           re.I)),
    ("month_d", re.compile(r"\b" + _MON + r"\s+(\d{1,2})(?:st|nd|rd|th)?\b(?!\s*(?:people|killed|%|km))"
                           + _MAYBE_YEAR + _NOT_NAME, re.I)),
    # "Monday the 8th", "on the 12th": a day of the current (or last) month.
    ("the_nth", re.compile(r"\b(?:on\s+|since\s+)?(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+)?"
                           r"the\s+(\d{1,2})(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?" + _MON + r")" + _NOT_NAME +
                           r"(?!\s+(?:division|regiment|infantry|corps|company|squadron|armou?red|mechani[sz]ed|army|"
                           r"anniversary|century|floor|grade|session|congress|summit|round|edition|time|day|"
                           r"annual|military|motori[sz]ed|special|commando|border|presidential|national)\b)", re.I)),
    ("weekday", re.compile(r"\b(?:(last|this past|past|on|early|late|this|next)\s+)?(monday|tuesday|wednesday|"
                           r"thursday|friday|saturday|sunday)(?:'s)?\b", re.I)),
    ("rel_day", re.compile(r"\b(yesterday|today|tonight|this morning|this afternoon|this evening|"
                           r"last night|overnight|earlier today|the day before yesterday)\b", re.I)),
    ("ago", re.compile(r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|a|an|a couple of|a few|"
                       r"several)\s+(day|days|week|weeks|month|months|year|years)\s+ago\b", re.I)),
    ("last_unit", re.compile(r"\b(last|this|earlier this|late last|early last|past)\s+(week|month|year|"
                             r"weekend)\b", re.I)),
    ("relative", re.compile(r"\b(the (?:next|following|previous|preceding) (?:day|morning|evening|night|week)|"
                            r"the day (?:before|after)|(?:a|one|two|three) days? (?:later|earlier|before))\b",
                            re.I)),
    ("month_year", re.compile(r"\b(?:in|since|during|from|by|late|early|mid-?)\s+" + _MON + r"(?:\s+(\d{4}))?\b",
                              re.I)),
    ("year", re.compile(r"\b(?:in|since|during|of|from|by|back in|until|year)\s+((?:19|20)\d{2})\b", re.I)),
]


def _month(s: str) -> int | None:
    s = s.lower().rstrip(".")
    return MONTHS.get(s) or MONTH_ABBR.get(s[:4] if s.startswith("sept") else s[:3])


def _year_for(month: int, day: int, pub: date) -> date | None:
    """The most recent (month, day) on or before publication (a day's slack for time zones)."""
    for y in (pub.year, pub.year - 1):
        try:
            d = date(y, month, day)
        except ValueError:
            return None
        if d <= pub + timedelta(days=1):
            return d
        if (d - pub).days <= 60:
            return None  # "the run-off on March 20", weeks ahead: a coming date, not last year's
    return None


def _num(s: str) -> int:
    s = s.lower()
    return int(s) if s.isdigit() else NUMWORDS.get(s, 1)


# Places and bodies named after a date ("6th of October City", "July 26 Street", "the 17 February
# Brigade"): the date in such a name tells nothing about when anything happened.
_NAMED_AFTER = re.compile(r"(?:st|nd|rd|th)?\s+(?:Street|St\b|Avenue|Ave\b|Road|Rd\b|Bridge|Square|Stadium|Airport|"
                          r"suburb|City|district|University|Hospital|Camp|Brigade|Battalion|Movement|Revolution|"
                          r"Coalition|Alliance|Youth|Martyrs|"
                          # "the February 18 presidential election": an election named by its day
                          r"(?i:(?:(?:parliamentary|presidential|general|local|legislative|municipal|by-?)\s+)?"
                          r"(?:elections?|polls?|referendum|run-?off)))\b")
_GATED_PATTERNS = [(kind, pat, Gate(pat)) for kind, pat in PATTERNS]


def find_dates(text: str, pub: date, anchor: date | None = None) -> list[tuple[int, date, int, str]]:
    """Every date expression in text resolved: (offset, date, time_precision, kind)."""
    return list(_find_dates(text, pub, anchor))


@lru_cache(maxsize=8192)
def _find_dates(text: str, pub: date, anchor: date | None) -> tuple[tuple[int, date, int, str], ...]:
    """find_dates, memoised: a sentence is read again for relative dates, and reports repeat."""
    out: list[tuple[int, date, int, str]] = []
    folded = fold_case(text)
    taken: list[tuple[int, int]] = []

    def add(m: re.Match[str], d: date | None, prec: int, kind: str) -> None:
        if d is None or any(a < m.end() and m.start() < b for a, b in taken):
            return
        if _NAMED_AFTER.match(text, m.end()):
            return  # "the October 6 suburb", "26 July Street": a name, not a day
        taken.append((m.start(), m.end()))
        out.append((m.start(), d, prec, kind))

    for kind, pat, gate in _GATED_PATTERNS:
        if not gate.may_match(text, folded):
            continue  # none of the pattern's words occurs: it has no match
        for m in pat.finditer(text):
            d: date | None = None
            prec = 1
            g = m.groups()
            try:
                if kind == "iso":
                    d = date(int(g[0]), int(g[1]), int(g[2]))
                elif kind == "dmy_num":
                    a, b = int(g[0]), int(g[1])
                    if g[2] is None and (m.start() > 0 and text[m.start() - 1: m.start()] in "-:"):
                        continue
                    day, mon = (a, b) if b <= 12 else (b, a)  # day/month first, as most of the world
                    if mon > 12 or day > 31:
                        continue
                    if g[2]:
                        y = int(g[2])
                        y = y + 2000 if y < 100 else y
                        d = date(y, mon, day)
                    else:
                        d = _year_for(mon, day, pub)
                        if a <= 12 and b <= 12 and a != b:
                            # "3/12" in a report of 14 March: 12 March (month first, as in the US) rather
                            # than 3 December, when only that reading falls in the weeks before publication
                            other = _year_for(a, b, pub)
                            if other is not None and 0 <= (pub - other).days <= 31 and \
                                    (d is None or not 0 <= (pub - d).days <= 62):
                                d = other
                elif kind == "d_range":
                    mon = _month(g[1])
                    if mon is None:
                        continue
                    d = date(int(g[2]), mon, int(g[0])) if g[2] else _year_for(mon, int(g[0]), pub)
                elif kind == "m_range":
                    mon = _month(g[0])
                    if mon is None:
                        continue
                    d = date(int(g[2]), mon, int(g[1])) if g[2] else _year_for(mon, int(g[1]), pub)
                elif kind == "the_nth":
                    day = int(g[0])
                    d = None
                    for back in range(0, 62):
                        c = pub - timedelta(days=back)
                        if c.day == day:
                            d = c
                            break
                elif kind == "d_month":
                    mon = _month(g[1])
                    if mon is None:
                        continue
                    d = date(int(g[2]), mon, int(g[0])) if g[2] else _year_for(mon, int(g[0]), pub)
                elif kind == "month_d":
                    mon = _month(g[0])
                    if mon is None or (g[0].lower() == "may" and not re.match(r"\s+\d", text[m.end(1):])):
                        continue
                    d = date(int(g[2]), mon, int(g[1])) if g[2] else _year_for(mon, int(g[1]), pub)
                elif kind == "weekday":
                    wd = WEEKDAYS.index(g[1].lower())
                    back = (pub.weekday() - wd) % 7
                    if (g[0] or "").lower() == "next":
                        continue
                    if (g[0] or "").lower() == "last" and back == 0:
                        back = 7
                    d = pub - timedelta(days=back)
                elif kind == "rel_day":
                    w = g[0].lower()
                    back = {"yesterday": 1, "last night": 1, "the day before yesterday": 2}.get(w, 0)
                    d = pub - timedelta(days=back)
                elif kind == "ago":
                    n, unit = _num(g[0]), g[1].lower().rstrip("s")
                    days = {"day": 1, "week": 7, "month": 30, "year": 365}[unit] * n
                    d = pub - timedelta(days=days)
                    prec = {"day": 1, "week": 2}.get(unit, 3)
                elif kind == "last_unit":
                    which, unit = g[0].lower(), g[1].lower()
                    if unit == "weekend":
                        d = pub - timedelta(days=(pub.weekday() - 5) % 7 or 7)
                        prec = 2
                    elif unit == "week":
                        d = pub - timedelta(days=7 if "last" in which else 0)
                        prec = 2
                    elif unit == "month":
                        first = pub.replace(day=1)
                        d = (first - timedelta(days=1)).replace(day=15) if "last" in which else pub
                        prec = 3
                    else:
                        d = date(pub.year - 1, 7, 1) if "last" in which else pub
                        prec = 3
                elif kind == "relative":
                    if anchor is None:
                        continue
                    w = g[0].lower()
                    if "week" in w:
                        delta, prec = 7, 2
                    else:
                        n = re.match(r"(a|one|two|three)", w)
                        delta = _num(n.group(1)) if n else 1
                    sign = -1 if re.search(r"previous|preceding|before|earlier", w) else 1
                    d = anchor + timedelta(days=sign * delta)
                elif kind == "month_year":
                    mon = _month(g[0])
                    if mon is None or (g[0].lower() == "may" and not g[1]):
                        continue
                    y = int(g[1]) if g[1] else (pub.year if mon <= pub.month else pub.year - 1)
                    d = date(y, mon, 15 if not (y == pub.year and mon == pub.month) else min(15, pub.day))
                    prec = 3
                elif kind == "year":
                    y = int(g[0])
                    if y > pub.year:
                        continue
                    d = date(y, 7, 1) if y != pub.year else pub
                    prec = 3
            except ValueError:
                continue
            if kind == "weekday" and re.match(r",?\s*(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?\b|,?\s*" + _MON + r"\s+\d",
                                             text[m.end():], re.I):
                continue
            add(m, d, prec, kind)
    out.sort()
    return tuple(out)


EXPLICIT = {"iso", "dmy_num", "d_range", "m_range", "d_month", "month_d", "the_nth"}


def best_date(dates: list[tuple[int, date, int, str]]) -> tuple[date, int, str] | None:
    """The most precise date expression; ties go to the earliest in the text."""
    if not dates:
        return None
    # A written date beats a weekday or "yesterday" of the same precision; then the earliest in the text.
    off, d, prec, kind = min(dates, key=lambda x: (x[2], x[3] not in EXPLICIT, x[0]))
    return d, prec, kind
