"""The readers stage on real files of each format, written here; fetching against a real local server."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from eventatlas.ingest import FORMATS, ImportedEvent, InputError, fetch_url, iter_records
from eventatlas.model import SUB_EVENT_TYPES, Document

SIRTE = "Fighters of two rival brigades clashed near the port of Sirte on Saturday, residents said."
MISRATA = "Three people were killed when a rocket hit a market in Misrata late on Tuesday."
ZAWIYA = "Gunmen abducted a local council member in Zawiya on Monday, his family said."
GHARYAN = "Residents of Gharyan marched through the town centre to demand the release of detainees."


def read(*inputs: Path | str, **kwargs: object) -> list:
    return list(iter_records([str(i) for i in inputs], **kwargs))  # type: ignore[arg-type]


def only(records: list, kind: type) -> list:
    return [r for r in records if isinstance(r, kind)]


def write(path: Path, content: str | bytes, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode(encoding)
    path.write_bytes(content)
    return path


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Path, str]]:
    """A real HTTP server on 127.0.0.1 serving a folder; yields (folder, base URL).

    Loopback addresses are refused by default, so these tests allow them explicitly."""
    monkeypatch.setenv("EVENTATLAS_ALLOW_PRIVATE_URLS", "1")
    root = tmp_path / "site"
    root.mkdir()
    handler = functools.partial(QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield root, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


# --- text and Markdown ------------------------------------------------------------------------------


def test_text_front_matter(tmp_path: Path) -> None:
    path = write(
        tmp_path / "sirte.txt",
        "---\ntitle: Clashes in Sirte\npublished: 2024-03-02\nsource: Libya Herald\n"
        "url: https://example.org/sirte\n---\n" + SIRTE + "\n",
    )
    [doc] = read(path)
    assert isinstance(doc, Document)
    assert doc.text == SIRTE
    assert (doc.title, doc.published, doc.source, doc.url) == (
        "Clashes in Sirte",
        date(2024, 3, 2),
        "Libya Herald",
        "https://example.org/sirte",
    )
    assert doc.origin == str(path)


def test_front_matter_written_dates_and_command_line_values(tmp_path: Path) -> None:
    dated = write(tmp_path / "a.txt", f"---\npublished: 5 March 2024\nsource: Alwasat\n---\n{MISRATA}")
    bare = write(tmp_path / "b.txt", ZAWIYA)
    first, second = read(dated, bare, source="Field notes", published=date(2024, 1, 1))
    assert first.published == date(2024, 3, 5)  # the file's own date wins
    assert first.source == "Field notes"  # the command line names the source
    assert second.published == date(2024, 1, 1)  # and fills a missing date
    assert second.title is None


def test_markdown_title_from_heading_and_markup_removed(tmp_path: Path) -> None:
    path = write(
        tmp_path / "report.md",
        f"# Rocket hits **Misrata** market\n\n{MISRATA}\n\n- See [the map](https://example.org/map).\n",
    )
    [doc] = read(path)
    assert doc.title == "Rocket hits Misrata market"
    assert MISRATA in doc.text
    assert "See the map." in doc.text
    assert "**" not in doc.text and "](" not in doc.text


def test_front_matter_title_wins_over_heading(tmp_path: Path) -> None:
    path = write(tmp_path / "r.markdown", f"---\ntitle: 'Zawiya abduction'\n---\n## Other\n{ZAWIYA}")
    [doc] = read(path)
    assert doc.title == "Zawiya abduction"


# --- HTML -------------------------------------------------------------------------------------------

PAGE = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Clashes in Sirte | Libya Herald</title>
<meta property="og:site_name" content="Libya Herald">
<meta property="article:published_time" content="2024-03-02T10:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Clashes in Sirte</h1><p>{SIRTE}</p><p>{MISRATA}</p></article>
<footer>Copyright Libya Herald</footer></body></html>"""


def test_html_file(tmp_path: Path) -> None:
    [doc] = read(write(tmp_path / "page.html", PAGE))
    assert isinstance(doc, Document)
    assert SIRTE in doc.text and MISRATA in doc.text
    assert "Copyright" not in doc.text
    assert doc.title == "Clashes in Sirte"
    assert doc.published == date(2024, 3, 2)
    assert doc.source == "Libya Herald"


def test_html_url_through_real_server(site: tuple[Path, str]) -> None:
    root, base = site
    write(root / "news" / "sirte", PAGE)  # no extension: the content type decides
    [doc] = read(f"{base}/news/sirte")
    assert isinstance(doc, Document)
    assert SIRTE in doc.text
    assert doc.url == f"{base}/news/sirte" and doc.origin == doc.url


def test_default_fetch_follows_redirects_and_refuses_other_schemes(site: tuple[Path, str]) -> None:
    root, base = site
    write(root / "news" / "index.html", PAGE)
    [doc] = read(f"{base}/news")  # the server answers 301 -> /news/
    assert isinstance(doc, Document) and SIRTE in doc.text
    with pytest.raises(ValueError):
        fetch_url("file:///etc/hostname")


def test_private_and_loopback_addresses_are_refused_by_default(
    site: tuple[Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root, base = site
    write(root / "page.html", PAGE)
    monkeypatch.delenv("EVENTATLAS_ALLOW_PRIVATE_URLS")
    for url in (f"{base}/page.html", "http://10.1.2.3/x", "http://169.254.169.254/latest", "http://[::1]/"):
        with pytest.raises(ValueError, match="non-public"):
            fetch_url(url)
    [error] = read(f"{base}/page.html")
    assert isinstance(error, InputError) and "non-public" in error.reason


def test_unreachable_url_is_an_error(site: tuple[Path, str]) -> None:
    _, base = site
    [error] = read(f"{base}/missing.html")
    assert isinstance(error, InputError)
    assert error.origin == f"{base}/missing.html" and "404" in error.reason


# --- JSONL ------------------------------------------------------------------------------------------


def test_jsonl_good_and_bad_lines(tmp_path: Path) -> None:
    lines = [
        f'{{"id": "a1", "text": "{SIRTE}", "published": "2024-03-02", "source": "Alwasat", "title": "Sirte"}}',
        '{"id": "a2", "text": ',  # invalid JSON
        "",  # blank lines are skipped
        '{"id": "a3", "title": "no text"}',
        '{"id": "a4", "text": 42}',
        '{"id": "a5", "text": "Some text.", "published": 2024}',
        f'{{"id": 6, "text": "{MISRATA}", "url": "https://example.org/m"}}',
        '["not", "an", "object"]',
    ]
    path = write(tmp_path / "reports.jsonl", "\n".join(lines) + "\n")
    records = read(path)
    docs, errors = only(records, Document), only(records, InputError)
    assert [d.external_id for d in docs] == ["a1", "6"]
    assert docs[0].published == date(2024, 3, 2) and docs[0].source == "Alwasat" and docs[0].title == "Sirte"
    assert docs[0].origin == f"{path}:1" and docs[1].origin == f"{path}:7"
    assert docs[1].url == "https://example.org/m"
    assert [e.line for e in errors] == [2, 4, 5, 6, 8]
    assert all(e.origin == str(path) for e in errors)
    assert "invalid JSON" in errors[0].reason
    assert "text" in errors[1].reason and "text" in errors[2].reason
    assert "published" in errors[3].reason
    assert str(errors[0]).startswith(f"{path}:2: ")


# --- encodings, binary, empty -----------------------------------------------------------------------


def test_utf16_with_bom(tmp_path: Path) -> None:
    text = "Des combats à Syrte ont fait trois morts, selon l’armée."
    [doc] = read(write(tmp_path / "fr.txt", text, encoding="utf-16"))  # Python writes the BOM
    assert doc.text == text


def test_utf8_with_bom_front_matter(tmp_path: Path) -> None:
    [doc] = read(write(tmp_path / "bom.md", "---\ntitle: Gharyan\n---\n" + GHARYAN, encoding="utf-8-sig"))
    assert doc.title == "Gharyan" and doc.text == GHARYAN


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_western_single_byte(tmp_path: Path, encoding: str) -> None:
    text = "Kämpfe in Sirte: drei Tote, sagte ein Sprecher der Brigade – später mehr."
    if encoding == "latin-1":
        text = text.replace("–", "-")
    [doc] = read(write(tmp_path / "de.txt", text, encoding=encoding))
    assert doc.text == text


def test_binary_and_empty_files(tmp_path: Path) -> None:
    binary = write(tmp_path / "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01")
    empty = write(tmp_path / "empty.md", b"")
    blank = write(tmp_path / "blank.jsonl", b"  \n\n")
    good = write(tmp_path / "good.txt", SIRTE)
    records = read(binary, empty, blank, good)
    assert [type(r) for r in records] == [InputError, InputError, InputError, Document]
    assert "binary or unreadable" in records[0].reason and records[0].origin == str(binary)
    assert records[1].reason == "empty" and records[2].reason == "empty"


def test_missing_path_and_unknown_format(tmp_path: Path) -> None:
    [error] = read(tmp_path / "nowhere.txt")
    assert isinstance(error, InputError) and "no such file" in error.reason
    assert str(error) == f"{tmp_path / 'nowhere.txt'}: no such file or directory"
    [bad] = read(tmp_path, fmt="pdf")
    assert isinstance(bad, InputError) and "unknown format" in bad.reason
    assert "auto" in FORMATS and "ucdp" in FORMATS


# --- directories ------------------------------------------------------------------------------------


def test_directory_walk_sorted_recursive_skipping_hidden(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    write(root / "b.txt", MISRATA)
    write(root / "a" / "z.md", f"# Zawiya\n{ZAWIYA}")
    write(root / "a" / "page.htm", PAGE)
    write(root / ".hidden.txt", GHARYAN)
    write(root / ".git" / "notes.txt", GHARYAN)
    write(root / "c.jsonl", f'{{"text": "{GHARYAN}"}}\n')
    records = read(root)
    assert all(isinstance(r, Document) for r in records)
    assert [Path(r.origin.split(":")[0]).name for r in records] == ["page.htm", "z.md", "b.txt", "c.jsonl"]
    assert not any(GHARYAN == r.text and r.origin.endswith(".txt") for r in records)


def test_forced_format_applies_to_every_file(tmp_path: Path) -> None:
    path = write(tmp_path / "notes.log", f'{{"id": "x", "text": "{SIRTE}"}}\n')
    [doc] = read(path, fmt="jsonl")
    assert doc.external_id == "x"
    [sniffed] = read(path)  # auto: a line starting with "{" is sniffed as JSONL
    assert sniffed.external_id == "x"


# --- coded datasets ---------------------------------------------------------------------------------

ACLED_2016_HEADER = (
    "GWNO,EVENT_ID_CNTY,EVENT_ID_NO_CNTY,EVENT_DATE,YEAR,TIME_PRECISION,EVENT_TYPE,ACTOR1,ALLY_ACTOR_1,"
    "INTER1,ACTOR2,ALLY_ACTOR_2,INTER2,INTERACTION,COUNTRY,ADMIN1,ADMIN2,ADMIN3,LOCATION,LATITUDE,"
    "LONGITUDE,GEO_PRECISION,SOURCE,NOTES,FATALITIES"
)


def acled_2016_row(eid: str, day: str, etype: str, notes: str, lat: str = "31.2089", fat: str = "0") -> str:
    return (
        f"620,{eid},,{day},2016,1,{etype},Military Forces of Libya (2014-),,1,Islamic State (Libya),,2,12,"
        f'Libya,Surt,Surt,,Sirte,{lat},16.5887,1,Libya Herald,"{notes}",{fat}'
    )


def test_acled_2016_layout_latin1(tmp_path: Path) -> None:
    rows = [
        acled_2016_row("1LBY", "05/01/2016", "Battle-No change of territory", SIRTE, fat="3"),
        acled_2016_row("2LBY", "06/01/2016", "Remote violence", "An air strike hit a depot near Sirte."),
        acled_2016_row("3LBY", "07/01/2016", "Remote violence", "A roadside IED struck a patrol."),
        acled_2016_row("4LBY", "08/01/2016", "Remote violence", "Militants shelled the harbour."),
        acled_2016_row("5LBY", "09/01/2016", "Violence against civilians", "Gunmen kidnapped a doctor."),
        acled_2016_row("6LBY", "10/01/2016", "Riots/Protests", "Residents protested peacefully."),
        acled_2016_row("7LBY", "11/01/2016", "Riots/Protests", "Youths rioted and burned tyres."),
        acled_2016_row("8LBY", "12/01/2016", "Strategic development", "Police arrested two smugglers."),
        acled_2016_row("9LBY", "31/02/2016", "Battle-No change of territory", "Bad date."),
        acled_2016_row("10LBY", "13/01/2016", "Battle-Government regains territory", "Far off.", lat="131.2"),
        acled_2016_row("11LBY", "14/01/2016", "Headquarters or base established", "Le café à Syrte’s port."),
        acled_2016_row("12LBY", "15/01/2016", "Non-violent transfer of territory", "Forces withdrew."),
    ]
    path = write(tmp_path / "acled.csv", ACLED_2016_HEADER + "\n" + "\n".join(rows) + "\n", encoding="cp1252")
    records = read(path)
    events = {r.event.dataset_id: r for r in only(records, ImportedEvent)}
    errors = only(records, InputError)
    assert [(e.line, "event_date" in e.reason or "latitude" in e.reason) for e in errors] == [
        (10, True),
        (11, True),
    ]
    assert len(events) == 10
    types = {k: (v.event.event_type, v.event.sub_event_type) for k, v in events.items()}
    assert types == {
        "1LBY": ("Battles", "Armed clash"),
        "2LBY": ("Explosions/Remote violence", "Air/drone strike"),
        "3LBY": ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
        "4LBY": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
        "5LBY": ("Violence against civilians", "Abduction/forced disappearance"),
        "6LBY": ("Protests", "Peaceful protest"),
        "7LBY": ("Riots", "Violent demonstration"),
        "8LBY": ("Strategic developments", "Arrests"),
        "11LBY": ("Strategic developments", "Headquarters or base established"),
        "12LBY": ("Strategic developments", "Non-violent transfer of territory"),
    }
    assert all(SUB_EVENT_TYPES[sub] == et for et, sub in types.values())
    first = events["1LBY"]
    event, doc = first.event, first.document
    assert event.dataset == "ACLED" and event.date == date(2016, 1, 5) and event.fatalities == 3
    assert (event.actor1, event.actor2, event.actor1_type, event.actor2_type) == (
        "Military Forces of Libya (2014-)",
        "Islamic State (Libya)",
        1,
        2,
    )
    assert event.location is not None
    assert (event.location.name, event.location.country_code, event.location.admin1) == (
        "Sirte",
        "LY",
        "Surt",
    )
    assert (event.location.lat, event.location.lon) == (31.2089, 16.5887)
    assert (event.geo_precision, event.time_precision) == (1, 1)
    assert event.certainty == "reported" and event.attribution == "Libya Herald" and event.notes == SIRTE
    assert doc.text == SIRTE and doc.source == "Libya Herald" and doc.published == date(2016, 1, 5)
    assert doc.origin == f"{path}:2" and doc.external_id == "1LBY"
    assert [(s.start, s.end) for s in event.evidence] == [(0, len(SIRTE))]
    [report] = event.reports
    assert (report.doc_id, report.start, report.end, report.sentence) == (doc.id, 0, len(SIRTE), SIRTE)
    assert report.source == "Libya Herald" and report.published == date(2016, 1, 5)
    assert event.doc_id == doc.id and event.id
    assert events["11LBY"].document.text == "Le café à Syrte’s port."  # cp1252 quote read right


ACLED_NOW_HEADER = (
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,"
    "assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,"
    "country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,"
    "notes,fatalities,tags,timestamp"
)


def test_acled_current_layout(tmp_path: Path) -> None:
    rows = [
        "LBY1001,2024-02-13,2024,1,Political violence,Battles,Armed clash,Tariq Ben Ziyad Brigade,,1,"
        "Rada Special Deterrence Forces,,3,13,,434,Northern Africa,Libya,Tripoli,Tripoli,,Tripoli,"
        f'32.8872,13.1913,1,Libya Observer,National,"{SIRTE}",2,,1708000000',
        "LBY1002,13 February 2024,2024,2,Political violence,Explosions/Remote violence,Air/drone strike,"
        "Unidentified Armed Group (Libya),,3,,,0,30,,434,Northern Africa,Libya,Misrata,Misrata,,Misrata,"
        f'32.3754,15.0925,2,Alwasat,National,"{MISRATA}",3,,1708000000',
        "LBY1003,2024-02-14,2024,1,Political violence,Battles,Drone swarm,A,,1,,,0,10,,434,Northern Africa,"
        "Libya,Tripoli,Tripoli,,Tripoli,32.88,13.19,1,X,National,Unknown sub-type.,0,,1708000000",
    ]
    path = write(tmp_path / "acled_2024.csv", ACLED_NOW_HEADER + "\n" + "\n".join(rows) + "\n")
    records = read(path)
    first, second, error = records
    assert isinstance(first, ImportedEvent) and isinstance(second, ImportedEvent)
    assert (first.event.event_type, first.event.sub_event_type) == ("Battles", "Armed clash")
    assert first.event.date == date(2024, 2, 13) and second.event.date == date(2024, 2, 13)
    assert second.event.sub_event_type == "Air/drone strike" and second.event.actor2 is None
    assert second.event.time_precision == 2 and second.event.geo_precision == 2
    assert first.event.location is not None and first.event.location.country_code == "LY"
    assert first.event.actor2_type == 3 and second.event.fatalities == 3
    assert isinstance(error, InputError) and error.line == 4 and "Drone swarm" in error.reason


UCDP_HEADER = (
    "id,relid,year,active_year,code_status,type_of_violence,conflict_dset_id,conflict_new_id,"
    "conflict_name,dyad_dset_id,dyad_new_id,dyad_name,side_a_dset_id,side_a_new_id,side_a,"
    "side_b_dset_id,side_b_new_id,side_b,number_of_sources,source_article,source_office,source_date,"
    "source_headline,source_original,where_prec,where_coordinates,where_description,adm_1,adm_2,"
    "latitude,longitude,geom_wkt,priogrid_gid,country,country_id,region,event_clarity,date_prec,"
    "date_start,date_end,deaths_a,deaths_b,deaths_civilians,deaths_unknown,best,high,low"
)


def ucdp_row(rid: str, kind: int, where_prec: int, date_prec: int, start: str, headline: str) -> str:
    return (
        f"{rid},LBY-2016-1-{rid},2016,1,Clear,{kind},1,1,Libya:Government,1,1,"
        f"Government of Libya - IS,1,1,Government of Libya,2,2,IS,1,"
        f'"Agence France Presse,2016-01-05,{headline}",,,"{headline}",,{where_prec},Sirte town,'
        f"Sirte,Surt district,,31.2089,16.5887,POINT (16.5887 31.2089),1,Libya,620,Africa,1,"
        f"{date_prec},{start},{start},1,2,0,0,3,4,3"
    )


def test_ucdp_ged_layout(tmp_path: Path) -> None:
    rows = [
        ucdp_row("101", 1, 1, 1, "2016-01-05", SIRTE),
        ucdp_row("102", 3, 3, 2, "2016-01-06 00:00:00.000", ZAWIYA),
        ucdp_row("103", 2, 6, 5, "2016-01-07", ""),
        ucdp_row("104", 9, 1, 1, "2016-01-08", "Unknown kind."),
        ucdp_row("105", 1, 1, 1, "sometime", "No date."),
    ]
    path = write(tmp_path / "ged.csv", UCDP_HEADER + "\n" + "\n".join(rows) + "\n")
    records = read(path)
    imported, errors = only(records, ImportedEvent), only(records, InputError)
    assert [e.line for e in errors] == [5, 6]
    assert "type_of_violence" in errors[0].reason and "date_start" in errors[1].reason
    a, b, c = (r.event for r in imported)
    assert (a.dataset, a.dataset_id, a.event_type, a.sub_event_type) == (
        "UCDP GED",
        "101",
        "Battles",
        "Armed clash",
    )
    assert (b.event_type, b.sub_event_type) == ("Violence against civilians", "Attack")
    assert (c.event_type, c.sub_event_type) == ("Battles", "Armed clash")
    assert [(e.geo_precision, e.time_precision) for e in (a, b, c)] == [(1, 1), (2, 2), (3, 3)]
    assert (a.actor1, a.actor2, a.fatalities, a.date) == ("Government of Libya", "IS", 3, date(2016, 1, 5))
    assert b.date == date(2016, 1, 6)
    assert a.location is not None and a.location.name == "Sirte town" and a.location.country_code == "LY"
    assert a.location.admin1 == "Surt district"
    assert a.attribution is not None and a.attribution.startswith("Agence France Presse")
    assert imported[0].document.text == SIRTE and a.notes == SIRTE
    assert imported[2].document.text  # no headline: a description is written from the row
    assert imported[0].document.origin == f"{path}:2"


def test_unknown_csv_header_names_missing_columns(tmp_path: Path) -> None:
    path = write(tmp_path / "other.csv", "event_date,event_type,actor1,place\n2024-01-01,Battles,A,Sirte\n")
    [error] = read(path)
    assert isinstance(error, InputError) and error.line == 1
    assert "country" in error.reason and "latitude" in error.reason and "ACLED" in error.reason


def test_forced_dataset_format_must_match(tmp_path: Path) -> None:
    path = write(
        tmp_path / "ged.csv", UCDP_HEADER + "\n" + ucdp_row("1", 1, 1, 1, "2016-01-05", SIRTE) + "\n"
    )
    [error] = read(path, fmt="acled")
    assert isinstance(error, InputError) and "ACLED" in error.reason and "event_date" in error.reason
    [ok] = read(path, fmt="ucdp")
    assert isinstance(ok, ImportedEvent)


# --- feeds ------------------------------------------------------------------------------------------


def rss(items: list[tuple[str, str, str, str]]) -> str:
    body = "".join(
        f"<item><title>{t}</title><link>{link}</link><pubDate>{d}</pubDate>"
        f"<description><![CDATA[<p>{s}</p>]]></description></item>"
        for t, link, d, s in items
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Libya Wire</title>'
        f"<link>https://example.org/</link><description>News</description>{body}</channel></rss>"
    )


def test_rss_file(tmp_path: Path) -> None:
    path = write(
        tmp_path / "wire.xml",
        rss(
            [
                ("Clashes in Sirte", "https://example.org/sirte", "Sat, 02 Mar 2024 09:00:00 GMT", SIRTE),
                (
                    "Rocket hits Misrata",
                    "https://example.org/misrata",
                    "Tue, 05 Mar 2024 21:00:00 GMT",
                    MISRATA,
                ),
            ]
        ),
    )
    first, second = read(path)
    assert (first.title, first.url, first.published, first.source) == (
        "Clashes in Sirte",
        "https://example.org/sirte",
        date(2024, 3, 2),
        "Libya Wire",
    )
    assert first.text == SIRTE and "<p>" not in first.text
    assert second.text == MISRATA and second.origin == str(path)


def test_atom_file(tmp_path: Path) -> None:
    atom = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Zawiya Monitor</title><id>urn:zm</id>
<updated>2024-03-04T12:00:00Z</updated>
<entry><title>Council member abducted</title><id>urn:zm:1</id>
<link href="https://example.org/zawiya"/><updated>2024-03-04T12:00:00Z</updated>
<published>2024-03-04T08:00:00Z</published>
<content type="html">&lt;p&gt;{ZAWIYA}&lt;/p&gt;&lt;p&gt;{GHARYAN}&lt;/p&gt;</content></entry>
<entry><title>Only a title</title><id>urn:zm:2</id><updated>2024-03-05T12:00:00Z</updated></entry>
</feed>"""
    path = write(tmp_path / "monitor.atom", atom)
    first, second = read(path, source="Monitor")
    assert first.title == "Council member abducted" and first.url == "https://example.org/zawiya"
    assert first.published == date(2024, 3, 4) and first.source == "Monitor"
    assert ZAWIYA in first.text and GHARYAN in first.text and "<p>" not in first.text
    assert second.text == "Only a title" and second.published == date(2024, 3, 5)


def test_follow_feed_links_on_real_server(site: tuple[Path, str]) -> None:
    root, base = site
    write(root / "sirte.html", PAGE)
    feed = rss(
        [
            ("Clashes in Sirte", f"{base}/sirte.html", "Sat, 02 Mar 2024 09:00:00 GMT", "Short summary."),
            ("Gone", f"{base}/gone.html", "Sun, 03 Mar 2024 09:00:00 GMT", GHARYAN),
        ]
    )
    write(root / "feed", feed)  # served without a feed extension: the content decides
    records = read(f"{base}/feed", follow=True)
    docs, errors = only(records, Document), only(records, InputError)
    assert len(docs) == 2 and len(errors) == 1
    article, fallback = docs
    assert SIRTE in article.text and MISRATA in article.text
    assert article.url == f"{base}/sirte.html" and article.title == "Clashes in Sirte"
    assert article.published == date(2024, 3, 2) and article.source == "Libya Wire"
    assert fallback.text == GHARYAN and fallback.url == f"{base}/gone.html"
    assert errors[0].origin == f"{base}/gone.html" and "could not follow" in errors[0].reason
    assert "404" in errors[0].reason
    # without follow only the summaries come
    assert [d.text for d in read(f"{base}/feed")] == ["Short summary.", GHARYAN]


def test_not_a_feed(tmp_path: Path) -> None:
    [error] = read(write(tmp_path / "broken.rss", "<rss><channel><title>x</title></channel></rss>"))
    assert isinstance(error, InputError) and "no entries" in error.reason


def test_iter_records_takes_one_path_as_a_string(tmp_path) -> None:
    """A single path given as a string is that path, not an iterable of its characters."""
    from eventatlas.ingest import iter_records

    report = tmp_path / "report.txt"
    report.write_text("Gunmen attacked a checkpoint near the river on Monday.", encoding="utf-8")
    docs = list(iter_records(str(report)))
    assert len(docs) == 1 and "checkpoint" in docs[0].text
    assert len(list(iter_records(report))) == 1
