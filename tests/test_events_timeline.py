"""A dated list of incidents written for this test (no ACLED/CASE text): each item of the list is an
incident of its own, with its own day, place and toll."""

from __future__ import annotations

from datetime import date

import pytest

from eventatlas.events import facts

TIMELINE = """\
Here are the main incidents reported in Port-au-Prince this month:

- March 2: Gangs stormed the National Penitentiary, freeing about 3,700 inmates. At least 12 people were killed.
- March 4: Armed men attacked the international airport, exchanging fire with police and soldiers.
- March 18: Gangs looted homes in the hillside suburb of Pétion-Ville, killing at least 10 residents.
- March 21: Police killed Ernst Julme, a gang leader known as "Ti Greg", in an operation near Pétion-Ville.
- March 25: Hundreds of residents marched to demand security, blocking streets in Delmas.
"""


@pytest.fixture(scope="module")
def events(code_report):
    return code_report(TIMELINE, date(2024, 3, 30), id="timeline", source="Caribbean Wire")


def test_each_list_item_is_its_own_incident(events) -> None:
    assert [e.date for e in events] == [date(2024, 3, d) for d in (2, 4, 18, 21, 25)]
    assert [e.fatalities for e in events] == [12, 0, 10, 1, 0]
    assert events[1].sub_event_type == "Armed clash" and events[4].sub_event_type == "Peaceful protest"
    assert events[4].location.name == "Delmas"


def test_a_person_killed_by_name_is_one_death() -> None:
    assert facts.fatalities("Soldiers shot dead Musa Bello, a suspected bandit, near Gusau.") == (1, True)
    assert facts.fatalities("Troops killed Boko Haram fighters in Borno.") == (0, False)
