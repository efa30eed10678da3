"""The SQLite store on real files: schema, idempotent documents, merged reports, concurrent readers."""

from __future__ import annotations

import sqlite3
import threading
from datetime import date

import pytest

from eventatlas.model import Document, Event, Place, Report, Span
from eventatlas.store import EventFilter, StoreError, open_store
from eventatlas.store.schema import SCHEMA_VERSION

SIRTE = Place("Sirte", 31.2089, 16.5887, geonameid=2210554, country_code="LY", feature_code="PPLA")
DERNA = Place("Darnah", 32.767, 22.6367, geonameid=2210247, country_code="LY", feature_code="PPLA")


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


def test_schema_is_versioned_and_reopen_keeps_data(tmp_path):
    db = tmp_path / "atlas.db"
    store = open_store(db)
    assert store.schema_version() == SCHEMA_VERSION
    doc = Document(text="Fighters clashed with soldiers in Sirte on Saturday.", source="Desert Courier")
    store.add_document(doc, [_event(doc, "Fighters clashed with soldiers in Sirte on Saturday.")])
    store.close()
    again = open_store(f"sqlite:///{db}")
    assert again.schema_version() == SCHEMA_VERSION
    assert again.stats() == {"documents": 1, "events": 1, "places": 1, "sources": 1, "reports": 1}
    assert again.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_same_document_twice_changes_nothing(tmp_path):
    store = open_store(tmp_path / "a.db")
    text = "Gunmen attacked a checkpoint near Sirte. Two guards were killed."
    doc = Document(text=text, url="https://example.org/a")
    assert store.add_document(doc, [_event(doc, "Gunmen attacked a checkpoint near Sirte.")]) == (True, 1)
    twin = Document(text="  Gunmen attacked a checkpoint near Sirte.   Two guards were killed.", url="https://example.org/a")
    assert twin.id == doc.id
    assert store.add_document(twin, [_event(twin, "Gunmen attacked a checkpoint near Sirte.")]) == (False, 0)
    assert store.stats()["documents"] == 1 and store.stats()["reports"] == 1


def test_reports_of_one_event_merge_and_distinct_events_do_not(tmp_path):
    store = open_store(tmp_path / "m.db")
    texts = [
        ("Militants stormed a police post in Sirte on Saturday, killing three.", "North Africa Wire", 3, "reported"),
        ("A police post in Sirte was overrun by militants; officials confirmed four dead.", "Maghreb Monitor", 4, "confirmed"),
        ("The group said its fighters seized a police post in Sirte.", "Desert Courier", 0, "claimed"),
    ]
    for text, source, dead, certainty in texts:
        doc = Document(text=text, source=source)
        store.add_document(doc, [_event(doc, text, fatalities=dead, certainty=certainty)])
    other = Document(text="Clashes broke out in Derna on Saturday.", source="North Africa Wire")
    store.add_document(other, [_event(other, "Clashes broke out in Derna on Saturday.", place=DERNA)])
    counts = store.stats()
    assert counts["events"] == 2 and counts["reports"] == 4 and counts["documents"] == 4
    sirte = store.query_events(EventFilter(q="police post"))
    assert len(sirte) == 1
    detail = store.event_detail(sirte[0]["id"])
    assert {r["source"] for r in detail["reports"]} == {"North Africa Wire", "Maghreb Monitor", "Desert Courier"}
    assert detail["fatalities"] == 4 and detail["certainty"] == "confirmed"


def test_a_failing_document_leaves_nothing_behind(tmp_path):
    store = open_store(tmp_path / "t.db")
    doc = Document(text="Rockets hit Sirte port on Monday.")
    bad = _event(doc, "Rockets hit Sirte port on Monday.")
    bad.event_type = None  # violates NOT NULL: the whole document must roll back
    with pytest.raises(sqlite3.IntegrityError):
        store.add_document(doc, [bad])
    assert store.stats() == {"documents": 0, "events": 0, "places": 0, "sources": 0, "reports": 0}
    assert store.integrity_check() == "ok"


def test_filters_are_parameterised(tmp_path):
    store = open_store(tmp_path / "f.db")
    for i, (place, day, etype) in enumerate(
        [(SIRTE, date(2015, 2, 1), "Battles"), (DERNA, date(2015, 6, 1), "Protests"), (SIRTE, date(2016, 1, 1), "Battles")]
    ):
        doc = Document(text=f"Report number {i} about events on the coast.")
        store.add_document(doc, [_event(doc, f"Report number {i} about events on the coast.", place=place, day=day, event_type=etype)])
    assert len(store.query_events(EventFilter(date_from=date(2015, 3, 1)))) == 2
    assert len(store.query_events(EventFilter(event_type=["Protests"]))) == 1
    assert len(store.query_events(EventFilter(bbox=(16.0, 31.0, 17.0, 32.0)))) == 2
    for hostile in ["' OR 1=1 --", '"; DROP TABLE events; --', "%", "_"]:
        assert store.query_events(EventFilter(actor=hostile, q=hostile)) == []
    assert store.stats()["events"] == 3
    months = store.timeline(EventFilter(), "month")
    assert [m["period"] for m in months] == ["2015-02-01", "2015-06-01", "2016-01-01"]


def test_readers_read_while_a_writer_writes(tmp_path):
    path = tmp_path / "c.db"
    writer = open_store(path)
    errors: list[Exception] = []
    done = threading.Event()

    def read() -> None:
        reader = open_store(path)
        try:
            while not done.is_set():
                reader.stats()
                reader.query_events(EventFilter(limit=50))
        except Exception as exc:  # noqa: BLE001 - any failure fails the test
            errors.append(exc)

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


def test_unsupported_url_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="unsupported database URL"):
        open_store("mysql://localhost/atlas")
    garbage = tmp_path / "not-a-db.db"
    garbage.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not-a-db.db"):
        open_store(garbage)
