"""Claims checker: distances and durations in our own sentences, checked against real coordinates."""

from __future__ import annotations

import json

import pytest
import typer
from typer.testing import CliRunner

from eventatlas.analysis.claims import GeonamesCacheGazetteer, check_claims, check_claims_file
from eventatlas.analysis.spread_cli import claims_command


@pytest.fixture(scope="module")
def gaz():
    return GeonamesCacheGazetteer()


def _one(text, gaz, kind="distance", **kw):
    claims = [c for c in check_claims(text, gazetteer=gaz, **kw) if c["kind"] == kind]
    assert len(claims) == 1, claims
    return claims[0]


def test_miles_between_two_cities(gaz):
    c = _one("The group took Sirte, more than 1,300 miles from Raqqa, in early 2015.", gaz)
    assert c["stated"] == 1300 and c["stated_unit"] == "miles" and c["qualifier"] == "more than"
    assert c["places"] == ["Sirte", "Raqqa"]
    assert 1200 < c["computed"] < 1400  # miles, great circle
    assert c["verdict"] == "consistent"
    assert c["sentence"].startswith("The group took Sirte")


def test_direction_and_distance(gaz):
    c = _one("Gunmen attacked Misrata, 200 km east of Tripoli, on Sunday.", gaz)
    assert c["places"] == ["Misrata", "Tripoli"] and c["direction"] == "east"
    assert c["verdict"] == "consistent" and 150 < c["computed_km"] < 230


def test_wrong_direction_is_inconsistent(gaz):
    c = _one("Fighters shelled Benghazi, 650 km west of Tripoli.", gaz)
    assert c["verdict"] == "inconsistent" and "not west" in c["note"]


def test_wrong_distance_is_inconsistent(gaz):
    c = _one("Kano lies about 50 km from Lagos.", gaz)
    assert c["verdict"] == "inconsistent" and c["computed_km"] > 700


def test_less_than(gaz):
    assert _one("Zawiya is less than 60 km from Tripoli.", gaz)["verdict"] == "consistent"
    assert _one("Derna is less than 60 km from Tripoli.", gaz)["verdict"] == "inconsistent"


def test_unverifiable_without_second_place(gaz):
    c = _one("The convoy stopped 40 km from Mosul.", gaz)
    assert c["verdict"] == "unverifiable" and c["computed"] is None


def test_duration_against_publication_date(gaz):
    c = _one("Since June 2015 the group has held the port; in eight months it pushed east.", gaz,
             kind="duration", published="2016-02-15")
    assert c["stated_months"] == 8 and c["verdict"] == "consistent"
    c = _one("Since June 2015 the group has held the port; in two months it pushed east.", gaz,
             kind="duration", published="2016-02-15")
    assert c["verdict"] == "inconsistent"


def test_duration_unverifiable_with_implied_speed(gaz):
    claims = check_claims("In six months they reached Sirte, 560 km from Derna.", gazetteer=gaz)
    dur = [c for c in claims if c["kind"] == "duration"][0]
    assert dur["stated"] == 6 and dur["verdict"] == "unverifiable"
    assert dur["implied_km_per_month"] == pytest.approx(
        [c for c in claims if c["kind"] == "distance"][0]["computed_km"] / 6, rel=0.01)


def test_no_claims(gaz):
    assert check_claims("Clashes were reported in Sirte on Monday.", gazetteer=gaz) == []


def test_file_and_cli(tmp_path, gaz, monkeypatch):
    import eventatlas.analysis.claims as claims_mod

    monkeypatch.setattr(claims_mod, "default_gazetteer", lambda path=None: gaz)
    f = tmp_path / "reports.jsonl"
    f.write_text(
        json.dumps({"id": "a", "text": "Gunmen attacked Misrata, 200 km east of Tripoli.", "published": "2016-03-01"})
        + "\nnot json\n"
        + json.dumps({"id": "b", "text": "Kano lies about 50 km from Lagos."}) + "\n",
        encoding="utf-8",
    )
    rows = list(check_claims_file(f, gazetteer=gaz))
    assert [r.get("id") for r in rows] == ["a", None, "b"] and "error" in rows[1]
    app = typer.Typer()
    app.command("claims")(claims_command)
    app.command("noop")(lambda: None)
    out = tmp_path / "claims.jsonl"
    res = CliRunner().invoke(app, ["claims", "--input", str(f), "--output", str(out)])
    assert res.exit_code == 1 and "reports.jsonl:2" in res.output  # the bad line is named; the rest goes on
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    assert [(x["id"], x["verdict"]) for x in lines] == [("a", "consistent"), ("b", "inconsistent")]
    md = tmp_path / "note.md"
    md.write_text("# Note\n\nThe group took Sirte, more than 1,300 miles from Raqqa.\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["claims", "--input", str(md)])
    assert res.exit_code == 0 and json.loads(res.stdout.splitlines()[0])["verdict"] == "consistent"


def test_extract_writes_claims(tmp_path, gazetteer_path):
    """The real `extract --claims` in a subprocess: events on stdout, claims (tagged with doc_id) in a file."""
    import os
    import subprocess
    import sys

    docs = [
        {"id": "d1", "text": "Militants attacked a checkpoint in Sirte, more than 1,300 miles from Raqqa, on Tuesday, "
                            "killing six soldiers.", "published": "2016-03-12"},
        {"id": "d2", "text": "Clashes were reported in Benghazi on Monday.", "published": "2016-03-12"},
    ]
    claims_file = tmp_path / "claims.jsonl"
    result = subprocess.run(
        [sys.executable, "-m", "eventatlas", "extract", "--input", "-", "--output", "-", "--claims", str(claims_file)],
        input="".join(json.dumps(d) + "\n" for d in docs), capture_output=True, text=True, timeout=600,
        env={**os.environ, "EVENTATLAS_GAZETTEER": str(gazetteer_path)},
    )
    assert result.returncode == 0, result.stderr
    events = [json.loads(x) for x in result.stdout.splitlines() if x.strip()]
    assert "d1" in {e["doc_id"] for e in events}  # extraction still ran over the buffered input
    claims = [json.loads(x) for x in claims_file.read_text(encoding="utf-8").splitlines()]
    assert len(claims) == 1, claims
    c = claims[0]
    assert c["doc_id"] == "d1" and c["kind"] == "distance" and c["places"] == ["Sirte", "Raqqa"]
    assert c["qualifier"] == "more than" and c["verdict"] == "consistent"
    assert "1 claims written" in result.stderr
