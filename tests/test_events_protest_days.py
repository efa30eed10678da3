"""Protests told day by day, written for this test (no ACLED/CASE text): a march with tear gas, a riot
that burns a police car, a storming of parliament that ends in shootings, a call for more protests, a
running total and a line of history."""

from __future__ import annotations

from datetime import date

import pytest

from eventatlas.events.facts import fatalities

PUB = date(2024, 6, 27)  # a Thursday

REPORT = """\
Police fired tear gas and water cannon at protesters in central Nairobi on Thursday as demonstrations \
against proposed tax increases entered a third day. Hundreds of young people gathered outside parliament, \
chanting slogans and waving flags.

In Mombasa, protesters looted shops and set a police vehicle on fire on Wednesday, according to witnesses. \
Police arrested 40 people in the coastal city.

On Tuesday, police shot dead at least five protesters after a crowd stormed parliament and set part of the \
building on fire, Amnesty Kenya said. President William Ruto called the storming of parliament \
"treasonous" and deployed the army.

Opposition leaders have called for more protests next week. Human rights groups said at least 200 people \
had been injured since the protests began last Tuesday.

The last time Kenya saw unrest on this scale was in 2007, when more than 1,100 people were killed in \
post-election violence.
"""


@pytest.fixture(scope="module")
def events(code_report):
    return code_report(REPORT, PUB, id="kenya-protests", source="Nairobi Daily")


def test_one_event_a_day_and_none_for_calls_totals_or_history(events) -> None:
    assert [(e.date, e.sub_event_type) for e in events] == [
        (date(2024, 6, 27), "Protest with intervention"),
        (date(2024, 6, 26), "Violent demonstration"),
        (date(2024, 6, 25), "Violent demonstration"),
    ]


def test_places_and_tolls(events) -> None:
    march, riot, storming = events
    assert march.location.name == "Nairobi" and march.fatalities == 0
    assert riot.location.name == "Mombasa" and riot.fatalities == 0  # a burned police car is no death
    # the report names no town for the storming: parliament sits in the capital
    assert storming.location.name == "Nairobi" and storming.fatalities == 5


@pytest.mark.parametrize("text,n", [
    ("Protesters set a police vehicle on fire.", 0),
    ("Rioters set three houses ablaze near the market.", 0),
    ("The mob set two suspected thieves ablaze.", 2),
    ("Youths set a man on fire at the junction.", 1),
])
def test_things_set_on_fire_are_no_toll(text: str, n: int) -> None:
    assert fatalities(text)[0] == n
