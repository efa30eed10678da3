"""Tolls as ACLED codes them: shared out over days, coders' remarks, unknown tolls, single victims.

Every sentence here was written for these tests.
"""

from __future__ import annotations

from datetime import date

import pytest

from eventatlas.events import EventExtractor
from eventatlas.events.facts import day_span, fatalities, toll_share
from eventatlas.model import Document

PUB = date(2016, 5, 24)


@pytest.fixture(scope="module")
def ex() -> EventExtractor:
    return EventExtractor(geoparser=False)


def events(ex: EventExtractor, text: str) -> list:
    return ex.extract(Document(text=text, published=PUB, source="Test Wire"))


@pytest.mark.parametrize("text,days", [
    ("Raiders killed 30 herders over two days in the valley.", 2),
    ("Nine soldiers died in three days of fighting near the dam.", 3),
    ("A four-day offensive left 40 fighters dead.", 4),
    ("Eight people were killed between Mar.4-6 in the hills.", 3),
    ("Forty rebels were killed in clashes (17-20/03) near the pass.", 4),
    ("Twelve people were killed on Tuesday.", 1),
    ("Two days ago, gunmen killed six traders.", 1),  # a date, not a span
    ("The town was calm for the past five years.", 1),
])
def test_day_span(text: str, days: int) -> None:
    assert day_span(text) == days


@pytest.mark.parametrize("text,total,place,share", [
    # a toll told for several days is divided, the first day taking what is left over
    ("Raiders killed 30 herders over two days in the valley.", 30, None, 15),
    ("Seven fighters were killed in two days of fighting at the port.", 7, None, 4),
    ("Twelve people were killed on Tuesday.", 12, None, 12),
    # a coder's remark says the share outright, for the event's own place where it names one
    ("Forty fighters died in three days. 14 fatalities recorded, the rest on later days.", 40, None, 14),
    ("Ten militants were killed. 3 fatalities recorded in Rafah and 4 in Arish.", 10, "Rafah", 3),
    ("Clashes went on for two days. 5 killed (2 fatalities coded for Jan 8, 3 for Jan 9).", 5, None, 2),
    ("Twenty were killed (fatalities split between Kilo and Mambasa).", 20, None, 10),
    ("Thirty were killed in raids. Fatalities divided between three events.", 30, None, 10),
    # a remark about another event's toll does not count
    ("Nine were killed (4 fatalities coded in a previous event).", 9, None, 9),
    # ACLED's 10 for an unknown toll stands for each day
    ("Clashes between two clans from Feb 8-11. Heavy casualties.", 10, None, 10),
])
def test_toll_share(text: str, total: int, place: str | None, share: int) -> None:
    assert toll_share(text, total, place) == share


def test_event_over_two_days_gets_the_first_days_share(ex: EventExtractor) -> None:
    evs = events(ex, "Militia fighters killed 30 villagers in attacks on two hamlets over two days, residents said.")
    assert len(evs) == 1
    assert evs[0].fatalities == 15


@pytest.mark.parametrize("text,n", [
    # deaths told without a number: ACLED's 10
    ("Both sides suffered casualties but the figures are not known.", 10),
    ("Attackers threw grenades at a checkpoint. Casualties reported, numbers unknown.", 10),
    ("Shelling of the camp caused undisclosed casualties.", 10),
    ("The strike left casualties among the fighters.", 10),
    ("There were heavy causalities on both sides.", 10),  # a common misspelling
    ("The grenade landed in an empty yard, causing no casualties.", 0),
    # one victim, told in words other studies of tolls miss
    ("A mob lynches and burns a suspected thief near the market.", 1),
    ("Gunmen raided the village, beheading a man and abducting another.", 1),
    ("Youths set ablaze a suspected kidnapper at the junction.", 1),
    ("The chief was later found to have been killed by his captors.", 1),
    ("Vigilantes kill a trader accused of theft.", 1),
    ("Troops killed on Sunday an armed smuggler near the border.", 1),
    ("The mayor of the district, Jean Okello, shot dead outside his home.", 1),
    # one named victim and a companion
    ("Gunmen killed Colonel Amadou Diallo and his driver on the highway.", 2),
    ("A teacher from the village school and his brother were killed by raiders.", 2),
    # a gloss between the count and its verb
    ("Two members of the Brothers of the Hill (a local gang) were killed in a shootout.", 2),
    # a list of victims ends where the source begins
    ("Fighters stormed the post at dawn, killing four soldiers, a military spokesman said.", 4),
    ("Fighters stormed the post at dawn, killing four soldiers and a cook, the governor said.", 5),
])
def test_tolls_without_a_plain_number(text: str, n: int) -> None:
    assert fatalities(text)[0] == n


def test_a_number_the_model_cut_off_stays_with_its_sentence(ex: EventExtractor) -> None:
    evs = events(ex, "Soldiers clashed with militiamen in the hills above the lake. 2 militiamen were killed "
                     "and 5 wounded. They were also driven from the area.")
    assert len(evs) == 1
    assert evs[0].fatalities == 2


def test_weapons_seized_in_the_raid_are_no_event_of_their_own(ex: EventExtractor) -> None:
    evs = events(ex, "Two gang members were killed in a shootout with police on Monday. Police raided the house, "
                     "exchanged fire with the gang and seized a large amount of weapons and ammunition.")
    assert [e.event_type for e in evs] == ["Battles"]
    assert evs[0].fatalities == 2
    assert len(evs[0].evidence) == 2


def test_exactness_is_not_a_name_inside_a_longer_one() -> None:
    from eventatlas.events.extractor import _exact
    from eventatlas.model import Mention, Place

    def m(text: str, name: str) -> Mention:
        return Mention(0, len(text), text, "place", Place(name=name, lat=0.0, lon=0.0), 1.0, None, "skeleton")

    assert _exact(m("Misrata", "Misratah"))
    assert _exact(m("Damazin", "Ad-Damazin"))
    assert not _exact(m("Okun", "Okunoya"))
