"""Round two of event coding: dates, tolls, types, countries and the low-scored best guess, on sentences
written for these tests (no ACLED/CASE text)."""

from __future__ import annotations

from datetime import date

import pytest

from eventatlas.events import EventExtractor
from eventatlas.events.dates import best_date, find_dates
from eventatlas.events.extractor import fallback_guess, text_country
from eventatlas.events.facts import fatalities
from eventatlas.events.rules import classify
from eventatlas.model import Document

PUB = date(2016, 5, 24)


@pytest.fixture(scope="module")
def ex() -> EventExtractor:
    return EventExtractor(geoparser=False)


def top(text: str) -> str:
    return classify(text)[0].sub_event_type


@pytest.mark.parametrize("text,expected", [
    ("On 9 May, gunmen raided a farm near the river.", date(2016, 5, 9)),
    ("Fighting went on from 18-21 May around the airport.", date(2016, 5, 18)),
    ("Raids were reported on Dec 7-10 in the hills.", date(2015, 12, 7)),
    ("Police broke up the march on Tuesday, May 17th.", date(2016, 5, 17)),
    ("Troops were deployed on 23/04 along the border.", date(2016, 4, 23)),
    ("Traders have been on strike since Monday the 16th.", date(2016, 5, 16)),
])
def test_dates_named_days(text: str, expected: date) -> None:
    bd = best_date(find_dates(text, PUB))
    assert bd is not None and bd[0] == expected and bd[1] == 1


def test_street_names_and_coming_dates_are_not_event_dates() -> None:
    assert best_date(find_dates("A crowd gathered on 21st October Street.", PUB)) is None
    # "June 10" weeks after publication is a coming date, not last year's.
    assert best_date(find_dates("The vote on June 10 was postponed.", PUB)) is None


@pytest.mark.parametrize("text,n", [
    ("Soldiers ambush a rebel column near the ford, kill five.", 5),
    ("Nine persons including a local councillor were reportedly killed in the raid.", 9),
    ("Three fans watching the 2016 cup final were shot dead in the square.", 3),
    ("A retired judge shot dead in his garden.", 1),
    ("Raiders attacked the hamlet, killing 20 herdsmen and 83 cows.", 20),
    ("The attack killed four soldiers and two civilians.", 6),
    ("A crowd set two suspected burglars ablaze at the market.", 2),
    ("Bandits killed former local official in the valley.", 1),
])
def test_fatalities_round_two(text: str, n: int) -> None:
    assert fatalities(text)[0] == n


@pytest.mark.parametrize("text,sub", [
    ("Police fired stun grenades to break up the march of teachers.", "Protest with intervention"),
    ("A jailed activist launched a hunger strike in the prison.", "Peaceful protest"),
    ("Army units took over the town without any fight after the militia left.", "Non-violent transfer of territory"),
    ("A stash of rifles and ammunition was found in a culvert near the road.", "Disrupted weapons use"),
    ("Forty rebels surrendered to the army with their weapons.", "Agreement"),
    ("Clashes broke out between youths of two rival neighbourhoods over a football match.", "Mob violence"),
    ("Students clashed with police outside the campus gates during a protest over fees.", "Violent demonstration"),
    ("Troops were deployed in the streets of the capital following riots last week.", "Change to group/activity"),
    ("Gunmen fired on civilians travelling between the two villages.", "Attack"),
    ("Heavy clashes continued in the eastern districts as jets carried out airstrikes.", "Armed clash"),
])
def test_types_round_two(text: str, sub: str) -> None:
    assert top(text) == sub


def test_state_force_against_armed_group_is_a_battle(ex: EventExtractor) -> None:
    evs = ex.extract(Document(text="Nigerian troops destroyed Boko Haram camps in the forest, killing four.",
                              published=PUB))
    assert evs and evs[0].event_type == "Battles"
    assert evs[0].actor1 == "Military Forces of Nigeria" and evs[0].actor2 == "Boko Haram - Wilayat Gharb Ifriqiyyah"
    assert evs[0].fatalities == 4


def test_country_from_places_actors_and_words() -> None:
    assert text_country("Residents marched through Khayelitsha in Cape Town.") == "ZA"
    assert text_country("Al Shabaab fighters attacked a base.") == "SO"
    # A named country in a locative phrase outweighs a passing demonym.
    assert text_country("A Nigerian trader was robbed in Ghana.") == "GH"


def test_protesters_named_with_country(ex: EventExtractor) -> None:
    evs = ex.extract(Document(text="Hundreds of nurses protested outside a hospital in Durban over unpaid wages.",
                              published=PUB))
    assert evs and evs[0].actor1 == "Protesters (South Africa)"


def test_best_guess_for_a_plain_report_but_not_for_opinion(ex: EventExtractor) -> None:
    evs = ex.extract(Document(text="Hundreds of retired workers gathered outside the pensions office.",
                              published=PUB))
    assert len(evs) == 1 and evs[0].event_type == "Protests" and evs[0].score < 0.2
    assert ex.extract(Document(text="I think the government should listen to its retired workers.",
                               published=PUB)) == []
    assert ex.extract(Document(text="Unrest could spread to other towns if prices keep rising.",
                               published=PUB)) == []
    assert fallback_guess("Two brigades were moving towards the front.").sub_event_type == "Change to group/activity"


def test_running_totals_are_summaries_not_incidents(ex: EventExtractor) -> None:
    summary = ("Officials in the port city said more than 500 soldiers had died since the offensive began "
               "in March. Over 40 civilians have been killed so far this year in the district.")
    assert ex.extract(Document(text=summary, published=date(2016, 11, 20))) == []
    mixed = summary + " On Friday gunmen killed three farmers near the river crossing."
    evs = ex.extract(Document(text=mixed, published=date(2016, 11, 20)))
    assert len(evs) == 1 and evs[0].fatalities == 3


def test_a_state_named_as_the_one_acting_is_its_forces(ex: EventExtractor) -> None:
    evs = ex.extract(Document(text="The United States carried out air strikes against Islamic State positions "
                                   "near the port on Monday.", published=PUB))
    assert evs and evs[0].sub_event_type == "Air/drone strike"
    assert evs[0].actor1 == "Military Forces of the United States" and evs[0].actor2 == "Islamic State"
    evs = ex.extract(Document(text="Egypt launched air strikes on militant camps in the desert on Monday.",
                              published=PUB))
    assert evs and evs[0].actor1 == "Military Forces of Egypt"


def test_quoted_major_casualties_is_an_unknown_toll() -> None:
    assert fatalities('The minister said the strikes had caused "major casualties" among the militants.') == (10, True)


def test_ingest_places_events_as_extract_does(gazetteer_path) -> None:
    """The pipeline stores the extractor's own reading of places: a town that shares its name with
    its district is the town, for `ingest` as for `extract`."""
    from eventatlas.pipeline import Pipeline

    text = ("The United States carried out air strikes against Islamic State positions in Sirte on Monday "
            "at the request of Libya's unity government, officials said.")
    pipeline = Pipeline(gazetteer_path=gazetteer_path)
    mentions, events = pipeline.process(Document(text=text, published=PUB))
    assert events and events[0].location is not None
    assert events[0].location.feature_class == "P" and events[0].geo_precision == 1
    extracted = pipeline.extractor.extract(Document(text=text, published=PUB))
    assert extracted[0].location.geonameid == events[0].location.geonameid
    assert any(m.place is not None and m.place.geonameid == events[0].location.geonameid for m in mentions)


def test_the_attackers_take_up_the_named_side() -> None:
    from eventatlas.events.actors import assign

    text = ("Tunisian security forces repelled an assault by Islamic State militants on the border town on "
            "Monday, killing dozens of the attackers.")
    assert assign(text, text.index("repelled"), "Armed clash", "TN")[::2] == ("Islamic State",
                                                                             "Police Forces of Tunisia")


def test_a_weak_reading_in_a_country_the_report_never_names_is_not_the_place(gazetteer_path) -> None:
    """"The border crossings at Ras Jedir" (a crossing the gazetteer lacks) once put a Tunisian event in
    India by its first word."""
    from pathlib import Path

    from eventatlas.ingest import iter_records
    from eventatlas.pipeline import Pipeline

    report = Path(__file__).resolve().parents[1] / "data" / "demo" / "2016-03-08-ben-guerdane-attack.md"
    document = next(d for d in iter_records(str(report)) if isinstance(d, Document))
    _, events = Pipeline(gazetteer_path=gazetteer_path).process(document)
    assert len(events) >= 2
    for ev in events:
        assert ev.location is None or ev.location.country_code in ("TN", "LY"), ev.location


def test_a_country_forces_named_by_demonym_act_first() -> None:
    from eventatlas.events.actors import assign

    text = "Libyan forces attacked Islamic State positions near the harbour on Monday."
    assert assign(text, text.index("attacked"), "Armed clash", "LY")[::2] == ("Military Forces of Libya",
                                                                             "Islamic State")


def _place(extractor: EventExtractor, text: str):
    events = extractor.extract(Document(text=text, published=PUB))
    assert events, text
    return events[0].location


@pytest.mark.parametrize("text,name,cc", [
    # no preposition before the place: the attack's object, "residents of", "<name> community"
    ("Gunmen attacked Elele on Tuesday, killing two farmers.", "Elele", "NG"),
    ("Residents of Oued Sly protested over the water cuts.", "Oued Sly", "DZ"),
    ("Hundreds of Middledrift community members marched against violence.", "Middledrift", "ZA"),
])
def test_terse_reports_are_placed_by_their_event_cue(geo_ex: EventExtractor, text: str, name: str, cc: str) -> None:
    loc = _place(geo_ex, text)
    assert loc is not None and loc.name == name and loc.country_code == cc


def test_a_person_attacked_is_not_a_place(geo_ex: EventExtractor) -> None:
    loc = _place(geo_ex, "Police attacked John Smith outside his home on Monday.")
    assert loc is None or loc.country_code != "US" or loc.name != "Smith"


def test_a_town_written_by_its_alternate_name_beats_the_region(geo_ex: EventExtractor) -> None:
    """GeoNames writes Ambo as Hāgere Hiywet: "Ambo" is still that town's very name, not a near
    spelling of another place, so the town wins over the region named after it."""
    loc = _place(geo_ex, "Students held a protest in Ambo in Oromia on Sunday.")
    assert loc is not None and loc.country_code == "ET" and loc.feature_class == "P"


def test_an_abbreviation_is_not_an_alternate_name(geo_ex: EventExtractor) -> None:
    """ "DC" is an alternate name of Washington, yet in "the deputy DC for Bardheere" it is an office."""
    loc = _place(geo_ex, "A roadside bomb aimed at the deputy DC for Bardheere district went off in Bardheere on Monday.")
    assert loc is not None and loc.country_code == "SO"


@pytest.mark.parametrize("text,expected,precision", [
    # the day belongs to the matter the event answers, not to the event: publication week
    ("Residents marched to the police station, following the alleged beating on 19 May of a local activist.",
     PUB, 2),
    ("Police arrested two men in connection with the bombing of 12 May.", PUB, 2),
    # "after" most often ties one incident together: its day is the event's
    ("Two soldiers were killed after a roadside bomb exploded on 21 May near the base.", date(2016, 5, 21), 1),
])
def test_a_day_named_for_another_matter_is_not_the_events(ex: EventExtractor, text: str, expected: date,
                                                          precision: int) -> None:
    ev = ex.extract(Document(text=text, published=PUB))[0]
    assert (ev.date, ev.time_precision) == (expected, precision)


@pytest.mark.parametrize("text,expected", [
    # the victim stands before a passive verb; what follows it is the agent
    ("Nine women were attacked by militiamen near the wells.", "Attack"),
    ("Eleven farmers attacked by armed herders in the valley.", "Attack"),
    ("A local councillor is killed along with his brother by unknown gunmen.", "Attack"),
    ("A wanted militant was killed by the army in the hills.", "Armed clash"),
    # unnamed victims of fire on a civilian place
    ("At least four killed and nine injured when gunmen opened fire on a crowded market.", "Attack"),
    # an ambush of civilians is an attack on them; of soldiers, a battle
    ("Bandits ambushed a commercial vehicle on the highway and robbed the passengers.", "Attack"),
    ("Rebels ambushed an army convoy near the river, killing four soldiers.", "Armed clash"),
    # "engaged in" is fighting only when fighting follows
    ("A man suspected to have engaged in burglaries was beaten to death by a mob.", "Mob violence"),
    ("Troops engaged the insurgents near the border for hours.", "Armed clash"),
])
def test_who_was_attacked_decides_attack_or_battle(text: str, expected: str) -> None:
    assert top(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("Students protested against the new fees in the town. Forty students were arrested after the demonstration.",
     ["Protest with intervention"]),
    ("Thousands marched outside the parliament on Monday. Police fired tear gas to scatter them. More than 100 "
     "people were arrested.", ["Protest with intervention"]),
])
def test_arrests_of_protesters_are_the_protests_intervention(ex: EventExtractor, text: str,
                                                              expected: list[str]) -> None:
    assert [e.sub_event_type for e in ex.extract(Document(text=text, published=PUB))] == expected


def test_arrests_of_others_told_with_a_protest_stay_arrests(ex: EventExtractor) -> None:
    text = ("Hundreds of traders protested in the market on Monday over new taxes. On 2 May, in another city, police "
            "arrested two suspected smugglers at the port.")
    assert "Arrests" in [e.sub_event_type for e in ex.extract(Document(text=text, published=PUB))]


@pytest.mark.parametrize("text,expected", [
    # communal fighting is fought by communal militias: a battle
    ("Nine people were hurt in a fracas between two farming communities over a boundary.", "Armed clash"),
    ("Renewed conflict between herders and farmers left six dead near the river.", "Armed clash"),
    # peacekeepers and patrols are armed; "engage" in the present tense of a report
    ("Gunmen attacked army patrols on the road, killing a soldier and a trader.", "Armed clash"),
    ("Rebels fired on a peacekeepers' vehicle near the bridge.", "Armed clash"),
    ("Troops engage the rebels in the hills and capture their commander.", "Armed clash"),
])
def test_armed_sides_make_a_battle(text: str, expected: str) -> None:
    assert top(text) == expected


def test_engaged_in_talks_is_no_fighting() -> None:
    assert classify("Police engaged in a dialogue with the residents.") == []


@pytest.mark.parametrize("text", [
    "In the October 6 suburb of the capital, police raided a flat on Monday.",
    "Protesters gathered in 26 July Street on Monday.",
    "Fighters of the 17 February Brigade clashed with rivals on Monday.",
])
def test_a_date_inside_a_name_is_not_a_day(text: str) -> None:
    # Monday before 24 May 2016 is the 23rd: the only day the sentence gives
    assert best_date(find_dates(text, PUB))[0] == date(2016, 5, 23)


OPINION_PIECE = """The Sahel's long war is not a story of sudden explosions but of slow erosion. When French troops entered Timbuktu in January 2013, many believed the jihadist project in northern Mali had been broken. It had not. In the years since, the groups that once held the northern cities have learned to live in the countryside, to tax herders and to settle disputes that the state ignores.

Analysts in Bamako now fear that the violence could reach the coastal states within a year. If the militants move south, Benin and Togo would be exposed along their northern borders. Some officials argue that more drones would stop them; others say only negotiations can.

On Tuesday, gunmen on motorcycles attacked a gendarmerie post near Djibo, killing four gendarmes, according to a security source. The army said on Wednesday that its helicopters had killed "dozens of terrorists" in the area, a claim that could not be independently verified.

History offers little comfort. In 2012 the Tuareg rebellion collapsed the state's authority in the north within weeks, and in 1990 an earlier uprising had done much the same. Whether the juntas now in power in Bamako and Ouagadougou can do better than their predecessors is the question of the decade.

Residents of Djibo say they no longer travel at night. "We are waiting to see who comes next," a trader told me. Nobody was arrested after the attack."""


def test_a_long_opinion_piece_yields_only_its_news(geo_ex: EventExtractor) -> None:
    """History, fears, hypotheticals and arguments are not events; the two things that happened are, in
    the country they happened in (the piece is about two countries), with their certainty."""
    events = geo_ex.extract(Document(text=OPINION_PIECE, published=date(2024, 3, 7)))
    got = [(e.sub_event_type, e.date, e.location.name if e.location else None, e.actor1, e.fatalities,
            e.certainty) for e in events]
    assert got == [
        ("Armed clash", date(2024, 3, 5), "Djibo", "Unidentified Armed Group (Burkina Faso)", 4, "reported"),
        ("Air/drone strike", date(2024, 3, 6), "Djibo", "Military Forces of Burkina Faso", 12, "claimed"),
    ]


@pytest.mark.parametrize("text,expected", [
    # an attempt made is an event; "set alight" is a deed, not "set to"
    ("Rebels unsuccessfully attempted to raid the police post at dawn, wounding one officer.", "Armed clash"),
    ("Gunmen killed a guard at the party office before trying to set the building on fire.", "Armed clash"),
    ("Tyres were set alight last night as violent protests erupted in the township.", "Violent demonstration"),
    # "perhaps" hedging a number is no opinion; "deny them" is no denial
    ("Militants ambushed a car carrying a chief, kidnapping him and perhaps two others.",
     "Abduction/forced disappearance"),
    ("Supporters protested near the city hall over a decision to deny them a permit.", "Peaceful protest"),
    # a clause about the past or about whom a march remembers does not type or date the event
    ("Troops cleared three villages, killing 20 insurgents and freeing 40 people, including those who were "
     "abducted in 2014.", "Armed clash"),
    ("Thousands of students marched in memory of three youths who were killed by police in 1990.",
     "Peaceful protest"),
])
def test_attempts_hedges_and_remembered_violence(ex: EventExtractor, text: str, expected: str) -> None:
    events = ex.extract(Document(text=text, published=PUB))
    assert [e.sub_event_type for e in events] == [expected]
    assert events[0].date is not None and (PUB - events[0].date).days < 30


@pytest.mark.parametrize("text", ["The rebels plan to attempt to storm the city.",
                                  "Militants are set to attack the town next week."])
def test_plans_remain_plans(ex: EventExtractor, text: str) -> None:
    assert ex.extract(Document(text=text, published=PUB)) == []


@pytest.mark.parametrize("text,expected", [
    ("A night guard was found decapitated outside a shop.", "Attack"),
    ("Gunmen whip a farmer in the market.", "Attack"),
    ("Saboteurs destroy oil pipelines with bombs in several places.", "Remote explosive/landmine/IED"),
    ("An unknown group bombs the home of the police chief.", "Remote explosive/landmine/IED"),
    ("Teachers striked in the city over assaults in schools.", "Peaceful protest"),
    ("Employees at the state electricity company strike in the capital.", "Peaceful protest"),
    ("Police fired tear gas to disperse protesting students at the union's offices.", "Protest with intervention"),
    ("Militiamen captured three suspected rebels and burned them alive.", "Attack"),
])
def test_more_ways_news_tells_an_incident(ex: EventExtractor, text: str, expected: str) -> None:
    assert [e.sub_event_type for e in ex.extract(Document(text=text, published=PUB))] == [expected]


@pytest.mark.parametrize("text", [
    # background words in a clause about what the incident answers leave it an incident
    "Villagers burned down the militia's camp in reprisal for a series of attacks on their farms.",
    "Government forces were able to recapture the village later the same afternoon.",
    "Staff stormed the ministry asking for pay rises owed since July 2011.",
])
def test_incidents_with_background_words_are_incidents(ex: EventExtractor, text: str) -> None:
    events = ex.extract(Document(text=text, published=PUB))
    assert len(events) == 1 and (PUB - events[0].date).days < 30


@pytest.mark.parametrize("text", ["Attacks on the town have often come at night.",
                                  "More than 700 fighters have died since May."])
def test_habits_and_running_totals_are_not_incidents(ex: EventExtractor, text: str) -> None:
    assert ex.extract(Document(text=text, published=PUB)) == []


@pytest.mark.parametrize("text,expected", [
    # an unarmed crowd's violence is mob violence (today's typology: riots)
    ("Angry voters beat up a polling agent they accused of stuffing ballots.", "Mob violence"),
    ("A group of villagers attacked and destroyed part of the new university site.", "Mob violence"),
    ("Farmers and party members hurled water bottles and rocks at one another.", "Violent demonstration"),
    # armed men, or the crowd as victims, are not
    ("Gunmen attacked villagers in their fields.", "Attack"),
    ("Three villagers were beaten by soldiers at a checkpoint.", "Attack"),
])
def test_a_crowds_violence_is_mob_violence(text: str, expected: str) -> None:
    assert top(text) == expected


def test_a_claim_of_responsibility_for_a_told_attack_is_no_new_event(ex: EventExtractor) -> None:
    text = ("Soldiers on Friday killed four militants in the hills who had carried out a deadly attack last year. "
            "The group claimed responsibility for that attack.")
    events = ex.extract(Document(text=text, published=PUB))
    assert [(e.sub_event_type, e.fatalities, e.certainty) for e in events] == [("Armed clash", 4, "reported")]
    assert len(events[0].evidence) == 2


@pytest.mark.parametrize("text,expected", [
    ("A gunman opened gunfire on a minibus near the market. Two passengers were hurt and the attacker was arrested.",
     ["Violence against civilians"]),
    ("A crowd attacked a suspected thief with stones and sticks. Police fired tear gas. Seven were later arrested.",
     ["Riots"]),
    # arrests of others, on another matter, stay arrests
    ("Gunmen killed two farmers on Monday. On Wednesday police arrested a journalist in the capital over an article.",
     ["Violence against civilians", "Strategic developments"]),
])
def test_the_arrest_of_the_perpetrators_ends_the_incidents_story(ex: EventExtractor, text: str,
                                                                 expected: list[str]) -> None:
    assert [e.event_type for e in ex.extract(Document(text=text, published=PUB))] == expected


@pytest.mark.parametrize("text", [
    "Police arrested a suspected smuggler near the port on Monday. The man died after he was reportedly tortured.",
    "Soldiers arrested a local organiser in the town. He was taken to a barracks, where he was allegedly beaten.",
])
def test_violence_against_the_arrested_outranks_the_arrest(ex: EventExtractor, text: str) -> None:
    assert [e.sub_event_type for e in ex.extract(Document(text=text, published=PUB))] == ["Attack"]


@pytest.mark.parametrize("text,expected", [
    ("Unknown gunmen ambushed a vehicle on the road, killing three.", "Attack"),
    ("Gunmen ambushed an SPLA vehicle on the road.", "Armed clash"),
    ("Gunmen ambushed a car carrying an army colonel near the town.", "Armed clash"),
    ("An off-duty army captain on his way to work was shot dead by gunmen.", "Attack"),
    ("Two were killed in a fight between former rebels in the market.", "Armed clash"),
])
def test_who_was_in_the_vehicle_and_who_was_off_duty(text: str, expected: str) -> None:
    assert top(text) == expected


def test_a_small_namesake_abroad_gives_way_to_the_town_at_home(geo_ex: EventExtractor) -> None:
    """A report about Nigeria (the Niger Delta militants it names) places 'Ngo' in Nigeria, not in the
    Congo; a big city or a capital abroad would stay as read."""
    loc = _place(geo_ex, "MEND militants attacked a police station in Ngo on Sunday and stole rifles.")
    assert loc is not None and loc.name == "Ngo" and loc.country_code == "NG"
    loc = _place(geo_ex, "Nigerian students protested outside their embassy in London on Sunday.")
    assert loc is not None and loc.country_code == "GB"


@pytest.mark.parametrize("text,name", [
    # the point a place is told from, a road's name and an actor's base are not where the event was
    ("The mayor of Gharyan, south of Tripoli, was shot and wounded on Monday.", "Gharyan"),
    ("Police beat Mubende residents who had blocked the Kampala-Fort Portal highway with rubbish.", "Mubende"),
    ("The Tripoli-based government announced the recapture of Sabratha from the militants.", "Sabratha"),
    # a facility named after one place, in another town: the town it is in
    ("Soldiers attacked protesting pupils at Wacha school in Nekemt on Monday, injuring several.", "Nekemt"),
])
def test_where_the_event_is_among_the_places_named(geo_ex: EventExtractor, text: str, name: str) -> None:
    import unicodedata

    loc = _place(geo_ex, text)
    assert loc is not None, text
    plain = unicodedata.normalize("NFKD", loc.name).encode("ascii", "ignore").decode().lower()
    assert plain.startswith(name.lower()[:3]), loc


def test_an_arabic_article_written_apart_is_no_part_of_the_name() -> None:
    from eventatlas.events.extractor import _exact
    from eventatlas.model import Mention, Place

    m = Mention(0, 8, "Ed Daein", "place", Place(name="El Daein", lat=0.0, lon=0.0), 1.0, None, "skeleton")
    assert _exact(m)


def test_place_comma_area_is_placed_at_the_place(geo_ex: EventExtractor) -> None:
    """'in Louieville, Mpumalanga': the town, then the area it lies in; the town places the event."""
    loc = _place(geo_ex, "More than 700 unpaid miners protested in Louieville, Mpumalanga, on Monday.")
    assert loc is not None and loc.name == "Louieville"
