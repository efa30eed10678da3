"""A round-up from the Americas written for this test (no ACLED/CASE text): a wire dateline in capitals,
gangs, a bus hijacking, a pipeline bomb, an assassination at a campaign rally, stalled talks and a
march, across four countries."""

from __future__ import annotations

from datetime import date

import pytest

from eventatlas.events.extractor import dateline
from eventatlas.events.rules import classify

PUB = date(2024, 4, 22)  # a Monday

ROUNDUP = """\
PORT-AU-PRINCE — Armed gangs attacked the police station in the Delmas neighbourhood on Sunday, setting it \
on fire and killing three officers, the national police union said. Residents said the gunmen belonged to \
the Viv Ansanm coalition led by Jimmy "Barbecue" Cherizier.

On Saturday, gang members kidnapped a bus carrying 12 passengers on the road to Mirebalais. Eight of them \
were released after a ransom was paid.

In Colombia, suspected ELN guerrillas detonated an explosive device on a pipeline near Saravena in Arauca \
department on Friday, causing an oil spill but no casualties, the army said. Government negotiators \
suspended peace talks with the group on Sunday.

In Mexico, gunmen shot dead a mayoral candidate at a campaign rally in Guerrero state on Saturday evening, \
the state prosecutor's office said. It was the 20th killing of a candidate since the campaign began in \
September.

Thousands of teachers marched peacefully through Bogotá on Thursday against a proposed education reform. \
No incidents were reported.
"""


@pytest.fixture(scope="module")
def events(code_report):
    return code_report(ROUNDUP, PUB, id="americas", source="Americas Report")


def test_each_incident_in_its_own_country(events) -> None:
    assert [e.sub_event_type for e in events] == [
        "Armed clash", "Abduction/forced disappearance", "Remote explosive/landmine/IED", "Attack",
        "Peaceful protest"]
    assert [e.location.country_code for e in events] == ["HT", "HT", "CO", "MX", "CO"]
    # stalled talks are no agreement, and no event of their own
    assert all(e.sub_event_type != "Agreement" for e in events)


def test_the_dateline_gangs_and_the_rally(events) -> None:
    station, bus, pipeline, rally, march = events
    assert station.location.name == "Delmas" and station.actor1 == "Unidentified Armed Group (Haiti)"
    assert (station.date, station.fatalities) == (date(2024, 4, 21), 3)
    assert bus.location.name == "Mirebalais" and bus.date == date(2024, 4, 20)
    # the perpetrators are suspected, the blast is not
    assert pipeline.actor1.startswith("ELN") and pipeline.certainty != "speculative"
    assert (rally.actor1, rally.fatalities, rally.date) == ("Unidentified Armed Group (Mexico)", 1, date(2024, 4, 20))
    assert (march.location.name, march.date) == ("Bogotá", date(2024, 4, 18))


@pytest.mark.parametrize("text,name", [
    ("PORT-AU-PRINCE — Armed gangs attacked", "PORT-AU-PRINCE"),
    ("KYIV, Ukraine (Reuters) - Russian forces", "KYIV"),
    ("Kyiv, Ukraine (Reuters) - Russian forces", "Kyiv"),
    ("ABUJA: Gunmen killed", "ABUJA"),
    ("Gunmen killed two - maybe three - people.", None),
    ("AN ARMY OFFICER said", None),
])
def test_datelines(text: str, name: str | None) -> None:
    span = dateline(text)
    assert (text[span[0]:span[1]] if span else None) == name


@pytest.mark.parametrize("text,expected", [
    ("Thousands of teachers marched peacefully through the capital.", "Peaceful protest"),
    ("Gunmen shot dead a mayoral candidate at a campaign rally.", "Attack"),
    ("Police shot dead two protesters at an opposition rally.", "Excessive force against protesters"),
    ("The two sides agreed to resume peace talks.", "Agreement"),
])
def test_rallies_marches_and_talks(text: str, expected: str) -> None:
    assert classify(text)[0].sub_event_type == expected


def test_suspended_talks_are_no_event() -> None:
    assert classify("Government negotiators suspended peace talks with the rebels on Sunday.") == []
