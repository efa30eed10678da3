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
from functools import lru_cache

from .literals import Gate, fold_case

UNITS = {"zero": 0, "no": 0, "one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
         "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
         "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
         "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90, "hundred": 100, "a hundred": 100, "a dozen": 12, "dozen": 12, "dozens": 12,
         "a couple of": 2, "a couple": 2, "a few": 3, "few": 3, "scores": 20, "hundreds": 100,
         "thousands": 1000, "several": 10, "many": 10, "some": 10, "multiple": 10, "numerous": 10,
         "an unknown number of": 10, "unknown number of": 10, "an unidentified number of": 10,
         "unidentified number of": 10, "a number of": 10, "an unspecified number of": 10,
         "unspecified number of": 10, "a handful of": 3, "both": 2, "double": 2, "single": 1, "lone": 1,
         "unidentified": 1, "another": 1}
_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
NUMBER = (r"(?:\d{1,3}(?:,\d{3})+|\d+|" + _TENS + r"(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|"
          r"a hundred|a dozen|dozens|hundreds|thousands|scores|a couple(?: of)?|a few|a handful of|"
          r"an? (?:unknown|unspecified|unidentified) number of|a number of|several|many|some|multiple|numerous|"
          r"zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
          r"fifteen|sixteen|seventeen|eighteen|nineteen|both|another|a|an|no)")
QUAL = r"(?:(?:at least|more than|over|nearly|almost|about|around|some|up to|an estimated|approximately|" \
       r"roughly|as many as|a total of|a further|another|at most|close to|well over|a suspected|a reported|" \
       r"a confirmed)\s+)?"
# Up to four words between a number and its death word: "27 people were killed", "two soldiers died".
DEATH = r"(?:killed|dead|died|slain|murdered|executed|beheaded|massacred|slaughtered|shot dead|gunned down|neutrali[sz]ed|" \
        r"lost (?:their|his|her) li(?:v|f)es?|perished|drowned|deaths?|fatalities|fatally|bodies|corpses|lifeless)"
NUM_BEFORE = re.compile(r"\b" + QUAL + r"(" + NUMBER + r")\s+(?:\(?[\w'-]+\)?,?\s+){0,9}?(?:(?:were|was|have been|"
                        r"had been|are|is|being|got|reportedly|reported|later|allegedly)\s+){0,3}"
                        r"(?:(?:confirmed|reported|found|left|feared|believed|presumed)\s+)?" + DEATH + r"\b", re.I)
NUM_AFTER = re.compile(r"\b(?:kill(?:ed|ing|s)?|claim(?:ed|ing)? the lives of|left|leaving|murder(?:ed|ing|s)?|"
                       r"(?:the )?deaths? of|(?:the )?killings? of|(?:the )?bodies of(?: the)?|corpses of(?: the)?|eliminat(?:ed|ing)|"
                       r"neutrali[sz](?:ed|ing)|"
                       r"(?:burn(?:s|ed|t)?|stone[sd]?|hack(?:s|ed)?|stab(?:s|bed)?|beat(?:s|en)?|club(?:s|bed)?|lynch(?:es|ed)?) to death|"
                       r"(?:the )?executions? of|execut(?:e|es|ed|ing)|behead(?:s|ed|ing)?|massacr(?:e|es|ed|ing)|shot dead|death toll (?:\w+ ){0,3}"
                       r"(?:to|at|of|is|was|stands at|rose to)|toll (?:\w+ ){0,2}(?:to|at|of))\s+" + QUAL +
                       r"(" + NUMBER + r")\b(?!\s*(?:km|kilomet|miles|metres|meters|%|percent|per cent|"
                       r"hours?|minutes?|days?|weeks?|months?|years?))(?:\s+[\w'-]+){0,4}", re.I)
# "set two suspects ablaze" (not "set a police vehicle on fire": things burned are no toll)
BURNED = re.compile(r"\b(?:set|setting|sets)\s+" + QUAL + r"(" + NUMBER + r")\s+"
                    r"(?!(?:[\w'-]+\s+){0,2}(?:vehicles?|cars?|trucks?|lorr(?:y|ies)|buses|bus|houses?|homes?|huts?|"
                    r"buildings?|offices?|stations?|shops?|stores?|tyres?|tires?|propert(?:y|ies)|structures?|"
                    r"churche?s?|mosques?|schools?|markets?|posts?|barricades?|tents?|crops?|fields?|warehouses?|"
                    r"motorcycles?|motorbikes?|boats?|flags?|effigy|effigies)\b)"
                    r"(?:[\w'-]+\s+){0,3}(?:ablaze|alight|on fire)", re.I)
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
                          r"(?:a|an|one|the|him|her|its|his)\b(?!\s+(?:" + NUMBER + r")\b(?![-\s]+(?:years?|months?)))"
                          r"(?!\s+(?:\w+\s+)?(?:people|civilians|"
                          r"villagers|soldiers|members|others|persons|men|women|children))|"
                          r"(?:body|corpse) of (?:a|an|the)|(?:he|she) (?:was killed|died|succumbed))"
                          # "Local official shot dead in X" (a headline's passive), "killed former local official"
                          r"|^(?:[A-Z][\w'-]*)(?:,?\s+[\w'/-]+){0,8}?,?\s+(?:shot dead|found dead|gunned down|hacked to death|"
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
                          r"|\b(?:eliminat(?:ed|ing)|ass?ass?inat(?:ed|ing|es))\s+(?:a|an|the|one)\b"
                          # "a mob lynches and burns a suspected thief", "beheading a man", "set ablaze a suspect"
                          r"|\b(?:lynch(?:es|ed|ing)?|behead(?:s|ed|ing)?)\s+(?:and\s+[a-z]+\s+)?(?:a|an|one)\b"
                          r"|\bset(?:s|ting)?\s+(?:ablaze|alight|on fire)\s+(?:a|an|one)\s+(?:suspected\s+|alleged\s+)?"
                          r"(?:thief|robber|kidnapper|man|woman|boy|girl|suspect|criminal|witch|person)\b"
                          # "The leader was later discovered to have been killed by his captors."
                          r"|\b(?:the|a|an)\s+(?:[\w-]+\s+){0,2}(?:was|is)\s+(?:later\s+|subsequently\s+)?(?:discovered|found|"
                          r"reported|confirmed|believed|said)\s+to\s+have\s+(?:been\s+killed|been\s+murdered|died)\b"
                          # "Vigilante militia kill a woman", "killed on Sunday an Islamist militant"
                          r"|\bkills?\s+(?:a|an|one)\s+(?!number\b|few\b|couple\b|dozen\b|total\b)[a-z-]+"
                          r"|\bkilled\s+(?:on|last|this|early|late)\s+(?:\w+\s+){1,2}?(?:a|an|one)\s+(?!number\b|few\b|"
                          r"couple\b|dozen\b|total\b)[a-z-]+"
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
               r"roughly|as many as|a total of|a further|at most|close to|well over|a suspected|a reported|"
               r"a confirmed)\s+", "", s)
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
                          r"\b(?<!-)(?:(?!(?:reportedly|allegedly|reported|confirmed|armed|suspected|alleged|unidentified|"
                          r"unarmed|abducted|kidnapped|detained|based|affiliated|united|wounded|injured|killed|feared|believed|"
                          r"presumed|confirmed|described|identified|named)\b)"
                          r"[a-z]{3,}ed|shot|threw|struck|hit|opened|stole|took|set|began|broke|drove|ran|fought|led)\b")
# "killing himself and four others", "killed themselves and one officer": a suicide attacker counts too.
_SELF_AND_OTHERS = re.compile(r"\bkill(?:ed|ing|s)?\s+(himself|herself|themselves)\s+and\s+(?:the\s+)?" + QUAL + r"(" + NUMBER + r")\b",
                       re.I)
_SUICIDE_SELF = re.compile(r"\b(?:kill(?:ed|ing|s)?|blew|blowing)\s+(?:up\s+)?(?:only\s+)?(himself|herself)\b", re.I)
# An unknown toll: ACLED codes 10 where deaths are reported with no number.
_UNKNOWN_TOLL = re.compile(r"\b(?:heavy|major|considerable|substantial|several|many|numerous|some|unknown number of|unspecified number of|an unknown "
                           r"number of|a number of|significant) (?:casualties|fatalities|deaths|losses)\b|"
                           r"\b(?:a|an unknown|unknown|an unspecified|unspecified)\s+['\"]?number['\"]?\s+of\s+"
                           r"(?:[\w'-]+\s+){0,3}(?:(?:are|were|was|have been|had been|is)\s+)?(?:said to have been\s+|"
                           r"reported(?:ly)?\s+)?(?:killed|dead|deaths)\b|"
                           r"\bkill(?:ed|ing)\s+(?:and\s+(?:wound|injur)\w+\s+)?(?:a|an unknown|an unspecified)\s+['\"]?number\b|"
                           r"\bunknown number (?:of [\w-]+ )?(?:were |are |was )?(?:killed|dead)\b|"
                           r"\bunknown number of [\w-]+ (?:are |were )?(?:feared|believed|reported) (?:injured or )?dead\b|"
                           r"\bcasualties (?:(?:were )?reported|occurred)[^.]{0,30}\b(?:exact|specific) (?:numbers?|figures?)\b|"
                           r"\bcasualties including deaths\b|\bfatalities (?:allegedly |reportedly )?occurred\b|"
                           r"\bheavy (?:numbers of )?(?:fatalities|casualties|causalities|casualities)\b|\bkilling (?:their|its|his) (?:fighters|"
                           r"members|men)\b|"
                           # "both sides suffered casualties", "left casualties among IS", "causing undisclosed
                           # casualty", "Causalities reported": deaths are told, their number is not.
                           r"\b(?:suffered|sustained|caus(?:ed|ing)|inflict(?:ed|ing)|left|undisclosed)\s+(?!no\b)"
                           r"(?:[\w-]+\s+){0,2}?(?:casualt\w*|causalit\w*|causualt\w*|casualit\w*|fatalit\w*)|"
                           r"(?:^|[.;]\s+)(?:casualties|causalities|casualities)\s+(?:were\s+|have been\s+)?(?:reported|confirmed)\b|"
                           r"\bconfirmed (?:casualties|causalities|deaths)\b",
                           re.I)


_NOT_A_COUNT = re.compile(r"(?:st|nd|rd|th)?\s*(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b\.?|"
                          r"\s*(?:am|pm|a\.m|p\.m|hours?|hrs|km|kilomet\w+|miles|metres|meters|%|percent|per cent|"
                          r"years?|months?|weeks?|days?|brigades?|battalions?|divisions?|regiments?|squadrons?|"
                          r"corps|infantry|mechani[sz]ed|armou?red|street|road|avenue|district|ward|unit)\b|[/:.]\d", re.I)


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
                    + NUMBER + r"\b(?=\s+(?:[\w'-]+\s+){0,3}?(?:were|was|are|people|persons|killed|dead|died))"
                    # "19 - 22 killed", "12-15 people died"
                    r"|(?<![\d/.-])\b(\d+)\s*[-–]\s*\d+\b(?![/.-]\d)(?=\s+(?:[\w'-]+\s+){0,3}?(?:were|was|are|people|persons|"
                    r"killed|dead|died))", re.I)
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


_SAID_PART = re.compile(r"\b(?:said|says|say|told|tells|reported|reports|added|according|claimed|claims|confirmed|"
                        r"stated|announced|quoted)\b", re.I)


def _listed_victims(text: str) -> int:
    """'killed a policeman and 19 civilians', 'killing an army colonel and four soldiers', 'assassinated the
    district head, along with his nephew': the victims a killing verb lists, added (0 when it lists one)."""
    best = 0
    for m in _KILL_LIST.finditer(text):
        if re.match(r"and\b", m.group(1), re.I):
            continue  # "was killed and the vehicle ... seized": not a list of victims
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
            if _SAID_PART.search(part):
                break  # "killing four soldiers, a military spokesman said": the source, not a victim
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


_SINGULAR_PERSON = (r"(?:person|civilian|soldier|troop|policeman|police officer|officer|militant|fighter|rebel|insurgent|"
                    r"attacker|assailant|gunman|militiaman|member|villager|resident|child|woman|man|herder|herdsman|"
                    r"farmer|student|worker|guard|jihadist|terrorist|bandit|suspect|protester|demonstrator|commander|"
                    r"prisoner|conscript|bystander|combatant|trader|officer|official|leader|driver|chief|elder|"
                    r"recruit|peacekeeper|agent|boy|girl|teenager|nomad|pastoralist|colonel|general|captain)")
# "at least N" of "N people were killed, including three police officers" / "3 people, 2 of whom were
# soldiers" / "At least six - including one soldier and the two attackers - were killed": the named part
# is already in the toll before it; only the toll is counted.
_SUBSET = re.compile(r"\s*(?:,\s*|\s[-–—]\s*|\s*\(\s*|\s+)(?:including|among them|among whom)\s+"
                     r"(?:[^.;:()\-–—,]*?)(?=\s*[-–—)]|\s*[,;.]|$|\s+(?:were|was|are|is|had|have|died|killed|who|"
                     r"which|where|when|while|after|and (?:wound|injur)\w*)\b)"
                     r"|,\s*(?:" + NUMBER + r"|all|most)\s+of\s+(?:whom|them|these|those)\b[^.;,]*"
                     # "Two soldiers, one an officer, were killed"
                     r"|,\s*one\s+(?:an?|the)\s+[^.;,]*(?=,)", re.I)
_BEFORE_SUBSET = re.compile(r"(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[a-z]+teen|"
                            r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|dozens?|several|many)\b)"
                            r"[^.;]*$|\b(?:killed|dead|died|deaths?|killing|bodies)\b[^.;]*$", re.I)
# "Six police (or seven, by other accounts) officers": another account's figure; the lower is kept.
_ALTERNATIVE = re.compile(r"\b(" + NUMBER + r")(\s+(?:[\w'-]+\s+){0,2}?)\(\s*(?:or|possibly|perhaps|maybe)\s+(" + NUMBER
                          + r")\b[^)]*\)\s*", re.I)
_N_OF_M = re.compile(r"\b(" + NUMBER + r")\s+of\s+(?:the\s+)?(?:" + NUMBER + r")\b(?=\s+[a-z])", re.I)
_FAMILY = re.compile(r"\ba family of (" + NUMBER + r")\b", re.I)
# "killing only themselves": the attackers the sentence counted.
_THEMSELVES = re.compile(r"\b(" + NUMBER + r")\s+(?![^.;]*\bkill(?:ed|ing|s)?\s+(?:only\s+)?themselves\s+and\b)"
                         r"[^.;]{0,150}?\bkill(?:ed|ing|s)?\s+(?:only\s+)?themselves\b", re.I)
# "lost 5 rebels", "Galmudug lost an officer": a side's own dead.
_LOST = re.compile(r"\b(?:lost|losing|lose|loses)\s+" + QUAL + r"(" + NUMBER + r")\s+(?:of\s+(?:its|their|his)\s+)?"
                   r"(?:[\w'-]+\s+){0,2}?(?:" + _PERSONS + r"|" + _SINGULAR_PERSON + r"\b)", re.I)
_LIVES = re.compile(r"\b(?:claim(?:ed|ing|s)?|cost|costing|took|taking)\s+(?:the\s+)?" + QUAL + r"(" + NUMBER
                    + r")\s+(?:[\w'-]+\s+)?lives\b", re.I)
# Extra single deaths that SINGLE_DEATH's verb patterns miss: bodies found, deaths by name, later deaths.
_SINGLE_MORE = re.compile(
    r"\b(?:dead|unidentified|decapitated|mutilated|lifeless|deceased)\s+body\b[^.;]{0,80}\b(?:found|discovered|recovered)\b"
    r"|\b(?:the|his|her|a|an)\s+(?:[\w'-]+\s+){0,2}?(?:body|corpse)\s+(?:of\s+[^.;]{1,80}?\s+)?(?:,\s*)?"
    r"(?:was|is|has been|had been)\s+(?:later\s+|also\s+)?(?:found|discovered|recovered|exhumed|retrieved)\b"
    r"|\b(?:result(?:ed|ing)? in|caus(?:ed|ing)|led to|leading to)\s+the death of (?:(?-i:[A-Z])|an? |the |his |her )"
    r"|\b(?:resulting|resulted|leading|led|ending)\s+in\s+(?:his|her)\s+death\b"
    r"|\b(?:died|succumbed)\s+(?:later\s+)?(?:of|from|to)\s+(?:his|her)\s+(?:injuries|wounds|injury|wound)\b"
    r"|\b(?:who|and)\s+(?:later\s+|subsequently\s+)?(?:died|succumbed)\b"
    # "Police killed Ernst Julme, a gang leader known as ...": one person, by name
    r"|\b(?:killed|shot dead|assassinated|murdered|executed|gunned down|shot and killed)\s+"
    r"(?-i:[A-Z][\w'’.-]+)(?:\s+(?-i:[A-Z][\w'’.-]+)){0,3},\s+(?:a|an|the)\s"
    r"|(?:^|(?<=[.;!?] ))(?:A|An|One|The)\s+(?!(?:" + NUMBER + r")\b)(?:[\w'/-]+,?\s+){0,11}?[\w'/-]*(?<![^s]s),?\s+"
    r"(?:later\s+|subsequently\s+|reportedly\s+|also\s+)?(?:died|succumbed|drowned)\b"
    r"|(?:^|(?<=[.;!?] ))(?-i:[A-Z])[a-z]+(?<!s)\s+(?:died|drowned)\b"
    r"|(?:^|(?<=[.;!?] ))(?:an?\s+)?[A-Z][\w'-]*(?:\s+[\w'-]+){0,3}\s+(?:presumed|feared|believed|confirmed)\s+dead\b"
    r"|\b(?:was|is|has been)\s+(?:later\s+)?(?:drowned|strangled|burn(?:ed|t) alive|killed)\b"
    r"|\b(?:murders?|lynch(?:es)?|executes?|beheads?|assassinates?|execute|behead|murder|beat to death|burn to death)\s+"
    r"(?:a|an|the|one|him|her)\b(?!\s+(?:" + NUMBER + r")\b(?![-\s]+(?:years?|months?)))"
    r"|\b(?:kill(?:ed|ing|s)?|blew\s+up|blowing\s+up)\s+only\s+(?:himself|herself)\b"
    r"|\bleaving\s+(?:him|her)\s+dead\b|\bbeing\s+shot\s+dead\b", re.I | re.M)
_ADDITIVE = re.compile(r"\b(?:also|too|as well|in addition|additionally)\b|^(?:Another|A second|A third|A fourth)\b")
# A report of a different source, the lowest of differing figures is ACLED's: "Other sources claim nine dead".
_SOURCE_CUE = re.compile(r"\b(?:claim(?:s|ed|ing)?|(?:other|some|another|conflicting|unconfirmed|official|local|different|"
                         r"opposition|state|hospital|medical)\s+(?:sources?|reports?|media|accounts?)|according to|"
                         r"media\s+(?:said|says|reported|reports)|reports?\s+(?:put|say|said|indicate\w*|suggest\w*)|"
                         r"reports?\s+" + QUAL + r"(?:" + NUMBER + r")\s|puts?\s+the\s+(?:death\s+)?toll|estimates?)\b", re.I)
_UPDATE_CUE = re.compile(r"\b(?:rose|risen|rising|climbed|increased|reached|bringing|brings|raising|raised|updated|later)\b",
                         re.I)
_CUMULATIVE = re.compile(r"\b(?:bringing|brings|raising|raises|taking|takes)\s+(?:the\s+(?:total\s+|overall\s+)?"
                         r"(?:death\s+)?(?:toll|total|number)\s+(?:[\w'-]+\s+){0,3}?)?to\s*$", re.I)
# Words that, after a vague quantifier, make it a pronoun ("some in the town say ..."), not a toll's count.
_VAGUE_WORDS = {"several", "many", "some", "multiple", "numerous", "a number of", "an unknown number of",
                "unknown number of", "an unspecified number of", "unspecified number of", "an unidentified number of",
                "unidentified number of", "dozens", "scores", "hundreds", "thousands", "a few", "few", "a handful of"}
_NOT_COUNTED_AFTER_VAGUE = re.compile(r"\s+(?:in|at|on|from|who|say|says|said|claim|claims|claimed|believe|believed|"
                                      r"sources?|witnesses|observers|analysts)\b", re.I)
_NAME_BEFORE_NUMBER = re.compile(r"(?:\b(?:battalion|brigade|division|regiment|unit|gate|route|highway|no\.?|number|"
                                 r"article|ak|m|g|bm|one|camp)[\s-]*|\d\s*/\s*|/)$", re.I)
_NOT_PERSONS_HEAD = re.compile(r"^(?:cows?|cattle|goats?|sheep|camels?|animals?|livestock|donkeys?|horses?|houses?|homes?|"
                               r"vehicles?|shops?|huts?|buildings?|cars?|villages?|towns?|localities|locations?|areas?|"
                               r"trucks?|tanks?|weapons?|rifles?|guns?|rounds?|shells?|missiles?|rockets?|bombs?|"
                               r"sides?|days?|nights?|times?|attacks?|positions?|bases?|camps?|schools?|churches|"
                               r"mosques?|markets?|kilometres?|kilometers?|miles?)$", re.I)
_NP_STOP = {"were", "was", "are", "is", "have", "has", "had", "killed", "dead", "died", "and", "of", "in", "on", "at",
            "from", "by", "during", "with", "including", "reportedly", "allegedly", "who", "while", "later", "been",
            "being", "feared", "believed", "confirmed", "shot", "lost", "to", "for", "as", "after", "when"}


def _victim(text: str, end: int) -> str:
    """The noun a toll's number counts ("soldier" in "3 Egyptian soldiers killed"): the last word of the
    noun phrase after the number, or "" for people in general."""
    m = re.match(r"\s+(?:(?:more|other|additional|further|of\s+(?:the|their|them|its|his))\s+)?((?:[A-Za-z'-]+,?\s*){1,4})",
                 text[end:])
    if not m:
        return ""
    words = []
    for w in re.findall(r"[A-Za-z'-]+,?", m.group(1)):
        low = w.rstrip(",").lower()
        if low in _NP_STOP or (low in _GENERIC_VICTIM and words):
            break
        words.append(w.rstrip(","))
        if low in _GENERIC_VICTIM:
            break
        if w.endswith(","):
            break
    if not words:
        return ""
    w = words[-1].lower()
    if w in _GENERIC_VICTIM:
        return ""
    if w.endswith("men"):
        return w[:-3] + "man"
    return w[:-1] if w.endswith("s") and not w.endswith("ss") else w


def _sentence_of(text: str, pos: int) -> int:
    """Index of the sentence a position falls in."""
    return sum(1 for m in _SENTENCE_END.finditer(text) if m.end() <= pos)


_GLOSS = re.compile(r"\s+\((?=[A-Za-z])(?![^()]*(?:fatal|kill|dead|death|died|wound|injur|casualt))[^()\d]{2,40}\)(?=[\s,.;])")
_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+(?=[A-Z0-9\"'(])")


@lru_cache(maxsize=8192)  # a passage is read more than once (its sentence, then its group)
def fatalities(text: str) -> tuple[int, bool]:
    """Deaths reported in a passage: (count, whether any death statement was found)."""
    # "between four and six killed", "four or five were killed": ACLED takes the lower figure;
    # "'a number' of fighters", '"Several" reported killed': quotes do not change the words.
    text = _QUOTED.sub(r"\1", text)
    # "Two members of Ajnad Misr (Soldiers of Egypt) were killed": a gloss holds no count.
    text = _GLOSS.sub("", text)
    text = _RANGE.sub(lambda m: m.group(1) or m.group(2) or m.group(3), text)
    text = _ALTERNATIVE.sub(_lower_alternative, text)
    text = re.sub(r"(\d)\+", r"\1", text)  # "150+ dead"
    text = _FAMILY.sub(lambda m: m.group(1) + " members of a family", text)
    text = _N_OF_M.sub(r"\1", text)
    text = _drop_subsets(text)
    # A sentence that adds victims to those already told ("A bystander was also killed") adds its toll.
    sentences = [p for p in _SENTENCE_END.split(text) if p.strip()]
    if len(sentences) > 1:
        base = [p for i, p in enumerate(sentences) if i == 0 or not _ADDITIVE.search(p)]
        extra = [p for i, p in enumerate(sentences) if i > 0 and _ADDITIVE.search(p)]
        if extra:
            n, found = _count(" ".join(base))
            for p in extra:
                k, f = _count(p)
                if f and k and not (n and _restates(" ".join(base), p)):
                    n, found = n + k, True
                elif f and not found:
                    n, found = k, True
            return n, found
    return _count(text)


def _restates(base: str, added: str) -> bool:
    """Whether a sentence repeats a toll already told ("Three soldiers died. Police also said three soldiers
    were killed") rather than adding victims."""
    told = {v for v, _ in _tolls(base)}
    return any(v in told for v, _ in _tolls(added))


def _tolls(text: str) -> list[tuple[int, str]]:
    return [(v, w) for _, _, v, w, _ in _spans(text)]


def _lower_alternative(m: re.Match[str]) -> str:
    a, b = number_value(m.group(1)), number_value(m.group(3))
    keep = m.group(3) if a is not None and b is not None and b < a else m.group(1)
    return keep + m.group(2)


def _drop_subsets(text: str) -> str:
    out, pos = [], 0
    for m in _SUBSET.finditer(text):
        if not _BEFORE_SUBSET.search(text[max(0, m.start() - 120): m.start()]):
            continue
        out.append(text[pos: m.start()])
        pos = m.end()
        # "- including ... -" and "(including ...)": the closing mark goes with the aside.
        close = re.match(r"\s*[-–—)]", text[pos:])
        if close and re.match(r"\s*(?:[-–—(]|\s)", m.group(0)) and re.search(r"[-–—(]", m.group(0)[:4]):
            pos += close.end()
        out.append(" ")
    out.append(text[pos:])
    return re.sub(r"\s+(?=[,;.])", "", re.sub(r"\s{2,}", " ", "".join(out)))


_COMPANION = r"(?:driver|bodyguard|guard|wife|husband|son|daughter|brother|sister|father|mother|nephew|escort|friend)"
# "Gunmen killed Lt-Col Emmanuel Buzubona and his driver", "A pastor ... and his brother were killed": two.
_ONE_AND_COMPANION = re.compile(
    r"\bkill(?:ed|ing|s)?\s+(?:[A-Z][\w'.-]*\s+){1,5}and\s+(?:his|her)\s+" + _COMPANION + r"\b(?!s)"
    r"|\b(?:an?|the)\s+[\w ()'-]{0,80}?\band\s+(?:his|her)\s+" + _COMPANION + r"\s+(?:were|have been|had been)\s+"
    r"(?:reportedly\s+|allegedly\s+|both\s+)?(?:killed|shot dead|murdered|gunned down)\b")


def _count(text: str) -> tuple[int, bool]:
    n, found = _fatalities(text)
    if n < 2 and _ONE_AND_COMPANION.search(text):
        n, found = 2, True
    listed = max(_listed_victims(text), _listed_subjects(text))
    if listed > n:
        n, found = listed, True
    m = _OTHERS_AND_SELF.search(text)
    if m:  # "killing a vigilante and himself": the bomber counts too
        v = 1 if m.group(1).lower() in ("a", "an", "one", "the") else number_value(m.group(1))
        if v is not None:
            return max(n, v + 1), True
    return n, found


_PASSIVE_DEATH = re.compile(r"\s+(?:(?:were|are|have been|had been|was|is)\s+)?(?:(?:reportedly|allegedly|both|also|all|"
                            r"later|subsequently|confirmed)\s+){0,2}(?:killed|shot dead|murdered|executed|beheaded|"
                            r"gunned down|found dead|confirmed dead|burn(?:ed|t) to death|stabbed to death|"
                            r"hacked to death|beaten to death|lynched|assassinated|dead)\b", re.I)
_AFTER_DEATH_ADD = re.compile(r"[^.;]{0,60}?,?\s+(?:along with|as well as|together with)\s+([^.;,]{2,60})", re.I)
_PART_VERB = re.compile(r"\b(?!(?:armed|suspected|alleged|unidentified|unarmed|wounded|injured|abducted|kidnapped|"
                        r"detained|based|affiliated|united|retired|so-called|named|elected|deceased|"
                        r"un\w+ed)\b)(?:[a-z]{3,}ed|said|says|shot|threw|struck|hit|took|set|left|fled|was|were|is|are|"
                        r"has|have|had|attack|attacks|kill|kills|clash|say|claim|claims)\b")


_KIN = (r"(?:son|daughter|wife|husband|mother|father|brother|sister|nephew|niece|cousin|uncle|aunt|child|baby|"
        r"infant|grandson|granddaughter|grandmother|grandfather|driver|bodyguard|friend|colleague|companion|aide)")


def _part_count(part: str) -> int | None:
    """Persons a listed noun phrase names ("two bystanders" 2, "a conscript" 1, "his wife" 1), or None."""
    part = re.sub(r"^(?:both|also|and|the other)\s+", "", part.strip(), flags=re.I).strip(" ,-–—")
    if not part or _PART_VERB.search(part) or len(part.split()) > 8:
        return None
    if re.match(r"one\s+(?:an?|of)\b", part, re.I):
        return 0  # "two soldiers, one an officer": an aside about the two
    q = re.match(QUAL + r"(" + NUMBER + r")\s+([\w'-]+)", part, re.I)
    if q and q.group(1).lower() not in ("a", "an", "another", "both", "no"):
        if _NOT_PERSONS_HEAD.match(q.group(2)) or _NOT_PERSONS.search(part):
            return None
        return number_value(q.group(1))
    if _NOT_PERSONS.search(part):
        return None
    if re.match(r"(?:a|an|the|his|her|their|its|one|another)\s+\S", part, re.I):
        return 0 if re.search(r"s$", part) and not re.search(r"(?:ss|us|is)$", part) and \
            not re.search(_SINGULAR_PERSON + r"\b", part, re.I) else 1
    if re.fullmatch(r"[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){0,4}", part) or re.fullmatch(_KIN, part, re.I):
        return 1  # a name ("Brig. General Kararuza") or a bare kin word ("his wife and son")
    return None


def _listed_subjects(text: str) -> int:
    """'An officer and a conscript were killed', 'A soldier and two bystanders were killed', 'Mother and
    2 sons killed', 'One guard was killed, as well as one attacker': victims listed as the subject of a
    death, added."""
    best = 0
    for m in _PASSIVE_DEATH.finditer(text):
        # "An activist and the committee's chairman was killed": one person, named twice.
        singular = bool(re.match(r"\s+(?:was|is)\b", m.group(0), re.I))
        head = text[: m.start()]
        cut = max(head.rfind("."), head.rfind(";"), head.rfind(":"), head.rfind("("))
        head = head[cut + 1:]
        said = list(re.finditer(r"\b(?:said|says|say|reported|claimed|confirmed|that|while|when|after|where|as)\b", head))
        if said:
            head = head[said[-1].end():]
        # Parts and the marks between them; a list joined by commas alone is an apposition ("A rights
        # activist, Evariste K., was killed"), not two victims.
        pieces = re.split(r"(\s*,\s*(?:and\s+)?|\s+(?:and|as well as|along with|together with)\s+)", head)
        parts, joins = pieces[0::2], pieces[1::2]
        total = counted = last = 0
        joined = False
        for i in range(len(parts) - 1, -1, -1):
            if not parts[i].strip():
                break
            k = _part_count(parts[i])
            if k is None:
                break
            last = last or k
            total += k
            counted += k > 0
            if i > 0 and k and re.search(r"\b(?:and|with)\b", joins[i - 1]):
                joined = True
        if (not joined or singular) and counted > 1:
            counted, total = 1, last
        after = _AFTER_DEATH_ADD.match(text, m.end())
        if after and counted:
            k = _part_count(after.group(1))
            if k:
                total += k
                counted += 1
        if counted >= 2:
            best = max(best, total)
    return best


@lru_cache(maxsize=1)
def _toll_gates() -> list[tuple[re.Pattern[str], Gate]]:
    return [(pat, Gate(pat)) for pat in (NUM_BEFORE, NUM_AFTER, LEFT_DEAD, BURNED, LYNCHED, _LOST, _LIVES)]


def _spans(text: str) -> list[tuple[int, int, int, str, bool]]:
    """Every number tied to deaths: (start, end, value, victim noun, whether the number is vague)."""
    spans: list[tuple[int, int, int, str, bool]] = []
    folded = fold_case(text)
    for pat, gate in _toll_gates():
        if not gate.may_match(text, folded):
            continue  # none of the pattern's words occurs: it has no match
        for m in _matches(pat, text):
            raw = m.group(1)
            v = number_value(raw)
            if v is None or (raw.lower() in ("a", "an", "no") and pat is NUM_BEFORE and
                             not re.search(r"\b(?:was|is)\b", m.group(0))):
                continue
            vague = raw.lower() in _VAGUE_WORDS
            if vague and _NOT_COUNTED_AFTER_VAGUE.match(text, m.end(1)):
                continue  # "Some in the town claim he was killed"
            after = text[m.end(1):]
            if re.match(r"\s+sides?\b", after, re.I):
                continue  # "combatants from both sides were killed": the sides are not the toll
            if pat is NUM_BEFORE and _NOT_PERSONS_HEAD.match(_victim(text, m.end(1)) or "-"):
                continue  # "Four vehicles were destroyed and ... killed"
            if raw[0].isdigit() and _NAME_BEFORE_NUMBER.search(text[max(0, m.start(1) - 12): m.start(1)]):
                continue  # "Battalion 302", "AK 47", "on 15/03", "One 21 Border Guard fighter": a name or a date
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
            if any(a < m.end(1) and m.start(1) < b for a, b, _, _, _ in spans):
                continue
            spans.append((m.start(1), m.end(1), v, _victim(text, m.end(1)), vague))
    for m in _SELF_AND_OTHERS.finditer(text):
        v = number_value(m.group(2))
        if v is not None:
            spans = [s for s in spans if not (m.start(2) <= s[0] < m.end(2))]
            spans.append((m.start(2), m.end(2), v + (1 if m.group(1).lower() != "themselves" else 0), "", False))
    for m in _THEMSELVES.finditer(text):
        v = number_value(m.group(1))
        if v is not None and m.group(1).lower() not in ("a", "an", "another", "no") and \
                not any(a <= m.start(1) < b for a, b, _, _, _ in spans):
            spans.append((m.start(1), m.end(1), v, "", False))
    return spans


def _fatalities(text: str) -> tuple[int, bool]:
    spans = _spans(text)
    # A running total ("bringing to 12 the number killed this week") holds earlier incidents: it is the
    # toll only when nothing else is told.
    own = [s for s in spans if not _CUMULATIVE.search(text[max(0, s[0] - 60): s[0]])]
    spans = own or spans
    # A vague figure ("some of the insurgents", '"many" killed') gives way to a number for the same victims.
    precise = [s for s in spans if not s[4]]
    spans = [s for s in spans if not s[4] or not any(not p[3] or not s[3] or p[3] == s[3] for p in precise)]
    # Differing figures for the same victims from another source ("Official media said two students were
    # killed", "Other sources claim nine dead"): ACLED codes the lowest; a figure updated later is kept.
    dropped: set[int] = set()
    sentences = _SENTENCE_END.split(text)
    for i, s in enumerate(spans):
        si = _sentence_of(text, s[0])
        sent = sentences[si] if si < len(sentences) else ""
        if not _SOURCE_CUE.search(sent) or _UPDATE_CUE.search(sent):
            continue
        for j, t in enumerate(spans):
            if j != i and (t[3] == s[3] or not s[3]) and t[2] != s[2] and _sentence_of(text, t[0]) < si:
                dropped.add(i if s[2] > t[2] else j)
    spans = [s for i, s in enumerate(spans) if i not in dropped]
    if spans:
        # ACLED adds the tolls of different victims ("three soldiers and two rebels were killed",
        # "13 soldiers killed, 3 rebels killed"); a general toll ("11 people") already holds them.
        general = max((v for _, _, v, w, _ in spans if not w), default=0)
        per: dict[str, tuple[int, int]] = {}
        for a, _, v, w, _ in spans:
            if w and v > per.get(w, (0, 0))[0]:
                per[w] = (v, _sentence_of(text, a))
        # The same figure told again in another sentence of other words ("killed three civilians ...
        # killed three nomads") is one toll told twice.
        seen: set[tuple[int, int]] = set()
        total = 0
        for v, si in sorted(per.values(), key=lambda x: x[1]):
            if any(v == v2 and si != s2 for v2, s2 in seen) and si < len(sentences) and \
                    _SOURCE_CUE.search(sentences[si]):
                continue
            seen.add((v, si))
            total += v
        joined = re.search(r"\b(?:kill(?:ed|ing|s)?|(?:the )?deaths? of)\s+" + QUAL + "(" + NUMBER + r")\s+[\w'-]+(?:\s+[\w'-]+)?\s+and\s+"
                           + QUAL + "(" + NUMBER + r")\s+(?:[\w'-]+\s+)?" + _PERSONS, text, re.I)
        if joined:
            a, b = number_value(joined.group(1)), number_value(joined.group(2))
            if a is not None and b is not None:
                total = max(total, a + b)
        return max(general, total), True
    if NO_DEATHS.search(text):  # "... beheaded him. No other casualties were reported."
        return (1 if SINGLE_DEATH.search(text) or _SINGLE_MORE.search(text) else 0), True
    if _UNKNOWN_TOLL.search(text) or VAGUE_DEATHS.search(text):
        return 10, True
    if SINGLE_DEATH.search(text) or _SUICIDE_SELF.search(text) or _SINGLE_MORE.search(text):
        return 1, True
    return 0, False


# ---- certainty and attribution -------------------------------------------------------------------
ATTRIBUTION = re.compile(
    r"(?:\baccording to ((?:the |a |an )?[^,.;]{2,80}?)(?=[,.;]|$| who| which| that| on| in (?!the ministry))"
    r"|\b((?:the |a |an )?(?:[A-Z][\w'-]*|the|local|military|security|police|government|state|medical|"
    r"hospital|health|army|official|rebel|group|war|rights|aid|humanitarian|witnesses?|residents?|sources?|"
    r"officials?|spokes(?:man|woman|"
    r"person)|ministry|minister|governor|mayor|media|activists?|monitor|observatory|agency|news|report)"
    r"(?:\s+[\w'-]+){0,6}?)\s+(?:said|says|told|reported|confirmed|announced|claimed|stated|added|noted|"
    r"tweeted|alleged)\b"
    r"|\b(?:said|says|told [\w ]{2,30}?|reported|confirmed|announced|claimed|stated) "
    r"((?:the |a |an )?[^,.;]{2,60}?)(?=[,.;]|$))",
)
CLAIM = re.compile(r"\b(claim(?:ed|s|ing)? (?:responsibility|credit|it|that|to have)|claimed|alleg(?:ed|edly|es)"
                   r"|in a statement|statement (?:issued|released|posted) by|propaganda|(?:amaq|news agency "
                   r"linked|affiliated news agency)|the group said|the militants said|the rebels said|"
                   # a party's figure nobody could check: "a figure that could not be independently verified"
                   r"(?:could|can)(?:not|n't| not) be (?:independently )?(?:verified|confirmed)|"
                   r"(?:was|were) unable to (?:independently )?(?:verify|confirm))\b",
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


_SUSPECTED = re.compile(r"\bsuspected\s+", re.I)
_SUSPECTED_DOERS = re.compile(r"(?:[\w-]+\s+)?(?:islamists?|militants|insurgents|forces|fighters|elements|allies|"
                              r"supporters|members|jihadists|gunmen|rebels|terrorists|herdsmen|thie|robbers|"
                              r"kidnappers|criminals|guerrillas|separatists|bandits|gang|cartel|"
                              # "arrested a suspected kidnap kingpin": a suspect, not a doubtful arrest
                              r"kidnap\w*|kingpin|ringleader|leaders?|commanders?|robbers?|thie(?:f|ves)|"
                              r"smugglers?|traffickers?|cultists?|killers?|murderers?|arsonists?|bombers?|"
                              r"recruiters?|financiers?|informants?|collaborators?|spies|spy)", re.I)


def _suspected_doer(text: str) -> bool:
    """Whether "suspected" doubts only who did it ("suspected ELN guerrillas detonated ..."), not
    whether it happened: followed by an armed noun or a named group."""
    from .actors import find_named_actors

    named = None
    for m in _SUSPECTED.finditer(text):
        if _SUSPECTED_DOERS.match(text, m.end()):
            return True
        named = find_named_actors(text) if named is None else named
        if any(a.start == m.end() or (a.start == m.end() + 4 and text[m.end():a.start].lower() == "the ")
               for a in named):
            return True
    return False


_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|be|is|are)\s+(?:also\s+|widely\s+|first\s+)?$", re.I)
_WHERE_WHEN_AFTER = re.compile(r"\s+(?:in|on|at|near|during|after|before|overnight|yesterday|late|early)\s+",
                               re.I)
_ENDS_PASSIVE = re.compile(r"\b(?:was|were|been|being|be|is|are)$", re.I)
_NOT_A_SOURCE = re.compile(r"(?:on|in|at|near|during|since|after|before|late|early|overnight|yesterday|last|this|"
                           r"earlier|from|across|around|throughout|to|by)\b", re.I)


@lru_cache(maxsize=8192)
def certainty_of(text: str) -> tuple[str, str | None]:
    """(certainty, attribution) for a sentence: who says so and how sure the wording is."""
    attribution = None
    pos = 0
    while m := ATTRIBUTION.search(text, pos):
        pos = m.start() + 1
        attribution = next(g for g in m.groups() if g).strip()
        if m.group(2) and _ENDS_PASSIVE.search(attribution):
            attribution = None  # "Clashes were reported ...": what was reported, not who reported it
            pos = m.end(2)
            continue
        if m.group(3):  # "said the ministry": the source after the verb
            passive = _PASSIVE_BEFORE.search(text[max(0, m.start() - 20):m.start()])
            if attribution.lower().startswith("by "):
                attribution = attribution[3:]  # "were reported by local media", "claimed by AQIM"
            elif passive or _NOT_A_SOURCE.match(attribution):
                attribution = None  # "clashes were reported on 10 March near X": when and where, not who
                continue
            attribution = _WHERE_WHEN_AFTER.split(attribution, maxsplit=1)[0]  # "local media in the town"
        if len(attribution.split()) > 10 or attribution.lower() in ("that", "it", "he", "she", "they"):
            attribution = None
        break
    if CLAIM.search(text):
        return "claimed", attribution
    if SPECULATIVE.search(text) and not _suspected_doer(text):
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
    r"claims|attacking|killing|it)\b|(?:did|does|do|has|have|had|was|were|is|are) (?:not|n't|never) "
    r"(?:\w+ )?(?:attack|kill|clash|seiz|captur|abduct|kidnap|arrest|fire|shell|bomb|explod|happen|occur|"
    r"take place|targeted|involved)|no (?:attack|clash|fighting|violence|incident|protest|arrests?|"
    r"explosion|strike)s? (?:was|were|has been|have been|had been|took place|occurred|reported)|"
    r"there (?:was|were|have been|has been) no (?:attack|clash|fighting|violence|incident|protest|"
    r"explosion|casualties)|false (?:reports?|claims?|rumou?rs?)|fake news|hoax|dismissed (?:reports|"
    r"claims)|rejected (?:reports|claims)|were unfounded|was unfounded)", re.I)
HYPOTHETICAL = re.compile(
    r"(?:^|[,;:]\s*)(?:if|unless)\s|(?:^|[,;:]\s*)(?:should|were|had)\s+(?:the|it|they|he|she|we|you|this|that|there)\b|\b(?:in case|in the event that|what if|imagine|"
    r"suppose|supposing|hypothetical\w*|scenario|could lead to|risk of|threat of|fears? of (?:an? )?|"
    r"(?:fear|feared|fears|fearing|dread\w*|anticipat\w+|brac\w+ for) (?:an? |another |further |more |new |fresh |renewed |possible |imminent )|"
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
    r"\b(?:should|must|ought to) (?:be|have|not)\b|\bthe question is\b|\barguably\b|"
    r"\b(?:argue[sd]?|contend(?:s|ed)?) that\b|\bothers (?:say|argue|believe|insist)\b|"
    r"^\s*perhaps\b",  # "Perhaps the talks ..."; "perhaps two others", "perhaps using" are hedges, not views
    re.I)
HABITUAL = re.compile(
    r"\b(often|frequently|regularly|routinely|usually|typically|commonly|repeatedly|increasingly|rarely|seldom|"
    # generic statements: "scuffles between rival supporters are common at rallies"
    r"(?:are|is) (?:common|frequent|rare|routine|commonplace|widespread|endemic)|tends? to|"
    r"have long|has long|for years|for decades|in recent (?:years|months|decades)|over the (?:past|last) "
    r"(?:\w+ )?(?:years|decades|months)|since (?:19|20)\d{2}|since the (?:start|beginning)|every (?:year|week|"
    r"month)|each year|is known for|are known for|has been (?:fighting|waging)|have been (?:fighting|waging)|"
    r"a history of|historically|wave of|series of attacks|spate of|the (?:latest|worst) in a|"
    r"(?:a|the) (?:conflict|war|insurgency|crisis) (?:that|which) has|"
    # Running totals are summaries, not incidents: "700 fighters have died since the campaign began in May".
    r"since (?:the |its |their )?(?:\w+ ){0,2}(?:began|started|begun|was launched|were launched)|"
    r"since (?:January|February|March|April|May|June|July|August|September|October|November|December)|"
    r"so far this (?:year|month)|to date)\b", re.I)


# ---- a toll shared out over days or events -------------------------------------------------------
# ACLED codes one event per day and place: a toll told for several days ("killed 30 over two days",
# "in three days of fighting", "between Mar.26-28") is divided evenly, the first day taking what is
# left over; a coder's remark in the text ("13 fatalities recorded", "fatalities divided between three
# events") says the share outright.
_DAY_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "2": 2, "3": 3, "4": 4, "5": 5}
_DAYS = r"(two|three|four|five|2|3|4|5)"
_SPAN_OF_DAYS = re.compile(
    r"\b(?:over|in|during|across|within|for)\s+(?:the\s+)?(?:past\s+|last\s+|a\s+|its\s+|first\s+)?" + _DAYS
    + r"[- ]days?\b(?!\s+(?:ago|earlier|before|later|after|since|prior))"
    r"|\b" + _DAYS + r"[- ]days?\s+of\s+(?:fighting|clashes|violence|attacks|raids|operations?|battles?|unrest|"
    r"bombardment|shelling|air ?strikes|airstrikes|strikes|combat|hostilities)\b"
    r"|\b" + _DAYS + r"-day\s+(?:clash|clashes|battle|fight|fighting|operation|campaign|offensive|attack|assault|"
    r"siege|raid|military|security|joint)\b", re.I)
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DAY_RANGE = re.compile(r"\b(?:between|from|over|on)\s+(?:" + _MONTH + r"\s*)?(\d{1,2})(?:st|nd|rd|th)?\s*(?:-|–|and|to)\s*"
                        r"(\d{1,2})(?:st|nd|rd|th)?(?:\s+" + _MONTH + r"|/\d{1,2}\b)"
                        r"|\b" + _MONTH + r"\s*(\d{1,2})\s*(?:-|–)\s*(\d{1,2})\b"
                        r"|\((\d{1,2})\s*(?:-|–)\s*(\d{1,2})/\d{1,2}\)", re.I)
_CODED = re.compile(r"\b(\d{1,4})\s+(?:fatal\w*|deaths?|killed)\s+(?:were\s+)?(?:coded|recorded)\b"
                    r"(?!\s+(?:in|for|as)\s+(?:a|an|the)\s+(?:previous|separate|other|another|earlier)\b)"
                    r"(?:\s+(?:in|at|for)\s+((?:[A-Z][\w'-]+)(?:[ -][A-Z][\w'-]+)*))?")
_DIVIDED = re.compile(r"\bfatalit\w*\s+(?:were\s+|are\s+)?(?:divided|split)\s+(?:evenly\s+)?(?:between|across|among)\s+"
                      r"(?:(two|three|four|five|2|3|4|5)\s+events|[A-Z][\w'-]+(?:[ -][A-Z][\w'-]+)*\s+and\s+[A-Z])", re.I)


def day_span(text: str) -> int:
    """How many days a passage's toll is told for (1 when it names no span)."""
    m = _SPAN_OF_DAYS.search(text)
    if m:
        return _DAY_WORDS[next(g for g in m.groups() if g).lower()]
    for m in _DAY_RANGE.finditer(text):
        a, b = (int(x) for x in [g for g in m.groups() if g][:2])
        if 1 <= b - a <= 4:
            return b - a + 1
    return 1


def toll_share(text: str, total: int, place_name: str | None = None) -> int:
    """The part of a toll that belongs to one coded event: a coder's remark first (the figure given for
    the event's place when there is one), then a toll told for several days divided by day."""
    if total <= 0:
        return total
    coded = [(int(m.group(1)), m.group(2)) for m in _CODED.finditer(text)]
    if coded:
        if place_name:
            key = _fold_name(place_name)
            for v, where in coded:
                if where and (_fold_name(where).startswith(key[:5]) or key.startswith(_fold_name(where)[:5])):
                    return v
        return coded[0][0]
    m = _DIVIDED.search(text)
    if m:
        parts = _DAY_WORDS[m.group(1).lower()] if m.group(1) else 2
        return -(-total // parts)
    if total == 10 and (_UNKNOWN_TOLL.search(text) or VAGUE_DEATHS.search(text)):
        return total  # "heavy casualties" over four days: ACLED's 10 stands for each day's unknown toll
    days = day_span(text)
    return -(-total // days) if days > 1 else total


def _fold_name(s: str) -> str:
    return re.sub(r"[^a-z]", "", s.lower().replace("al-", "").replace("el-", ""))
