"""The whole path through the real command: files → ingest → SQLite → API, and the JSONL contracts."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

REPORT_MD = """---
title: Fighters attack checkpoint west of Sirte
published: 2015-03-12
source: Desert Courier
url: https://example.org/tests/sirte-checkpoint
---

Islamic State fighters attacked a checkpoint in Sirte on Tuesday, killing four soldiers, a military
spokesman said.

The group has held parts of the city since February.
"""

REPORT_HTML = """<!doctype html><html><head><title>Car bomb in Benghazi</title>
<meta name="date" content="2015-05-04"></head><body><article><h1>Car bomb in Benghazi</h1>
<p>A car bomb exploded near a hospital in Benghazi on Sunday, killing two civilians and wounding
eleven, according to a local health official.</p>
<p>No group has claimed responsibility for the blast so far, officials said on Monday.</p>
</article></body></html>
"""


def eventatlas(*args: str, env: dict | None = None, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "eventatlas", *args],
        capture_output=True,
        text=True,
        input=stdin,
        env={**os.environ, **(env or {})},
        timeout=600,
    )


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    (folder / "sirte.md").write_text(REPORT_MD, encoding="utf-8")
    (folder / "benghazi.html").write_text(REPORT_HTML, encoding="utf-8")
    lines = [
        json.dumps(
            {
                "id": "tn-1",
                "text": "Police arrested six suspected militants in Ben Guerdane on Friday, the interior ministry said.",
                "published": "2016-03-12",
                "source": "Tunis Daily Dispatch",
            }
        ),
        "{this is not json",
        json.dumps({"id": "tn-2", "text": 42}),
    ]
    (folder / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02\xff\xfe binary junk \x00" * 20)
    (folder / "empty.md").write_text("", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def ingested(corpus: Path, gazetteer_path: Path, tmp_path_factory: pytest.TempPathFactory):
    db = tmp_path_factory.mktemp("db") / "atlas.db"
    first = eventatlas("ingest", str(corpus), "--db", str(db), "--json")
    return db, first


def test_ingest_stores_the_good_and_names_the_bad(ingested):
    db, first = ingested
    assert first.returncode == 1, first.stderr  # some inputs failed: documented non-zero status
    errors = [line for line in first.stderr.splitlines() if "error" in line.lower()]
    assert any("broken.txt" in line for line in errors), first.stderr
    assert any("empty.md" in line for line in errors), first.stderr
    assert any("batch.jsonl:2" in line for line in errors), first.stderr
    assert any("batch.jsonl:3" in line for line in errors), first.stderr
    stats = json.loads(eventatlas("stats", "--db", str(db), "--json").stdout)
    assert stats["documents"] == 3
    assert stats["events"] >= 2 and stats["reports"] >= stats["events"]
    assert stats["sources"] >= 2 and stats["places"] >= 2


def test_ingesting_again_changes_nothing(ingested, corpus):
    db, _ = ingested
    before = eventatlas("stats", "--db", str(db), "--json").stdout
    again = eventatlas("ingest", str(corpus), "--db", str(db), "--json")
    assert again.returncode == 1
    assert eventatlas("stats", "--db", str(db), "--json").stdout == before


def test_every_command_has_help():
    for cmd in [[], ["ingest"], ["stats"], ["serve"], ["geoparse"], ["extract"], ["explain"], ["export"],
                ["gazetteer"], ["gazetteer", "build"], ["gazetteer", "info"], ["gazetteer", "lookup"],
                ["train"], ["train", "events"]]:
        result = eventatlas(*cmd, "--help")
        assert result.returncode == 0, (cmd, result.stderr)
        assert "Usage" in result.stdout


def test_geoparse_contract_with_given_spans(gazetteer_path):
    text = "Clashes spread from Sirte to Xqzzyville and on to Benghazi."
    spans = [{"start": text.index(n), "end": text.index(n) + len(n)} for n in ("Sirte", "Xqzzyville", "Benghazi")]
    line = json.dumps({"id": "g1", "text": text, "toponyms": spans})
    result = eventatlas("geoparse", "--input", "-", "--output", "-", "--given-spans", stdin=line + "\n")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout.strip().splitlines()[0])
    assert out["id"] == "g1"
    assert [(t["start"], t["end"]) for t in out["toponyms"]] == [(s["start"], s["end"]) for s in spans]
    sirte, unknown, benghazi = out["toponyms"]
    assert sirte["country_code"] == "LY" and abs(sirte["lat"] - 31.2) < 1.45  # within 161 km
    assert unknown["lat"] is None and unknown["lon"] is None
    assert benghazi["country_code"] == "LY" and benghazi["geonameid"]


def test_extract_contract():
    doc = {
        "id": "e1",
        "text": "Islamic State militants attacked an army checkpoint in Sirte on Tuesday, killing six soldiers.",
        "published": "2015-03-12",
    }
    result = eventatlas("extract", "--input", "-", "--output", "-", stdin=json.dumps(doc) + "\n")
    assert result.returncode == 0, result.stderr
    events = [json.loads(x) for x in result.stdout.splitlines() if x.strip()]
    assert events, result.stderr
    e = events[0]
    for key in ["doc_id", "event_type", "sub_event_type", "date", "time_precision", "location", "actor1", "actor2",
                "fatalities", "certainty", "attribution", "historical", "evidence", "score"]:
        assert key in e
    assert e["doc_id"] == "e1"
    assert e["date"] == "2015-03-10"  # the Tuesday before publication
    assert e["fatalities"] == 6
    assert e["location"]["country_code"] == "LY"
    start, end = e["evidence"][0]["start"], e["evidence"][0]["end"]
    assert "Sirte" in doc["text"][start:end]


def test_extract_reads_what_ingest_reads(tmp_path):
    """`extract --input` takes Markdown, HTML and folders as `ingest` does; a file it cannot read is named and
    skipped, and the rest of the folder is still coded."""
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "sirte.md").write_text(REPORT_MD, encoding="utf-8")
    (folder / "benghazi.html").write_text(REPORT_HTML, encoding="utf-8")
    (folder / "empty.md").write_text("---\ntitle: nothing\n---\n\n", encoding="utf-8")
    result = eventatlas("extract", "--input", str(folder))
    assert result.returncode == 0, result.stderr
    events = [json.loads(x) for x in result.stdout.splitlines() if x.strip()]
    by_doc = {Path(e["doc_id"]).name: e for e in events}
    assert by_doc["sirte.md"]["date"] == "2015-03-10" and by_doc["sirte.md"]["fatalities"] == 4
    assert by_doc["benghazi.html"]["sub_event_type"] == "Remote explosive/landmine/IED"
    assert by_doc["benghazi.html"]["location"]["name"] == "Benghazi"
    assert "empty.md" in result.stderr and "skipped" in result.stderr
    one = eventatlas("extract", "--input", str(folder / "sirte.md"))
    assert [json.loads(x)["sub_event_type"] for x in one.stdout.splitlines()] == [by_doc["sirte.md"]["sub_event_type"]]


def test_extract_keeps_history_on_request(tmp_path):
    report = tmp_path / "history.md"
    report.write_text("---\npublished: 2024-03-18\n---\n\nIn 2012, rebels overran the town of Kidal. "
                      "On Saturday, militants attacked an army post near Djibo, killing four soldiers.\n",
                      encoding="utf-8")
    plain = [json.loads(x) for x in eventatlas("extract", "--input", str(report)).stdout.splitlines()]
    kept = [json.loads(x) for x in eventatlas("extract", "--input", str(report), "--historical").stdout.splitlines()]
    assert [e["historical"] for e in plain] == [False]
    assert sorted(e["historical"] for e in kept) == [False, True]
    assert next(e for e in kept if e["historical"])["date"].startswith("2012")


def test_export_geojson_and_acled_csv(ingested, tmp_path):
    db, _ = ingested
    geo = tmp_path / "events.geojson"
    assert eventatlas("export", "--db", str(db), "--format", "geojson", "--output", str(geo)).returncode == 0
    collection = json.loads(geo.read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection" and collection["features"]
    csv_path = tmp_path / "events.csv"
    assert eventatlas("export", "--db", str(db), "--format", "csv", "--output", str(csv_path)).returncode == 0
    header = csv_path.read_text(encoding="utf-8").splitlines()[0]
    for column in ("event_date", "event_type", "sub_event_type", "actor1", "latitude", "longitude", "fatalities"):
        assert column in header


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_the_real_server_serves_events_with_their_sentences(ingested):
    db, _ = ingested
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "eventatlas", "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                if httpx.get(f"{base}/api/stats", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        else:
            pytest.fail("server did not start")
        collection = httpx.get(f"{base}/api/events").json()
        assert collection["type"] == "FeatureCollection" and collection["features"]
        feature = collection["features"][0]
        detail = httpx.get(f"{base}/api/events/{feature['id']}").json()
        assert detail["reports"] and detail["reports"][0]["sentence"]
        page = httpx.get(f"{base}/")
        assert page.status_code == 200 and "/static/app.js" in page.text
        script = httpx.get(f"{base}/static/app.js")
        assert script.status_code == 200 and "/vendor/maplibre-gl/dist/maplibre-gl.js" in script.text
        assert httpx.get(f"{base}/vendor/maplibre-gl/dist/maplibre-gl.js").status_code == 200
    finally:
        proc.terminate()
        proc.wait(timeout=10)
