"""Two reports written for these tests (no ACLED/CASE text): a humanitarian flash update on eastern
DR Congo and Sudan, and a wire report from a dateline with a group's claim and the army's account.
They cover a dateline that is not where the event was, a statement's day beside the event's own, an
aggregate toll for a whole year, allies ("backed by ...") who are not the doer, attributions that are
only when and where, and unnamed actors in a country other than the report's main one."""

from __future__ import annotations

from datetime import date

import pytest

from eventatlas.events import facts

FLASH = """\
HIGHLIGHTS
At least 14 civilians were killed when ADF fighters attacked a village in Lubero territory, North Kivu, \
on 9 March.
In North Darfur, shelling of a camp for displaced people killed eight of them on Monday, local volunteers said.

SITUATION OVERVIEW
In Masisi territory, clashes between M23 rebels and the FARDC, supported by Wazalendo militias, were \
reported on 10 and 11 March. Humanitarian partners suspended activities in the area.

Last year, more than 2,000 people were killed in North Kivu in attacks attributed to the ADF, according \
to UN figures.
"""

WIRE = """\
MAIDUGURI, Nigeria — The Islamic State West Africa Province said in a statement on Tuesday that its \
fighters had killed 20 Nigerian soldiers in an assault on a military base in Marte on Sunday. The claim \
could not be independently verified.

The Nigerian army confirmed that the base had come under attack but said troops repelled the insurgents, \
killing 15 of them. An army spokesman said that air force jets pounded the fleeing fighters near Dikwa.

Residents of Marte said dozens of families fled towards Maiduguri after the attack.
"""


@pytest.fixture(scope="module")
def flash(code_report):
    return code_report(FLASH, date(2025, 3, 12), id="flash", source="Relief Desk")  # a Wednesday


@pytest.fixture(scope="module")
def wire(code_report):
    return code_report(WIRE, date(2025, 6, 4), id="wire", source="Lake Chad Monitor")  # a Wednesday


def test_a_years_toll_in_many_attacks_is_no_event(flash) -> None:
    assert [e.sub_event_type for e in flash] == ["Attack", "Shelling/artillery/missile attack", "Armed clash"]
    assert all(e.fatalities < 100 for e in flash)


def test_unnamed_sides_take_the_country_of_the_place_named(flash) -> None:
    shelling = flash[1]
    assert shelling.location.name == "North Darfur"
    assert (shelling.actor1, shelling.actor2) == ("Unidentified Armed Group (Sudan)", "Civilians (Sudan)")
    assert (shelling.date, shelling.fatalities) == (date(2025, 3, 10), 8)


def test_allies_backing_a_side_are_not_the_doer(flash) -> None:
    clash = flash[2]
    assert clash.actor1.startswith("M23")
    assert clash.actor2 == "Military Forces of Democratic Republic of Congo"
    # "were reported on 10 and 11 March": when, not who said so
    assert clash.attribution is None


def test_the_dateline_is_where_the_reporter_files_from(wire) -> None:
    claim, account, strike = wire[:3]
    assert claim.location.name == "Marte" and claim.certainty == "claimed"
    # the army's account of the same attack names no town: the nearest one before it, not the dateline
    assert account.location.name == "Marte"
    # "fled towards Maiduguri" is where people went, not where the jets struck
    assert strike.sub_event_type == "Air/drone strike" and strike.location.name == "Dikwa"


def test_the_statements_day_is_not_the_events(wire) -> None:
    assert wire[0].date == date(2025, 6, 1)  # "said in a statement on Tuesday that ... on Sunday"
    assert wire[0].fatalities == 20


def test_attribution_is_who_not_when_or_where() -> None:
    assert facts.certainty_of("Clashes were reported on 10 March near the market.")[1] is None
    assert facts.certainty_of("Looting was reported by local media in the town.")[1] == "local media"
    assert facts.certainty_of("Two soldiers were killed, said the ministry of defence.")[1] == "the ministry of defence"
