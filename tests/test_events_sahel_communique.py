"""A Sahel and Horn round-up written for this test (no ACLED/CASE text): an army communiqué that
"neutralised" fighters, a claim of civilian victims, the African Union's Somalia mission under its
current name, and a group named through the network it is linked to."""

from __future__ import annotations

from datetime import date

import pytest

from eventatlas.events import facts

REPORT = """\
BAMAKO — The Malian Armed Forces (FAMa) said on Wednesday that they had neutralised about 30 terrorists \
in air strikes on a hideout near Diafarabé, in the Mopti region, on Monday.

Local sources said the strikes also killed several herders at a nearby market, a claim the army denied.

In Somalia, al-Shabaab militants attacked a base used by AUSSOM troops in Lower Shabelle on Tuesday. The \
African Union mission said its soldiers repelled the assault and killed 11 attackers.

In Burkina Faso, suspected jihadists of the al-Qaeda-linked JNIM killed at least 25 volunteers for the \
defence of the homeland (VDP) in an ambush near Djibo on Sunday, security sources said.
"""


@pytest.fixture(scope="module")
def events(code_report):
    return code_report(REPORT, date(2025, 2, 6), id="sahel-communique", source="Sahel Monitor")  # a Thursday


def test_neutralised_is_killed(events) -> None:
    assert [e.sub_event_type for e in events] == ["Air/drone strike", "Armed clash", "Armed clash"]
    strike = events[0]
    # the herders the same strikes are said to have killed are told of the same incident
    assert strike.fatalities >= 30 and len(strike.evidence) == 2
    assert strike.date == date(2025, 2, 3) and strike.actor1 == "Military Forces of Mali"
    assert facts.fatalities("Troops neutralised 12 insurgents near the border.") == (12, True)


def test_herders_killed_are_no_militia(code_report) -> None:
    [raid] = code_report("Soldiers killed four herders near Mopti in central Mali on Monday, residents said.",
                         date(2025, 2, 6), id="herders")
    assert raid.actor1 == "Military Forces of Mali" and raid.actor2 == "Civilians (Mali)"


def test_a_new_country_opens_a_new_item(events) -> None:
    somalia, burkina = events[1], events[2]
    assert somalia.location.country_code == "SO" and "Military Forces of Mali" not in (somalia.actor1, somalia.actor2)
    # the mission's name of the report's time (AMISOM to March 2022, ATMIS to 2024, AUSSOM since)
    assert "AUSSOM: African Union Support and Stabilization Mission in Somalia" in (somalia.actor1, somalia.actor2)
    assert (burkina.actor1, burkina.actor2) == ("JNIM: Jama'at Nasr al-Islam wal Muslimin",
                                               "VDP: Volunteers for the Defense of the Homeland")
    assert burkina.fatalities == 25 and burkina.location.name == "Djibo"
