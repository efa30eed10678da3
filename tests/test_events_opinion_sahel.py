"""A long opinion piece that mixes this week's events with history, forecasts, threats and promises,
written for this test (no ACLED/CASE text): only the week's three incidents are events, each placed,
dated, counted and attributed as the piece tells it."""

from __future__ import annotations

from datetime import date

import pytest

from eventatlas.events import EventExtractor
from eventatlas.events.rules import classify, mask_negated
from eventatlas.nlp import parse

PUB = date(2024, 3, 18)  # a Monday

ARTICLE = """\
When French troops first landed in Mali in January 2013, few predicted that a decade later the jihadist \
insurgency would have spread to three countries and reached the borders of coastal West Africa. Yet here we \
are. The Islamic State Sahel Province and the al-Qaeda-aligned JNIM now contest vast stretches of Burkina \
Faso, Mali and Niger.

The past week alone shows the scale of the problem. On Saturday, JNIM fighters attacked an army outpost \
near Djibo, killing at least 23 soldiers, according to security sources. Two days later, suspected Islamic \
State militants ambushed a convoy of civilians travelling to Gao, killing nine people. In Niamey, hundreds \
of people marched on Friday to demand the release of detained journalists, and police dispersed them with \
tear gas.

Some analysts argue that the juntas' turn to Russia's Wagner Group, now rebranded as the Africa Corps, \
could reverse these losses. I doubt it. If the pattern of the past two years holds, the militants will push \
south toward Benin and Togo before the rainy season. A major offensive on Ouagadougou is not impossible, \
though most observers think it unlikely this year.

History offers little comfort. In 2012, Tuareg rebels and their jihadist allies overran northern Mali in a \
matter of weeks, seizing Timbuktu and Kidal. The massacre at Moura in March 2022, in which Malian troops and \
foreign fighters killed some 500 people, remains the worst single atrocity of the conflict.

Governments in the region have promised to retake lost territory. Burkina Faso's leader vowed last month \
to drive the militants out of every village by the end of the year. Such promises have been made before. \
Meanwhile, the group has threatened to blockade the town of Fada N'Gourma, and residents say they fear an \
attack at any moment.

What should the region's partners do? They should fund local mediation, protect the roads that feed the \
towns, and stop pretending that more air strikes alone will win the war. The drone strike that killed \
dozens of wedding guests in Tin Zaouatene in 2023 should have settled that argument.
"""


@pytest.fixture(scope="module")
def events(code_report):
    return code_report(ARTICLE, PUB, id="sahel-opinion", source="Sahel Review")


def _place_of(e) -> str | None:
    return e.location.name if e.location is not None else None


def test_only_the_weeks_three_incidents_are_events(events) -> None:
    # history (2012, Moura 2022, the 2023 drone strike), forecasts, promises, threats and fears are not
    assert [e.sub_event_type for e in events] == ["Armed clash", "Attack", "Protest with intervention"]


def test_each_incident_is_placed_dated_and_counted(events) -> None:
    outpost, ambush, march = events
    assert (_place_of(outpost), outpost.date, outpost.fatalities) == ("Djibo", date(2024, 3, 16), 23)
    assert outpost.attribution == "security sources"
    assert (_place_of(ambush), ambush.date, ambush.fatalities) == ("Gao", date(2024, 3, 18), 9)
    # the report is mostly about Mali and Burkina Faso, but the march was in Niger's capital
    assert (_place_of(march), march.date, march.fatalities) == ("Niamey", date(2024, 3, 15), 0)
    assert march.location.country_code == "NE" and march.actor1 == "Protesters (Niger)"


def test_actors_and_the_branch_the_article_names(events) -> None:
    outpost, ambush, _ = events
    assert outpost.actor1.startswith("JNIM") and outpost.actor2 == "Military Forces of Burkina Faso"
    # "suspected Islamic State militants" in a piece that names the Sahel Province is that branch
    assert ambush.actor1 == "Islamic State (Greater Sahara)" and ambush.actor2.startswith("Civilians")


def test_places_the_model_takes_for_people_or_companies(geo_ex: EventExtractor) -> None:
    mentions = geo_ex.place_mentions(ARTICLE, parse(ARTICLE))
    read = {m.text: (m.place.name if m.place else None) for m in mentions}
    assert read.get("Niger") == "Niger" and read.get("Togo") == "Togo"
    assert "Wagner" not in read  # "Wagner Group" is named after a man, not the Brazilian town
    # "Tin Zaouatene" is not "Tin" (a Ukrainian town's alternate name) followed by another word
    assert "Tin" not in read and read.get("Tin Zaouatene") != "Hrebinka"


@pytest.mark.parametrize("text,expected", [
    ("Residents fear another attack after gunmen killed two farmers in Kaya on Monday.", "Attack"),
    ("Militants who had vowed to attack the base were repelled by soldiers.", "Armed clash"),
    ("One feared dead during a leadership tussle among union members at the motor park.", "Attack"),
    ("Militants ambushed a convoy of traders near the border, killing nine people.", "Attack"),
    ("Militants ambushed a military convoy near the border, killing nine soldiers.", "Armed clash"),
])
def test_feared_threatened_and_ambushed(text: str, expected: str) -> None:
    assert classify(text)[0].sub_event_type == expected


@pytest.mark.parametrize("text", [
    "The group threatened to attack the town.",
    "Residents say they fear an attack at any moment.",
])
def test_violence_only_feared_or_threatened_is_no_trigger(text: str) -> None:
    assert classify(text) == []
    assert "attack" not in mask_negated(text)


def test_history_kept_on_request_is_flagged_and_not_merged(code_report) -> None:
    evs = code_report(ARTICLE, PUB, keep_historical=True, id="sahel-opinion", source="Sahel Review")
    past = sorted((e for e in evs if e.historical), key=lambda e: e.date)
    # the 2012 overrun and the 2022 massacre: two incidents of history, each with its own year and toll
    assert [e.date.year for e in past] == [2012, 2022]
    assert past[0].sub_event_type == "Non-state actor overtakes territory" and past[0].fatalities == 0
    assert past[1].fatalities == 500 and past[1].time_precision == 3
    assert past[1].sub_event_type == "Attack"  # a massacre is of the defenceless, troops nearby or not
    assert len([e for e in evs if not e.historical]) == 3
