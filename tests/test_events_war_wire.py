"""A war-time wire report written for this test (no ACLED/CASE text): strikes told by whose weapon it
was ("a Russian missile", "a Ukrainian drone"), a city the language model reads as a person, incidents
on both sides of a border in adjacent paragraphs, and a protest abroad."""

from __future__ import annotations

from datetime import date

import pytest

WIRE = """\
KYIV, Aug 20 — Russian forces shelled Kherson overnight, killing two civilians and wounding five, regional \
governor Oleksandr Prokudin said on Telegram.

A Russian missile struck a grain terminal in the port of Izmail on Monday afternoon, killing one worker, \
Odesa region's governor said.

In Russia's Belgorod region, a Ukrainian drone hit a car in the village of Zhuravlevka, injuring a woman, \
Governor Vyacheslav Gladkov said. Ukraine does not usually comment on attacks inside Russia.

Fighting continued near Pokrovsk in the Donetsk region, where Russian troops have been advancing for \
weeks. The Ukrainian general staff reported 54 clashes along the front over the past 24 hours.

In Serbia, tens of thousands of people marched through central Belgrade on Saturday against a planned \
lithium mine. The rally was peaceful.
"""


@pytest.fixture(scope="module")
def events(code_report):
    return code_report(WIRE, date(2024, 8, 20), id="war-wire", source="Europe Wire")  # a Tuesday


def test_one_event_per_incident(events) -> None:
    assert [e.sub_event_type for e in events] == [
        "Shelling/artillery/missile attack", "Shelling/artillery/missile attack", "Air/drone strike",
        "Armed clash", "Peaceful protest"]


def test_a_city_read_as_a_person_is_still_the_target(events) -> None:
    shelling = events[0]
    assert shelling.location.name == "Kherson" and shelling.fatalities == 2
    assert shelling.actor1 == "Military Forces of Russia" and shelling.actor2 == "Civilians (Ukraine)"


def test_whose_weapon_it_was(events) -> None:
    missile, drone = events[1], events[2]
    assert missile.actor1 == "Military Forces of Russia" and missile.date == date(2024, 8, 19)
    assert drone.actor1 == "Military Forces of Ukraine"


def test_the_country_a_sentence_names_beats_a_namesake_abroad(events) -> None:
    drone = events[2]
    # the village is not in the gazetteer; its namesake in Ukraine is not the place, the region's town is
    assert drone.location.country_code == "RU" and drone.location.name == "Belgorod"
    assert drone.actor2 == "Civilians (Russia)"
    assert events[4].location.name == "Belgrade" and events[4].date == date(2024, 8, 17)


def test_a_town_in_the_province_named_and_a_foreign_armys_enemy(events) -> None:
    # "Pokrovsk in the Donetsk region": not Engels (once called Pokrovsk), not Donetsk in Russia; and
    # "54 clashes ... over the past 24 hours" is a tally, no incident of its own
    fighting = events[3]
    assert (fighting.location.name, fighting.location.country_code) == ("Pokrovsk", "UA")
    assert (fighting.actor1, fighting.actor2) == ("Military Forces of Russia", "Military Forces of Ukraine")
