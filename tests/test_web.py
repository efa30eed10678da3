"""The atlas API against the real server (a subprocess running eventatlas.web.serve) on a real SQLite file."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest

from eventatlas.export import ACLED_COLUMNS
from test_web_support import TOWNS, XSS, build_db, running_server


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("web") / "atlas.db"
    build_db(path).close()
    return path


@pytest.fixture(scope="module")
def api(db: Path):
    with running_server(db) as base, httpx.Client(base_url=base, timeout=30) as client:
        yield client


def ids(collection: dict) -> set[str]:
    return {f["id"] for f in collection["features"]}


def get_events(api: httpx.Client, **params) -> dict:
    r = api.get("/api/events", params={"limit": 10000, **params})
    assert r.status_code == 200, r.text
    return r.json()


def test_all_events_are_geojson(api: httpx.Client) -> None:
    fc = get_events(api)
    assert fc["type"] == "FeatureCollection"
    assert fc["properties"]["total"] == 14 == len(fc["features"])
    assert fc["properties"]["next_offset"] is None
    located = [f for f in fc["features"] if f["geometry"]]
    assert len(located) == 13  # one event has no coordinates: its geometry is null
    for f in located:
        lon, lat = f["geometry"]["coordinates"]
        assert f["geometry"]["type"] == "Point"
        assert 9 < lon < 26 and 19 < lat < 34  # in Libya, lon first
        assert f["properties"]["event_type"]


def test_pagination(api: httpx.Client) -> None:
    seen: list[str] = []
    offset = 0
    while offset is not None:
        page = get_events(api, limit=5, offset=offset)
        assert page["properties"]["total"] == 14
        assert len(page["features"]) <= 5
        seen += [f["id"] for f in page["features"]]
        offset = page["properties"]["next_offset"]
    assert len(seen) == len(set(seen)) == 14
    assert api.get("/api/events", params={"limit": 10001}).status_code == 422
    assert api.get("/api/events", params={"limit": 0}).status_code == 422
    assert api.get("/api/events", params={"offset": -1}).status_code == 422


def test_bbox_filter(api: httpx.Client) -> None:
    lat, lon, _ = TOWNS["Tripoli"]
    fc = get_events(api, bbox=f"{lon - 0.2},{lat - 0.2},{lon + 0.2},{lat + 0.2}")
    assert {f["properties"]["place_name"] for f in fc["features"]} == {"Tripoli"}
    assert fc["properties"]["total"] == 2
    south = get_events(api, bbox="9,20,26,28")  # Fezzan: Sabha and Ubari
    assert {f["properties"]["place_name"] for f in south["features"]} == {"Sabha", "Ubari"}


def test_date_type_actor_q_filters(api: httpx.Client) -> None:
    fc = get_events(api, **{"from": "2024-03-01", "to": "2024-06-30"})
    dates = sorted(f["properties"]["date"] for f in fc["features"])
    assert dates == ["2024-03-01", "2024-04-14", "2024-05-20", "2024-06-08"]
    battles = get_events(api, event_type="Battles")
    assert battles["properties"]["total"] == 5
    assert {f["properties"]["event_type"] for f in battles["features"]} == {"Battles"}
    two = api.get("/api/events", params=[("event_type", "Protests"), ("event_type", "Riots")]).json()
    assert {f["properties"]["place_name"] for f in two["features"]} == {"Benghazi", "Derna"}
    radaa = get_events(api, actor="radaa")
    assert radaa["properties"]["total"] == 2
    assert all("Radaa" in (f["properties"]["actor1"] or "") for f in radaa["features"])
    q = get_events(api, q="power cuts")
    assert [f["properties"]["place_name"] for f in q["features"]] == ["Benghazi"]
    assert get_events(api, q="Sabha")["properties"]["total"] == 1  # place names match too
    sub = get_events(api, sub_event_type="Air/drone strike")
    assert [f["properties"]["place_name"] for f in sub["features"]] == ["Sirte"]
    cert = get_events(api, certainty="claimed")
    assert [f["properties"]["place_name"] for f in cert["features"]] == ["Gharyan"]
    src = get_events(api, source="Libya Herald Test")
    assert {f["properties"]["place_name"] for f in src["features"]} == {
        "Tripoli",
        "Sirte",
        "Gharyan",
        "Ubari",
    }
    ds = get_events(api, dataset="ACLED")
    assert [f["properties"]["dataset"] for f in ds["features"]] == ["ACLED"]


def test_event_detail_with_reports(api: httpx.Client) -> None:
    fc = get_events(api, actor="Nawasi")
    assert len(fc["features"]) == 1
    event_id = fc["features"][0]["id"]
    ev = api.get(f"/api/events/{event_id}").json()
    assert ev["event_type"] == "Battles" and ev["place_name"] == "Tripoli"
    assert ev["certainty"] == "confirmed"  # the surer of its two reports
    assert ev["fatalities"] == 4
    assert {r["source"] for r in ev["reports"]} == {"Libya Observer Test", "Libya Herald Test"}
    for r in ev["reports"]:
        assert "Nawasi Brigade" in r["sentence"]
        assert r["url"].startswith("https://news.example.org/")
        assert r["published"].startswith("2024-01-0")
        assert "context_before" in r and "context_after" in r
    observer = next(r for r in ev["reports"] if r["source"] == "Libya Observer Test")
    assert observer["context_before"] == "Residents of the capital woke to gunfire on Thursday. "
    assert observer["context_after"] == " Flights were diverted to Misrata."


def test_imported_event_shows_dataset(api: httpx.Client) -> None:
    fid = get_events(api, dataset="ACLED")["features"][0]["id"]
    ev = api.get(f"/api/events/{fid}").json()
    assert ev["dataset"] == "ACLED" and ev["dataset_id"] == "LBY9001"
    assert ev["reports"][0]["source"] == "ACLED"


def test_unknown_event_and_place_404(api: httpx.Client) -> None:
    r = api.get("/api/events/no-such-event")
    assert r.status_code == 404
    assert "no-such-event" in r.json()["detail"]
    assert api.get("/api/places/999999").status_code == 404
    assert api.get("/api/places/not-a-number").status_code == 422


def test_place_detail(api: httpx.Client) -> None:
    fc = get_events(api, q="Tripoli")
    place_id = next(
        f["properties"]["place_id"] for f in fc["features"] if f["properties"]["place_name"] == "Tripoli"
    )
    place = api.get(f"/api/places/{place_id}").json()
    assert place["name"] == "Tripoli"
    assert place["first_event_date"] == "2024-01-04"
    assert place["event_count"] == 2 == len(place["events"])
    assert {e["date"] for e in place["events"]} == {"2024-01-04", "2024-11-11"}


@pytest.mark.parametrize(
    "params, needle",
    [
        ({"bbox": "1,2,3"}, "bbox"),
        ({"bbox": "a,b,c,d"}, "bbox"),
        ({"bbox": "10,40,20,30"}, "south"),
        ({"bbox": "10,-95,20,30"}, "latitudes"),
        ({"from": "2024-13-01"}, "from"),
        ({"from": "yesterday"}, "YYYY-MM-DD"),
        ({"to": "2024/01/01"}, "YYYY-MM-DD"),
        ({"from": "2024-05-01", "to": "2024-01-01"}, "after"),
        ({"certainty": "certain"}, "certainty"),
        ({"limit": "many"}, "limit"),
    ],
)
def test_bad_parameters_are_422(api: httpx.Client, params: dict, needle: str) -> None:
    for path in ("/api/events", "/api/timeline", "/api/export.csv", "/api/export.geojson"):
        if "limit" in params and path == "/api/timeline":
            continue
        r = api.get(path, params=params)
        assert r.status_code == 422, (path, params, r.text)
        body = r.json()
        assert needle in body["message"], body
        assert body["detail"][0]["loc"][0] == "query"


def test_timeline(api: httpx.Client) -> None:
    month = api.get("/api/timeline", params={"interval": "month"}).json()
    assert month["interval"] == "month"
    by = {b["period"]: b for b in month["buckets"]}
    assert by["2024-01-01"]["events"] == 1 and by["2024-01-01"]["fatalities"] == 4
    assert by["2024-09-01"]["events"] == 3
    assert sum(b["events"] for b in month["buckets"]) == 14
    day = api.get("/api/timeline", params={"interval": "day", "event_type": "Battles"}).json()
    assert [b["period"] for b in day["buckets"]] == [
        "2024-01-04",
        "2024-05-20",
        "2024-09-08",
        "2024-11-11",
        "2024-12-15",
    ]
    week = api.get("/api/timeline", params={"interval": "week"}).json()
    assert all(b["period"] <= "2024-12-15" for b in week["buckets"])
    assert "2024-01-01" in {
        b["period"] for b in week["buckets"]
    }  # 4 Jan 2024 falls in the week of Monday 1 Jan
    assert api.get("/api/timeline", params={"interval": "year"}).status_code == 422


def test_stats_and_facets(api: httpx.Client) -> None:
    stats = api.get("/api/stats").json()
    assert stats["events"] == 14 and stats["reports"] == 15 and stats["places"] == 10
    assert stats["first_date"] == "2024-01-04" and stats["last_date"] == "2024-12-15"
    assert stats["event_types"]["Battles"] == 5
    facets = api.get("/api/facets").json()
    assert "Battles" in facets["event_types"]
    assert "Armed clash" in facets["sub_event_types"]
    assert set(facets["certainties"]) <= set(facets["all_certainties"])
    assert "Libya Herald Test" in facets["sources"]
    assert facets["datasets"] == ["ACLED"]


def test_export_geojson(api: httpx.Client) -> None:
    r = api.get("/api/export.geojson", params={"event_type": "Battles"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/geo+json")
    assert "attachment" in r.headers["content-disposition"]
    fc = r.json()
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) == 5
    for f in fc["features"]:
        assert f["type"] == "Feature" and f["geometry"]["type"] == "Point"
        assert len(f["geometry"]["coordinates"]) == 2
        assert isinstance(f["properties"]["sources"], list)
    tripoli = [f for f in fc["features"] if f["properties"]["place_name"] == "Tripoli"]
    assert any(f["properties"]["sources"] == ["Libya Herald Test", "Libya Observer Test"] for f in tripoli)


def test_export_csv_in_acled_columns(api: httpx.Client) -> None:
    r = api.get("/api/export.csv")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert list(rows[0].keys()) == list(ACLED_COLUMNS)
    assert len(rows) == 14
    imported = next(row for row in rows if row["event_id_cnty"] == "LBY9001")
    assert imported["country"] == "Libya" and imported["location"] == "Misrata"
    assert imported["inter1"] == "3" and imported["inter2"] == "1"
    assert imported["year"] == "2024" and imported["event_date"] == "2024-12-15"
    sirte = next(row for row in rows if row["location"] == "Sirte")
    assert sirte["source"] == "Libya Herald Test"
    assert sirte["notes"].startswith("A drone struck a convoy")
    assert float(sirte["latitude"]) == pytest.approx(31.2089)
    filtered = list(
        csv.DictReader(io.StringIO(api.get("/api/export.csv", params={"bbox": "9,20,26,28"}).text))
    )
    assert {row["location"] for row in filtered} == {"Sabha", "Ubari"}
    empty = api.get("/api/export.csv", params={"q": "nothing matches this"}).text
    assert empty.strip() == ",".join(ACLED_COLUMNS)


INJECTIONS = [
    "' OR '1'='1",
    "'; DROP TABLE events; --",
    '" OR 1=1 --',
    "100%",
    "a_b",
    "\\",
    "Battles') OR ('1'='1",
    "1) UNION SELECT * FROM documents --",
]


@pytest.mark.parametrize("attack", INJECTIONS)
def test_sql_injection_is_harmless(api: httpx.Client, attack: str) -> None:
    for name in ("event_type", "sub_event_type", "actor", "source", "dataset", "q"):
        r = api.get("/api/events", params={name: attack})
        assert r.status_code == 200, (name, r.text)
        assert r.json()["properties"]["total"] == 0, (name, attack)
        assert api.get("/api/timeline", params={name: attack}).json()["buckets"] == []
        assert len(api.get("/api/export.csv", params={name: attack}).text.strip().splitlines()) == 1
    for name in ("bbox", "from", "to", "certainty", "limit", "offset"):
        assert api.get("/api/events", params={name: attack}).status_code == 422, name
    assert api.get(f"/api/events/{quote(attack, safe='')}").status_code == 404
    assert api.get("/api/stats").json()["events"] == 14  # nothing dropped


def test_report_text_is_data(api: httpx.Client) -> None:
    fc = get_events(api, q="note left at the scene")
    assert fc["properties"]["total"] == 1
    ev = api.get(f"/api/events/{fc['features'][0]['id']}").json()
    assert XSS in ev["reports"][0]["sentence"]  # stored and returned as text; the page escapes it


def test_page_openapi_and_vendor(api: httpx.Client) -> None:
    page = api.get("/")
    assert page.status_code == 200 and "eventatlas" in page.text
    assert "http://" not in page.text and "https://" not in page.text.replace("https://tile.example.org", "")
    assert api.get("/static/app.js").status_code == 200
    spec = api.get("/openapi.json").json()
    for path in (
        "/api/events",
        "/api/events/{event_id}",
        "/api/stats",
        "/api/places/{place_id}",
        "/api/timeline",
        "/api/facets",
        "/api/export.geojson",
        "/api/export.csv",
    ):
        assert path in spec["paths"], path
    params = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert {"bbox", "from", "to", "event_type", "actor", "q", "limit", "offset"} <= params
    if api.get("/api/config").json()["vendor"]:
        assert api.get("/vendor/maplibre-gl/dist/maplibre-gl.js").status_code == 200
        assert api.get("/vendor/world-atlas/countries-50m.json").json()["type"] == "Topology"
    assert api.get("/vendor/maplibre-gl/package.json").status_code == 404
    assert api.get("/vendor/maplibre-gl/dist/../../../package.json").status_code == 404
    assert api.get("/vendor/us-atlas/states-10m.json").status_code == 404


def test_page_without_node_modules(db: Path, tmp_path: Path) -> None:
    with running_server(db, env={"EVENTATLAS_NODE_MODULES": str(tmp_path / "missing")}) as base:
        assert httpx.get(base + "/api/config").json()["vendor"] is False
        assert httpx.get(base + "/").status_code == 200
        assert httpx.get(base + "/vendor/maplibre-gl/dist/maplibre-gl.js").status_code == 404


def test_spread_analysis(api: httpx.Client) -> None:
    r = api.get("/api/spread")
    assert r.status_code == 200, r.text
    body = r.json()
    for key in ["mode", "confidence", "origin", "speed_km_per_month", "places", "tests", "summary", "events"]:
        assert key in body, key
    assert body["mode"] in ("contagious", "hierarchical", "simultaneous", "relocation")
    assert body["events"] == 13  # the event without coordinates is not a point
    assert len(body["places"]) == len(TOWNS)
    assert body["origin"]["name"] == "Tripoli" and body["origin"]["date"] == "2024-01-04"  # the first event
    assert set(body["speed_km_per_month"]) == {"estimate", "low", "high"}
    assert set(body["tests"]) >= {"knox", "onset_vs_distance", "onset_vs_population_rank", "nearest_active_neighbour"}
    place = body["places"][0]
    assert set(place) >= {"name", "lat", "lon", "first_date", "events", "distance_km"}
    assert "P-values" in body["summary"] and "199 random permutations" in body["summary"]
    # the same filters as /api/events; too few places is a result, not an error
    narrow = api.get("/api/spread", params={"actor": "Radaa"}).json()
    assert narrow["mode"] == "insufficient-data" and narrow["events"] == len(get_events(api, actor="Radaa")["features"])
    assert api.get("/api/spread", params={"origin": "Sabha"}).json()["origin"]["name"] == "Sabha"
    for params, needle in [({"origin": "Qqqzzzx"}, "origin"), ({"from": "yesterday"}, "YYYY-MM-DD"),
                           ({"bbox": "1,2,3"}, "bbox")]:
        bad = api.get("/api/spread", params=params)
        assert bad.status_code == 422 and needle in bad.json()["message"], bad.text
