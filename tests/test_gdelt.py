"""GDELT exports (zipped, tab-delimited, no header) into the store, and the store out as GeoParquet."""

from __future__ import annotations

import json
import struct
import zipfile
from datetime import date
from pathlib import Path

import pytest

from eventatlas.export.geoparquet import to_geoparquet, wkb_point
from eventatlas.ingest.gdelt import (
    EVENT_COLUMNS_V1,
    EVENT_COLUMNS_V2,
    MENTION_COLUMNS,
    acled_types,
    iso_country,
    iter_gdelt,
)
from eventatlas.ingest.records import ImportedEvent, InputError
from eventatlas.store import open_store


def event_row(columns=EVENT_COLUMNS_V2, **values: str) -> str:
    row = dict.fromkeys(columns, "")
    row.update(
        GLOBALEVENTID="410412347", SQLDATE="20150326", MonthYear="201503", Year="2015", FractionDate="2015.2329",
        IsRootEvent="1", QuadClass="4", GoldsteinScale="-10.0", NumMentions="10", NumSources="4", NumArticles="10",
        AvgTone="-6.1", ActionGeo_Type="4", DATEADDED="20150326093000", SOURCEURL="https://www.wire.example/a",
    )  # fmt: skip
    row.update(values)
    assert set(row) == set(columns)
    return "\t".join(row[c] for c in columns)


ROWS = [
    event_row(  # line 1: a protest in Tunis (FIPS TS is Tunisia)
        GLOBALEVENTID="1001", Actor1Name="PROTESTER", Actor1Type1Code="", EventCode="141", EventBaseCode="141",
        EventRootCode="14", ActionGeo_FullName="Tunis, Tunis, Tunisia", ActionGeo_CountryCode="TS",
        ActionGeo_ADM1Code="TS38", ActionGeo_Lat="36.8028", ActionGeo_Long="10.1797",
        SOURCEURL="https://www.tunis-news.example/march",
    ),
    event_row(  # line 2: a suicide bombing in Sirte, with mentions
        GLOBALEVENTID="1002", Actor1Name="MILITANT", Actor1Type1Code="INS", Actor2Name="LIBYA", Actor2Type1Code="MIL",
        EventCode="1831", EventBaseCode="183", EventRootCode="18", ActionGeo_FullName="Sirte, Surt, Libya",
        ActionGeo_CountryCode="LY", ActionGeo_Lat="31.2089", ActionGeo_Long="16.5887",
    ),
    event_row(GLOBALEVENTID="1003", EventCode="010", EventBaseCode="010", EventRootCode="01"),  # a statement: skipped
    event_row(GLOBALEVENTID="1004", EventCode="190", EventRootCode="19", SQLDATE="2015-03-26"),  # bad date
    "1005\t20150326\tonly three columns",  # wrong width
    event_row(  # line 6: fighting, place known only as a country (no point)
        GLOBALEVENTID="1006", Actor1Name="REBELS", EventCode="193", EventRootCode="19",
        ActionGeo_Type="1", ActionGeo_FullName="Libya", ActionGeo_CountryCode="LY",
    ),
]


def mention_row(event_id: str, url: str, source: str) -> str:
    row = dict.fromkeys(MENTION_COLUMNS, "")
    row.update(GLOBALEVENTID=event_id, EventTimeDate="20150326093000", MentionTimeDate="20150327101500",
               MentionType="1", MentionSourceName=source, MentionIdentifier=url, Confidence="80")
    return "\t".join(row[c] for c in MENTION_COLUMNS)


def write_zip(path: Path, lines: list[str]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(path.name.removesuffix(".zip"), "\n".join(lines) + "\n")
    return path


@pytest.fixture
def export(tmp_path: Path) -> tuple[Path, Path]:
    events = write_zip(tmp_path / "20150326093000.export.CSV.zip", ROWS)
    mentions = write_zip(
        tmp_path / "20150326093000.mentions.CSV.zip",
        [
            mention_row("1002", "https://www.wire.example/a", "wire.example"),  # the source article itself
            mention_row("1002", "https://coast.example/sirte-blast", "coast.example"),
            mention_row("9999", "https://elsewhere.example/x", "elsewhere.example"),  # an event not in this file
        ],
    )
    return events, mentions


def test_codes_and_countries():
    assert acled_types("141") == ("Protests", "Peaceful protest")
    assert acled_types("145") == ("Riots", "Violent demonstration")
    assert acled_types("1831") == ("Explosions/Remote violence", "Suicide bomb")
    assert acled_types("1832") == ("Explosions/Remote violence", "Remote explosive/landmine/IED")
    assert acled_types("195") == ("Explosions/Remote violence", "Air/drone strike")
    assert acled_types("173") == ("Strategic developments", "Arrests")
    assert acled_types("202") == ("Violence against civilians", "Attack")
    assert acled_types("036") is None
    assert iso_country("TS") == "TN" and iso_country("LY") == "LY" and iso_country("") is None
    assert len(EVENT_COLUMNS_V2) == 61 and len(EVENT_COLUMNS_V1) == 58 and len(MENTION_COLUMNS) == 16


def test_events_become_imported_events_and_bad_rows_errors(export):
    events_path, mentions_path = export
    records = list(iter_gdelt(events_path, mentions=[mentions_path]))
    errors = [r for r in records if isinstance(r, InputError)]
    imported = [r for r in records if isinstance(r, ImportedEvent)]
    assert [(e.line, e.reason.split(" ")[0]) for e in errors] == [(4, "unreadable"), (5, "expected")]
    assert all(e.origin == str(events_path) for e in errors)
    assert [i.event.dataset_id for i in imported] == ["1001", "1002", "1002", "1006"]
    protest, bombing, mention, fight = imported
    assert (protest.event.event_type, protest.event.sub_event_type) == ("Protests", "Peaceful protest")
    assert protest.event.location.country_code == "TN" and protest.event.location.name == "Tunis"
    assert protest.event.actor1 == "Protester" and protest.event.actor1_type == 6
    assert protest.event.date == date(2015, 3, 26) and protest.document.published == date(2015, 3, 26)
    assert protest.document.url == "https://www.tunis-news.example/march" and protest.document.source == "tunis-news.example"
    assert bombing.event.sub_event_type == "Suicide bomb" and bombing.event.actor1_type == 2 and bombing.event.actor2_type == 1
    assert bombing.event.dataset == "GDELT" and bombing.event.geo_precision == 1
    assert mention.event.id == bombing.event.id and mention.document.url == "https://coast.example/sirte-blast"
    assert mention.document.id != bombing.document.id
    assert fight.event.location is None and fight.event.geo_precision == 3
    for item in imported:
        r = item.event.reports[0]
        assert item.document.text[r.start : r.end] == r.sentence


def test_gdelt_1_layout_and_unreadable_files(tmp_path):
    v1 = tmp_path / "20130401.export.CSV"
    v1.write_text(event_row(EVENT_COLUMNS_V1, GLOBALEVENTID="77", EventCode="190", EventRootCode="19",
                            ActionGeo_Lat="32.7", ActionGeo_Long="22.6", ActionGeo_FullName="Darnah, Libya") + "\n",
                  encoding="utf-8")
    [only] = list(iter_gdelt(v1))
    assert isinstance(only, ImportedEvent) and only.event.event_type == "Battles"
    mentions_alone = write_zip(tmp_path / "m.mentions.CSV.zip", [mention_row("1", "https://x.example/", "x")])
    [err] = list(iter_gdelt(mentions_alone))
    assert isinstance(err, InputError) and "mentions file" in err.reason
    broken = tmp_path / "broken.export.CSV.zip"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    problems = list(iter_gdelt(broken))
    assert problems and all(isinstance(p, InputError) for p in problems)
    missing = list(iter_gdelt(tmp_path / "nope.zip"))
    assert len(missing) == 1 and "cannot read GDELT events" in missing[0].reason


def test_store_merges_mentions_and_exports_geoparquet(tmp_path, export):
    pq = pytest.importorskip("pyarrow.parquet")
    events_path, mentions_path = export
    store = open_store(tmp_path / "gdelt.db")
    for record in iter_gdelt(events_path, mentions=[mentions_path]):
        if isinstance(record, ImportedEvent):
            store.add_document(record.document, [record.event])
    assert store.stats()["events"] == 3 and store.stats()["reports"] == 4
    rows = store.query_events()
    bombing = next(r for r in rows if r["dataset_id"] == "1002")
    assert bombing["report_count"] == 2
    # the same file again: nothing changes
    for record in iter_gdelt(events_path, mentions=[mentions_path]):
        if isinstance(record, ImportedEvent):
            assert store.add_document(record.document, [record.event]) == (False, 0)

    out = tmp_path / "out" / "events.parquet"
    assert to_geoparquet(rows, out) == 3
    table = pq.read_table(out)
    geo = json.loads(table.schema.metadata[b"geo"])
    assert geo["primary_column"] == "geometry" and geo["version"].startswith("1.")
    column = geo["columns"]["geometry"]
    assert column["encoding"] == "WKB" and column["geometry_types"] == ["Point"]
    assert column["bbox"] == pytest.approx([10.1797, 31.2089, 16.5887, 36.8028])
    data = table.to_pylist()
    assert {r["id"] for r in data} == {r["id"] for r in rows}
    for r in data:
        if r["lat"] is None:
            assert r["geometry"] is None
        else:
            order, kind, x, y = struct.unpack("<BIdd", r["geometry"])
            assert (order, kind) == (1, 1) and (x, y) == pytest.approx((r["lon"], r["lat"]))
    assert table.schema.field("fatalities").type == "int64" and table.schema.field("historical").type == "bool"
    assert wkb_point(1.5, 2.5) == struct.pack("<BIdd", 1, 1, 1.5, 2.5)
    empty = tmp_path / "empty.parquet"
    assert to_geoparquet([], empty) == 0
    assert pq.read_table(empty).num_rows == 0
