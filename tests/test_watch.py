"""`watch` against feeds served by a real http.server on 127.0.0.1: new entries once, bad feeds survived."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from eventatlas.engine import PipelineSettings
from eventatlas.store import open_store
from eventatlas.watch import SeenEntries, parse_every, read_feed_list, watch, watch_command

ENTRIES = {
    "a": ("Gunmen attack checkpoint", "Gunmen attacked a police checkpoint in Sirte on Monday, killing two officers."),
    "b": ("Protest in Tunis", "Hundreds of people protested in Tunis on Tuesday against rising prices."),
    "c": ("Clashes in Derna", "Fighters clashed with soldiers in Derna on Wednesday; three people were killed."),
}


def rss(keys: list[str], edited: str = "") -> str:
    items = "".join(
        f"<item><title>{ENTRIES[k][0]}</title><link>http://news.example/{k}</link>"
        f"<guid>http://news.example/{k}</guid><pubDate>Mon, 0{i + 1} Jun 2015 10:00:00 GMT</pubDate>"
        f"<description>{ENTRIES[k][1]}{edited if k == 'a' else ''}</description></item>"
        for i, k in enumerate(keys)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Coast Wire</title>'
        f"<link>http://news.example/</link><description>news</description>{items}</channel></rss>"
    )


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Path, str]]:
    """A folder served over HTTP on a free loopback port: (folder, base URL); loopback fetches allowed."""
    monkeypatch.setenv("EVENTATLAS_ALLOW_PRIVATE_URLS", "1")
    root = tmp_path / "site"
    root.mkdir()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield root, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_intervals_and_feed_lists(tmp_path):
    assert parse_every("15m") == 900 and parse_every("30s") == 30 and parse_every("2h") == 7200
    assert parse_every("1d") == 86400 and parse_every("45") == 45
    for bad in ("", "soon", "0s", "5 weeks"):
        with pytest.raises(ValueError):
            parse_every(bad)
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("# news\nhttp://a.example/rss\n\n  ./local.xml  \nhttp://a.example/rss\n", encoding="utf-8")
    assert read_feed_list(feeds) == ["http://a.example/rss", "./local.xml"]
    seen = SeenEntries(tmp_path / "seen.json")
    seen.add("url:x")
    seen.save()
    assert "url:x" in SeenEntries(tmp_path / "seen.json")
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    assert "url:x" not in SeenEntries(tmp_path / "broken.json")


def test_watch_ingests_new_entries_once_and_survives_bad_feeds(tmp_path, site, gazetteer_path):
    root, base = site
    (root / "coast.xml").write_text(rss(["a", "b"]), encoding="utf-8")
    (root / "garbage.xml").write_bytes(b"\x00\x01 this is no feed \xff" * 20)
    local_feed = tmp_path / "local.xml"
    local_feed.write_text(rss(["c"]), encoding="utf-8")
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(
        f"{base}/coast.xml\n{base}/missing.xml\n{base}/garbage.xml\n{local_feed}\nhttp://127.0.0.1:9/down.xml\n",
        encoding="utf-8",
    )
    store = open_store(tmp_path / "atlas.db")
    settings = PipelineSettings.of(gazetteer_path=gazetteer_path)
    lines: list[str] = []

    first = watch(feeds, store, once=True, settings=settings, log=lines.append)[0]
    assert first.feeds == 5 and len(first.failed) == 3
    assert first.new_entries == 3 and first.documents_added == 3
    assert {e.origin for e in first.failed} == {f"{base}/missing.xml", f"{base}/garbage.xml", "http://127.0.0.1:9/down.xml"}
    poll_lines = [line for line in lines if " poll: " in line]
    assert len(poll_lines) == 1 and "3 new, 3 documents added" in poll_lines[0]
    assert sum("missing.xml" in line for line in lines) == 1
    assert store.stats()["documents"] == 3

    # next poll: one new entry, and an old entry whose summary was edited: only the new one goes in
    (root / "coast.xml").write_text(
        rss(["a", "b"], edited=" Officials later confirmed the toll.").replace(
            "</channel>",
            "<item><title>New</title><link>http://news.example/d</link><description>"
            "A car bomb exploded in Benghazi on Thursday, wounding five people.</description></item></channel>",
        ),
        encoding="utf-8",
    )
    second = watch(feeds, store, once=True, settings=settings, log=lines.append)[0]
    assert second.new_entries == 1 and second.documents_added == 1
    assert store.stats()["documents"] == 4

    # a restart (new state object, same file) still remembers: nothing new
    third = watch(feeds, store, max_polls=1, every=1, settings=settings, log=lines.append)[0]
    assert third.new_entries == 0 and third.documents_added == 0
    assert (tmp_path / "feeds.txt.seen.json").exists()


def test_watch_command_once(tmp_path, site, gazetteer_path):
    root, base = site
    (root / "coast.xml").write_text(rss(["a"]), encoding="utf-8")
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"{base}/coast.xml\n", encoding="utf-8")
    app = typer.Typer()
    app.command("watch")(watch_command)
    app.command("noop")(lambda: None)  # two commands, so `watch` is a subcommand as in the real CLI
    db = tmp_path / "cli.db"
    runner = CliRunner()
    result = runner.invoke(app, ["watch", str(feeds), "--once", "--db", str(db), "--gazetteer", str(gazetteer_path)])
    assert result.exit_code == 0, result.output
    assert " poll: 1 feeds (0 failed), 1 entries, 1 new, 1 documents added" in result.output
    assert open_store(db).stats()["documents"] == 1
    bad = runner.invoke(app, ["watch", str(feeds), "--every", "soon", "--db", str(db)])
    assert bad.exit_code == 2


def test_watch_follow_reads_the_linked_article_once(tmp_path, site, gazetteer_path):
    root, base = site
    article = (
        "<html><head><title>Blast in Benghazi</title></head><body><article><h1>Blast in Benghazi</h1>"
        "<p>A car bomb exploded near a hospital in Benghazi on Thursday, killing four people and wounding"
        " eleven, medical officials said.</p><p>No group claimed the attack. Security forces closed the"
        " surrounding streets while firefighters put out the flames.</p></article></body></html>"
    )
    (root / "blast.html").write_text(article, encoding="utf-8")
    feed = rss(["a"]).replace("http://news.example/a", f"{base}/blast.html")
    (root / "coast.xml").write_text(feed, encoding="utf-8")
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"{base}/coast.xml\n", encoding="utf-8")
    store = open_store(tmp_path / "follow.db")
    settings = PipelineSettings.of(gazetteer_path=gazetteer_path)
    first = watch(feeds, store, once=True, follow=True, settings=settings, log=lambda line: None)[0]
    assert first.new_entries == 1 and first.documents_added == 1, first
    texts = [r["sentence"] for e in store.query_events() for r in store.event_detail(e["id"])["reports"]]
    assert any("car bomb" in t for t in texts) and not any("checkpoint" in t for t in texts)
    (root / "blast.html").write_text(article.replace("eleven", "twelve"), encoding="utf-8")
    again = watch(feeds, store, once=True, follow=True, settings=settings, log=lambda line: None)[0]
    assert again.new_entries == 0 and store.stats()["documents"] == 1
