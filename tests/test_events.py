"""Event coding on sentences written for these tests (no ACLED/CASE text)."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest

from eventatlas.events import EventExtractor, explain, extract_jsonl, merge_events, train_model
from eventatlas.events.dates import best_date, find_dates
from eventatlas.events.facts import fatalities
from eventatlas.model import SUB_EVENT_TYPES, Document, Mention, Place

PUB = date(2016, 3, 10)  # a Thursday

SUB_SENTENCES = {
    "Armed clash": "Soldiers and al-Shabaab fighters exchanged heavy gunfire near the town for two hours.",
    "Government regains territory": "Government troops recaptured the town from Boko Haram militants.",
    "Non-state actor overtakes territory": "Islamic State militants seized control of the town after a short battle.",
    "Chemical weapon": "Residents said a helicopter dropped barrels of chlorine gas on the neighbourhood.",
    "Air/drone strike": "Warplanes carried out an airstrike on a militant camp outside the town.",
    "Suicide bomb": "A suicide bomber blew himself up at a checkpoint, killing four soldiers.",
    "Shelling/artillery/missile attack": "Rebels fired mortar shells into the market district.",
    "Remote explosive/landmine/IED": "A roadside bomb exploded under a minibus on the main road.",
    "Grenade": "An unknown man threw a grenade into a crowded bar.",
    "Sexual violence": "Armed men raped two women collecting firewood outside the camp.",
    "Attack": "Gunmen shot dead three farmers in their fields.",
    "Abduction/forced disappearance": "Gunmen kidnapped a priest from his home.",
    "Peaceful protest": "Hundreds of teachers marched through the capital to demand unpaid salaries.",
    "Protest with intervention": "Police fired tear gas to disperse students protesting against fee increases.",
    "Excessive force against protesters": "Security forces opened fire on protesters, killing two demonstrators.",
    "Violent demonstration": "Rioters burned tyres and threw stones at police vehicles.",
    "Mob violence": "An angry mob lynched a suspected thief at the market.",
    "Agreement": "The two armed groups signed a ceasefire agreement in the presence of local elders.",
    "Arrests": "Police arrested twelve suspected members of the gang in a dawn raid on their hideout.",
    "Change to group/activity": "The faction's commander pledged allegiance to the rival movement.",
    "Disrupted weapons use": "Army engineers defused an explosive device found near the school.",
    "Headquarters or base established": "The militia established a new base in the hills above the valley.",
    "Looting/property destruction": "Unknown men looted shops and set houses on fire in the village.",
    "Non-violent transfer of territory": "Rebel fighters withdrew from the town and handed over control to elders.",
}


@pytest.fixture(scope="module")
def ex() -> EventExtractor:
    return EventExtractor(geoparser=False)  # False: no geoparser; locations come from given mentions


def doc(text: str, pub: date = PUB, **kw) -> Document:
    return Document(text=text, published=pub, source="Test Wire", **kw)


def place(name: str, lat: float, lon: float, cc: str = "NG", fclass: str = "P", fcode: str = "PPL") -> Place:
    return Place(name=name, lat=lat, lon=lon, geonameid=abs(hash(name)) % 10_000_000, country_code=cc,
                 feature_class=fclass, feature_code=fcode, admin1="Borno")


def mention(text: str, name: str, p: Place) -> Mention:
    i = text.index(name)
    return Mention(i, i + len(name), name, place=p, score=0.9)


@pytest.mark.parametrize("sub", sorted(SUB_SENTENCES))
def test_each_sub_type(ex: EventExtractor, sub: str) -> None:
    evs = ex.extract(doc(SUB_SENTENCES[sub]), mentions=[])
    assert evs, f"no event for {sub}"
    assert evs[0].sub_event_type == sub
    assert evs[0].event_type == SUB_EVENT_TYPES[sub]


def test_fields_location_date_actors(ex: EventExtractor) -> None:
    text = "On Tuesday, Boko Haram militants attacked the village of Dalori near Maiduguri, killing at least 14 civilians."
    dal = place("Dalori", 11.79, 13.21)
    mai = place("Maiduguri", 11.85, 13.16, fcode="PPLA")
    evs = ex.extract(doc(text), mentions=[mention(text, "Dalori", dal), mention(text, "Maiduguri", mai)])
    assert len(evs) == 1
    e = evs[0]
    assert e.event_type == "Violence against civilians" and e.sub_event_type == "Attack"
    assert e.date == date(2016, 3, 8) and e.time_precision == 1
    assert e.location is dal and e.geo_precision == 1
    assert e.actor1 == "Boko Haram - Wilayat Gharb Ifriqiyyah" and e.actor1_type == 2  # ACLED's name in 2015-16
    assert e.actor2 == "Civilians (Nigeria)" and e.actor2_type == 7
    assert e.fatalities == 14
    assert e.evidence[0].start == 0 and e.evidence[0].end == len(text)
    assert e.reports[0].sentence == text and e.reports[0].source == "Test Wire"
    assert 0 < e.score <= 1


def test_alias_table(ex: EventExtractor) -> None:
    for alias in ("ISIS", "ISIL", "Daesh", "the Islamic State group"):
        e = ex.extract(doc(f"{alias} fighters attacked an army checkpoint, killing two soldiers."), mentions=[])[0]
        assert e.actor1 == "Islamic State", alias
    e = ex.extract(doc("Islamic State's affiliate in Libya attacked a checkpoint near the port."), mentions=[])[0]
    assert e.actor1 == "Islamic State (Libya)"
    e = ex.extract(doc("Sinai Province militants attacked a police checkpoint in el-Arish."), mentions=[])[0]
    assert e.actor1 == "Islamic State (Sinai)"
    e = ex.extract(doc("Libyan troops clashed with militants west of the city."), mentions=[])[0]
    assert "Military Forces of Libya" in (e.actor1, e.actor2)


def test_negation_and_no_one_hurt(ex: EventExtractor) -> None:
    assert ex.extract(doc("The rebel group denied carrying out the attack on the convoy."), mentions=[]) == []
    evs = ex.extract(doc("A bomb exploded outside the bank overnight; no one was hurt."), mentions=[])
    assert evs and evs[0].fatalities == 0 and evs[0].sub_event_type == "Remote explosive/landmine/IED"


def test_hedges_and_attribution(ex: EventExtractor) -> None:
    e = ex.extract(doc("Five soldiers were reportedly killed in an ambush, according to the Italian foreign ministry."),
                   mentions=[])[0]
    assert e.certainty in ("reported", "confirmed")
    assert e.attribution == "the Italian foreign ministry"
    assert e.fatalities == 5
    e = ex.extract(doc("The group said in a statement that its fighters had attacked an army base, killing ten soldiers."), mentions=[])[0]
    assert e.certainty == "claimed"


def test_threats_forecasts_opinion_are_not_events(ex: EventExtractor) -> None:
    for s in ("The militants vowed to attack the capital before the elections.",
              "Analysts say the army could launch an offensive on the town next month.",
              "If the talks fail, fighting will resume in the north.",
              "We must stop the bombing of hospitals."):
        assert ex.extract(doc(s), mentions=[]) == [], s


def test_history_is_not_a_current_event(ex: EventExtractor) -> None:
    text = "In 2011, rebels captured the town after weeks of fighting."
    assert ex.extract(doc(text), mentions=[]) == []
    keep = EventExtractor(geoparser=False, keep_historical=True)
    evs = keep.extract(doc(text), mentions=[])
    assert evs and evs[0].historical and evs[0].date.year == 2011


def test_relative_dates() -> None:
    def d(s: str, pub: date = PUB) -> tuple[date, int]:
        b = best_date(find_dates(s, pub))
        assert b is not None, s
        return b[0], b[1]

    assert d("on Tuesday") == (date(2016, 3, 8), 1)
    assert d("on Thursday") == (date(2016, 3, 10), 1)
    assert d("three days ago") == (date(2016, 3, 7), 1)
    assert d("yesterday") == (date(2016, 3, 9), 1)
    assert d("on 13 February") == (date(2016, 2, 13), 1)
    assert d("on December 30") == (date(2015, 12, 30), 1)
    assert d("last month")[1] == 3 and d("last month")[0].month == 2
    assert d("on 22/02") == (date(2016, 2, 22), 1)


def test_next_day_and_multi_event_document(ex: EventExtractor) -> None:
    text = ("On Monday, gunmen kidnapped four aid workers in Kano. "
            "The next day, soldiers clashed with militants in Yola, killing six fighters. "
            "Critics say the army should do more to protect aid workers.")
    kano, yola = place("Kano", 12.0, 8.5), place("Yola", 9.2, 12.5)
    evs = ex.extract(doc(text), mentions=[mention(text, "Kano", kano), mention(text, "Yola", yola)])
    assert [e.sub_event_type for e in evs] == ["Abduction/forced disappearance", "Armed clash"]
    assert evs[0].date == date(2016, 3, 7) and evs[1].date == date(2016, 3, 8)
    assert evs[0].location is kano and evs[1].location is yola
    assert evs[1].fatalities == 6
    assert evs[1].evidence[0].start == text.index("The next day")


def test_fatality_conventions() -> None:
    assert fatalities("At least a dozen people were killed.")[0] == 12
    assert fatalities("Six soldiers died and 20 were wounded.")[0] == 6
    assert fatalities("The attack left dozens dead.")[0] == 12
    assert fatalities("Several people were killed in the raid.")[0] == 10
    assert fatalities("Ten people were wounded.")[0] == 0
    assert fatalities("A policeman was shot dead.")[0] == 1
    assert fatalities("No casualties were reported.") == (0, True)


def test_opinion_article_yields_only_its_events(ex: EventExtractor) -> None:
    text = ("The conflict has its roots in decades of neglect. In 2009, the group launched an uprising that "
            "killed hundreds. Many believe the government should negotiate. "
            "On Wednesday, militants attacked a police station in the town, killing two officers. "
            "If nothing changes, the violence may spread to neighbouring states.")
    evs = ex.extract(doc(text), mentions=[])
    assert len(evs) == 1
    assert evs[0].event_type == "Battles" and evs[0].date == date(2016, 3, 9) and evs[0].fatalities == 2
    assert ex.extract(doc("The insurgency has often targeted schools. Peace will only come with development."),
                      mentions=[]) == []


def test_merge_three_reports_and_one_other(ex: EventExtractor) -> None:
    dal = place("Dalori", 11.79, 13.21)
    mai = place("Maiduguri", 11.85, 13.16)
    texts = ["Boko Haram militants attacked Dalori on Tuesday, killing 14 villagers.",
             "Suspected Boko Haram gunmen killed at least 20 people in Dalori on Tuesday, police confirmed.",
             "Residents said Boko Haram fighters raided Dalori on Tuesday and killed villagers.",
             "Protesters marched in Maiduguri on Tuesday to demand better security."]
    evs = []
    for t, p in zip(texts, [dal, dal, dal, mai], strict=True):
        name = p.name
        evs += ex.extract(doc(t, url=f"http://example.org/{hash(t)}"), mentions=[mention(t, name, p)])
    assert len(evs) == 4
    merged = merge_events(evs)
    assert len(merged) == 2
    attack = next(e for e in merged if e.event_type == "Violence against civilians")
    assert len(attack.reports) == 3 and attack.fatalities == 20 and attack.certainty == "confirmed"
    info = explain(attack)
    assert info["reports"] == 3 and len(info["documents"]) == 3
    assert info["fields"]["fatalities"]["support"]["sentence"] == texts[1]
    assert info["fields"]["location"]["value"] == "Dalori"


def test_extract_jsonl_and_bad_lines(ex: EventExtractor, capsys: pytest.CaptureFixture[str]) -> None:
    lines = [json.dumps({"id": "a1", "text": "Rebels shelled the airport on Monday.", "published": "2016-03-10"}),
             "{not json",
             json.dumps({"id": "a2", "text": "The weather was mild."}),
             json.dumps({"id": "a3", "text": "Police arrested five protesters in the capital."})]
    out = io.StringIO()
    n = extract_jsonl(io.StringIO("\n".join(lines) + "\n"), out, ex)
    rows = [json.loads(x) for x in out.getvalue().splitlines()]
    assert n == len(rows) == 2
    assert rows[0]["doc_id"] == "a1" and rows[0]["date"] == "2016-03-07"
    assert rows[0]["sub_event_type"] == "Shelling/artillery/missile attack"
    assert set(rows[0]) >= {"doc_id", "event_type", "sub_event_type", "date", "time_precision", "location",
                            "actor1", "actor2", "fatalities", "certainty", "attribution", "historical",
                            "evidence", "score"}
    assert "line 2" in capsys.readouterr().err


def test_train_model_and_use_it(tmp_path) -> None:
    rows = []
    for _i in range(12):
        rows.append(("Protesters marched in town {} to demand water.", "Protests"))
        rows.append(("Gunmen killed {} villagers in an attack on the village.", "Violence against civilians"))
        rows.append(("Soldiers clashed with rebels near hill {}.", "Battles"))
    csv_path = tmp_path / "mine.csv"
    with open(csv_path, "w", encoding="utf-8") as f:
        f.write("event_date,event_type,sub_event_type,notes\n")
        for j, (t, et) in enumerate(rows):
            sub = {"Protests": "Peaceful protest", "Battles": "Armed clash"}.get(et, "Attack")
            f.write(f"2020-01-01,{et},{sub},\"{t.format(j)}\"\n")
    out = tmp_path / "m" / "model.joblib"
    figs = train_model(csv_path, out)
    assert out.exists() and figs["rows"] == 36 and figs["cv_type_accuracy"] > 0.8
    mex = EventExtractor(geoparser=False, model_path=out)
    e = mex.extract(doc("Students marched in the city centre to demand water."), mentions=[])[0]
    assert e.event_type == "Protests"
