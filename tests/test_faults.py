"""Faults during an ingest, through the real command in subprocesses and a real SQLite file.

- `kill -9` at seeded random points of an ingest of 30 reports, then a rerun: the store ends with
  exactly what an uninterrupted run stores, nothing twice, integrity ok (one transaction a document).
- Two ingests at once into one store over overlapping inputs: both succeed, counts as one run.
- Reading while an ingest writes (WAL): a thread queries the store in a loop and never fails.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

PLACES = (
    "Sirte Benghazi Tripoli Misrata Derna Tobruk Zawiya Sabha Ajdabiya Tunis Sfax Sousse Gabes Kairouan "
    "Bizerte Cairo Alexandria Aleppo Homs Idlib Mosul Kirkuk Basra Kabul Kandahar Herat Mogadishu Kismayo "
    "Baidoa Maiduguri"
).split()
ACTORS = ("Gunmen", "Militia fighters", "Rebels", "Unidentified attackers", "Soldiers")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _report(i: int, place: str) -> str:
    actor, day = ACTORS[i % len(ACTORS)], DAYS[i % len(DAYS)]
    return (
        f"---\ntitle: Violence in {place} ({i})\npublished: 2019-{i % 12 + 1:02d}-{i % 27 + 1:02d}\n"
        f"source: Test Wire {i % 4}\n---\n\n"
        f"{actor} attacked a market in {place} on {day}, killing {i % 9 + 2} civilians, a local official said.\n\n"
        f"Hundreds of residents protested in {place} the next day against the violence, witnesses said.\n\n"
        f"Police arrested {i % 5 + 1} suspects near {place} on {DAYS[(i + 2) % 7]}, according to the ministry.\n"
    )


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("fault_corpus")
    paths = []
    for i, place in enumerate(PLACES):
        path = folder / f"report_{i:02d}.md"
        path.write_text(_report(i, place), encoding="utf-8")
        paths.append(path)
    return paths


def _command(inputs: list[Path], db: Path) -> list[str]:
    return [sys.executable, "-m", "eventatlas", "ingest", *map(str, inputs), "--db", str(db)]


def _ingest(inputs: list[Path], db: Path) -> subprocess.CompletedProcess:
    proc = subprocess.run(_command(inputs, db), capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return proc


def snapshot(db: Path) -> dict[str, object]:
    """Counts, identities and the checks that say the file is whole and holds nothing twice."""
    conn = sqlite3.connect(db, timeout=60)
    try:
        one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
        assert one("PRAGMA integrity_check") == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert one("SELECT COUNT(*) FROM (SELECT text FROM documents GROUP BY text HAVING COUNT(*) > 1)") == 0
        assert (
            one("SELECT COUNT(*) FROM reports r LEFT JOIN documents d ON d.id = r.doc_id WHERE d.id IS NULL")
            == 0
        )
        assert (
            one(
                "SELECT COUNT(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM reports r WHERE r.event_id = e.id)"
            )
            == 0
        )
        return {
            "counts": {
                table: one(f"SELECT COUNT(*) FROM {table}")
                for table in ("documents", "events", "reports", "mentions", "places", "sources")
            },
            "documents": {r[0] for r in conn.execute("SELECT id FROM documents")},
            "events": {r[0] for r in conn.execute("SELECT id FROM events")},
        }
    finally:
        conn.close()


@pytest.fixture(scope="module")
def baseline(corpus: list[Path], tmp_path_factory: pytest.TempPathFactory, gazetteer_path: Path) -> dict:
    """One uninterrupted run: what every faulty run must end up with; also how long a run takes."""
    db = tmp_path_factory.mktemp("baseline") / "atlas.db"
    started = time.monotonic()
    _ingest(corpus, db)
    state = snapshot(db)
    state["seconds"] = time.monotonic() - started
    assert state["counts"]["documents"] == len(corpus)
    return state


def _documents(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:  # not created (or not migrated) yet
        return 0


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_kill_9_then_rerun_completes_exactly(
    corpus: list[Path], baseline: dict, tmp_path: Path, seed: int
) -> None:
    """The kill lands after a seeded random number of committed documents (0: while starting up),
    plus a seeded random few milliseconds, so that it can hit the middle of a transaction."""
    db = tmp_path / "atlas.db"
    rng = random.Random(seed)
    target = rng.randint(0, len(corpus) - 10)  # ten or more still to come when it lands
    proc = subprocess.Popen(_command(corpus, db), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if target == 0:
        time.sleep(rng.uniform(0.5, 2.5))
    else:
        deadline = time.monotonic() + 120
        while proc.poll() is None and _documents(db) < target and time.monotonic() < deadline:
            time.sleep(0.005)
        time.sleep(rng.uniform(0, 0.02))
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL, "the ingest finished before the kill"
    if db.exists():
        snapshot(db)  # whatever the kill left is a whole store
    _ingest(corpus, db)
    state = snapshot(db)
    assert state["counts"] == baseline["counts"]
    assert state["documents"] == baseline["documents"]
    assert state["events"] == baseline["events"]
    again = _ingest(corpus, db)  # and a third run changes nothing
    assert "0 documents added" in again.stdout
    assert snapshot(db)["counts"] == baseline["counts"]


def test_two_ingests_at_once_into_one_store(corpus: list[Path], baseline: dict, tmp_path: Path) -> None:
    db = tmp_path / "atlas.db"
    first, second = corpus[:20], corpus[10:]  # ten reports in both
    procs = [
        subprocess.Popen(_command(inputs, db), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for inputs in (first, second)
    ]
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
    state = snapshot(db)
    assert state["counts"] == baseline["counts"]
    assert state["documents"] == baseline["documents"]
    assert state["events"] == baseline["events"]


def test_reading_while_ingesting(corpus: list[Path], baseline: dict, tmp_path: Path) -> None:
    from eventatlas.store import open_store

    db = tmp_path / "atlas.db"
    open_store(db).close()  # schema in place before the reader starts
    failures: list[BaseException] = []
    seen: list[int] = []
    stop = threading.Event()

    def read() -> None:
        store = open_store(db)
        try:
            while not stop.is_set():
                stats = store.stats()
                events = store.query_events()
                for event in events[:5]:
                    assert store.event_detail(event["id"]) is not None
                seen.append(stats["documents"])
                time.sleep(0.01)
        except BaseException as exc:  # reported by the test below
            failures.append(exc)
        finally:
            store.close()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        _ingest(corpus, db)
    finally:
        stop.set()
        reader.join(timeout=30)
    assert not failures, failures
    assert seen and seen == sorted(seen), "the reader never sees the store go backwards"
    assert snapshot(db)["counts"] == baseline["counts"]
