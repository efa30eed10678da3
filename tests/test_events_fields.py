"""Event fields: dates, tolls, actors and location choice, on sentences written for these tests
(no ACLED/CASE text)."""

from __future__ import annotations

from datetime import date

import pytest

from eventatlas.events import EventExtractor
from eventatlas.events.actors import assign
from eventatlas.events.dates import best_date, find_dates
from eventatlas.events.facts import fatalities
from eventatlas.model import Document, Mention, Place

PUB = date(2016, 5, 24)  # a Tuesday


@pytest.fixture(scope="module")
def ex() -> EventExtractor:
    return EventExtractor(geoparser=False)


def doc(text: str, published: date = PUB) -> Document:
    return Document(text=text, published=published, source="Test Wire")


def place(name: str, lat: float, lon: float, cc: str = "NG", fclass: str = "P", fcode: str = "PPL") -> Place:
    return Place(name=name, lat=lat, lon=lon, geonameid=abs(hash(name)) % 10**6, country_code=cc,
                 feature_class=fclass, feature_code=fcode)


def mention(text: str, name: str, p: Place) -> Mention:
    a = text.index(name)
    return Mention(a, a + len(name), name, "place", p, 1.0)


# -- dates ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text,expected,prec", [
    ("Gunmen raided the depot on Sunday.", date(2016, 5, 22), 1),
    ("Three days ago, herders clashed with farmers.", date(2016, 5, 21), 1),
    ("The strike began last month.", date(2016, 4, 15), 3),
    ("Residents marched on 13 February.", date(2016, 2, 13), 1),
    ("Fans rallied in the park on 8 Feburary.", date(2016, 2, 8), 1),  # a common misspelling
    ("Raids went on between Mar.4-6 in the hills.", date(2016, 3, 4), 1),
])
def test_dates_against_publication(text: str, expected: date, prec: int) -> None:
    bd = best_date(find_dates(text, PUB))
    assert bd is not None and bd[0] == expected and bd[1] == prec


def test_a_date_told_after_the_incident(ex: EventExtractor) -> None:
    text = ("Militants ambushed an army patrol outside the garrison town, killing two soldiers. "
            "The ambush happened on Saturday, a local official said.")
    e = ex.extract(doc(text), mentions=[])[0]
    assert e.date == date(2016, 5, 21) and e.time_precision == 1


def test_next_day_and_history(ex: EventExtractor) -> None:
    text = ("Soldiers clashed with rebels on 10 May near the river crossing. "
            "The next day, rebels shelled the army camp, killing four soldiers.")
    evs = ex.extract(doc(text), mentions=[])
    assert [e.date for e in evs][-1] == date(2016, 5, 11)
    old = ex.extract(doc("In 2009, troops attacked the camp, killing 40 people."), mentions=[])
    assert old == []


# -- fatalities ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("text,n", [
    ("Six soldiers were killed in the ambush.", 6),
    ("At least a dozen traders died when the market was shelled.", 12),
    ("Dozens of people were killed in the raid.", 12),
    ("Two guards were wounded and one killed at the gate.", 1),
    ("Three gunmen stormed a bar and shot dead a customer.", 1),
    ("The gunmen killed four soldiers and wounded eight civilians.", 4),
    ("Four soldiers and three rebels were killed in the fighting.", 7),
    ("Twelve soldiers killed, two rebels killed, five wounded.", 14),
    ("At least 11 people were killed, including three police officers.", 11),
    ("A suicide bomber blew himself up at a mosque, killing himself and six worshippers.", 7),
    ("Farmers found a shallow grave with 14 bodies near the creek.", 14),
    ("The clash led to the death of two herders.", 2),
    ("Heavy casualties were reported on both sides.", 10),
    ("Attackers burnt to death three traders in the village.", 3),
    ("Bandits kill trader on the highway.", 1),
    ("No casualties were reported after the blast.", 0),
    ("Ten people were wounded in the stampede.", 0),
])
def test_tolls(text: str, n: int) -> None:
    assert fatalities(text)[0] == n


@pytest.mark.parametrize("text,n", [
    # Victims listed as the subject of one death, added.
    ("A teacher and a pupil were killed when the school was shelled.", 2),
    ("A guard and three customers were shot dead at the bank.", 4),
    ("Grandmother and 3 grandsons killed in an air raid on the farm.", 4),
    ("The pilot and his mechanic were both killed in the crash of the helicopter.", 2),
    ("One ranger was killed in the ambush, as well as one poacher.", 2),
    ("A ranger, John Okello, was killed by poachers in the park.", 1),
    ("A poet and the editor of the weekly was shot dead outside his office.", 1),
    # A sentence that adds a victim adds its toll; one that restates a toll does not.
    ("Raiders shot dead a herdsman at the well. A boy was also killed in the raid.", 2),
    ("Two traders were killed on the road. A driver was also killed in the same ambush.", 3),
    # Subsets of a toll already given.
    ("At least 9 people were killed, among them two nurses, in the raid.", 9),
    ("Gunmen stormed a hotel, killing 5 guests, 3 of whom were foreigners, and wounding a cook.", 5),
    ("Eight died - including four policemen and the two gunmen - in the siege.", 8),
    ("Three of five kidnapped workers were killed by their captors.", 3),
    ("Two policemen, one an inspector, were killed at the checkpoint.", 2),
    # Ranges and alternatives: the lower figure.
    ("12 - 15 killed when a bomb went off at the bus station.", 12),
    ("Four soldiers (or five, per a local radio) were killed in the ambush.", 4),
    # Another source's differing figure: the lowest; a vague word gives way to a number.
    ("Three villagers were killed in the raid. The rebels claimed eleven villagers were killed.", 3),
    ("Two miners were killed in the clash. Other sources put the toll at six dead.", 2),
    ('The group claimed "many" soldiers were killed, but officials said four soldiers died.', 4),
    ("Police shot at the robbers, killing some of them. Two of the robbers were killed.", 2),
    ("Some in the town believe he was killed by the police.", 1),
    # Numbers that are not tolls.
    ("Five soldiers from both sides were killed in the fighting.", 5),
    ("Three trucks were burned and two drivers were killed.", 2),
    ("A fighter of Battalion 166 was killed in the clash.", 1),
    ("Raiders took an AK 47 and killed the watchman.", 1),
    ("One 33 Brigade soldier was killed by a sniper.", 1),
    # Single deaths in other words.
    ("Body of a trader found in a ditch near the market.", 1),
    ("The body of the missing councillor was discovered in a forest.", 1),
    ("The clash resulted in the death of Ahmed Musa, a local chief.", 1),
    ("A watchman beaten by thieves later died of his injuries.", 1),
    ("The cook died in the fire set by the rioters.", 1),
    ("Villagers lynch a suspected cattle thief.", 1),
    ("Militants execute a captured soldier in the square.", 1),
    ("Gunmen killed a 62 year old farmer on his land.", 1),
    ("A suicide bomber was stopped at the gate and blew up, killing only herself.", 1),
    ("Three suicide bombers detonated at the checkpoint, killing only themselves.", 3),
    ("A bomber blew himself up, killing himself and the two guards.", 3),
    # Other ways of stating a number of deaths.
    ("The feud between the two clans claimed 14 lives.", 14),
    ("The army said it killed 30 rebels and lost 4 soldiers.", 34),
    ("Raiders killed a family of five in the hamlet.", 5),
    ("Troops ambushed the column, killing an unidentified number of fighters.", 10),
    ("Officials believe 40+ fighters dead in the strike.", 40),
    ("Eleven people, including a pastor, were feared dead after the attack.", 11),
    ("Four fishermen drowned when soldiers fired on their boat.", 4),
    ("Nine badly-burned bodies were recovered from the bus.", 9),
    # A running total is not this incident's toll.
    ("A fighter was killed on Monday, bringing to 20 the number of fighters killed this month.", 1),
])
def test_how_reports_state_deaths(text: str, n: int) -> None:
    assert fatalities(text)[0] == n


def test_a_toll_after_a_line_of_detail_belongs_to_the_incident(ex: EventExtractor) -> None:
    text = ("Rebels ambushed an army convoy on the road north of the town. The attackers seized a truck and "
            "two rifles. Three soldiers were killed in the ambush.")
    evs = ex.extract(doc(text), mentions=[])
    assert len(evs) == 1 and evs[0].fatalities == 3
    text = ("Gunmen opened fire on a minibus near the market. The minibus was heading to the coast. "
            "The driver was killed in the attack.")
    evs = ex.extract(doc(text), mentions=[])
    assert len(evs) == 1 and evs[0].fatalities == 1


def test_no_casualties_is_a_found_zero() -> None:
    assert fatalities("The convoy was hit by a roadside bomb but no one was hurt.") == (0, True)


def test_toll_told_in_a_later_sentence(ex: EventExtractor) -> None:
    text = ("Gunmen attacked a police post on the outskirts of the town on Monday. "
            "Two of the officers later died of their wounds in hospital.")
    e = ex.extract(doc(text), mentions=[])[0]
    assert e.fatalities == 2


# -- actors --------------------------------------------------------------------------------------------
def test_actor_names() -> None:
    a1, t1, a2, _ = assign("Murle tribesmen abducted two children near the cattle camp.", 16,
                           "Abduction/forced disappearance", "SS")
    assert (a1, t1, a2) == ("Murle Ethnic Militia (South Sudan)", 4, "Civilians (South Sudan)")
    a1, t1, _, _ = assign("Vigilantes beat a suspected thief to death at the market.", 11, "Attack", "NG")
    assert (a1, t1) == ("Vigilante Militia (Nigeria)", 4)
    a1, _, a2, _ = assign("Raia Mutomboki fighters clashed with FARDC soldiers in the hills.", 24, "Armed clash", "CD")
    assert {a1, a2} == {"Mayi Mayi Militia (Raia Mutomboki)", "Military Forces of Democratic Republic of Congo"}


def test_period_names(ex: EventExtractor) -> None:
    text = "Boko Haram militants attacked the village, killing five farmers."
    assert ex.extract(doc(text), mentions=[])[0].actor1 == "Boko Haram - Wilayat Gharb Ifriqiyyah"
    assert ex.extract(doc(text, date(2014, 6, 1)), mentions=[])[0].actor1 == "Boko Haram"
    e = ex.extract(doc("Kenyan troops clashed with Al Shabaab fighters near Kismayo.", date(2016, 2, 2)),
                   mentions=[])[0]
    assert "AMISOM: African Union Mission in Somalia" in (e.actor1, e.actor2)


# -- location ------------------------------------------------------------------------------------------
def test_location_is_where_it_happened(ex: EventExtractor) -> None:
    text = "Protesters from Kano marched in Kaduna on Monday to demand the release of their leader."
    kano, kad = place("Kano", 12.0, 8.5), place("Kaduna", 10.5, 7.4)
    e = ex.extract(doc(text), mentions=[mention(text, "Kano", kano), mention(text, "Kaduna", kad)])[0]
    assert e.location is kad and e.geo_precision == 1


def test_near_a_town_is_precision_two(ex: EventExtractor) -> None:
    text = "Gunmen ambushed a bus near Bama on Monday, killing three passengers."
    bama = place("Bama", 11.5, 13.7)
    e = ex.extract(doc(text), mentions=[mention(text, "Bama", bama)])[0]
    assert e.location is bama and e.geo_precision == 2


def test_region_only_is_precision_three(ex: EventExtractor) -> None:
    text = "Soldiers clashed with militants in Borno State on Monday, killing two."
    borno = place("Borno State", 11.5, 13.0, fclass="A", fcode="ADM1")
    e = ex.extract(doc(text), mentions=[mention(text, "Borno State", borno)])[0]
    assert e.location is borno and e.geo_precision == 3


def test_country_sentence_takes_the_town_the_report_names(ex: EventExtractor) -> None:
    text = ("Militants attacked an army post in Damboa on Monday, killing two soldiers. "
            "Separately, jets bombed militant camps in Nigeria on Tuesday.")
    dam = place("Damboa", 11.15, 12.75)
    ng = place("Nigeria", 10.0, 8.0, fclass="A", fcode="PCLI")
    evs = ex.extract(doc(text), mentions=[mention(text, "Damboa", dam), mention(text, "Nigeria", ng)])
    assert evs[0].location is dam and evs[0].geo_precision == 1
    assert all(e.location is dam for e in evs) and evs[-1].geo_precision == 2


def test_multi_event_document_keeps_each_incident(ex: EventExtractor) -> None:
    text = ("On 20 May, gunmen killed three farmers in Gwoza. "
            "On 22 May, hundreds of students protested in Maiduguri over fees; no casualties were reported.")
    gw, mai = place("Gwoza", 11.08, 13.69), place("Maiduguri", 11.85, 13.16)
    evs = ex.extract(doc(text), mentions=[mention(text, "Gwoza", gw), mention(text, "Maiduguri", mai)])
    assert len(evs) == 2
    a, b = evs
    assert (a.date, a.location, a.fatalities) == (date(2016, 5, 20), gw, 3)
    assert (b.date, b.location, b.fatalities, b.event_type) == (date(2016, 5, 22), mai, 0, "Protests")


def test_dates_not_fooled_by_units_and_abbreviations(ex: EventExtractor) -> None:
    assert find_dates("Fighting broke out between the 155 Brigade and the 6th Brigade.", PUB) == []
    text = "An activist was detained by police on Jan. 13, 2016. His lawyer was not told where he was held."
    e = ex.extract(doc(text), mentions=[])[0]
    assert e.date == date(2016, 1, 13)


def test_the_incident_goes_on_in_a_finer_place(ex: EventExtractor) -> None:
    text = ("Eight soldiers were killed in clashes with militias in Benghazi. "
            "The clashes erupted in the Hawari district on Friday night.")
    bg, hw = place("Benghazi", 32.1, 20.1, cc="LY"), place("Hawari", 32.05, 20.1, cc="LY")
    evs = ex.extract(doc(text), mentions=[mention(text, "Benghazi", bg), mention(text, "Hawari", hw)])
    assert len(evs) == 1
    assert (evs[0].date, evs[0].fatalities, evs[0].location) == (date(2016, 5, 20), 8, bg)


def test_country_from_parties_and_tolls_behind_a_protest(ex: EventExtractor) -> None:
    e = ex.extract(doc("ANC Youth League members marched to the municipal offices."), mentions=[])[0]
    assert e.actor1 == "Protesters (South Africa)"
    e = ex.extract(doc("Hundreds of students protested against the killing of two classmates."), mentions=[])[0]
    assert e.event_type == "Protests" and e.fatalities == 0


@pytest.mark.parametrize("text,n", [
    ("Between four and six villagers were reportedly killed in the raid.", 4),
    ("Four or five herders are killed near the well.", 4),
    ('Officials said "several" fighters were killed in the strike.', 10),
    ("A crowd lynched to death three suspected thieves.", 3),
    ("The bomber blew up his vest at the gate, killing a guard and himself.", 2),
    ("Raiders killed a policeman and 19 villagers and torched homes.", 20),
    ("A roadside bomb hit a patrol, killing an army colonel and four soldiers and wounding twelve others.", 5),
    ("Gunmen assassinated the district head, along with his nephew.", 2),
    ("Police killed a suspect and arrested two others.", 1),
    ("One feared dead after the union's leadership tussle turned violent.", 1),
    ("Gunmen shot a trader in the market. The victim later died of his injuries.", 1),
    ("Fighting went on all night. Casualties reported, exact figures not known.", 10),
    ("Between 50-55 people were killed in the bombing of the camp.", 50),
    ("The army eliminated three terrorists in the mountains.", 3),
    ("Gunmen fired on a bus, killing 2 passengers, 4 others injured.", 2),
    ("Troops captured a suspected fighter and beheaded him. No other casualties were reported.", 1),
    ("Four members of the 115 Brigade were killed by a mine.", 4),
])
def test_toll_conventions(text: str, n: int) -> None:
    assert fatalities(text)[0] == n


def test_peoples_named_as_sides() -> None:
    a1, _, a2, _ = assign("Fighting between Tuareg and Tabu fighters went on near the airport.", 0, "Armed clash", "LY")
    assert {a1, a2} == {"Tuareg Ethnic Militia (Libya)", "Tabu Ethnic Militia (Libya)"}
    a1, t1, _, _ = assign("Habar Gidir clan militia attacked a farm.", 27, "Attack", "SO")
    assert (a1, t1) == ("Habar Gidir Clan Militia (Somalia)", 4)


def test_a_neighbour_named_at_the_border_is_not_the_country(ex: EventExtractor) -> None:
    e = ex.extract(doc("Near the border with Ghana, soldiers exchanged gunfire with smugglers in Bittou."),
                   mentions=[])[0]
    assert "Ghana" not in (e.actor1 or "") + (e.actor2 or "")


def test_every_party_and_leader_name_is_found_as_written() -> None:
    from eventatlas.events.lexicon import _ORG_ACRONYM, _ORG_NAME, orgs_country

    for name, cc in list(_ORG_NAME.items()) + list(_ORG_ACRONYM.items()):
        assert orgs_country(f"Supporters of {name} gathered.") == [(14, cc)], name


def test_intelligence_service_and_regional_militia() -> None:
    a1, t1, _, _ = assign("A journalist was detained by the National Intelligence Service in the capital.", 19,
                          "Arrests", "BI")
    assert (a1, t1) == ("Military Forces of Burundi National Intelligence Service", 1)
    a1, _, a2, _ = assign("Khatumo forces clashed with Somaliland troops near the town.", 15, "Armed clash", "SO")
    assert {a1, a2} == {"Khatumo Regional Militia", "Military Forces of Somaliland"}


def test_acled_names_and_nationalities(ex: EventExtractor) -> None:
    from eventatlas.events.actors import find_actors

    names = [m.name for m in find_actors("SPLA-IO fighters attacked an SPLA base as US drones struck nearby.")]
    assert "SPLM/A-IO: Sudan People's Liberation Movement/Army-In Opposition" in names
    assert "Military Forces of the United States" in names
    e = ex.extract(doc("Rioters in Soweto looted the shop of a Somali shopkeeper."), mentions=[])[0]
    assert "South Africa" in (e.actor1 or "")


def test_a_toll_sentence_joins_the_incident(ex: EventExtractor) -> None:
    text = "Gunmen fired on a relief convoy on the road north of the town. 1 guard killed, 1 attacker killed."
    evs = ex.extract(doc(text), mentions=[])
    assert len(evs) == 1 and evs[0].fatalities == 2


def test_a_road_name_is_not_the_place_and_a_town_beats_a_country(ex: EventExtractor) -> None:
    text = "Party members occupied the secretariat along Okigwe Road in Owerri on Monday to protest."
    ok, ow = place("Okigwe", 5.83, 7.35), place("Owerri", 5.48, 7.03)
    e = ex.extract(doc(text), mentions=[mention(text, "Okigwe", ok), mention(text, "Owerri", ow)])[0]
    assert e.location is ow
    text = "Retired workers who had worked in Libya staged a protest in Kairouan on Monday."
    ly = place("Libya", 27.0, 17.0, cc="LY", fclass="A", fcode="PCLI")
    ka = place("Kairouan", 35.67, 10.1, cc="TN")
    e = ex.extract(doc(text), mentions=[mention(text, "Libya", ly), mention(text, "Kairouan", ka)])[0]
    assert e.location is ka and e.geo_precision == 1


def test_where_it_is_reported_from_and_names_abroad_are_not_the_place(ex: EventExtractor) -> None:
    text = "The authorities in Tripoli reported that aircraft attacked militant positions in Sirte on Monday."
    tr, si = place("Tripoli", 32.9, 13.2, cc="LY"), place("Sirte", 31.2, 16.6, cc="LY")
    e = ex.extract(doc(text), mentions=[mention(text, "Tripoli", tr), mention(text, "Sirte", si)])[0]
    assert e.location is si
    text = "Protesters rallied in Misrata on Monday. Later the tent of Abdul Kara caught fire and police fired shots."
    mi, ka = place("Misrata", 32.4, 15.1, cc="LY"), place("Kara", 9.55, 1.19, cc="TG")
    evs = ex.extract(doc(text), mentions=[mention(text, "Misrata", mi), mention(text, "Kara", ka)])
    assert all(e.location is mi for e in evs)


def test_a_day_in_a_clause_about_whom_to_blame_is_not_the_events(ex: EventExtractor) -> None:
    evs = ex.extract(doc("Troops killed four militants believed to be responsible for Friday's attack on the gas plant."))
    assert evs and evs[0].date != date(2016, 5, 20)


def test_a_word_after_the_day_that_only_begins_like_a_place_word(ex: EventExtractor) -> None:
    """'on 4 February parked in a garage': 'parked' is no 'park', the day is a day."""
    evs = ex.extract(doc("Gunmen set fire to a police car on 4 February parked in a garage in the town."))
    assert evs and evs[0].date == date(2016, 2, 4)


@pytest.mark.parametrize("text", [
    "The opposition candidate in the February 18 parliamentary elections was abducted from his home.",
    "Ten detainees began a hunger strike in prison after being arrested on 25 April for protesting.",
])
def test_days_that_name_another_matter(ex: EventExtractor, text: str) -> None:
    evs = ex.extract(doc(text))
    assert evs and evs[0].date not in (date(2016, 2, 18), date(2016, 4, 25))
