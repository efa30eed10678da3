"""A long opinion piece written for this test (no ACLED/CASE text): an insurgency's history, last week's
incidents, forecasts and fears, a massacre years ago, a march, and advice to the government. Only the
recent incidents and the march are events."""

from __future__ import annotations

from datetime import date

import pytest

from eventatlas.nlp import parse

ARTICLE = """\
When insurgents first stormed police stations in Mocímboa da Praia in October 2017, few in Maputo took \
them seriously. Eight years later, the group has outlasted two foreign interventions and a small army of \
private contractors.

The government likes to say that the insurgency is contained. The numbers say otherwise. Last week alone, \
fighters raided a village near Macomia on Saturday, beheading two farmers, according to the local \
monitoring group Cabo Ligado. On Monday, the insurgents ambushed a truck on the road near Macomia, killing \
the driver and setting fire to the cargo, police said.

Such attacks could easily spread south into Nampula province if Rwandan troops, who have guarded the gas \
project since 2021, are withdrawn. Some analysts fear that the group may soon try to retake Mocímboa da \
Praia, which it held for a year before Rwandan and Mozambican forces recaptured the town in August 2021.

It would be a mistake to think the problem is only military. In 2020, insurgents killed more than 50 young \
men in Muidumbe who refused to join them, a massacre that shocked the country.

Residents of Macomia held a peaceful march on Tuesday to demand better protection, local radio reported. \
The provincial governor promised to send more police, though he did not say when.

If the donors who pay for the reconstruction programme lose patience, the insurgents will be the first to \
notice. Maputo should stop declaring victory and start listening to the people of Cabo Delgado.
"""

PUB = date(2025, 9, 18)  # a Thursday


@pytest.fixture(scope="module")
def events(code_report):
    return code_report(ARTICLE, PUB, id="cabo", source="Southern Africa Review")


def test_only_last_weeks_incidents_and_the_march(events) -> None:
    assert [(e.sub_event_type, e.date) for e in events] == [
        ("Attack", date(2025, 9, 13)), ("Attack", date(2025, 9, 15)), ("Peaceful protest", date(2025, 9, 16))]
    assert [e.location.name for e in events] == ["Macomia"] * 3
    assert [e.fatalities for e in events] == [2, 1, 0]


def test_history_is_kept_apart_when_asked(code_report) -> None:
    past = [e for e in code_report(ARTICLE, PUB, keep_historical=True, id="cabo-h") if e.historical]
    assert {e.date.year for e in past} >= {2017, 2020}
    assert all(e.date.year < 2025 for e in past)


def test_an_organisation_named_after_a_place_is_no_place(geo_ex) -> None:
    read = {m.text: (m.place.name if m.place else None) for m in geo_ex.place_mentions(ARTICLE, parse(ARTICLE))}
    assert "Cabo" not in read  # "Cabo Ligado", not a Brazilian town's other name
    assert read.get("Cabo Delgado") == "Cabo Delgado"
