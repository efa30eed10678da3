"""Who did it to whom: actor mentions, ACLED-style normalised names, roles and inter codes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from eventatlas.model import SUB_EVENT_TYPES

from .lexicon import COUNTRIES, COUNTRY_WORDS, GENERIC_ACTORS, NAMED_ACTORS, NAMED_KEYS, NAMED_PATTERNS
from .literals import Gate, fold_case

ACTOR_CODES: dict[str, int] = {name: code for name, code, _ in NAMED_ACTORS}


@dataclass(slots=True)
class ActorMention:
    start: int
    end: int
    name: str  # normalised (template still holding {c} for generic ones)
    code: int
    named: bool
    text: str


def _country_name(cc: str | None) -> str | None:
    return COUNTRIES.get(cc.upper()) if cc else None


def fill(name: str, cc: str | None) -> str:
    """Fill a generic template with the country: "Police Forces of {c}" -> "Police Forces of Libya"."""
    c = _country_name(cc)
    if "{c}" not in name:
        return name
    if c:
        return name.replace("{c}", c)
    return name.replace(" of {c}", "").replace(" ({c})", "")


_DEMONYM_BEFORE = re.compile(r"([A-Z][\w-]+(?: [A-Z][\w-]+)?)\s+$")


_COMMUNAL = re.compile(r"\b([A-Z][\w'’]+(?:[ -][A-Z][\w'’]+)?)\s+(tribesm[ae]n|clansm[ae]n|ethnic militia(?:men)?|"
                       r"(?:sub-?)?clan (?:militia(?:men|s)?|fighters|gunmen))\b")
# Peoples and clans often named as a side in communal violence (our own general knowledge).
_ETHNIC = ("Tabu|Toubou|Tebu|Tuareg|Touareg|Nuer|Dinka|Anuak|Anyuak|Murle|Shilluk|Oromo|Afar|Peul|Dogon|Bambara|"
           "Lobi|Tiv|Jukun|Berom|Kikuyu|Kalenjin|Pokot|Turkana|Borana|Gabra|Garre|Degodia|Misseriya|Messiria|"
           "Rizeigat|Rizaygat|Maaliya|Ma'aliya|Zaghawa|Masalit|Hema|Lendu|Twa|Luba|Banyamulenge|Nande|Baggara|"
           "Beni Halba|Salamat|Habaniya|Qadhadhfa|Awlad Suleiman|Mashashiya|Agatu|Bachama|Mambila|Konso|Gedeo|"
           "Guji|Ogaden|Bari|Mundari|Toposa|Lou Nuer|Bor Dinka|Dawsahak|Ibogholitane|Idaksahak|Imghad")
_CLANS = ("Habar Gidir|Habar Gedir|Hawiye|Darod|Daarood|Isaaq|Abgaal|Murusade|Biimaal|Marehan|Majerteen|"
          "Dhulbahante|Warsangeli|Ogaden clan|Rahanweyn|Digil|Mirifle|Galjecel|Gaaljecel|Jajele|Duduble|Sa'ad|Saleban")
_PEOPLE = re.compile(r"\b(" + _ETHNIC + r"|" + _CLANS + r")(?:\s+(?:ethnic|tribal|community|communal|clan|sub-clan))?\s+"
                     r"(?:militia(?:men|s)?|youths?|fighters|gunmen|tribesm[ae]n|groups?|members|herders|herdsmen|"
                     r"clansm[ae]n|communit(?:y|ies)|men|attackers|assailants|raiders|forces)\b")
_CLAN_SET = {c.lower() for c in _CLANS.split("|")}
# "between Tabu and Tuareg", "Gaaljecel and Jajele militia": two peoples named together are two sides.
_PEOPLE_PAIR = re.compile(r"\b(" + _ETHNIC + r"|" + _CLANS + r")\s+(?:and|&)\s+(?:the\s+)?(" + _ETHNIC + r"|" + _CLANS + r")\b")
_NOT_A_PEOPLE = {"the", "a", "an", "local", "armed", "rival", "suspected", "unidentified", "unknown", "some", "two",
                 "three", "several", "many", "dozens", "hundreds", "other", "angry", "militant", "islamist"}


def find_actors(text: str) -> list[ActorMention]:
    """Actor mentions in a passage, named groups first claiming their span, then generic nouns."""
    return list(_find_actors(text))


def find_named_actors(text: str) -> list[ActorMention]:
    """The named groups and acting states of `find_actors` alone (the same mentions it starts from):
    what a whole report is scanned for when only named actors matter."""
    return list(_named_actors(text))


@lru_cache(maxsize=256)
def _named_actors(text: str) -> tuple[ActorMention, ...]:
    out: list[ActorMention] = []

    def free(a: int, b: int) -> bool:
        return not any(m.start < b and a < m.end for m in out)

    low = text.lower()
    folded = fold_case(text)
    for (pat, name, code), key, gate in zip(NAMED_PATTERNS, NAMED_KEYS, _NAMED_GATES, strict=True):
        if key and key not in low:
            continue
        if not gate.may_match(text, folded):  # acronyms as written: "IS", "NDA" (not "is", "nda")
            continue
        for m in pat.finditer(text):
            if _LINKED_AFTER.match(text, m.end()):
                continue  # "the al-Qaeda-linked JNIM": the group it is linked to is not the one acting
            if m.group(0).lower() in ("herders", "herdsmen") and _VICTIM_BEFORE.search(text, max(0, m.start() - 40),
                                                                                     m.start()):
                continue  # "the strikes killed several herders": herders killed are civilians
            if free(m.start(), m.end()):
                out.append(ActorMention(m.start(), m.end(), name, code, True, m.group(0)))
    # "The United States carried out air strikes", "Egypt bombed ...": a state named as the one acting
    # is its armed forces, as ACLED codes it.
    for m in _STATE_AGENT_GATE.finditer(text, folded):
        cc = COUNTRY_WORDS.get(m.group(1).lower())
        if cc and m.group(1)[0].isupper() and free(m.start(1), m.end(1)) and \
                not m.group(1).lower().endswith(("an", "ian", "ese", "ish", "i")):
            name, code = (("Military Forces of the United States", 8) if cc == "US"
                          else (f"Military Forces of {COUNTRIES.get(cc, cc)}", 1))
            out.append(ActorMention(m.start(1), m.end(1), name, code, True, m.group(1)))
    return tuple(out)


@lru_cache(maxsize=2048)
def _find_actors(text: str) -> tuple[ActorMention, ...]:
    out: list[ActorMention] = list(_named_actors(text))

    def free(a: int, b: int) -> bool:
        return not any(m.start < b and a < m.end for m in out)

    folded = fold_case(text)
    # "Murle tribesmen", "Habar Gidir clan militia": a communal group named by its people.
    for m in _COMMUNAL_GATE.finditer(text, folded):
        who = m.group(1)
        if who.split()[0].lower() in _NOT_A_PEOPLE or who.lower() in COUNTRY_WORDS or not free(m.start(), m.end()):
            continue
        kind = m.group(2).lower()
        label = "Ethnic Militia" if kind.startswith(("tribes", "ethnic")) else \
            ("Sub-Clan Militia" if "sub" in kind else "Clan Militia")
        out.append(ActorMention(m.start(), m.end(), f"{who} {label} ({{c}})", 4, True, m.group(0)))
    def people(a: int, b: int, who: str) -> None:
        if free(a, b):
            label = "Clan Militia" if who.lower() in _CLAN_SET else "Ethnic Militia"
            out.append(ActorMention(a, b, f"{who} {label} ({{c}})", 4, True, text[a:b]))

    for m in _PEOPLE_PAIR_GATE.finditer(text, folded):
        people(m.start(1), m.end(1), m.group(1))
        people(m.start(2), m.end(2), m.group(2))
    for m in _PEOPLE_GATE.finditer(text, folded):
        people(m.start(), m.end(), m.group(1))
    for (_, name, code), gate in zip(GENERIC_ACTORS, _GENERIC_GATES, strict=True):
        for m in gate.finditer(text, folded):
            if not free(m.start(), m.end()):
                continue
            # "Boko Haram militants": the generic noun belongs to the named group before it.
            if any(o.named and 0 <= m.start() - o.end <= 2 for o in out):
                continue
            nm = name
            # "Nigerian troops", "Somali police": the demonym names the country.
            d = _DEMONYM_BEFORE.search(text[max(0, m.start() - 30): m.start()])
            if d and "{c}" in name:
                cc = COUNTRY_WORDS.get(d.group(1).lower()) or COUNTRY_WORDS.get(d.group(1).split()[-1].lower())
                if cc:
                    nm = name.replace("{c}", COUNTRIES.get(cc, cc))
            out.append(ActorMention(m.start(), m.end(), nm, code, False, m.group(0)))
    # "Libyan forces", "Tunisian forces": a country's forces, where no generic noun claimed the words.
    for m in _COUNTRY_FORCES_GATE.finditer(text, folded):
        cc = COUNTRY_WORDS.get(m.group(1).lower())
        if cc and free(m.start(), m.end()):
            name, code = (("Military Forces of the United States", 8) if cc == "US"
                          else (f"Military Forces of {COUNTRIES.get(cc, cc)}", 1))
            out.append(ActorMention(m.start(), m.end(), name, code, False, m.group(0)))
    out.sort(key=lambda m: m.start)
    return tuple(out)


# "Libyan forces", "a Turkish drone strike", "Russian warplanes": the state whose weapons they are
_COUNTRY_FORCES = re.compile(r"\b([A-Z][a-z]+)\s+(?:forces|(?:drone|air|missile)\s*strikes?|airstrikes?|"
                             r"drones?|warplanes|war ?planes|fighter jets|jets|aircraft|artillery|missiles?|"
                             r"rockets?|shells|shelling)\b")
_STATE_AGENT = re.compile(r"(?:^|(?<=[.;:,]\s)|(?<=\n))(?:[Tt]he\s+)?([A-Z][\w.]+(?:\s+[A-Z][\w.]+){0,2})\s+"
                          r"(?:(?:has|have|had|also|again|reportedly)\s+){0,2}(?:carried out|launched|conducted|struck|"
                          r"bombed|shelled|attacked|raided)\b")
# Searches skipped where none of a pattern's words occurs (see literals.py).
_STATE_AGENT_GATE, _COMMUNAL_GATE, _PEOPLE_PAIR_GATE, _PEOPLE_GATE, _COUNTRY_FORCES_GATE = (
    Gate(p) for p in (_STATE_AGENT, _COMMUNAL, _PEOPLE_PAIR, _PEOPLE, _COUNTRY_FORCES))
_GENERIC_GATES = [Gate(pat) for pat, _, _ in GENERIC_ACTORS]
_NAMED_GATES = [Gate(pat) for pat, _, _ in NAMED_PATTERNS]
_BY_BEFORE = re.compile(r"\b(?:by|from)\s+(?:the\s+|a\s+|an\s+|suspected\s+|alleged\s+|unknown\s+|"
                        r"unidentified\s+|[\w-]+\s+){0,2}$", re.I)
_OF_GROUP = re.compile(r"\s+(?:of|from|with|belonging to)\s+(?:the\s+)?(?:(?!and\b|or\b)[\w'-]+\s+){0,2}", re.I)
_VICTIM_BEFORE = re.compile(r"\b(?:kill\w*|attack\w*|abduct\w*|kidnap\w*|shot|murder\w*|massacr\w*|against|"
                            r"targeting)\s+(?:(?!by\b)[\w-]+\s+){0,3}$", re.I)
_LINKED_AFTER = re.compile(r"-?(?:linked|affiliated|backed|inspired)\b", re.I)
_CROWD_AFTER = re.compile(r"\s+(?:protesters|protestors|demonstrators|marchers)\b", re.I)
_RIVALS = re.compile(r"\b(?:rival|two|opposing|warring)\s+(?:[\w-]+\s+){0,2}(?:groups|gangs|factions|militias|"
                     r"cults|confraternities|clans|bands)\b", re.I)
# "the FARDC, supported by Wazalendo militias": a side's allies, not the doer of a passive verb
_ALLY_BY = re.compile(r"\b(?:supported|backed|assisted|aided|helped|joined|accompanied|reinforced|flanked|"
                      r"allied)\s+$", re.I)
_MEMBERS_OF = re.compile(r"\s+(?:(?:believed|suspected|said|thought) to be |allegedly )?(?:with|from|of|belonging to|"
                         r"linked to|loyal to|affiliated (?:with|to)|members of)\s+(?:the\s+)?", re.I)
_PASSIVE_AFTER = re.compile(r"^[\w\s,'-]{0,40}?\b(?:was|were|have been|has been|had been|got)\s+(?:\w+\s+)?"
                            r"(?:killed|shot|abducted|kidnapped|attacked|arrested|detained|injured|wounded|"
                            r"murdered|executed|beheaded|raped|ambushed|targeted|hit|seized|captured|taken|"
                            r"beaten|stabbed|hacked|found|rescued|freed|released|displaced|dispersed|"
                            r"lynched|burned|burnt|robbed)", re.I)

PROTEST_SUBS = {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"}
RIOT_SUBS = {"Violent demonstration", "Mob violence"}


def assign(text: str, trigger_pos: int, sub: str, cc: str | None) -> tuple[str | None, int | None, str | None,
                                                                              int | None]:
    """(actor1, type1, actor2, type2) for an event of sub-type `sub` described by `text`."""
    ms = find_actors(text)
    etype = SUB_EVENT_TYPES.get(sub, "")
    agents: list[ActorMention] = []
    patients: list[ActorMention] = []
    for m in ms:
        passive = _PASSIVE_AFTER.match(text[m.end:])
        left = text[max(0, m.start - 40): m.start]
        by = _BY_BEFORE.search(left)
        if by and by.group(0).lower().startswith("by") and not _ALLY_BY.search(left[:by.start()]):
            agents.insert(0, m)
        elif m.named and any(a.code == 3 and not a.named and _MEMBERS_OF.fullmatch(text[a.end:m.start])
                             for a in agents):
            agents.append(m)  # "four suicide bombers believed to be with Boko Haram attacked ..."
        elif passive:
            patients.append(m)
        elif m.start < trigger_pos + 1:
            agents.append(m)
        else:
            patients.append(m)

    def pick(cands: list[ActorMention], codes: set[int]) -> ActorMention | None:
        # The first candidate in role order is the actor; a generic noun gives way to a named group of
        # the same kind ("militants ... Boko Haram"), never to a different side.
        ok = [m for m in cands if m.code in codes]
        if not ok:
            return None
        first = ok[0]
        if not first.named:
            for m in ok:  # "jihadists of the al-Qaeda-linked JNIM": the group they are said to be of
                if first.code in (2, 3, 4) and m.named and m.start > first.end and \
                        _OF_GROUP.fullmatch(text, first.end, m.start):
                    return m
            for m in ok:
                if m.named and m.code == first.code:
                    return m
            if first.code == 3:
                for m in ok:
                    if m.named and m.code in (2, 4):
                        return m
        return first

    armed = {1, 2, 3, 4, 8}
    a1: ActorMention | None = None
    a2: ActorMention | None = None
    a1_name: str | None = None
    a2_name: str | None = None
    a1_code: int | None = None
    a2_code: int | None = None
    if sub in PROTEST_SUBS:
        a1 = pick(agents + patients, {6, 3, 2})
        if a1 is None or a1.code != 6:
            a1_name, a1_code = "Protesters ({c})", 6
        if sub != "Peaceful protest":
            a2 = pick(agents + patients, {1})
            if a2 is None:
                a2_name, a2_code = "Police Forces of {c}", 1
        a1 = None if a1_name else a1
    elif sub in RIOT_SUBS:
        # "IPOB protesters": the crowd is rioters, whoever it supports
        pool = [m for m in agents + patients if not (m.named and _CROWD_AFTER.match(text, m.end))]
        # "a group of villagers burned the homes of Fulani herders": the crowd before the act is the doer
        crowd_first = any(m.code in (6, 7) for m in agents) and pick(agents, {5, 4, 3}) is None
        a1 = None if crowd_first else pick(pool, {5, 4, 3})
        if a1 is None:
            a1_name, a1_code = "Rioters ({c})", 5
        rest = [m for m in agents + patients if m is not a1 and not (crowd_first and m in agents and m.code in (6, 7))]
        a2 = pick(rest, {1, 8}) or pick(rest, {7, 4})
    elif etype == "Violence against civilians":
        a1 = pick(agents, armed) or pick(patients, armed - {1}) or pick(agents + patients, armed)
        if a1 is None:
            a1_name, a1_code = "Unidentified Armed Group ({c})", 3
        a2 = pick([m for m in patients + agents if m is not a1], {7})
        if a2 is None:
            a2_name, a2_code = "Civilians ({c})", 7
    elif etype in ("Battles", "Explosions/Remote violence"):
        a1 = pick(agents, armed) or pick(patients, armed)

        def refers_back(m: ActorMention) -> bool:
            # "an assault by Islamic State militants ..., killing dozens of the attackers": a definite
            # generic noun takes up the non-state side already named; it is not a second side.
            return (a1 is not None and a1.code in (2, 3, 4) and not m.named and m.code == 3
                    and re.search(r"\bthe\s+$", text[max(0, m.start - 5): m.start], re.I) is not None)

        a2 = pick([m for m in patients + agents if m is not a1 and m.name != (a1.name if a1 else None)
                   and not refers_back(m)], armed | {7})
        if a1 is None:
            a1_name, a1_code = "Unidentified Armed Group ({c})", 3
            if a2 is None and etype == "Battles":
                a2_name, a2_code = "Military Forces of {c}", 1
        if a1 is not None and a2 is None and etype == "Battles":
            # a foreign state's forces fighting in a country: most often against that country's own
            foreign = a1.code in (1, 8) and a1.name.startswith("Military Forces of ") and "{c}" not in a1.name \
                and a1.name != f"Military Forces of {COUNTRIES.get(cc or '', cc)}"
            a2_name, a2_code = ("Unidentified Armed Group ({c})", 3) if a1.code == 1 and not foreign \
                else ("Military Forces of {c}", 1)
        if etype == "Battles" and _RIVALS.search(text) and (a2 is None or a2.code == 7) and \
                (a1 is None or not a1.named):
            # "rival cult groups clashed, leaving four dead": both sides are armed groups of one kind
            a2, a2_name, a2_code = None, (a1.name if a1 is not None else a1_name), (a1.code if a1 is not None else a1_code)
        if etype == "Explosions/Remote violence" and a2 is None and a1 is not None and sub == "Air/drone strike":
            a2 = None
    else:  # Strategic developments
        if sub == "Arrests":
            a1 = pick(agents, {1, 8}) or pick(patients, {1, 8})
            if a1 is None:
                a1_name, a1_code = "Police Forces of {c}", 1
            a2 = pick([m for m in patients + agents if m is not a1], {2, 3, 4, 5, 6, 7})
        elif sub == "Disrupted weapons use":
            a1 = pick(agents + patients, {1, 8})
            if a1 is None:
                a1_name, a1_code = "Military Forces of {c}", 1
            a2 = pick([m for m in agents + patients if m is not a1], {2, 3, 4})
        elif sub == "Looting/property destruction" and pick(agents, armed | {5, 6}) is None and \
                any(m.code == 7 for m in agents):
            # "hundreds of residents went on a looting spree": a crowd that loots is rioters
            a1_name, a1_code = "Rioters ({c})", 5
            a2 = pick([m for m in patients if m.code in armed | {7}], armed | {7})
        else:
            a1 = pick(agents, armed | {5, 6}) or pick(patients, armed | {5, 6}) or (ms[0] if ms else None)
            a2 = pick([m for m in patients + agents if m is not a1 and m.name != (a1.name if a1 else None)],
                      armed | {5, 6, 7})
    n1 = fill(a1.name, cc) if a1 else (fill(a1_name, cc) if a1_name else None)
    c1 = a1.code if a1 else a1_code
    n2 = fill(a2.name, cc) if a2 else (fill(a2_name, cc) if a2_name else None)
    c2 = a2.code if a2 else a2_code
    if n2 and n1 and n2 == n1:
        n2, c2 = None, None
    if n1 and c1 == 1 and cc and _country_name(cc) and n1 in ("Military Forces", "Police Forces"):
        n1 = f"{n1} of {_country_name(cc)}"
    return n1, c1, n2, c2
