"""A security digest from the Middle East and Asia written for this test (no ACLED/CASE text): foreign
air power, a junta, a capital's protest beside talks about a union of states, and the running totals
such digests end their items with."""

from __future__ import annotations

from datetime import date

import pytest

DIGEST = """\
In northern Syria, a Turkish drone strike hit a car near Qamishli on Tuesday, killing three members of \
the Kurdish-led Syrian Democratic Forces (SDF), a war monitor said.

Iraqi security forces arrested five suspected Islamic State members in a raid in Kirkuk province on \
Monday, the interior ministry said.

In Myanmar, junta aircraft bombed a village in Sagaing region overnight, killing at least 11 civilians, \
according to a local resistance group. The military has carried out hundreds of air strikes since it \
seized power in 2021.

Thousands of people rallied in Tbilisi on Wednesday evening to protest against the government's decision \
to suspend talks on joining the European Union. Police used water cannon to disperse protesters outside \
parliament.
"""


@pytest.fixture(scope="module")
def events(code_report):
    return code_report(DIGEST, date(2024, 11, 14), id="digest", source="Regional Desk")  # a Thursday


def test_running_totals_are_no_events(events) -> None:
    # "hundreds of air strikes since it seized power in 2021" is the junta's record, not an incident
    assert [e.sub_event_type for e in events] == [
        "Air/drone strike", "Arrests", "Air/drone strike", "Protest with intervention"]


def test_a_foreign_states_drone_and_a_junta(events) -> None:
    strike, _, bombing, _ = events
    assert (strike.actor1, strike.actor2) == ("Military Forces of Turkey", "SDF: Syrian Democratic Forces")
    assert strike.attribution == "a war monitor" and strike.date == date(2024, 11, 12)
    assert (bombing.actor1, bombing.actor2, bombing.fatalities) == ("Military Forces of Myanmar", "Civilians (Myanmar)", 11)


def test_a_countrys_own_forces_place_its_event_at_home(events) -> None:
    arrests = events[1]
    assert arrests.location.country_code == "IQ" and arrests.actor1 == "Police Forces of Iraq"


def test_a_union_of_states_is_no_place_for_a_protest(events) -> None:
    protest = events[3]
    assert protest.location.name == "Tbilisi"
    assert protest.actor1 == "Protesters (Georgia)" and protest.actor2 == "Police Forces of Georgia"
