"""A wire report from outside Africa, written for this test (no ACLED/CASE text): named groups of other
regions under their ACLED-style names, a suicide bombing whose bomber is unnamed, a claim and a denial,
relative days, and a history paragraph whose toll must not stick to the recent events."""

from __future__ import annotations

from datetime import date

import pytest

from eventatlas.events.actors import assign, find_actors
from eventatlas.events.rules import classify

PUB = date(2023, 2, 2)  # a Thursday

WIRE = """\
PESHAWAR, Pakistan (Frontier Wire) — A suicide bomber blew himself up inside a mosque in a police compound in \
Peshawar on Wednesday, killing at least 17 people and wounding more than 50, police said.

The Pakistani Taliban, known as the TTP, denied involvement, although a local commander of the group had \
earlier claimed responsibility. Officials said the death toll could rise.

In a separate incident on Tuesday, security forces raided a militant hideout near Turbat in Balochistan \
province, killing four suspected members of the Balochistan Liberation Army, the military's media wing said \
in a statement. Two soldiers were wounded in the exchange of fire.

Hundreds of traders shut their shops in Quetta on Thursday to protest against rising electricity prices, and \
the march passed off peacefully.

Three days ago, unidentified gunmen abducted two polio workers in North Waziristan; they remain missing. The \
government has vowed to crush militancy, and analysts warn that attacks could increase ahead of the elections.

The TTP ended a ceasefire with the government in November 2022. In 2014, militants stormed the Army Public \
School in Peshawar and killed more than 140 people, most of them children.
"""


@pytest.fixture(scope="module")
def events(code_report):
    return code_report(WIRE, PUB, id="wire-pk", source="Frontier Wire")


def test_the_recent_incidents_and_nothing_from_2014(events) -> None:
    subs = [e.sub_event_type for e in events]
    assert subs[:4] == ["Suicide bomb", "Armed clash", "Peaceful protest", "Abduction/forced disappearance"]
    # the 2014 school massacre is history: no event, and its 140 dead are not added to anything recent
    assert all(e.date.year >= 2022 for e in events)
    assert all((e.fatalities or 0) < 100 for e in events)
    # ending a ceasefire is a change in the group's activity, not an agreement
    assert "Agreement" not in subs


def test_fields_of_the_bombing_and_the_raid(events) -> None:
    bombing, raid = events[0], events[1]
    assert (bombing.location.name, bombing.date, bombing.fatalities) == ("Peshawar", date(2023, 2, 1), 17)
    assert bombing.actor1 == "Unidentified Armed Group (Pakistan)"  # the bomber, not the police who report it
    assert (raid.location.name, raid.date, raid.fatalities) == ("Turbat", date(2023, 1, 31), 4)
    assert raid.actor2 == "BLA: Baloch Liberation Army"
    assert raid.certainty == "claimed" and "media wing" in (raid.attribution or "")


def test_days_counted_back_from_publication(events) -> None:
    protest, abduction = events[2], events[3]
    assert protest.date == date(2023, 2, 2) and protest.location.name == "Quetta"
    assert abduction.date == date(2023, 1, 30)


@pytest.mark.parametrize("text,name", [
    ("Fighters of the Pakistani Taliban attacked a checkpoint.", "TTP: Tehreek-i-Taliban Pakistan"),
    ("The Tehrik-i-Taliban Pakistan claimed the raid.", "TTP: Tehreek-i-Taliban Pakistan"),
    ("PKK militants ambushed a patrol.", "PKK: Kurdistan Workers Party"),
    ("ELN guerrillas blew up a pipeline.", "ELN: National Liberation Army"),
    ("Gunmen of the Jalisco New Generation Cartel opened fire on police.", "CJNG: Jalisco New Generation Cartel"),
    ("New People's Army rebels raided a police station.", "NPA: New People's Army"),
    ("The Arakan Army seized a border post.", "AA: Arakan Army"),
    ("Ansarul Islam fighters attacked the village.", "Ansaroul Islam"),
])
def test_groups_of_other_regions(text: str, name: str) -> None:
    assert name in {m.name for m in find_actors(text)}


def test_an_army_named_like_a_militia_stays_the_army() -> None:
    text = "Two cattle raiders died in a gunfire exchange with Uganda People's Defense Forces near the border."
    assert assign(text, text.index("gunfire"), "Armed clash", "UG")[0] == "Military Forces of Uganda"


def test_a_bomber_of_a_named_group_is_that_group() -> None:
    text = "Two suicide bombers believed to be with Boko Haram attacked a military convoy, killing an officer."
    assert assign(text, text.index("suicide"), "Suicide bomb", "NG")[:2] == ("Boko Haram", 2)
    text = "A suicide bomber blew himself up at a checkpoint, killing four soldiers."
    assert assign(text, text.index("suicide"), "Suicide bomb", "NG")[:3] == \
        ("Unidentified Armed Group (Nigeria)", 3, "Military Forces of Nigeria")


@pytest.mark.parametrize("text,expected", [
    ("The rebels ended their ceasefire with the government.", "Change to group/activity"),
    ("The two militias signed a ceasefire agreement in the presence of elders.", "Agreement"),
    ("The rebels broke the truce and attacked the town.", "Attack"),
])
def test_ending_a_ceasefire(text: str, expected: str) -> None:
    assert classify(text)[0].sub_event_type == expected


@pytest.mark.parametrize("text,certainty,attribution", [
    ("The army said it had killed 30 militants, a figure that could not be independently verified.",
     "claimed", "The army"),
    ("Police confirmed that three people died in the blast.", "confirmed", "Police"),
    ("Gunmen killed five people, according to the Italian foreign ministry.", "reported",
     "the Italian foreign ministry"),
    # "suspected" doubts who did it, not that it happened: an armed noun or any named group after it
    ("Suspected FDLR raided the hills, looting property.", "reported", None),
    ("Suspected Islamist militants ambushed a patrol.", "reported", None),
    ("The blast was possibly caused by a suspected bomb.", "speculative", None),
])
def test_how_sure_and_who_says(text: str, certainty: str, attribution: str | None) -> None:
    from eventatlas.events.facts import certainty_of

    assert certainty_of(text) == (certainty, attribution)
