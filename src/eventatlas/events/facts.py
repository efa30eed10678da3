"""Fatalities, certainty, attribution and non-event cues, read from sentence text with regexes.

Fatality conventions (following ACLED's published codebook practice):
- only deaths count (killed, dead, died, death toll, bodies, lost their lives), never the wounded;
- a number or number word tied to a death word is taken as written; several numbers tied to deaths
  in one passage ("killing three soldiers and two civilians") are added;
- "a dozen"/"dozens" = 12, "scores" = 20, "hundreds" = 100, "a few" = 3;
- vague plurals ("several", "many", "some", "an unknown number", "multiple") = 10, ACLED's convention;
- a death with no number and a singular victim ("a soldier was killed", "shot him dead") = 1;
- "no casualties", "no one was killed" = 0; "at least N" = N; "up to N" / "more than N" = N.
"""

from __future__ import annotations

import re

UNITS = {"zero": 0, "no": 0, "one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
         "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
         "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
         "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90, "hundred": 100, "a hundred": 100, "a dozen": 12, "dozen": 12, "dozens": 12,
         "a couple of": 2, "a couple": 2, "a few": 3, "few": 3, "scores": 20, "hundreds": 100,
         "thousands": 1000, "several": 10, "many": 10, "some": 10, "multiple": 10, "numerous": 10,
         "an unknown number of": 10, "unknown number of": 10, "a number of": 10, "an unspecified number of": 10,
         "unspecified number of": 10, "a handful of": 3, "both": 2, "double": 2, "single": 1, "lone": 1,
         "unidentified": 1, "another": 1}
_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
NUMBER = (r"(?:\d{1,3}(?:,\d{3})+|\d+|" + _TENS + r"(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|"
          r"a hundred|a dozen|dozens|hundreds|thousands|scores|a couple(?: of)?|a few|a handful of|"
          r"an? (?:unknown|unspecified) number of|a number of|several|many|some|multiple|numerous|"
          r"zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
          r"fifteen|sixteen|seventeen|eighteen|nineteen|both|another|a|an|no)")
QUAL = r"(?:(?:at least|more than|over|nearly|almost|about|around|some|up to|an estimated|approximately|" \
       r"roughly|as many as|a total of|a further|another|at most|close to|well over)\s+)?"
# Up to four words between a number and its death word: "27 people were killed", "two soldiers died".
DEATH = r"(?:killed|dead|died|slain|murdered|executed|beheaded|massacred|slaughtered|shot dead|gunned down|" \
        r"lost (?:their|his|her) li(?:v|f)es?|perished|deaths?|fatalities|fatally|bodies|corpses|lifeless)"
NUM_BEFORE = re.compile(r"\b" + QUAL + r"(" + NUMBER + r")\s+(?:\(?[\w'-]+\)?,?\s+){0,9}?(?:(?:were|was|have been|"
                        r"had been|are|is|being|got|reportedly|reported|later|allegedly)\s+){0,3}"
                        r"(?:(?:confirmed|reported|found|left)\s+)?" + DEATH + r"\b", re.I)
NUM_AFTER = re.compile(r"\b(?:kill(?:ed|ing|s)?|claim(?:ed|ing)? the lives of|left|leaving|murder(?:ed|ing)|"
                       r"(?:the )?deaths? of|(?:the )?killings? of|(?:the )?bodies of(?: the)?|corpses of(?: the)?|eliminat(?:ed|ing)|"
                       r"(?:burn(?:ed|t)|stoned|hacked|stabbed|beaten|clubbed|lynch(?:ed)?) to death|(?:the )?executions? of|"
                       r"execut(?:ed|ing)|behead(?:ed|ing)|massacr(?:ed|ing)|shot dead|death toll (?:\w+ ){0,3}"
                       r"(?:to|at|of|is|was|stands at|rose to)|toll (?:\w+ ){0,2}(?:to|at|of))\s+" + QUAL +
                       r"(" + NUMBER + r")\b(?!\s*(?:km|kilomet|miles|metres|meters|%|percent|per cent|"
                       r"hours?|minutes?|days?|weeks?|months?|years?))(?:\s+[\w'-]+){0,4}", re.I)
BURNED = re.compile(r"\b(?:set|setting|sets)\s+" + QUAL + r"(" + NUMBER + r")\s+(?:[\w'-]+\s+){0,3}(?:ablaze|alight|on fire)",
                    re.I)
LYNCHED = re.compile(r"\b(?:lynch(?:ed|ing)|burn(?:ed|t|ing) alive)\s+" + QUAL + r"(" + NUMBER + r")\b", re.I)
LEFT_DEAD = re.compile(r"\bleav(?:ing|es)\s+" + QUAL + r"(" + NUMBER + r")\s+(?:[\w'-]+\s+){0,3}dead\b", re.I)
NO_DEATHS = re.compile(r"\b(no (?:one|body|person|people|soldiers?|civilians?) (?:was|were) (?:killed|hurt|"
                       r"injured|harmed|wounded)|no (?:casualties|fatalities|deaths|injuries|loss of life|"
                       r"one was hurt|immediate reports of casualties)|without (?:casualties|causing casualties)|"
                       r"nobody was (?:killed|hurt|injured)|no (?:reported |specific |immediate |further |other |more )?(?:casualties|fatalities|deaths)"
                       r" (?:were )?reported|(?:casualties|causalities|fatalities),? if any)\b", re.I)
SINGLE_DEATH = re.compile(r"\b((?:a|an|one|the|his|her|their|another|local|senior|young|elderly|"
                          r"prominent|former)\s+(?:[\w'-]+\s+){0,3}(?:was|is|has been|had been|got)\s+"
                          r"(?:reportedly\s+|allegedly\s+)?(?:killed|shot dead|murdered|executed|beheaded|"
                          r"gunned down|hacked to death|stabbed to death|beaten to death|found dead|lynched|"
                          r"burn(?:ed|t) to death|assassinated)|\b(?:was|is|has been)\s+(?:reportedly\s+|allegedly\s+)?"
                          r"(?:shot dead|shot and killed|killed|murdered|assassinated|gunned down|lynched|beheaded|"
                          r"executed|stabbed to death|hacked to death|beaten to death|found dead|burn(?:ed|t) to death)"
                          r"|(?:kills?|killed|killing|shot dead|murdered|"
                          r"murdering|executed|beheaded|assassinated|shot and killed|lynched|gunned down)\s+"
                          r"(?:a|an|one|the|him|her|its|his)\b(?!\s+(?:\w+\s+)?(?:people|civilians|"
                          r"villagers|soldiers|members|others|persons|men|women|children))|"
                          r"(?:body|corpse) of (?:a|an|the)|(?:he|she) (?:was killed|died|succumbed))"
                          # "Local official shot dead in X" (a headline's passive), "killed former local official"
                          r"|^(?:[A-Z][\w'-]*)(?:\s+[\w'/-]+){0,8}?\s+(?:shot dead|found dead|gunned down|hacked to death|"
                          r"stabbed to death|beaten to death|lynched|assassinated)\b"
                          r"|\bkill(?:s|ed|ing)\s+(?:an?\s+|the\s+)?(?:[a-z-]+\s+){0,3}(?:official|leader|chief|commander|"
                          r"soldier|policeman|police officer|officer|man|woman|boy|girl|child|civilian|farmer|herder|"
                          r"herdsman|trader|teacher|student|pastor|priest|imam|journalist|driver|businessman|militant|"
                          r"fighter|suspect|resident|villager|teenager|member|elder|councillor|politician|candidate|"
                          r"guard|worker|person|militiaman|rebel|insurgent|gunman|thief|robber)\b(?!-)"
                          # Headline style: "Militiamen kill merchant", "Woman shot and killed in ..."
                          r"|\bkill(?:s|ed)?\s+(?:[a-z-]+\s+)?(?:merchant|trader|farmer|herder|teacher|pastor|priest|"
                          r"imam|chief|official|soldier|policeman|student|driver|journalist|civilian|man|woman|boy|girl|"
                          r"child)\b(?!-)|^(?:[A-Z][\w'-]*)\s+(?:[\w'-]+\s+){0,3}?shot and killed\b"
                          r"|^(?:an?\s+)?(?:[\w'-]+\s+){0,2}?(?:soldier|policeman|police officer|officer|man|woman|civilian|"
                          r"farmer|child|boy|girl|student|trader|journalist|chief|pastor|priest|imam|herder|driver|"
                          r"official|commander|militant|fighter)\s+(?:was\s+|is\s+)?killed\b"
                          r"|\b(?:he|she|the victim|the man|the woman|the boy|the girl|the soldier|the officer|the driver|"
                          r"the suspect|the prisoner|the student)\s+(?:later\s+|subsequently\s+|also\s+|too\s+|then\s+)?"
                          r"(?:died|succumbed|has died|had died)\b"
                          r"|\b(?:stoned|burnt|burned|hacked|beaten|stabbed|clubbed|lynched) to death (?:a|an|the|one)\b"
                          r"|\b(?:found|discovered) (?:decapitated|beheaded|dead|murdered|lifeless)\b"
                          r"|\b(?:a|the|one) (?:dead |lifeless |decapitated |mutilated )?(?:body|corpse) (?:was|is|has been|had been) "
                          r"(?:found|discovered|recovered)\b"
                          r"|\bfatal(?:ly)? (?:bullet|wound|shot|injur\w+|gunshot)"
                          r"|\b(?:eliminat(?:ed|ing)|assassinat(?:ed|ing))\s+(?:a|an|the|one)\b"
                          r"|\bkill(?:s|ed)?\s+(?:[A-Za-z-]+\s+)?(?:councillor|politician|leader|activist|chairman|"
                          r"mayor|headman|elder)\b", re.I)
VAGUE_DEATHS = re.compile(r"\b(?:killing|killed|left|leaving)\s+(?:scores|dozens|hundreds|several|many|some)\b|"
                          r"\b(?:casualties|fatalities|deaths) (?:were|have been) reported\b|"
                          r"\bkill(?:ed|ing) (?:an unknown|unknown|an unspecified|unspecified) number\b|"
                          r"\b(?:people|civilians|soldiers|villagers|fighters|militants|persons) (?:were|have "
                          r"been) killed\b", re.I)


def number_value(s: str) -> int | None:
    s = s.lower().strip()
    s = re.sub(r"^(?:at least|more than|over|nearly|almost|about|around|up to|an estimated|approximately|"
               r"roughly|as many as|a total of|a further|at most|close to|well over)\s+", "", s)
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+", s):
        return int(s.replace(",", ""))
    if s in UNITS:
        return UNITS[s]
    m = re.fullmatch(_TENS + r"[- ](one|two|three|four|five|six|seven|eight|nine)", s)
    if m:
        return UNITS[s.split("-")[0].split(" ")[0]] + UNITS[m.group(1)]
    return None


_PERSONS = (r"(?:people|persons|civilians|soldiers|troops|policem[ae]n|police officers|officers|militants|fighters|"
            r"rebels|insurgents|attackers|assailants|gunmen|militiam[ae]n|members|villagers|residents|children|women|"
            r"men|others|herders|herdsmen|farmers|students|workers|guards|jihadists|terrorists|bandits|"
            r"suspects|protesters|demonstrators|worshippers|passengers|recruits|personnel|commanders?|prisoners|inmates)\b")


_GENERIC_VICTIM = {"people", "persons", "person", "others", "other", "more", "killed", "dead", "died", "were", "was",
                   "have", "had", "are", "is", "of", "in", "and", "bodies", "corpses", "deaths", "fatalities",
                   "lives", "reportedly", "reported", "including", "among", "total"}
# Past participles that tell of the number's own act ("three gunmen stormed ... and shot dead a guard"),
# which a death word after them does not belong to; a passive ("were stabbed and killed") is kept.
_ACTIVE_VERB = re.compile(r"(?<!\bwere )(?<!\bwas )(?<!\bbeen )(?<!\bare )(?<!\bis )(?<!\bbeing )(?<!\band )"
                          r"\b(?:(?!(?:reportedly|allegedly|reported|confirmed|armed|suspected|alleged|unidentified|"
                          r"unarmed|abducted|kidnapped|detained|based|affiliated|united|wounded|injured|killed|feared|believed|"
                          r"presumed|confirmed|described|identified|named)\b)"
                          r"[a-z]{3,}ed|shot|threw|struck|hit|opened|stole|took|set|began|broke|drove|ran|fought|led)\b")
# "killing himself and four others", "killed themselves and one officer": a suicide attacker counts too.
_SELF_AND_OTHERS = re.compile(r"\bkill(?:ed|ing|s)?\s+(himself|herself|themselves)\s+and\s+" + QUAL + r"(" + NUMBER + r")\b",
                       re.I)
_SUICIDE_SELF = re.compile(r"\b(?:kill(?:ed|ing|s)?|blew|blowing)\s+(?:up\s+)?(himself|herself)\b", re.I)
# An unknown toll: ACLED codes 10 where deaths are reported with no number.
_UNKNOWN_TOLL = re.compile(r"\b(?:heavy|major|considerable|substantial|several|many|numerous|unknown number of|unspecified number of|an unknown "
                           r"number of|a number of|significant) (?:casualties|fatalities|deaths|losses)\b|"
                           r"\b(?:a|an unknown|unknown|an unspecified|unspecified)\s+['\"]?number['\"]?\s+of\s+"
                           r"(?:[\w'-]+\s+){0,3}(?:(?:are|were|was|have been|had been|is)\s+)?(?:said to have been\s+|"
                           r"reported(?:ly)?\s+)?(?:killed|dead|deaths)\b|"
                           r"\bkill(?:ed|ing)\s+(?:and\s+(?:wound|injur)\w+\s+)?(?:a|an unknown|an unspecified)\s+['\"]?number\b|"
                           r"\bunknown number (?:of [\w-]+ )?(?:were |are |was )?(?:killed|dead)\b|"
                           r"\bunknown number of [\w-]+ (?:are |were )?(?:feared|believed|reported) (?:injured or )?dead\b|"
                           r"\bcasualties (?:(?:were )?reported|occurred)[^.]{0,30}\b(?:exact|specific) (?:numbers?|figures?)\b|"
                           r"\bcasualties including deaths\b|\bfatalities (?:allegedly |reportedly )?occurred\b|"
                           r"\bheavy (?:numbers of )?(?:fatalities|casualties)\b|\bkilling (?:their|its|his) (?:fighters|"
                           r"members|men)\b",
                           re.I)


_NOT_A_COUNT = re.compile(r"(?:st|nd|rd|th)?\s*(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b\.?|"
                          r"\s*(?:am|pm|a\.m|p\.m|hours?|hrs|km|kilomet\w+|miles|metres|meters|%|percent|per cent|"
                          r"years?|months?|weeks?|days?|brigades?|battalions?|divisions?|regiments?|squadrons?|"
                          r"corps|infantry|mechani[sz]ed|armou?red|street|road|avenue|district|ward|unit)\b|[/:.]\d", re.I)


def _victim(text: str, end: int) -> str:
    """The noun a toll's number counts ("soldier" in "3 soldiers killed"), or "" for people in general."""
    m = re.match(r"\s+(?:(?:more|other|additional|further|of\s+(?:the|their|them|its|his))\s+)?([A-Za-z'-]+)", text[end:])
    if not m:
        return ""
    w = m.group(1).lower()
    if w in _GENERIC_VICTIM:
        return ""
    return w[:-1] if w.endswith("s") and not w.endswith("ss") else w


def _matches(pat: re.Pattern[str], text: str):
    """Every match, each starting after the previous match's number (tolls may overlap:
    "A grave with 30 bodies": the regex's "A" must not hide "30")."""
    pos = 0
    while True:
        m = pat.search(text, pos)
        if m is None:
            return
        yield m
        pos = max(m.end(1), m.start() + 1)


_RANGE = re.compile(r"\bbetween\s+(" + NUMBER + r")\s*(?:and|-|–)\s*" + NUMBER + r"\b|\b(" + NUMBER + r")\s+(?:or|to)\s+"
                    + NUMBER + r"\b(?=\s+(?:[\w'-]+\s+){0,3}?(?:were|was|are|people|persons|killed|dead|died))", re.I)
_QUOTED = re.compile(r"[\"“”‘’']((?:[\w-]+\s?){1,3})[\"“”‘’']")
_OTHERS_AND_SELF = re.compile(r"\bkill(?:ed|ing|s)?\s+(an?|one|the|" + NUMBER + r")\s+(?:[\w'-]+\s+){0,3}?and\s+"
                       r"(?:himself|herself)\b", re.I)


_KILL_LIST = re.compile(r"\b(?:kill(?:ed|ing|s)?|shot dead|shoot(?:s|ing)? dead|murder(?:ed|ing|s)?|assassinat(?:ed|ing|es)|"
                        r"execut(?:ed|ing|es)|behead(?:ed|ing|s)?|gunned down|massacr(?:ed|ing))\s+([^.;:()]{3,160})", re.I)
_LIST_STOP = re.compile(r"\s*,?\s+(?:and\s+|,\s*)?(?:(?:[a-z]+ing|[a-z]{3,}ed|torched|burnt|stole|took|fled|set|left)\b(?<!\bhead)|"
                        r"(?:in|at|on|near|while|after|before|when|during|outside|inside|from|with|as|who|which|"
                        r"that|for|by|because|but|since|following|around|across|between|into|to)\b)", re.I)
_LIST_SPLIT = re.compile(r"\s*,\s*(?:and\s+)?|\s+(?:and|as well as|along with|plus)\s+", re.I)
_NOT_PERSONS = re.compile(r"\b(?:cows?|cattle|goats?|sheep|camels?|animals?|livestock|donkeys?|horses?|houses?|homes?|"
                          r"vehicles?|shops?|huts?|buildings?|cars?)\b", re.I)


def _listed_victims(text: str) -> int:
    """'killed a policeman and 19 civilians', 'killing an army colonel and four soldiers', 'assassinated the
    district head, along with his nephew': the victims a killing verb lists, added (0 when it lists one)."""
    best = 0
    for m in _KILL_LIST.finditer(text):
        clause = re.sub(r"\s*,?\s+(?:along with|as well as|together with)\s+", " and ", m.group(1), flags=re.I)
        stop = _LIST_STOP.search(clause)
        hurt_last = False
        if stop:
            # "killing 2 passengers, 4 others injured": the last listed are the wounded
            hurt_last = bool(re.match(r"\s*,?\s+(?:injured|wounded|hurt|arrested|captured|abducted|kidnapped|missing|"
                                      r"displaced|detained|rescued)\b", clause[stop.start():], re.I))
            clause = clause[: stop.start()]
        parts = [p.strip() for p in _LIST_SPLIT.split(clause) if p.strip()]
        if hurt_last:
            parts = parts[:-1]
        if len(parts) < 2:
            continue
        total = counted = 0
        for part in parts:
            if _NOT_PERSONS.search(part):
                continue
            q = re.match(r"(?:" + QUAL + r")(" + NUMBER + r")\b(.*)$", part, re.I)
            v = number_value(q.group(1)) if q else None
            if v is not None and q and q.group(1).lower() not in ("a", "an", "another", "some", "both"):
                total += v
                counted += 1
            elif re.match(r"(?:a|an|one|the|his|her|their|its|another)\s+\S", part, re.I):
                total += 1
                counted += 1
        if counted >= 2:
            best = max(best, total)
    return best


def fatalities(text: str) -> tuple[int, bool]:
    """Deaths reported in a passage: (count, whether any death statement was found)."""
    # "between four and six killed", "four or five were killed": ACLED takes the lower figure;
    # "'a number' of fighters", '"Several" reported killed': quotes do not change the words.
    text = _QUOTED.sub(r"\1", text)
    text = _RANGE.sub(lambda m: m.group(1) or m.group(2), text)
    n, found = _fatalities(text)
    listed = _listed_victims(text)
    if listed > n:
        n, found = listed, True
    m = _OTHERS_AND_SELF.search(text)
    if m:  # "killing a vigilante and himself": the bomber counts too
        v = 1 if m.group(1).lower() in ("a", "an", "one", "the") else number_value(m.group(1))
        if v is not None:
            return max(n, v + 1), True
    return n, found


def _fatalities(text: str) -> tuple[int, bool]:
    spans: list[tuple[int, int, int, str]] = []
    for pat in (NUM_BEFORE, NUM_AFTER, LEFT_DEAD, BURNED, LYNCHED):
        for m in _matches(pat, text):
            raw = m.group(1)
            v = number_value(raw)
            if v is None or (raw.lower() in ("a", "an", "no") and pat is NUM_BEFORE and
                             not re.search(r"\b(?:was|is)\b", m.group(0))):
                continue
            if pat is NUM_AFTER:
                tail = text[m.start(1):m.end()]
                # "left three injured": a wound, not a death (a verb of killing keeps its number).
                if re.match(r"(?:left|leaving)\b", m.group(0), re.I) and \
                        not re.search(r"\b(?:dead|killed|deaths?)\b", tail, re.I):
                    continue  # "left three injured", "left both towns without power"
                if re.fullmatch(r"(?:a|an|the|his|her|its)", raw, re.I):
                    continue
                # "protest against the killing of two students": a death behind the event, not in it.
                if re.match(r"(?:the )?(?:deaths?|killings?) of", m.group(0), re.I) and \
                        re.search(r"\b(?:against|over|after|following|for|about|into|protest\w*|condemn\w*|mourn\w*|"
                                  r"denounc\w*|investigat\w*|blam\w*|avenge|revenge)\s+$", text[max(0, m.start() - 25): m.start()],
                                  re.I):
                    continue
            if 1900 <= v <= 2100 and not re.match(r"\S+\s+(?:people|persons|civilians|soldiers|men)\b",
                                                  text[m.start(1):], re.I):
                continue  # a year, not a toll
            if _NOT_A_COUNT.match(text, m.end(1)):
                continue  # "On 20 May, gunmen killed ...": a date, a time or a distance
            if re.search(r"[A-Za-z]-\s?$", text[max(0, m.start(1) - 4): m.start(1)]):
                continue  # "AK-47", "M-16": a weapon's name
            if pat is not NUM_BEFORE and re.search(r"\b(?:accused|suspected|charged|convicted|wanted|blamed|"
                                                   r"responsible|arrested|jailed|sentenced)\s+(?:of|for|with)\s+$",
                                                   text[max(0, m.start() - 30): m.start()], re.I):
                continue  # "a man accused of murdering two traders": the charge, not this event's toll
            if pat is NUM_BEFORE:
                between = text[m.end(1):m.end()]
                if re.search(r"\b(?:injured|wounded|hurt)\b", between, re.I) and \
                        not re.search(r"\b(?:and|,)\b", between):
                    continue
                if re.search(r"\b(?:injured|wounded|hurt)\s*(?:,|and)\s+" + QUAL + NUMBER + r"\b", between, re.I):
                    continue  # "two were wounded and one killed": the first number is the wounded
                # "Four armed men ... killed a police officer": the number counts the killers.
                if re.search(r"(?<!\bwere )(?<!\bwas )(?<!\bbeen )(?<!\bare )(?<!\bis )\b(?:killed|shot dead|murdered|"
                             r"executed|beheaded|massacred|slaughtered|gunned down)$", m.group(0), re.I) and \
                        re.match(r"\s+(?:a|an|the|his|her|their|its|one|two|three|four|five|six|seven|eight|nine|ten|"
                                 r"\d+|at least|[A-Z])\b", text[m.end():]):
                    continue
                words = re.sub(DEATH + r"\b.*$", "", between, flags=re.I | re.S)
                if _ACTIVE_VERB.search(words.lower()) or re.search(r"\b(?:who|which|that|after|when|while|"
                                                                   r"before|but)\b|[.;:]", words, re.I):
                    continue
            if any(a < m.end(1) and m.start(1) < b for a, b, _, _ in spans):
                continue
            spans.append((m.start(1), m.end(1), v, _victim(text, m.end(1))))
    for m in _SELF_AND_OTHERS.finditer(text):
        v = number_value(m.group(2))
        if v is not None:
            spans = [s for s in spans if not (m.start(2) <= s[0] < m.end(2))]
            spans.append((m.start(2), m.end(2), v + (1 if m.group(1).lower() != "themselves" else 0), ""))
    if spans:
        # ACLED adds the tolls of different victims ("three soldiers and two rebels were killed",
        # "13 soldiers killed, 3 rebels killed"); a general toll ("11 people") already holds them.
        general = max((v for _, _, v, w in spans if not w), default=0)
        per: dict[str, int] = {}
        for _, _, v, w in spans:
            if w:
                per[w] = max(per.get(w, 0), v)
        total = sum(per.values())
        joined = re.search(r"\b(?:kill(?:ed|ing|s)?|(?:the )?deaths? of)\s+" + QUAL + "(" + NUMBER + r")\s+[\w'-]+(?:\s+[\w'-]+)?\s+and\s+"
                           + QUAL + "(" + NUMBER + r")\s+(?:[\w'-]+\s+)?" + _PERSONS, text, re.I)
        if joined:
            a, b = number_value(joined.group(1)), number_value(joined.group(2))
            if a is not None and b is not None:
                total = max(total, a + b)
        return max(general, total), True
    if NO_DEATHS.search(text):  # "... beheaded him. No other casualties were reported."
        return (1 if SINGLE_DEATH.search(text) else 0), True
    if _UNKNOWN_TOLL.search(text) or VAGUE_DEATHS.search(text):
        return 10, True
    if SINGLE_DEATH.search(text) or _SUICIDE_SELF.search(text):
        return 1, True
    return 0, False


# ---- certainty and attribution -------------------------------------------------------------------
ATTRIBUTION = re.compile(
    r"(?:\baccording to ((?:the |a |an )?[^,.;]{2,80}?)(?=[,.;]|$| who| which| that| on| in (?!the ministry))"
    r"|\b((?:the |a |an )?(?:[A-Z][\w'-]*|the|local|military|security|police|government|state|medical|"
    r"hospital|health|army|official|rebel|group|witnesses?|residents?|sources?|officials?|spokes(?:man|woman|"
    r"person)|ministry|minister|governor|mayor|media|activists?|monitor|observatory|agency|news|report)"
    r"(?:\s+[\w'-]+){0,6}?)\s+(?:said|says|told|reported|confirmed|announced|claimed|stated|added|noted|"
    r"tweeted|alleged)\b"
    r"|\b(?:said|says|told [\w ]{2,30}?|reported|confirmed|announced|claimed|stated) "
    r"((?:the |a |an )?[^,.;]{2,60}?)(?=[,.;]|$))",
)
CLAIM = re.compile(r"\b(claim(?:ed|s|ing)? (?:responsibility|credit|it|that|to have)|claimed|alleg(?:ed|edly|es)"
                   r"|in a statement|statement (?:issued|released|posted) by|propaganda|(?:amaq|news agency "
                   r"linked|affiliated news agency)|the group said|the militants said|the rebels said)\b",
                   re.I)
HEDGE = re.compile(r"\b(reportedly|reported(?:ly)?|according to|said|says|sources|unconfirmed|believed to|"
                   r"thought to|is said to|are said to|was said to|were said to)\b", re.I)
SPECULATIVE = re.compile(r"\b(suspected|possibl[ey]|probabl[ey]|likely|may have|might have|could have|"
                         r"appear(?:s|ed)? to|seem(?:s|ed)? to|unverified|rumou?r(?:s|ed)?|speculat\w+|"
                         r"feared|presumably|not (?:yet )?(?:been )?(?:confirmed|verified)|"
                         r"unclear whether)\b", re.I)
CONFIRMED = re.compile(r"\b(confirmed|officially|official figures|the ministry|army spokes\w+|police "
                       r"spokes\w+|(?:police|army|military|government|ministry) (?:said|confirmed|announced)|"
                       r"witnessed|our (?:reporter|correspondent))\b", re.I)


def certainty_of(text: str) -> tuple[str, str | None]:
    """(certainty, attribution) for a sentence: who says so and how sure the wording is."""
    attribution = None
    m = ATTRIBUTION.search(text)
    if m:
        attribution = next(g for g in m.groups() if g).strip()
        if len(attribution.split()) > 10 or attribution.lower() in ("that", "it", "he", "she", "they"):
            attribution = None
    if CLAIM.search(text):
        return "claimed", attribution
    if SPECULATIVE.search(text) and not re.search(r"\bsuspected (?:militants|insurgents|members|"
                                                   r"boko|al|is|jihadists|gunmen|rebels|terrorists|"
                                                   r"herdsmen|thie|robbers|kidnappers|criminals)", text, re.I):
        return "speculative", attribution
    if CONFIRMED.search(text):
        return "confirmed", attribution
    return "reported", attribution


# ---- non-event cues ---------------------------------------------------------------------------------
MODAL_AUX = {"will", "would", "could", "might", "may", "should", "shall", "can", "must", "'ll", "wo", "ca"}
THREAT_HEADS = re.compile(r"^(threaten|vow|plan|warn|intend|want|seek|aim|promise|pledge|prepare|hope|"
                          r"try|attempt|call|urge|demand|ask|order|fear|expect|predict|propose|consider|"
                          r"refuse|fail|decide|agree|need|able|likely|going|set)", re.I)
NEGATED_EVENT = re.compile(
    r"\b(den(?:ied|ies|y|ying) (?:any )?(?:involvement|responsibility|carrying out|having|that|the|reports|"
    r"claims|attacking|killing|it)|(?:did|does|do|has|have|had|was|were|is|are) (?:not|n't|never) "
    r"(?:\w+ )?(?:attack|kill|clash|seiz|captur|abduct|kidnap|arrest|fire|shell|bomb|explod|happen|occur|"
    r"take place|targeted|involved)|no (?:attack|clash|fighting|violence|incident|protest|arrests?|"
    r"explosion|strike)s? (?:was|were|has been|have been|had been|took place|occurred|reported)|"
    r"there (?:was|were|have been|has been) no (?:attack|clash|fighting|violence|incident|protest|"
    r"explosion|casualties)|false (?:reports?|claims?|rumou?rs?)|fake news|hoax|dismissed (?:reports|"
    r"claims)|rejected (?:reports|claims)|were unfounded|was unfounded)", re.I)
HYPOTHETICAL = re.compile(
    r"(?:^|[,;:]\s*)(?:if|unless|should|were|had)\s|\b(?:in case|in the event that|what if|imagine|"
    r"suppose|supposing|hypothetical\w*|scenario|could lead to|risk of|threat of|fears? of (?:an? )?|"
    r"plans? to|planning to|threaten(?:s|ed|ing)? to|vow(?:s|ed|ing)? to|warn(?:s|ed|ing)? (?:that|of)|"
    r"pledg(?:ed|es|ing) to|promis(?:ed|es|ing) to|intend(?:s|ed)? to|call(?:s|ed|ing)? (?:on|for)|"
    r"urg(?:ed|es|ing)|would be|will be|is expected to|are expected to|likely to|poised to|"
    r"prepar(?:e|es|ed|ing) (?:to|for)|(?:in|over) the coming (?:days|weeks|months)|next (?:week|month|"
    r"year))", re.I)
# Forecasts and schedules: "protests are expected to continue next week", "a strike is planned for
# Monday". A sentence that also tells of something done ("were held on Monday and are expected to
# continue") keeps its event.
FORECAST = re.compile(
    r"\b(?:is|are|was|were|be) (?:expected|scheduled|due|set|planned|likely|poised|slated) (?:to|for)\b|"
    r"\b(?:will|shall|'ll) (?:\w+ )?(?:continue|resume|take place|be held|go ahead|start|begin|hold|stage|"
    r"march|protest|strike|gather)\b|\b(?:next|coming) (?:week|month|year|days|weeks|months)\b|"
    r"\bin the (?:coming|next) (?:days|weeks|months)\b|\btomorrow\b", re.I)
DONE = re.compile(
    r"\b(?!(?:expected|scheduled|planned|slated|poised|called|needed|concerned|worried|alarmed|related|"
    r"based|united|armed|organised|organized|aimed|banned)\b)[a-z]{3,}ed\b|"
    r"\b(?:took|held|fought|threw|burnt|shot|struck|hit|overran|stormed|went|began|broke|fled|stole|"
    r"blew|set fire|killed|died)\b", re.I)
OPINION = re.compile(
    r"\b(I|we|my|our|us)\b (?:think|believe|feel|argue|must|should|need)|\bin my (?:view|opinion)\b|"
    r"\b(?:analysts?|experts?|observers|critics|commentators) (?:say|said|argue|believe|warn|note)|"
    r"\b(?:it is|it's) (?:clear|time|likely|unlikely|possible|important|true) (?:that|to)\b|"
    r"\b(?:should|must|ought to) (?:be|have|not)\b|\bthe question is\b|\bperhaps\b|\barguably\b",
    re.I)
HABITUAL = re.compile(
    r"\b(often|frequently|regularly|routinely|usually|typically|commonly|repeatedly|increasingly|"
    r"have long|has long|for years|for decades|in recent (?:years|months|decades)|over the (?:past|last) "
    r"(?:\w+ )?(?:years|decades|months)|since (?:19|20)\d{2}|since the (?:start|beginning)|every (?:year|week|"
    r"month)|each year|is known for|are known for|has been (?:fighting|waging)|have been (?:fighting|waging)|"
    r"a history of|historically|wave of|series of attacks|spate of|the (?:latest|worst) in a|"
    r"(?:a|the) (?:conflict|war|insurgency|crisis) (?:that|which) has|"
    # Running totals are summaries, not incidents: "700 fighters have died since the campaign began in May".
    r"since (?:the |its |their )?(?:\w+ ){0,2}(?:began|started|begun|was launched|were launched)|"
    r"since (?:January|February|March|April|May|June|July|August|September|October|November|December)|"
    r"so far this (?:year|month)|to date)\b", re.I)
