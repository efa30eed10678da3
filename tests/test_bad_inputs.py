"""Bad inputs through the real command: each case is a folder with one bad file and one good report.

For each, `eventatlas ingest DIR --db DB` runs in a subprocess and must: print one error line naming
the bad file (and line) and the problem, store the good report, exit 1 (README "Exit status and
errors"), and leave no partial document behind. Inputs that look odd but are valid (latin-1, UTF-16
with a BOM, a page full of scripts) must be read correctly and exit 0.

The cases run in parallel (one spaCy load each) so that the suite stays fast. The large file is 200 MB
of text (written in under a second); it is refused from its size, so the ingest reading it must not
use more memory than the others (it is deleted once read, not kept under pytest's temporary folders).
"""

from __future__ import annotations

import codecs
import json
import os
import random
import re
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

GOOD = """---
title: Gunmen attack checkpoint in Sirte
published: 2015-03-12
source: Desert Courier
---

Gunmen attacked a police checkpoint in Sirte on Tuesday, killing four officers, a spokesman said.
"""
GOOD_START = "Gunmen attacked a police checkpoint in Sirte"
SENTENCE = "Militias clashed in Misrata on Monday, killing three fighters, witnesses said. "
ACLED_HEADER = (
    "event_id_cnty,event_date,event_type,sub_event_type,actor1,country,location,latitude,longitude,"
    "fatalities,notes\n"
)
TODAY = datetime.now(UTC).date()


@dataclass
class Case:
    """A bad (or odd) input: its files, the errors it must print, what it must store."""

    files: dict[str, bytes | Callable[[Path], None]]
    errors: list[tuple[str, str]]  # (file name with optional ":line", reason pattern)
    exit_code: int = 1
    documents: int = 1  # documents stored, the good report included
    events_imported: int = 0  # dataset rows stored as events
    stored_texts: list[str] = field(default_factory=list)  # texts that must be stored exactly
    absent: list[str] = field(default_factory=list)  # strings no stored document text may contain


LARGE_BYTES = 200 * 1024 * 1024


def _large(path: Path) -> None:
    """200 MB of plausible text, written in 1 MB chunks."""
    chunk = ((SENTENCE * 10 + "\n") * 1400).encode()[: 1024 * 1024]
    with path.open("wb") as out:
        for _ in range(LARGE_BYTES // len(chunk)):
            out.write(chunk)


def _one_line(path: Path) -> None:
    """1 MB of sentences on a single line, no newline at all."""
    path.write_text((SENTENCE * (1024 * 1024 // len(SENTENCE) + 1))[: 1024 * 1024], encoding="utf-8")


def _binary() -> bytes:
    rng = random.Random(20261125)
    return b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(8192))


SCRIPT_PAGE = (
    "<!doctype html><html><head><title>Clash in Misrata</title>"
    "<script>var SCRIPTTEXT = 1; document.write('SCRIPTTEXT');</script>"
    "<script type='application/ld+json'>{\"SCRIPTTEXT\": true}</script></head><body>"
    "<script>alert('SCRIPTTEXT')</script><article><h1>Clash in Misrata</h1>"
    f"<p>{SENTENCE}</p><script>for (var i = 0; i < 9; i++) {{ SCRIPTTEXT(i) }}</script>"
    "<p>Residents fled the old town as shelling went on into the night.</p>"
    "<style>.SCRIPTTEXT { color: red }</style></article>"
    + "<script>SCRIPTTEXT</script>" * 50
    + "</body></html>"
)

LATIN = "Des manifestants se sont rassemblés à Tunis ; la police a arrêté trois étudiants."
UTF16 = "Police arrested six men in Ben Guerdane, the ministry said."

CASES: dict[str, Case] = {
    "binary": Case({"scan.bin": _binary()}, [("scan.bin", r"binary or unreadable")]),
    "zero_bytes": Case({"empty.txt": b""}, [("empty.txt", r"empty$")]),
    "large_file": Case(
        {"dump.txt": _large},
        [("dump.txt", r"text too long: 209,715,200 bytes \(the limit is 500,000 characters\)")],
    ),
    "invalid_utf8": Case(
        {
            "broken.txt": "Protesters marched in Tunis, café owners said. ".encode()
            + b"\xff\xfe\xc3\x28 more text"
        },
        [("broken.txt", r"binary or unreadable \(invalid UTF-8: byte 0xff at offset \d+\)")],
        absent=["Ã©"],
    ),
    # Odd but valid: read correctly, nothing reported, exit 0.
    "latin1_utf16_scripts": Case(
        {
            "latin.txt": LATIN.encode("latin-1"),
            "utf16.txt": codecs.BOM_UTF16_LE + UTF16.encode("utf-16-le"),
            "page.html": SCRIPT_PAGE.encode(),
        },
        [],
        exit_code=0,
        documents=4,
        stored_texts=[LATIN, UTF16],
        absent=["SCRIPTTEXT", "alert(", "color:", "Ã"],
    ),
    "csv_wrong_columns": Case(
        {"other.csv": b"date,place,what,who,how\n2020-01-01,Tripoli,protest,students,peaceful\n"},
        [("other.csv:1", r"not a known CSV layout: missing ACLED columns: event_date")],
    ),
    "csv_broken_quoting": Case(
        {
            "acled.csv": (
                ACLED_HEADER
                + "LBY1,2020-01-02,Battles,Armed clash,Militia,Libya,Tripoli,32.88,13.19,2,Clash in Tripoli\n"
                + 'LBY2,2020-01-03,Battles,Armed clash,Militia,Libya,"Tri"poli,32.88,13.19,1,Stray quote\n'
                + 'LBY3,2020-01-04,Battles,Armed clash,Militia,Libya,Tripoli,32.88,13.19,1,"Never closed\n'
                + "LBY4,2020-01-05,Battles,Armed clash,Militia,Libya,Tripoli,32.88,13.19,1,Swallowed row\n"
            ).encode()
        },
        [
            ("acled.csv:3", r"malformed CSV: ',' expected after '\"'"),
            ("acled.csv:4", r"malformed CSV: unexpected end"),
        ],
        documents=2,
        events_imported=1,
        absent=["LBY4", "Swallowed row"],
    ),
    "truncated_rss": Case(
        {
            "wire.rss": (
                b'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
                b"<item><title>Riot in Zawiya</title><description>Rioters burned tyres in Zawiya on Sunday."
                b"</description><pubDate>Sun, 03 May 2015 10:00:00 GMT</pubDate></item>"
                b"<item><title>Clash in Sirte</title><description>Militias clashed in Sirte on Monday, kill"
            ),
            "feed.xml": b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title><entr',
        },
        [
            ("wire.rss", r"truncated feed .*; 1 complete entries read"),
            ("feed.xml", r"truncated feed .*; 0 complete entries read"),
        ],
        documents=2,
        stored_texts=["Rioters burned tyres in Zawiya on Sunday."],
        absent=["Militias clashed in Sirte on Monday, kill"],
    ),
    "jsonl_wrong_types": Case(
        {
            "batch.jsonl": b"\n".join(
                json.dumps(obj).encode()
                for obj in (
                    {"text": 42},
                    {"text": "Police arrested two men in Tripoli.", "published": 20200101},
                    {"text": ["a", "b"]},
                    {"text": "Police arrested two men in Misrata.", "source": 5, "title": {"x": 1}},
                    {"text": "Police arrested two men in Derna.", "id": True},
                    [1, 2],
                )
            )
        },
        [
            ("batch.jsonl:1", r"wrong type for 'text'"),
            ("batch.jsonl:2", r"wrong type for 'published'"),
            ("batch.jsonl:3", r"wrong type for 'text'"),
            ("batch.jsonl:4", r"wrong type for 'source', 'title'"),
            ("batch.jsonl:5", r"wrong type for 'id'"),
            ("batch.jsonl:6", r"expected a JSON object, got list"),
        ],
    ),
    # Policy: a stated date before 1900 or over a day in the future is bad input (a typo or a
    # placeholder), reported like an unreadable date; tomorrow is allowed for time zones.
    "dates_out_of_range": Case(
        {
            "old.md": b"---\npublished: 1850-01-01\n---\n\nRebels attacked a garrison in Benghazi, killing ten.\n",
            "future.md": b"---\npublished: 2999-01-01\n---\n\nRebels attacked a garrison in Derna, killing ten.\n",
            "tomorrow.md": (
                f"---\npublished: {(TODAY + timedelta(days=1)).isoformat()}\n---\n\n"
                "Rebels attacked a garrison in Tobruk, killing ten.\n"
            ).encode(),
            "dated.jsonl": b'{"text": "Rebels attacked a garrison in Ajdabiya.", "published": "2100-06-01"}\n',
            "acled.csv": (
                ACLED_HEADER
                + "LBY7,1899-12-31,Battles,Armed clash,Militia,Libya,Tripoli,32.88,13.19,2,Old clash\n"
            ).encode(),
        },
        [
            ("old.md", r"published date 1850-01-01 is before 1900"),
            ("future.md", r"published date 2999-01-01 is in the future"),
            ("dated.jsonl:1", r"'published' date 2100-06-01 is in the future"),
            ("acled.csv:2", r"event_date date 1899-12-31 is before 1900"),
        ],
        documents=2,  # the good report and tomorrow.md
    ),
    "acled_coordinates": Case(
        {
            "acled.csv": (
                ACLED_HEADER
                + "LBY8,2020-01-02,Battles,Armed clash,Militia,Libya,Tripoli,32.88,13.19,2,Clash in Tripoli\n"
                + "LBY9,2020-01-02,Battles,Armed clash,Militia,Libya,Tripoli,132.88,13.19,2,Clash north\n"
                + "LBY10,2020-01-02,Battles,Armed clash,Militia,Libya,Tripoli,32.88,-213.19,2,Clash west\n"
            ).encode()
        },
        [
            ("acled.csv:3", r"latitude 132.88 out of range"),
            ("acled.csv:4", r"longitude -213.19 out of range"),
        ],
        documents=2,
        events_imported=1,
        absent=["Clash north", "Clash west"],
    ),
    "one_megabyte_line": Case(
        {"line.txt": _one_line}, [("line.txt", r"text too long: 1,048,576 characters")]
    ),
}


@dataclass
class Run:
    folder: Path
    db: Path
    proc: subprocess.CompletedProcess
    peak_rss_mb: float  # the ingest process's own peak resident memory


def _ingest(folder: Path, db: Path) -> tuple[subprocess.CompletedProcess, float]:
    # COLUMNS: rich wraps stderr at 80 columns when it is not a terminal; one error, one line.
    env = {**os.environ, "COLUMNS": "1000"}
    args = [sys.executable, "-m", "eventatlas", "ingest", str(folder), "--db", str(db)]
    started = time.monotonic()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(args, stdout=out, stderr=err, text=True, env=env)
        timer = threading.Timer(300, proc.kill)
        timer.start()
        _, status, usage = os.wait4(proc.pid, 0)  # this child's own rusage, while others run
        timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        done = subprocess.CompletedProcess(args, proc.returncode, out.read(), err.read())
    print(f"{folder.name}: {time.monotonic() - started:.1f} s, peak {usage.ru_maxrss / 1024:.0f} MB")
    return done, usage.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory, gazetteer_path: Path) -> dict[str, Run]:
    """Every case ingested once, several at a time."""
    root = tmp_path_factory.mktemp("bad_inputs")
    jobs: dict[str, tuple[Path, Path]] = {}
    for name, case in CASES.items():
        folder = root / name
        folder.mkdir()
        (folder / "good.md").write_text(GOOD, encoding="utf-8")
        for file, content in case.files.items():
            if callable(content):
                content(folder / file)
            else:
                (folder / file).write_bytes(content)
        jobs[name] = (folder, root / f"{name}.db")
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        futures = {name: pool.submit(_ingest, *job) for name, job in jobs.items()}
        runs = {name: Run(*jobs[name], *futures[name].result()) for name in jobs}
    (root / "large_file" / "dump.txt").unlink()  # 200 MB: not kept for pytest's last three runs
    return runs


def check_store(db: Path) -> sqlite3.Connection:
    """The store is whole: integrity ok, every report's and mention's document and event exist."""
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    orphans = {
        "reports without document": "SELECT COUNT(*) FROM reports r LEFT JOIN documents d ON d.id = r.doc_id"
        " WHERE d.id IS NULL",
        "reports without event": "SELECT COUNT(*) FROM reports r LEFT JOIN events e ON e.id = r.event_id"
        " WHERE e.id IS NULL",
        "mentions without document": "SELECT COUNT(*) FROM mentions m LEFT JOIN documents d ON d.id = m.doc_id"
        " WHERE d.id IS NULL",
        "events without report": "SELECT COUNT(*) FROM events e WHERE NOT EXISTS"
        " (SELECT 1 FROM reports r WHERE r.event_id = e.id)",
    }
    for what, sql in orphans.items():
        assert conn.execute(sql).fetchone()[0] == 0, what
    return conn


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input(runs: dict[str, Run], name: str) -> None:
    case, run = CASES[name], runs[name]
    stderr = run.proc.stderr
    assert run.proc.returncode == case.exit_code, stderr
    error_lines = [line for line in stderr.splitlines() if line.startswith("error: ")]
    for where, reason in case.errors:
        pattern = re.compile(rf"^error: {re.escape(str(run.folder / where))}: {reason}")
        assert any(pattern.search(line) for line in error_lines), (
            f"no error for {where} ~ {reason!r}:\n{stderr}"
        )
    assert len(error_lines) == len(case.errors), stderr
    assert "Traceback" not in stderr

    conn = check_store(run.db)
    texts = [row[0] for row in conn.execute("SELECT text FROM documents")]
    assert sum(t.startswith(GOOD_START) for t in texts) == 1, "the good report is stored once"
    assert len(texts) == case.documents, texts
    imported = conn.execute("SELECT COUNT(*) FROM events WHERE dataset IS NOT NULL").fetchone()[0]
    assert imported == case.events_imported
    for expected in case.stored_texts:
        assert expected in texts
    for needle in case.absent:
        assert not any(needle in t for t in texts), needle
        assert not conn.execute(
            "SELECT COUNT(*) FROM events WHERE notes LIKE ?", (f"%{needle}%",)
        ).fetchone()[0]
    assert f"{case.documents - case.events_imported} documents added" in run.proc.stdout
    assert f"{len(case.errors)} failed" in run.proc.stdout


def test_large_file_is_not_read_into_memory(runs: dict[str, Run]) -> None:
    """Refused from its size: the ingest of 200 MB peaks no higher than those of small files."""
    others = min(run.peak_rss_mb for name, run in runs.items() if name != "large_file")
    assert runs["large_file"].peak_rss_mb < others + 100, (runs["large_file"].peak_rss_mb, others)


def test_size_alone_refuses_only_single_texts(tmp_path: Path) -> None:
    """Past 4 bytes a character a text cannot fit the limit, but a dataset or JSONL batch may be that big."""
    from eventatlas.ingest import MAX_TEXT_CHARS, InputError, iter_records
    from eventatlas.model import Document

    size = 4 * MAX_TEXT_CHARS + 4096
    line = json.dumps({"text": SENTENCE}) + "\n"
    (tmp_path / "batch").write_text(line * (size // len(line) + 1), encoding="utf-8")  # no extension
    (tmp_path / "dump").write_text(SENTENCE * (size // len(SENTENCE) + 1), encoding="utf-8")
    (tmp_path / "page.html").write_text(SCRIPT_PAGE + "<p>x</p>" * (21 * 1024 * 1024 // 8), encoding="utf-8")
    records = list(iter_records([tmp_path]))
    errors = {Path(r.origin).name: r.reason for r in records if isinstance(r, InputError)}
    assert sum(isinstance(r, Document) for r in records) == size // len(line) + 1
    assert re.fullmatch(
        r"text too long: [\d,]+ bytes \(the limit is 500,000 characters\)", errors.pop("dump")
    )
    assert re.fullmatch(r"page too large: [\d,]+ bytes \(the limit is 20,971,520\)", errors.pop("page.html"))
    assert errors == {}
