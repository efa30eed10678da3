"""Event type and sub-type coding, and non-event filtering, on sentences written for these tests.

None of these sentences comes from ACLED or CASE; they are written in the style of wire reports,
local papers and opinion pieces so that the rules are held to the language of news, not to one file.
"""

from __future__ import annotations

from datetime import date

import pytest

from eventatlas.events import EventExtractor, train_model
from eventatlas.events.rules import classify, mask_negated
from eventatlas.events.train import read_coded
from eventatlas.model import SUB_EVENT_TYPES, Document

PUB = date(2024, 5, 10)  # a Friday


@pytest.fixture(scope="module")
def ex() -> EventExtractor:
    return EventExtractor(geoparser=False)


def events(ex: EventExtractor, text: str, pub: date = PUB):
    return ex.extract(Document(text=text, published=pub))


def top(ex: EventExtractor, text: str):
    evs = events(ex, text)
    return max(evs, key=lambda e: e.score) if evs else None


# Two fresh sentences per sub-type, different in wording from tests/test_events.py.
SUB_CASES = [
    ("Armed clash", "Rebels and government troops fought for several hours on Tuesday on the outskirts of the town."),
    ("Armed clash", "Two rival militias clashed over control of a checkpoint, leaving six fighters dead."),
    ("Government regains territory", "The army said on Monday it had retaken the district headquarters from insurgents."),
    ("Government regains territory", "Troops liberated the village after a two-day offensive against the jihadists."),
    ("Non-state actor overtakes territory", "Insurgents overran an army base in the north on Wednesday and raised their flag."),
    ("Non-state actor overtakes territory", "Rebel fighters seized control of the border town after government forces fled."),
    ("Chemical weapon", "Doctors said dozens of patients showed symptoms of sarin exposure after the attack on the suburb."),
    ("Chemical weapon", "Activists accused government forces of using chlorine gas on the besieged district on Sunday."),
    ("Air/drone strike", "A drone strike hit a vehicle carrying two militant commanders near the border on Thursday."),
    ("Air/drone strike", "Fighter jets bombed rebel positions in the hills overnight, the air force said."),
    ("Suicide bomb", "A suicide bomber detonated an explosive vest at the entrance of a crowded mosque on Friday."),
    ("Suicide bomb", "A suicide car bomb rammed into the gate of the police academy, killing nine recruits."),
    ("Shelling/artillery/missile attack", "Artillery shells landed on a residential block in the city centre on Monday night."),
    ("Shelling/artillery/missile attack", "Militants fired three rockets at the airport, damaging the runway."),
    ("Remote explosive/landmine/IED", "A landmine exploded under a farmer's tractor near the village on Saturday."),
    ("Remote explosive/landmine/IED", "An improvised explosive device struck a patrol vehicle on the highway, wounding four."),
    ("Grenade", "Unknown attackers lobbed a hand grenade into a busy restaurant on Thursday evening."),
    ("Grenade", "A grenade thrown from a passing motorbike exploded outside the mayor's office."),
    ("Sexual violence", "Soldiers sexually assaulted three girls at a checkpoint, a rights group said."),
    ("Sexual violence", "Gunmen raped a woman after breaking into her house in the night."),
    ("Attack", "Gunmen stormed a village on Sunday night and shot dead eleven villagers."),
    ("Attack", "Unidentified assailants hacked a schoolteacher to death on his way home."),
    ("Abduction/forced disappearance", "Armed men abducted twenty passengers from a bus on the highway on Wednesday."),
    ("Abduction/forced disappearance", "A journalist was kidnapped by masked men outside his office on Monday."),
    ("Peaceful protest", "Thousands of nurses staged a sit-in outside the health ministry on Tuesday over unpaid wages."),
    ("Peaceful protest", "Students held a peaceful rally on campus to denounce the rise in tuition fees."),
    ("Protest with intervention", "Riot police used water cannon to break up a demonstration by opposition supporters on Saturday."),
    ("Protest with intervention", "Police fired tear gas at traders protesting against new market taxes."),
    ("Excessive force against protesters", "Troops opened fire with live ammunition on unarmed protesters, killing five."),
    ("Excessive force against protesters", "Security forces shot dead two demonstrators during a march against the election result."),
    ("Violent demonstration", "Angry protesters torched a police station and pelted officers with stones."),
    ("Violent demonstration", "Demonstrators set cars ablaze and looted shops during a protest over fuel prices."),
    ("Mob violence", "A mob beat a man to death after accusing him of stealing a motorcycle."),
    ("Mob violence", "Villagers lynched two suspected kidnappers on Sunday."),
    ("Agreement", "Government and rebel negotiators signed a peace deal in the capital on Thursday."),
    ("Agreement", "The warring clans agreed to a ceasefire brokered by local elders."),
    ("Arrests", "Police arrested fifteen people suspected of planning attacks in the capital."),
    ("Arrests", "Security forces detained an opposition leader at his home on Wednesday."),
    ("Change to group/activity", "Hundreds of fighters defected from the rebel movement and joined the army on Monday."),
    ("Change to group/activity", "The government imposed a dusk-to-dawn curfew on the city on Monday."),
    ("Disrupted weapons use", "Soldiers discovered and defused a roadside bomb planted near the bridge."),
    ("Disrupted weapons use", "Police seized a large cache of weapons and ammunition in a raid on a warehouse."),
    ("Headquarters or base established", "The rebels set up a new headquarters in the mountain town on Saturday."),
    ("Looting/property destruction", "Gunmen looted shops and set fire to dozens of houses in the village."),
    ("Looting/property destruction", "Armed men burned down the clinic and stole medical supplies."),
    ("Non-violent transfer of territory", "The rebels withdrew from the town on Friday and handed it over to the army without a fight."),
    ("Non-violent transfer of territory", "Militants abandoned their positions and the troops entered the town unopposed."),
    ("Other", "Armed men paraded through the town centre in a show of force on Friday."),
]


def test_sub_case_list_covers_every_sub_type() -> None:
    assert {s for s, _ in SUB_CASES} == set(SUB_EVENT_TYPES)


@pytest.mark.parametrize(("sub", "text"), SUB_CASES)
def test_sub_type(ex: EventExtractor, sub: str, text: str) -> None:
    ev = top(ex, text)
    assert ev is not None, text
    assert ev.event_type == SUB_EVENT_TYPES[sub]
    if sub != "Other":
        assert ev.sub_event_type == sub


# ---- negation ------------------------------------------------------------------------------------
NEGATED = [
    "The town was calm on Sunday and there were no major clashes.",
    "No clashes were reported in the capital on Tuesday.",
    "Residents said there was no fighting in the area on Tuesday.",
    "No one was arrested and no shots were fired.",
    "The army denied that its troops had shelled the village.",
    "Militants did not attack the base, officials said.",
    "The rebels have never captured the town.",
]


@pytest.mark.parametrize("text", NEGATED)
def test_negated_sentences_are_not_events(ex: EventExtractor, text: str) -> None:
    assert events(ex, text) == []


def test_negation_masks_only_what_it_governs() -> None:
    masked = mask_negated("No one was killed when the bomb exploded, but no arrests were made.")
    assert "bomb exploded" in masked and "killed" not in masked and "arrests" not in masked
    assert mask_negated("Without warning, gunmen opened fire on the market.").endswith("gunmen opened fire on the market.")


def test_negation_changes_the_sub_type(ex: EventExtractor) -> None:
    ev = top(ex, "Hundreds marched through the capital on Monday; police did not intervene.")
    assert ev is not None and ev.sub_event_type == "Peaceful protest"
    ev = top(ex, "No one was killed when a roadside bomb exploded near the market on Monday.")
    assert ev is not None and ev.sub_event_type == "Remote explosive/landmine/IED"
    assert classify("Rebels took over the town without firing a shot.")[0].sub_event_type == \
        "Non-violent transfer of territory"


# ---- hedges, threats, forecasts, opinion, history -----------------------------------------------
def test_hedged_reports_are_events_with_lower_certainty(ex: EventExtractor) -> None:
    ev = top(ex, "Gunmen reportedly killed four villagers in an attack on Sunday, according to unconfirmed reports.")
    assert ev is not None and ev.event_type == "Violence against civilians"
    assert ev.certainty in ("reported", "speculative")
    ev = top(ex, "A bomb reportedly exploded at the market on Monday, possibly planted by militants.")
    assert ev is not None and ev.sub_event_type == "Remote explosive/landmine/IED" and ev.certainty == "speculative"


NOT_EVENTS = [
    "The militants threatened to attack the capital if their leader is not released.",
    "Al-Shabaab vowed to carry out more suicide bombings in the coming weeks.",
    "Analysts warn that fighting could resume if the talks collapse.",
    "If the army withdraws, the rebels will seize the town within days.",
    "I think the government should negotiate with the protesters rather than arrest them.",
    "Protests are expected to continue next week.",
    "Teachers will strike on Monday if the talks fail, the union said.",
    "The region has long been plagued by attacks on farmers by armed herders.",
]


def test_forecast_beside_a_done_event_keeps_the_event(ex: EventExtractor) -> None:
    ev = top(ex, "Protests were held in the capital on Monday and are expected to continue next week.")
    assert ev is not None and ev.event_type == "Protests"


@pytest.mark.parametrize("text", NOT_EVENTS)
def test_threats_forecasts_opinion_and_background_are_not_events(ex: EventExtractor, text: str) -> None:
    assert events(ex, text) == []


def test_history_is_background_unless_asked() -> None:
    text = "In March 2009, rebels overran the garrison town and killed dozens of soldiers."
    assert EventExtractor(geoparser=False).extract(Document(text=text, published=PUB)) == []
    kept = EventExtractor(geoparser=False, keep_historical=True).extract(Document(text=text, published=PUB))
    assert kept and kept[0].historical and kept[0].event_type == "Battles"


def test_relative_dates_follow_the_report(ex: EventExtractor) -> None:
    text = ("Gunmen attacked a police post in the town on 3 May, killing two officers. "
            "The next day, residents marched through the streets to protest against the killings.")
    evs = sorted(events(ex, text), key=lambda e: e.date)
    assert [e.event_type for e in evs] == ["Battles", "Protests"]
    assert evs[0].date == date(2024, 5, 3) and evs[1].date == date(2024, 5, 4)


def test_multi_event_document_with_opinion_and_history(ex: EventExtractor) -> None:
    text = (
        "The conflict in the north has dragged on since 2012, and many analysts believe it will get worse. "
        "On Tuesday, a roadside bomb exploded under an army truck near the market, killing three soldiers. "
        "Later that day, police arrested six men suspected of planting it. "
        "On Thursday, hundreds of traders marched in the capital to demand better security. "
        "In 2015, a similar bombing killed dozens in the same town. "
        "The government should invest in the region rather than rely on force, I believe. "
        "There were no clashes on Wednesday, and shops reopened."
    )
    evs = events(ex, text)
    # The arrests over the bombing belong to the bombing's report; the march is an event of its own.
    assert sorted(e.sub_event_type for e in evs) == ["Peaceful protest", "Remote explosive/landmine/IED"]


# ---- trained models ------------------------------------------------------------------------------
def test_read_coded_reads_case_tsv(tmp_path) -> None:
    p = tmp_path / "case.tsv"
    p.write_text("id\tEventSnippet\tSubType\n"
                 "1\tRebels fired mortars at the base.\tART_MISS_ATTACK\n"
                 "2\tAn earthquake struck the coast.\tNATURAL_DISASTER\n"
                 "3\tPolice fired tear gas at marchers.\tPROTEST_WITH_INTER\n", encoding="utf-8")
    assert read_coded(p) == [
        ("Rebels fired mortars at the base.", "Explosions/Remote violence", "Shelling/artillery/missile attack"),
        ("Police fired tear gas at marchers.", "Protests", "Protest with intervention"),
    ]


def test_train_on_case_layout_and_extract_with_the_model(tmp_path) -> None:
    from eventatlas.events.train import CASE_CODES

    code = {sub: c for c, sub in CASE_CODES.items()}
    p = tmp_path / "mine.tsv"
    rows = ["id\tEventSnippet\tSubType"] + [f"{i}\t{text}\t{code[sub]}" for i, (sub, text) in enumerate(SUB_CASES)]
    p.write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "models" / "case.joblib"
    figures = train_model(p, out)
    assert out.exists() and out.stat().st_size < 5_000_000
    assert figures["rows"] == len(SUB_CASES) and figures["sub_rows"] == len(SUB_CASES)
    ex = EventExtractor(geoparser=False, model_path=out)
    ev = ex.extract(Document(text="Rebels fired mortar shells at the army barracks on Monday.", published=PUB))
    assert ev and ev[0].event_type == "Explosions/Remote violence"


# ---- precedence between sub-types -----------------------------------------------------------------
PRECEDENCE = [
    # Communal fighting is fought by communal militias: a battle, not mob violence.
    ("Armed clash", "At least nine people were killed on Sunday in intercommunal clashes between two villages."),
    # Two units of one force fighting each other.
    ("Armed clash", "Two groups of soldiers exchanged gunfire at a checkpoint on Monday over extortion money."),
    # Detainees beaten or killed: the violence outranks the arrest.
    ("Attack", "Police arrested three activists on Tuesday; the detainees were beaten in custody."),
    # Forces killing militants while seizing weapons: the fighting is the event.
    ("Armed clash", "Troops killed seven militants and recovered a cache of rifles in the forest on Friday."),
    # "killed following clashes": the clashes are the sentence's own news.
    ("Armed clash", "Four soldiers were killed following clashes with rebels near the border on Saturday."),
    # A crowd storming a building in a protest is a riot.
    ("Violent demonstration", "Hundreds of unemployed youths stormed the town hall on Monday, protesting against job cuts."),
    # Police detaining marchers breaks up a protest.
    ("Protest with intervention", "Police detained dozens of protesters during a march against the new tax on Sunday."),
    # A town captured in the passive voice.
    ("Non-state actor overtakes territory", "The garrison town was overrun by jihadist fighters on Thursday."),
]


@pytest.mark.parametrize(("sub", "text"), PRECEDENCE)
def test_precedence(ex: EventExtractor, sub: str, text: str) -> None:
    ev = top(ex, text)
    assert ev is not None and ev.sub_event_type == sub, (text, ev and ev.sub_event_type)


def test_words_that_look_like_triggers_but_are_not() -> None:
    assert not any(g.sub_event_type == "Violent demonstration" for g in classify("Riot police stood by as traders marched."))
    assert not any(g.sub_event_type == "Abduction/forced disappearance"
                   for g in classify("Villagers lynched two suspected kidnappers."))
    assert not any(g.sub_event_type == "Armed clash" for g in classify("The rebels declared a cessation of hostilities."))


@pytest.mark.parametrize("text,sub", [
    # protesters arrested at or right after their protest: the protest, with intervention
    ("Police arrested twelve teenagers after they staged a demonstration against the visiting minister.",
     "Protest with intervention"),
    ("Three traders who had chained themselves to lamp posts in protest against the new levy were arrested.",
     "Protest with intervention"),
    ("Six youth activists were detained following a demonstration outside the electoral commission.",
     "Protest with intervention"),
    # a crowd's violence before the arrests: a riot
    ("Commuters angry at delays torched a bus and stoned a station before police arrived and arrested two men.",
     "Violent demonstration"),
    # arrests made to stop a protest, or of those who called it, stay arrests
    ("Police arrested forty activists ahead of planned protests in the capital.", "Arrests"),
    ("Security forces detained the organisers of Friday's march.", "Arrests"),
])
def test_arrests_of_protesters(ex: EventExtractor, text: str, sub: str) -> None:
    ev = top(ex, text)
    assert ev is not None and ev.sub_event_type == sub, (ev and ev.sub_event_type)


@pytest.mark.parametrize("text,sub", [
    # the clash word names no target; the dead and wounded the passage names are civilians
    ("Seven farmers were killed with machetes by suspected rebels near the river. Gunfire was also heard.", "Attack"),
    ("A civilian was killed and two others wounded in a militia ambush on the main road.", "Attack"),
    ("Truck ambushed near the border, two aid agency staff killed.", "Attack"),
    ("Reporter shot and wounded by a suspected soldier in the market.", "Attack"),
    ("Police shot and badly injured a vendor during a raid on the market.", "Attack"),
    # armed victims keep it a battle
    ("Three soldiers were killed in an ambush by rebels on the road.", "Armed clash"),
])
def test_who_the_casualties_are_decides_attack_or_clash(ex: EventExtractor, text: str, sub: str) -> None:
    ev = top(ex, text)
    assert ev is not None and ev.sub_event_type == sub, (ev and ev.sub_event_type)


@pytest.mark.parametrize("text,sub", [
    # an armed group that loots or burns and harms no one
    ("Gunmen raided homes on the edge of the town and stole grain and goats.", "Looting/property destruction"),
    ("Militiamen burned some forty huts during an attack on the hamlet. No casualties were reported.",
     "Looting/property destruction"),
    # harm to people keeps it an attack
    ("Gunmen attacked the hamlet, killing two herders and looting the shops.", "Attack"),
    ("Gunmen torched a truck and attacked its driver with machetes on the highway.", "Attack"),
    # a crowd's destruction is a riot
    ("Pupils vandalised classrooms and the staff room overnight to protest against the new headmaster.",
     "Violent demonstration"),
    ("Three men torched two patrol cars parked outside the officers' homes.", "Looting/property destruction"),
    # a group blocking a road to press its demand protests
    ("A group of jobless graduates blocked the national route outside the town to demand work.", "Peaceful protest"),
])
def test_property_crowds_and_blockades(ex: EventExtractor, text: str, sub: str) -> None:
    ev = top(ex, text)
    assert ev is not None and ev.sub_event_type == sub, (ev and ev.sub_event_type)


@pytest.mark.parametrize("text,etype", [
    # unarmed groups fighting each other or the police riot
    ("Pupils of two rival secondary schools clashed in the town centre, leaving twelve injured.", "Riots"),
    ("UDP supporters and APC members clashed outside the tally centre; several were hurt.", "Riots"),
    ("Fuel vendors clashed with police over the closure of the depot.", "Riots"),
    # armed groups' members fight battles
    ("Members of the armed group clashed with troops near the river crossing.", "Battles"),
    ("Al Shabaab members clashed with government soldiers outside the town.", "Battles"),
])
def test_clashes_of_unarmed_groups_are_riots(ex: EventExtractor, text: str, etype: str) -> None:
    ev = top(ex, text)
    assert ev is not None and ev.event_type == etype, (ev and ev.sub_event_type)


@pytest.mark.parametrize("text,sub", [
    # deaths in fighting between communities, clans or tribes: their militias fight a battle
    ("Nine people were killed in a land dispute between members of two farming communities near the lake.",
     "Armed clash"),
    ("Four died in renewed intercommunal violence between two herding clans north of the river.", "Armed clash"),
    # one herder's knife attack on another is an attack
    ("A pastoralist from one sub-clan stabbed and wounded another pastoralist at a water point.", "Attack"),
])
def test_communal_fighting(ex: EventExtractor, text: str, sub: str) -> None:
    ev = top(ex, text)
    assert ev is not None and ev.sub_event_type == sub, (ev and ev.sub_event_type)


@pytest.mark.parametrize("text,sub", [
    # a count killed in the forces' operation makes the weapons they recovered part of a battle
    ("Troops cleared two insurgent camps in the forest, killed seven and recovered a cache of rifles.", "Armed clash"),
    ("Soldiers repelled a raid on the garrison, killed three and recovered weapons.", "Armed clash"),
    # with no one killed, weapons found are disrupted weapons use
    ("Soldiers seized a weapons cache hidden in a farmhouse outside the town.", "Disrupted weapons use"),
])
def test_weapons_recovered_in_fighting(ex: EventExtractor, text: str, sub: str) -> None:
    ev = top(ex, text)
    assert ev is not None and ev.sub_event_type == sub, (ev and ev.sub_event_type)


@pytest.mark.parametrize("text,sub", [
    # how the victims died, told after "after"/"following", is the event's own weapon
    ("Four soldiers were killed after their truck hit a landmine on the border road.", "Remote explosive/landmine/IED"),
    ("Two policemen died and three were hurt after a roadside bomb went off beside their patrol car.",
     "Remote explosive/landmine/IED"),
    ("A herder was killed by a mine planted by insurgents near the well.", "Remote explosive/landmine/IED"),
    # an earlier matter after "after" is not
    ("Police arrested three men after the bombing of the bus station last month.", "Arrests"),
])
def test_the_manner_of_death_after_after(ex: EventExtractor, text: str, sub: str) -> None:
    ev = top(ex, text)
    assert ev is not None and ev.sub_event_type == sub, (ev and ev.sub_event_type)


@pytest.mark.parametrize("text,sub", [
    # a crowd's attack on a person or an office is mob violence, even on a civilian target
    ("About a hundred motorcycle riders stormed the district office over the release of a suspect.", "Mob violence"),
    ("Residents of the village beat a man they accused of theft.", "Mob violence"),
    # a crowd named as the victims, or as those who found the body, did not do it
    ("Four members of the ruling party killed in an attack at a bar.", "Attack"),
    # self-immolation is a protest
    ("A jobless graduate set himself on fire outside the governor's office and later died.", "Peaceful protest"),
])
def test_crowds_as_doers_and_self_immolation(ex: EventExtractor, text: str, sub: str) -> None:
    ev = top(ex, text)
    assert ev is not None and ev.sub_event_type == sub, (ev and ev.sub_event_type)


@pytest.mark.parametrize("text,etype", [
    # the month is no march, and violent clashes between armed groups are no riot
    ("Heavy clashes broke out on 21 March in the capital between two armed militias.", "Battles"),
    ("Fighting erupted on March 3 in the old town between rival brigades, killing four fighters.", "Battles"),
    ("Army troops retook the village from the rebels after violent clashes on Sunday.", "Battles"),
    ("Two units of the national army exchanged fire at a checkpoint over taxes on Sunday.", "Battles"),
    # a crowd's violent clashes with the police are still a riot
    ("Violent clashes erupted between protesters and police in the city centre.", "Riots"),
])
def test_clashes_that_are_no_riots(ex: EventExtractor, text: str, etype: str) -> None:
    ev = top(ex, text)
    assert ev is not None and ev.event_type == etype, (ev and ev.sub_event_type)


@pytest.mark.parametrize("text,sub", [
    # a crowd's stones, or its storming of a police post in protest, make a riot
    ("Evictions on the farm turned violent when workers pelted the police with stones.", "Violent demonstration"),
    ("Stones were hurled at police by residents after a local man was detained.", "Violent demonstration"),
    ("A crowd stormed the police post to protest the detention of their chief.", "Violent demonstration"),
    # protesters arrested after they protested
    ("Police arrested twelve parents after they protested and blocked the road to the school.",
     "Protest with intervention"),
])
def test_crowd_violence_and_arrests_in_protests(ex: EventExtractor, text: str, sub: str) -> None:
    ev = top(ex, text)
    assert ev is not None and ev.sub_event_type == sub, (ev and ev.sub_event_type)


@pytest.mark.parametrize("text,sub", [
    ("Vigilantes used machetes to hack to death three members of a family accused of witchcraft.", "Attack"),
    ("A party youth league chairperson kicked and throttled a rival until he collapsed.", "Attack"),
    ("Members of one Tuareg group assasinated a leader of the other.", "Attack"),  # a common misspelling
    ("Militiamen buried a woman they accused of witchcraft alive.", "Attack"),
    ("Minibus drivers block traffic on the ring road to demand better roads.", "Peaceful protest"),
    ("Dozens of supporters stood outside the court in a show of support for the accused.", "Peaceful protest"),
])
def test_more_wordings_of_attacks_and_protests(ex: EventExtractor, text: str, sub: str) -> None:
    ev = top(ex, text)
    assert ev is not None and ev.sub_event_type == sub, (ev and ev.sub_event_type)


@pytest.mark.parametrize("text,sub", [
    ("A young man died in hospital after setting himself on fire outside the town hall.", "Peaceful protest"),
    ("Angry contractors stormed the housing department and disrupted a workshop.", "Mob violence"),
])
def test_self_immolation_told_after_after_and_more_crowds(ex: EventExtractor, text: str, sub: str) -> None:
    ev = top(ex, text)
    assert ev is not None and ev.sub_event_type == sub, (ev and ev.sub_event_type)


@pytest.mark.parametrize("text", [
    "Eleven artisanal miners died when a gold mine collapsed after heavy rain.",
    "Three passengers died in a road accident on the highway north of the city.",
])
def test_accidents_are_no_events(ex: EventExtractor, text: str) -> None:
    assert not events(ex, text)


def test_violence_told_with_an_accident_is_still_an_event(ex: EventExtractor) -> None:
    ev = top(ex, "Gunmen killed two miners at a gold mine that had collapsed last year.")
    assert ev is not None and ev.event_type == "Violence against civilians"


def test_executing_captives_is_an_attack(ex: EventExtractor) -> None:
    ev = top(ex, "The militants posted pictures of the execution of two men they accused of spying for the army.")
    assert ev is not None and ev.sub_event_type == "Attack"
