"""Local news from Nigeria written for this test (no ACLED/CASE text): a separatist attack on police,
rival cult groups, an arrest of a suspect, a road blocked in protest and herdsmen raiding a village."""

from __future__ import annotations

from datetime import date

import pytest

from eventatlas.events import facts

REPORT = """\
Suspected members of the Eastern Security Network (ESN), the armed wing of the proscribed Indigenous \
People of Biafra (IPOB), on Tuesday attacked a police checkpoint in Mbaise, Imo State, killing three \
officers and setting their patrol van ablaze.

In a separate incident, rival cult groups clashed in Omoku, Rivers State, on Sunday night, leaving four \
persons dead.

Meanwhile, operatives of the Department of State Services have arrested a suspected kidnap kingpin in \
Abuja, the agency's spokesman said on Monday.

Herdsmen invaded a farming community in Agatu, Benue State, on Saturday, killing 11 people, the police said.
"""


@pytest.fixture(scope="module")
def events(code_report):
    return code_report(REPORT, date(2023, 5, 10), id="ng-local", source="Daily Courier")  # a Wednesday


def test_each_incident_with_its_sides(events) -> None:
    assert [(e.sub_event_type, e.actor1) for e in events] == [
        ("Armed clash", "ESN: Eastern Security Network"),
        ("Armed clash", "Unidentified Armed Group (Nigeria)"),
        ("Arrests", "Police Forces of Nigeria"),
        ("Attack", "Fulani Ethnic Militia"),
    ]
    assert events[0].actor2 == "Police Forces of Nigeria" and events[0].fatalities == 3
    # rival groups of one kind: neither the army nor the dead are the other side
    assert events[1].actor2 is None and events[1].fatalities == 4


def test_a_suspect_does_not_make_an_arrest_doubtful(events) -> None:
    assert events[2].certainty != "speculative"
    assert facts.certainty_of("Police arrested a suspected arms smuggler in Kano.")[0] == "reported"
    assert facts.certainty_of("The blast was possibly caused by a gas leak.")[0] == "speculative"


def test_a_group_named_with_protesters_is_a_crowd(code_report) -> None:
    [riot] = code_report("IPOB protesters burned tyres and threw stones at police in Aba on Monday.",
                         date(2023, 5, 10), id="aba")
    assert riot.sub_event_type == "Violent demonstration" and riot.actor1 == "Rioters (Nigeria)"
