"""A Levant report written for this test (no ACLED/CASE text): strikes in Gaza, a cross-border rocket
attack and its wounded told apart, a raid in the West Bank, and a protest in Israel."""

from __future__ import annotations

from datetime import date

import pytest

from eventatlas.events.rules import classify

REPORT = """\
An Israeli air strike on a school sheltering displaced families in Gaza City killed at least 12 people on \
Monday, the Gaza civil defence agency said.

In southern Lebanon, Hezbollah said it fired a barrage of rockets at Israeli troops near the border town \
of Kafr Kila on Tuesday. Israel's army said two soldiers were wounded.

Israeli forces raided the Jenin refugee camp in the occupied West Bank overnight, arresting 15 \
Palestinians, the Palestinian Prisoners' Society said.

Thousands of Israelis protested in Tel Aviv on Saturday night, demanding a deal to free the hostages.
"""


@pytest.fixture(scope="module")
def events(code_report):
    return code_report(REPORT, date(2024, 10, 15), id="levant", source="Levant Desk")  # a Tuesday


def test_four_incidents_in_three_places(events) -> None:
    assert [e.location.country_code for e in events] == ["PS", "LB", "PS", "IL"]
    strike, rockets, raid, protest = events
    assert (strike.sub_event_type, strike.actor1, strike.fatalities) == ("Air/drone strike", "Military Forces of Israel", 12)
    # the wounded told by "Israel's army" are the rocket attack's, not an incident in Israel
    assert rockets.actor1 == "Hezbollah" and len(rockets.evidence) == 2
    assert raid.location.name == "Janīn" and raid.actor1 == "Military Forces of Israel"
    assert protest.sub_event_type == "Peaceful protest" and protest.date == date(2024, 10, 12)


def test_an_occupied_territory_is_no_capture() -> None:
    guesses = classify("Troops raided a camp in the occupied West Bank, arresting 15 people.")
    assert all("territory" not in g.sub_event_type for g in guesses)
    # occupying a town is a change of hands: taken by force when fighting is told, without a fight otherwise
    assert classify("Rebels occupied the town of Bunia on Sunday.")[0].sub_event_type == "Non-violent transfer of territory"
    assert classify("Rebels occupied the town of Bunia on Sunday after heavy fighting.")[0].sub_event_type == \
        "Non-state actor overtakes territory"
