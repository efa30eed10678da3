"""The store's contract run against both backends: SQLite files and a real PostgreSQL + PostGIS server.

The PostGIS cases need `EVENTATLAS_TEST_PG` (a URL with rights to create schemas, as printed by
scripts/ci_postgres.sh); without it they are skipped, saying so. Each PostGIS test gets a schema of
its own (search_path), dropped afterwards, so tests never see each other's rows.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import quote

import pytest

from eventatlas.model import Document, Event, Place, Report, Span
from eventatlas.store import EventFilter, StoreError, open_store
from eventatlas.store.base import EVENT_COLUMNS, StoreBase
from eventatlas.store.schema import SCHEMA_VERSION

PG_URL = os.environ.get("EVENTATLAS_TEST_PG", "")
NO_PG = "EVENTATLAS_TEST_PG is not set (start a server with scripts/ci_postgres.sh and export its URL)"

SIRTE = Place("Sirte", 31.2089, 16.5887, geonameid=2210554, country_code="LY", feature_code="PPLA")
DERNA = Place("Darnah", 32.767, 22.6367, geonameid=2210247, country_code="LY", feature_code="PPLA")
SUVA = Place("Suva", -18.1416, 178.4415, geonameid=2198148, country_code="FJ", feature_code="PPLC")
APIA = Place("Apia", -13.8333, -171.7667, geonameid=4035413, country_code="WS", feature_code="PPLC")
MISRATA = (
    "Gunmen attacked a police checkpoint in Misrata on Tuesday, killing two officers, "
    "a security official said. The road to the port was closed for hours."
)
EMPTY = {"documents": 0, "events": 0, "places": 0, "sources": 0, "reports": 0}


def pg_schema_url(base: str, schema: str) -> str:
    """The server URL with a search_path that puts `schema` first (PostGIS stays in public)."""
    options = quote(f"-csearch_path={schema},public", safe="")
    return f"{base}{'&' if '?' in base else '?'}options={options}"


@dataclass
class Backend:
    """One store backend under test: how to get a fresh URL, and its integrity-error class."""

    name: str
    new_url: Callable[[], str]
    integrity_error: type[Exception]


@pytest.fixture(params=["sqlite", "postgis"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Backend]:
    if request.param == "sqlite":
        counter = iter(range(1_000_000))
        yield Backend("sqlite", lambda: str(tmp_path / f"atlas-{next(counter)}.db"), sqlite3.IntegrityError)
        return
    if not PG_URL:
        pytest.skip(NO_PG)
    psycopg = pytest.importorskip("psycopg")
    schemas: list[str] = []

    def new_url() -> str:
        schema = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(PG_URL, autocommit=True) as conn:
            conn.execute(f"CREATE SCHEMA {schema}")
        schemas.append(schema)
        return pg_schema_url(PG_URL, schema)

    yield Backend("postgis", new_url, psycopg.IntegrityError)
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        for schema in schemas:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


def _report(doc: Document, sentence: str) -> Report:
    start = doc.text.index(sentence)
    return Report(doc_id=doc.id, start=start, end=start + len(sentence), sentence=sentence)


def _event(doc: Document, sentence: str, place: Place = SIRTE, day: date = date(2015, 2, 14), **kw) -> Event:
    report = _report(doc, sentence)
    return Event(
        event_type=kw.pop("event_type", "Battles"),
        sub_event_type=kw.pop("sub_event_type", "Armed clash"),
        date=day,
        time_precision=1,
        location=place,
        geo_precision=1,
        actor1=kw.pop("actor1", "Islamic State (Libya)"),
        actor2=kw.pop("actor2", "Military Forces of Libya"),
        evidence=[Span(report.start, report.end)],
        reports=[report],
        doc_id=doc.id,
        **kw,
    )


def _fill(store) -> None:
    """A small atlas: three reports of one Sirte event, one Derna event, two across the antimeridian."""
    texts = [
        ("Militants stormed a police post in Sirte on Saturday, killing three.", "North Africa Wire", 3, "reported"),
        ("A police post in Sirte was overrun by militants; officials confirmed four dead.", "Maghreb Monitor", 4, "confirmed"),
        ("The group said its fighters seized a police post in Sirte.", "Desert Courier", 0, "claimed"),
    ]
    for text, source, dead, certainty in texts:
        doc = Document(text=text, source=source, published=date(2015, 2, 15))
        store.add_document(doc, [_event(doc, text, fatalities=dead, certainty=certainty)])
    other = Document(text="Clashes broke out in Derna on Saturday.", source="North Africa Wire")
    store.add_document(other, [_event(other, "Clashes broke out in Derna on Saturday.", place=DERNA, day=date(2015, 6, 1), event_type="Protests", sub_event_type="Peaceful protest")])
    for place, day in ((SUVA, date(2016, 1, 4)), (APIA, date(2016, 1, 6))):
        doc = Document(text=f"Crowds marched through {place.name} on a January morning.", source="Pacific Wire")
        store.add_document(doc, [_event(doc, doc.text, place=place, day=day, actor1=f"Protesters ({place.name})", actor2=None, event_type="Protests", sub_event_type="Peaceful protest")])


# -- the contract, once per backend ------------------------------------------------------------


def test_schema_is_versioned_and_reopen_keeps_data(backend):
    url = backend.new_url()
    store = open_store(url)
    assert store.schema_version() == SCHEMA_VERSION
    assert store.migrate() == SCHEMA_VERSION  # idempotent
    doc = Document(text="Fighters clashed with soldiers in Sirte on Saturday.", source="Desert Courier")
    store.add_document(doc, [_event(doc, "Fighters clashed with soldiers in Sirte on Saturday.")])
    store.close()
    again = open_store(f"sqlite:///{url}" if backend.name == "sqlite" else url)
    assert again.schema_version() == SCHEMA_VERSION
    assert again.stats() == {"documents": 1, "events": 1, "places": 1, "sources": 1, "reports": 1}
    assert again.integrity_check() == "ok"
    assert again.has_document(doc.id) and not again.has_document("nope")
    assert again.document(doc.id)["source"] == "Desert Courier"
    again.close()


def test_same_document_twice_changes_nothing(backend):
    store = open_store(backend.new_url())
    text = "Gunmen attacked a checkpoint near Sirte. Two guards were killed."
    doc = Document(text=text, url="https://example.org/a")
    assert store.add_document(doc, [_event(doc, "Gunmen attacked a checkpoint near Sirte.")]) == (True, 1)
    twin = Document(text="  Gunmen attacked a checkpoint near Sirte.   Two guards were killed.", url="https://example.org/a", source="Other Name")
    assert twin.id == doc.id
    assert store.add_document(twin, [_event(twin, "Gunmen attacked a checkpoint near Sirte.")]) == (False, 0)
    assert store.stats() == {"documents": 1, "events": 1, "places": 1, "sources": 0, "reports": 1}


def test_reports_of_one_event_merge_and_distinct_events_do_not(backend):
    store = open_store(backend.new_url())
    _fill(store)
    counts = store.stats()
    assert counts == {"documents": 6, "events": 4, "places": 4, "sources": 4, "reports": 6}
    sirte = store.query_events(EventFilter(q="police post"))
    assert len(sirte) == 1 and sirte[0]["report_count"] == 3
    detail = store.event_detail(sirte[0]["id"])
    assert {r["source"] for r in detail["reports"]} == {"North Africa Wire", "Maghreb Monitor", "Desert Courier"}
    assert detail["fatalities"] == 4 and detail["certainty"] == "confirmed"
    assert detail["place_name"] == "Sirte" and detail["lat"] == pytest.approx(31.2089)
    assert detail["reports"][0]["context_before"] == ""
    assert store.event_detail("missing") is None
    place = store.place_detail(detail["place_id"])
    assert place["name"] == "Sirte" and place["events"] == 1 and place["fatalities"] == 4
    assert place["first_date"] == "2015-02-14"
    assert store.place_detail(999_999) is None


def test_a_failing_document_leaves_nothing_behind(backend):
    store = open_store(backend.new_url())
    doc = Document(text="Rockets hit Sirte port on Monday.", source="Desert Courier")
    bad = _event(doc, "Rockets hit Sirte port on Monday.")
    bad.event_type = None  # violates NOT NULL: the whole document must roll back
    with pytest.raises(backend.integrity_error):
        store.add_document(doc, [bad])
    assert store.stats() == EMPTY
    assert store.integrity_check() == "ok"
    good = _event(doc, "Rockets hit Sirte port on Monday.")
    assert store.add_document(doc, [good]) == (True, 1)  # the connection is usable after the rollback


def test_filters_are_parameterised(backend):
    store = open_store(backend.new_url())
    for i, (place, day, etype) in enumerate(
        [(SIRTE, date(2015, 2, 1), "Battles"), (DERNA, date(2015, 6, 1), "Protests"), (SIRTE, date(2016, 1, 1), "Battles")]
    ):
        doc = Document(text=f"Report number {i} about events on the coast.")
        store.add_document(doc, [_event(doc, f"Report number {i} about events on the coast.", place=place, day=day, event_type=etype)])
    assert len(store.query_events(EventFilter(date_from=date(2015, 3, 1)))) == 2
    assert len(store.query_events(EventFilter(event_type=["Protests"]))) == 1
    assert len(store.query_events(EventFilter(bbox=(16.0, 31.0, 17.0, 32.0)))) == 2
    assert store.count_events(EventFilter(bbox=(16.0, 31.0, 17.0, 32.0), date_to=date(2015, 12, 31))) == 1
    for hostile in ["' OR 1=1 --", '"; DROP TABLE events; --', "%", "_", "\\"]:
        assert store.query_events(EventFilter(actor=hostile, q=hostile)) == []
    assert store.stats()["events"] == 3
    months = store.timeline(EventFilter(), "month")
    assert [m["period"] for m in months] == ["2015-02-01", "2015-06-01", "2016-01-01"]
    assert [m["events"] for m in months] == [1, 1, 1]


def test_queries_answer_the_same_on_every_backend(backend):
    store = open_store(backend.new_url())
    _fill(store)
    everything = store.query_events()
    assert [r["date"] for r in everything] == ["2016-01-06", "2016-01-04", "2015-06-01", "2015-02-14"]
    assert store.count_events() == 4
    # a box across the antimeridian (west > east) holds Suva and Apia only
    pacific = store.query_events(EventFilter(bbox=(170.0, -25.0, -165.0, -10.0)))
    assert {r["place_name"] for r in pacific} == {"Suva", "Apia"}
    assert store.count_events(EventFilter(bbox=(170.0, -25.0, -165.0, -10.0))) == 2
    assert [r["place_name"] for r in store.query_events(EventFilter(actor="protesters (apia)"))] == ["Apia"]
    assert len(store.query_events(EventFilter(source=["Maghreb Monitor"]))) == 1
    assert len(store.query_events(EventFilter(certainty=["confirmed"]))) == 1
    assert len(store.query_events(EventFilter(place_id=everything[0]["place_id"]))) == 1
    assert len(store.query_events(EventFilter(limit=2, offset=3))) == 1
    assert store.sources() == ["Desert Courier", "Maghreb Monitor", "North Africa Wire", "Pacific Wire"]
    assert store.distinct("event_type") == ["Battles", "Protests"]
    with pytest.raises(ValueError):
        store.distinct("text; DROP TABLE events")
    weeks = store.timeline(EventFilter(event_type=["Protests"]), "week")
    assert [(w["period"], w["events"]) for w in weeks] == [("2015-06-01", 1), ("2016-01-04", 2)]
    days = store.timeline(EventFilter(date_from=date(2016, 1, 1)), "day")
    assert [d["period"] for d in days] == ["2016-01-04", "2016-01-06"]
    with pytest.raises(ValueError):
        store.timeline(None, "year")
    row = everything[-1]
    for key in ("id", "event_type", "lat", "lon", "place_name", "geonameid", "country_code", "report_count", "created_at"):
        assert key in row
    assert "geom" not in row


def test_the_events_of_documents_newest_first(backend):
    """What an ingest answers with: each event the documents report once, undated ones last."""
    store = open_store(backend.new_url())
    sirte = [Document(text=f"Militants stormed a police post in Sirte, dispatch {i}.") for i in range(2)]
    for doc in sirte:
        store.add_document(doc, [_event(doc, doc.text)])  # two reports of one event
    derna = Document(text="Clashes broke out in Derna on Saturday.")
    store.add_document(derna, [_event(derna, derna.text, place=DERNA, day=date(2015, 6, 1))])
    undated = Document(text="Fighters clashed near Suva at some time.")
    store.add_document(undated, [_event(undated, undated.text, place=SUVA, day=None)])
    other = Document(text="Crowds marched through Apia on a January morning.")
    store.add_document(other, [_event(other, other.text, place=APIA, day=date(2016, 1, 6))])

    events = store.document_events([d.id for d in (*sirte, derna, undated)])
    assert [(e["place_name"], e["date"]) for e in events] == [
        ("Darnah", "2015-06-01"),
        ("Sirte", "2015-02-14"),
        ("Suva", None),
    ]
    assert set(events[0]) == {"id", "event_type", "sub_event_type", "date", "lat", "lon", "place_name"}
    assert events[0]["lat"] == pytest.approx(DERNA.lat)
    assert [e["id"] for e in store.document_events([sirte[1].id])] == [events[1]["id"]]
    assert len(store.document_events([d.id for d in (*sirte, derna, undated)], limit=2)) == 2
    assert store.document_events([]) == [] and store.document_events(["no-such-document"]) == []


def test_ingest_answer_lists_the_new_events_on_every_backend(backend, gazetteer_path, tmp_path):
    """POST /api/ingest answers with the events the pasted report added, whichever store holds them."""
    from fastapi.testclient import TestClient

    from eventatlas.web import SecuritySettings, create_app

    token_file = tmp_path / "write.token"
    app = create_app(backend.new_url(), security=SecuritySettings(token_file=token_file))
    form = {"text": MISRATA, "source": "Backend Test Wire", "published": "2024-07-10"}
    with TestClient(app, base_url="http://127.0.0.1") as client:
        auth = {"Authorization": f"Bearer {token_file.read_text().strip()}"}
        r = client.post("/api/ingest", data=form, headers=auth)
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["ok"] and body["documents_added"] == 1 and body["events_added"] >= 1
        [result] = body["results"]
        assert len(result["events"]) == body["events_added"]
        misrata = [e for e in result["events"] if e["place_name"] and "Misrat" in e["place_name"]]
        assert misrata and misrata[0]["date"] == "2024-07-09"  # "on Tuesday" before the 10th
        assert client.get(f"/api/events/{misrata[0]['id']}").json()["reports"][0]["source"] == "Backend Test Wire"
        again = client.post("/api/ingest", data=form, headers=auth).json()
        assert again["documents_skipped"] == 1 and again["results"][0]["events"] == result["events"]


def test_readers_read_while_a_writer_writes(backend):
    url = backend.new_url()
    writer = open_store(url)
    errors: list[Exception] = []
    done = threading.Event()

    def read() -> None:
        reader = open_store(url)
        try:
            while not done.is_set():
                reader.stats()
                reader.query_events(EventFilter(limit=50))
        except Exception as exc:  # noqa: BLE001 - any failure fails the test
            errors.append(exc)
        finally:
            reader.close()

    threads = [threading.Thread(target=read) for _ in range(2)]
    for t in threads:
        t.start()
    for i in range(60):
        doc = Document(text=f"Shelling hit the outskirts of Sirte, report {i}.")
        writer.add_document(doc, [_event(doc, f"Shelling hit the outskirts of Sirte, report {i}.", day=date(2015, 1, 1 + i % 28), actor2=f"Side {i}")])
    done.set()
    for t in threads:
        t.join()
    assert not errors
    assert writer.stats()["documents"] == 60


def test_two_writers_store_one_document_once(backend):
    """Concurrent ingests of the same reports: each document and each event lands exactly once."""
    url = backend.new_url()
    open_store(url).close()
    docs = [Document(text=f"Clashes in Sirte, dispatch {i}.", source=f"Wire {i % 3}") for i in range(30)]
    results: list[tuple[bool, int]] = []
    errors: list[Exception] = []

    def write() -> None:
        store = open_store(url)
        try:
            for doc in docs:
                results.append(store.add_document(doc, [_event(doc, doc.text)]))
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            store.close()

    threads = [threading.Thread(target=write) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sum(added for added, _ in results) == 30
    assert sum(n for _, n in results) == 1  # every dispatch is a report of the same event
    assert open_store(url).stats() == {"documents": 30, "events": 1, "places": 1, "sources": 3, "reports": 30}


def test_a_stored_document_still_gets_the_events_it_lacks(backend):
    """Two dataset rows sharing one notes text are one document with two events: the second row adds
    its event to the stored document, and ingesting both rows again adds nothing."""
    store = open_store(backend.new_url())
    doc = Document(text="Clashes in Sirte left two dead. Protesters marched in Derna.", source="Dataset")
    clash = _event(doc, "Clashes in Sirte left two dead.")
    march = _event(doc, "Protesters marched in Derna.", place=DERNA, event_type="Protests", sub_event_type="Peaceful protest")
    assert store.add_document(doc, [clash]) == (True, 1)
    assert store.add_document(doc, [clash, march]) == (False, 1)
    both = {"documents": 1, "events": 2, "places": 2, "sources": 1, "reports": 2}
    assert store.stats() == both
    assert {r["place_name"] for r in store.query_events()} == {"Sirte", "Darnah"}
    assert store.add_document(doc, [clash, march]) == (False, 0)
    assert store.add_document(doc, [march, march]) == (False, 0)
    assert store.stats() == both


@pytest.mark.parametrize("engine", ["local", "batches"])
def test_dataset_rows_sharing_notes_are_all_imported(backend, engine, tmp_path):
    """Two ACLED rows with one notes text (one document): both events land, on both ingest paths."""
    from eventatlas.engine import ingest_records
    from eventatlas.ingest import iter_records
    from eventatlas.pipeline import ingest

    notes = "Clashes between the army and IS were reported in Sirte."
    rows = [
        f"620,{eid},,{day},2016,1,{etype},Military Forces of Libya (2014-),,1,Islamic State (Libya),,2,12,"
        f'Libya,Surt,Surt,,Sirte,31.2089,16.5887,1,Libya Herald,"{notes}",{dead}'
        for eid, day, etype, dead in (
            ("1LBY", "05/01/2016", "Battle-No change of territory", 3),
            ("2LBY", "06/01/2016", "Remote violence", 0),
        )
    ]
    header = (
        "GWNO,EVENT_ID_CNTY,EVENT_ID_NO_CNTY,EVENT_DATE,YEAR,TIME_PRECISION,EVENT_TYPE,ACTOR1,ALLY_ACTOR_1,"
        "INTER1,ACTOR2,ALLY_ACTOR_2,INTER2,INTERACTION,COUNTRY,ADMIN1,ADMIN2,ADMIN3,LOCATION,LATITUDE,"
        "LONGITUDE,GEO_PRECISION,SOURCE,NOTES,FATALITIES"
    )
    path = tmp_path / "acled.csv"
    path.write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    store = open_store(backend.new_url())

    def run():
        if engine == "local":
            return ingest([str(path)], store)
        return ingest_records(iter_records([str(path)]), store)

    first = run()
    assert (first.imported_added, first.documents_skipped) == (2, 0)
    assert store.stats()["documents"] == 1 and store.stats()["events"] == 2
    assert sorted(r["dataset_id"] for r in store.query_events()) == ["1LBY", "2LBY"]
    again = run()
    assert (again.imported_added, again.documents_skipped) == (0, 2)
    assert store.stats()["events"] == 2


def test_revision_moves_with_every_write_and_only_then(backend):
    url = backend.new_url()
    store, reader = open_store(url), open_store(url)
    empty = store.revision()
    assert store.revision() == empty == reader.revision()
    doc = Document(text="Fighters clashed with soldiers in Sirte on Saturday.", source="Desert Courier")
    event = _event(doc, doc.text)
    store.add_document(doc, [event])
    one = store.revision()
    assert one != empty and reader.revision() == one  # another connection sees the write
    store.add_document(doc, [event])  # nothing new: nothing to invalidate
    assert store.revision() == reader.revision() == one
    merged = Document(text="Soldiers and fighters clashed in Sirte on Saturday.", source="Maghreb Monitor")
    reader.add_document(merged, [_event(merged, merged.text)])  # a report merged into the stored event
    assert store.stats()["events"] == 1 and store.revision() not in (empty, one)
    assert open_store(backend.new_url()).revision() != empty  # another database, never the same key


def test_what_the_atlas_asks_besides_events_answers_the_same(backend):
    store = open_store(backend.new_url())
    assert store.date_span() == (None, None)
    assert store.summary() == {
        "first_date": None, "last_date": None, "fatalities": 0, "unlocated": 0, "bounds": None, "event_types": {}
    }
    _fill(store)
    unlocated = Document(text="Gunmen attacked a convoy somewhere in the south.", source="Desert Courier")
    store.add_document(unlocated, [_event(unlocated, unlocated.text, place=None, fatalities=2)])
    assert store.date_span() == ("2015-02-14", "2016-01-06")
    summary = store.summary()
    assert summary["event_types"] == {"Protests": 3, "Battles": 2}
    assert (summary["fatalities"], summary["unlocated"]) == (6, 1)
    assert summary["bounds"] == pytest.approx([APIA.lon, SUVA.lat, SUVA.lon, DERNA.lat])
    ids = {r["place_name"]: r["place_id"] for r in store.query_events() if r["place_id"]}
    populated = Document(text="Shelling hit Tripoli overnight.", source="Desert Courier")
    tripoli = Place("Tripoli", 32.8872, 13.1913, geonameid=2210247 + 1, country_code="LY", population=1_150_989)
    store.add_document(populated, [_event(populated, populated.text, place=tripoli)])
    ids["Tripoli"] = store.query_events(EventFilter(q="Tripoli"))[0]["place_id"]
    assert store.place_populations([ids["Tripoli"], ids["Sirte"], None, 999_999]) == {
        ids["Tripoli"]: 1_150_989, ids["Sirte"]: 0
    }
    assert store.place_populations([]) == {}
    sirte = store.query_events(EventFilter(q="police post"))[0]["id"]
    names, first = store.event_sources([sirte, "no-such-event"])
    assert names == {sirte: ["Desert Courier", "Maghreb Monitor", "North Africa Wire"]}
    assert first == {sirte: "Militants stormed a police post in Sirte on Saturday, killing three."}


def test_map_pages_and_points_are_the_events_query(backend):
    store = open_store(backend.new_url())
    _fill(store)
    undated = Document(text="Fighters clashed near Suva at some time.")
    store.add_document(undated, [_event(undated, undated.text, place=SUVA, day=None)])
    for f in (EventFilter(), EventFilter(limit=2, offset=1), EventFilter(bbox=(170.0, -25.0, -165.0, -10.0))):
        full, page = store.query_events(f), store.map_events(f)
        assert [r["id"] for r in page] == [r["id"] for r in full]
        assert [{k: r[k] for k in page[0]} for r in full] == page
    assert store.map_events(EventFilter())[-1]["date"] is None  # undated last, as query_events
    types, subs = store.distinct("event_type"), store.distinct("sub_event_type")
    points = store.point_columns(EventFilter(event_type=["Protests"]), types, subs)
    assert (points["total"], points["located"]) == (3, 3)
    columns = {name: json.loads(text) for name, text in points["columns"].items()}
    assert list(columns) == list(StoreBase.POINT_COLUMNS)
    rows = sorted(zip(*columns.values(), strict=True), key=lambda r: r[0])
    expected = sorted(store.query_events(EventFilter(event_type=["Protests"])), key=lambda r: r["id"])
    assert rows == [
        (r["id"], round(r["lon"], 5), round(r["lat"], 5), types.index(r["event_type"]), subs.index(r["sub_event_type"]),
         r["fatalities"], r["date"], r["place_id"], r["actor1"])
        for r in expected
    ]
    assert json.loads(points["places"]) == {str(r["place_id"]): r["place_name"] for r in expected}
    nothing = store.point_columns(EventFilter(event_type=["Riots"]), types, subs)
    assert (nothing["total"], nothing["places"], set(nothing["columns"].values())) == (0, "{}", {"[]"})


def test_the_atlas_pages_read_the_same_on_every_backend(backend, tmp_path):
    """The web layer asks the store, whichever it is: stats, automatic interval, cached points, spread
    populations, sources of full events."""
    from fastapi.testclient import TestClient

    from eventatlas.web import create_app
    from eventatlas.web.app import spread_points

    url = backend.new_url()
    store = open_store(url)
    _fill(store)
    with TestClient(create_app(url), base_url="http://127.0.0.1") as client:
        stats = client.get("/api/stats").json()
        assert (stats["first_date"], stats["last_date"], stats["unlocated"]) == ("2015-02-14", "2016-01-06", 0)
        assert stats["event_types"] == {"Protests": 3, "Battles": 1} and len(stats["bounds"]) == 4
        assert client.get("/api/timeline", params={"interval": "auto"}).json()["interval"] == "week"
        full = client.get("/api/events", params={"full": "true", "q": "police post"}).json()["features"]
        assert full[0]["properties"]["sources"] == ["Desert Courier", "Maghreb Monitor", "North Africa Wire"]
        csv_text = client.get("/api/export.csv", params={"q": "police post"}).text
        assert "Desert Courier; Maghreb Monitor; North Africa Wire" in csv_text

        first = client.get("/api/points")
        assert first.status_code == 200 and first.json()["located"] == 4
        etag = first.headers["etag"]
        assert client.get("/api/points", headers={"If-None-Match": etag}).status_code == 304
        later = Document(text="Crowds marched through Sirte at dawn.", source="Pacific Wire")
        big_sirte = Place("Sirte", SIRTE.lat, SIRTE.lon, geonameid=SIRTE.geonameid, population=128_123)
        store.add_document(later, [_event(later, later.text, place=big_sirte, day=date(2016, 3, 1), event_type="Riots", sub_event_type="Mob violence")])
        again = client.get("/api/points", headers={"If-None-Match": etag})
        assert again.status_code == 200 and again.json()["located"] == 5 and again.headers["etag"] != etag
        assert "Riots" in again.json()["types"]
        assert client.get("/api/stats").json()["event_types"]["Riots"] == 1  # the per-revision cache moved on

    populated = Place("Tripoli", 32.8872, 13.1913, geonameid=2210247 + 1, country_code="LY", population=1_150_989)
    doc = Document(text="Shelling hit Tripoli overnight.")
    store.add_document(doc, [_event(doc, doc.text, place=populated, day=date(2016, 4, 1))])
    points = spread_points(store, store.query_events())
    assert {p.place: p.population for p in points}["Tripoli"] == 1_150_989


# -- backend-specific -------------------------------------------------------------------------


def test_event_columns_are_the_events_table(tmp_path):
    """Both backends select EVENT_COLUMNS by name: they must be SQLite's events table, in its order."""
    store = open_store(tmp_path / "columns.db")
    assert tuple(r["name"] for r in store.conn.execute("PRAGMA table_info(events)")) == EVENT_COLUMNS


def test_unsupported_url_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="unsupported database URL"):
        open_store("mysql://localhost/atlas")
    garbage = tmp_path / "not-a-db.db"
    garbage.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not-a-db.db"):
        open_store(garbage)


def test_unreachable_server_is_a_clear_error_without_the_password():
    pytest.importorskip("psycopg")
    with pytest.raises(StoreError, match="cannot connect") as info:
        open_store("postgresql://atlas:s3cret@127.0.0.1:1/atlas?connect_timeout=2")
    assert "s3cret" not in str(info.value) and "127.0.0.1:1/atlas" in str(info.value)


@pytest.mark.skipif(not PG_URL, reason=NO_PG)
def test_postgis_schema_matches_sqlite_and_indexes_the_point(tmp_path):
    import psycopg

    lite = open_store(tmp_path / "s.db")
    tables = [r[0] for r in lite.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
        try:
            open_store(pg_schema_url(PG_URL, schema)).close()
            for table in tables:
                sqlite_cols = [r[1] for r in lite.conn.execute(f"PRAGMA table_info({table})")]
                pg_cols = [
                    r[0]
                    for r in conn.execute(
                        "SELECT column_name FROM information_schema.columns WHERE table_schema = %s"
                        " AND table_name = %s ORDER BY ordinal_position",
                        (schema, table),
                    )
                ]
                expected = [*sqlite_cols, "geom"] if table == "events" else sqlite_cols
                assert pg_cols == expected, table
            geom = conn.execute(
                "SELECT type, srid FROM geometry_columns WHERE f_table_schema = %s AND f_table_name = 'events'",
                (schema,),
            ).fetchone()
            assert geom == ("POINT", 4326)
            indexes = {
                r[0]: r[1]
                for r in conn.execute("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = %s", (schema,))
            }
            assert "USING gist (geom)" in indexes["events_geom"]
            assert "USING gist (geom, date)" in indexes["events_geom_date"]
            assert "events_date" in indexes
            versions = [r[0] for r in conn.execute(f"SELECT version FROM {schema}.schema_migrations ORDER BY version")]
            assert versions == list(range(1, SCHEMA_VERSION + 1))
        finally:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.mark.skipif(not PG_URL, reason=NO_PG)
def test_both_backends_return_identical_rows(tmp_path):
    import psycopg

    lite = open_store(tmp_path / "same.db")
    _fill(lite)
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
        try:
            pg = open_store(pg_schema_url(PG_URL, schema))
            _fill(pg)

            def plain(rows):
                return [{k: v for k, v in r.items() if k != "created_at"} for r in rows]

            for f in (EventFilter(), EventFilter(bbox=(10, 20, 30, 40)), EventFilter(bbox=(170, -25, -165, -10))):
                assert plain(pg.query_events(f)) == plain(lite.query_events(f))
            for interval in ("day", "week", "month"):
                assert pg.timeline(None, interval) == lite.timeline(None, interval)
            first = lite.query_events()[-1]["id"]
            a, b = pg.event_detail(first), lite.event_detail(first)
            a.pop("created_at")
            b.pop("created_at")
            assert a == b
            assert pg.stats() == lite.stats()
            pg.close()
        finally:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")
