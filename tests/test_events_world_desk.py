"""A world-desk round-up written for this test (no ACLED/CASE text): drones on Ukraine, shelling named by
its region, air strikes in Yemen, a student protest in Bangladesh and a raid in the West Bank, each with
the state forces named by their demonym."""

from __future__ import annotations

from datetime import date

import pytest

from eventatlas.events import EventExtractor
from eventatlas.events.actors import assign
from eventatlas.events.rules import classify
from eventatlas.model import Document

PUB = date(2024, 7, 10)  # a Wednesday

ROUNDUP = """\
KYIV — Russian forces launched a wave of drones at the port city of Odesa overnight, damaging grain \
warehouses and injuring three workers, Ukraine's air force said on Wednesday. Air defences shot down 19 of \
22 drones, it said.

In the eastern Donetsk region, Russian artillery shelled the town of Kostiantynivka on Tuesday afternoon, \
killing two civilians, according to the regional governor.

Meanwhile, US and British warplanes struck Houthi targets near Hodeidah on Monday night, the US military \
said. The Houthis said the strikes killed five of their fighters and vowed to retaliate.

In Bangladesh, thousands of students blocked roads in Dhaka for a second day on Tuesday, demanding an end \
to quotas in government jobs. Police used batons and tear gas to disperse them near the university, and at \
least 50 students were injured.

Separately, Israeli troops killed a Palestinian man during a raid on the Jenin refugee camp early on \
Tuesday, the Palestinian health ministry said. The army said soldiers had come under fire.

Last year, a similar wave of student protests toppled the government's plan to raise fees, and in 2018 the \
quota system was briefly scrapped.
"""


@pytest.fixture(scope="module")
def events(code_report):
    return code_report(ROUNDUP, PUB, id="world-desk", source="World Desk")


def test_five_incidents_in_five_countries(events) -> None:
    assert [e.sub_event_type for e in events] == [
        "Air/drone strike", "Shelling/artillery/missile attack", "Air/drone strike", "Violent demonstration",
        "Attack"]
    assert [e.location.country_code for e in events] == ["UA", "UA", "YE", "BD", "PS"]


def test_drones_shelling_and_strikes(events) -> None:
    drones, shelling, strikes = events[:3]
    assert drones.actor1 == "Military Forces of Russia" and drones.location.name == "Odesa"
    # the town shelled, not the region it lies in (nor Donetsk, the Russian namesake of its capital)
    assert shelling.location.name == "Kostyantynivka" and shelling.actor1 == "Military Forces of Russia"
    assert (shelling.date, shelling.fatalities) == (date(2024, 7, 9), 2)
    # Hodeidah is GeoNames' Al Hudaydah; the strikes are the United States' with Britain
    assert strikes.location.geonameid == 79415 and strikes.date == date(2024, 7, 8)
    assert (strikes.actor1, strikes.actor2, strikes.fatalities) == ("Military Forces of the United States", "Houthis", 5)


@pytest.mark.parametrize("text,expected", [
    ("Russian forces launched a wave of drones at the city overnight.", "Air/drone strike"),
    ("The rebels fired explosive drones at the airport.", "Air/drone strike"),
    ("Police sent drones to watch the march.", "Peaceful protest"),
])
def test_drones_launched(text: str, expected: str) -> None:
    assert classify(text)[0].sub_event_type == expected


@pytest.mark.parametrize("text,cc,actor", [
    ("Russian artillery shelled the town, killing two civilians.", "UA", "Military Forces of Russia"),
    ("Turkish drones struck a village, killing a shepherd.", "IQ", "Military Forces of Turkey"),
])
def test_state_forces_named_by_their_weapons(text: str, cc: str, actor: str) -> None:
    assert assign(text, 0, "Shelling/artillery/missile attack", cc)[0] == actor


@pytest.mark.parametrize("text,expected", [
    # the previous day counts back from the day of the statement, which is not the event's
    ("The army said on Wednesday that it had killed 12 militants in the city the previous day.", date(2024, 7, 9)),
    ("Troops killed 12 militants in the city on Tuesday, the army said on Wednesday.", date(2024, 7, 9)),
    # "7/8" a few days before a report of 10 July: 8 July, month first, not 7 August of last year
    ("The raid on the camp took place on 7/8, killing four.", date(2024, 7, 8)),
    # day first where that reading is the recent one
    ("The raid on the camp took place on 08/07, killing four.", date(2024, 7, 8)),
])
def test_days_counted_from_statements_and_written_in_figures(text: str, expected: date) -> None:
    evs = EventExtractor(geoparser=False).extract(Document(text=text, published=PUB))
    assert evs and evs[0].date == expected
