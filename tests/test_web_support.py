"""Shared by the web and browser tests: a small real store of Libyan events, and the real server.

The sentences are our own, about invented but plausible events in real Libyan towns.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import httpx

from eventatlas.model import Document, Event, Place, Report
from eventatlas.store import SQLiteStore

TOWNS: dict[str, tuple[float, float, str]] = {
    "Tripoli": (32.8872, 13.1913, "Tarabulus"),
    "Benghazi": (32.1167, 20.0667, "Banghazi"),
    "Misrata": (32.3754, 15.0925, "Misratah"),
    "Sirte": (31.2089, 16.5887, "Surt"),
    "Derna": (32.7670, 22.6367, "Darnah"),
    "Sabha": (27.0377, 14.4283, "Sabha"),
    "Zawiya": (32.7571, 12.7276, "Az Zawiyah"),
    "Ajdabiya": (30.7555, 20.2263, "Al Wahat"),
    "Gharyan": (32.1722, 13.0203, "Al Jabal al Gharbi"),
    "Ubari": (26.5903, 12.7751, "Wadi al Hayat"),
}

XSS = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>'

# (source, published, title, text, [(sentence, event_type, sub_type, town, day, actor1, actor2, fatalities, certainty)])
STORIES = [
    (
        "Libya Observer Test",
        date(2024, 1, 5),
        "Clashes in Tripoli",
        "Residents of the capital woke to gunfire on Thursday. "
        "Fighters of the Radaa Force clashed with the Nawasi Brigade near Mitiga airport in Tripoli, killing four people. "
        "Flights were diverted to Misrata.",
        [
            (
                "Fighters of the Radaa Force clashed with the Nawasi Brigade near Mitiga airport in Tripoli, killing four people.",
                "Battles",
                "Armed clash",
                "Tripoli",
                date(2024, 1, 4),
                "Radaa Force",
                "Nawasi Brigade",
                4,
                "confirmed",
            ),
        ],
    ),
    (
        "Libya Herald Test",
        date(2024, 1, 6),
        "Airport fighting",
        "Four people died when the Radaa Force and the Nawasi Brigade fought near Mitiga airport in Tripoli on Thursday, "
        "a health ministry official said.",
        [
            (
                "Four people died when the Radaa Force and the Nawasi Brigade fought near Mitiga airport in Tripoli on Thursday, "
                "a health ministry official said.",
                "Battles",
                "Armed clash",
                "Tripoli",
                date(2024, 1, 4),
                "Radaa Force",
                "Nawasi Brigade",
                4,
                "reported",
            ),
        ],
    ),
    (
        "Libya Herald Test",
        date(2024, 2, 11),
        "Drone strike near Sirte",
        "The strike came at dawn. A drone struck a convoy of the Libyan National Army south of Sirte, "
        "the commander of the Sirte operations room said. No casualties were announced.",
        [
            (
                "A drone struck a convoy of the Libyan National Army south of Sirte, the commander of the Sirte operations room said.",
                "Explosions/Remote violence",
                "Air/drone strike",
                "Sirte",
                date(2024, 2, 10),
                "Unidentified drone operator",
                "Libyan National Army",
                0,
                "reported",
            ),
        ],
    ),
    (
        "Al Wasat Test",
        date(2024, 3, 2),
        "Protest in Benghazi",
        "Hundreds of residents protested in Benghazi against power cuts on Friday. The march ended peacefully "
        "at the municipal building.",
        [
            (
                "Hundreds of residents protested in Benghazi against power cuts on Friday.",
                "Protests",
                "Peaceful protest",
                "Benghazi",
                date(2024, 3, 1),
                "Protesters (Libya)",
                None,
                0,
                "confirmed",
            ),
        ],
    ),
    (
        "Al Wasat Test",
        date(2024, 4, 15),
        "Abduction in Sabha",
        "Gunmen abducted a municipal council member in Sabha on Sunday, his family said. "
        "Relatives said the kidnappers demanded a ransom.",
        [
            (
                "Gunmen abducted a municipal council member in Sabha on Sunday, his family said.",
                "Violence against civilians",
                "Abduction/forced disappearance",
                "Sabha",
                date(2024, 4, 14),
                "Unidentified armed group",
                "Civilians (Libya)",
                0,
                "reported",
            ),
        ],
    ),
    (
        "Libya Observer Test",
        date(2024, 5, 20),
        "Clashes in Zawiya",
        "Rival militias fought with heavy weapons in Zawiya on Monday, and two civilians were killed. "
        "Schools in the city were closed.",
        [
            (
                "Rival militias fought with heavy weapons in Zawiya on Monday, and two civilians were killed.",
                "Battles",
                "Armed clash",
                "Zawiya",
                date(2024, 5, 20),
                "Zawiya militia",
                "Rival militia",
                2,
                "confirmed",
            ),
        ],
    ),
    (
        "Libya Herald Test",
        date(2024, 6, 8),
        "Shelling near Gharyan",
        "Shells fell on farms outside Gharyan on Saturday, according to residents who spoke by phone. "
        "One shepherd was wounded.",
        [
            (
                "Shells fell on farms outside Gharyan on Saturday, according to residents who spoke by phone.",
                "Explosions/Remote violence",
                "Shelling/artillery/missile attack",
                "Gharyan",
                date(2024, 6, 8),
                "Unidentified armed group",
                None,
                0,
                "claimed",
            ),
        ],
    ),
    (
        "Al Wasat Test",
        date(2024, 7, 3),
        "Arrests in Misrata",
        "Security forces arrested six men in Misrata on Tuesday over a smuggling network. "
        "Prosecutors said the investigation continues.",
        [
            (
                "Security forces arrested six men in Misrata on Tuesday over a smuggling network.",
                "Strategic developments",
                "Arrests",
                "Misrata",
                date(2024, 7, 2),
                "Police Forces of Libya",
                None,
                0,
                "confirmed",
            ),
        ],
    ),
    (
        "Libya Observer Test",
        date(2024, 8, 19),
        "Riot in Derna",
        "Angry crowds set tyres alight and stormed a government office in Derna on Sunday. "
        "Police fired into the air to disperse them.",
        [
            (
                "Angry crowds set tyres alight and stormed a government office in Derna on Sunday.",
                "Riots",
                "Violent demonstration",
                "Derna",
                date(2024, 8, 18),
                "Rioters (Libya)",
                None,
                0,
                "reported",
            ),
        ],
    ),
    (
        "Libya Herald Test",
        date(2024, 9, 9),
        "Clash near Ubari",
        "Tebu and Tuareg fighters clashed near Ubari on Sunday; three fighters were killed, a local elder said. "
        "The road to Ghat was closed.",
        [
            (
                "Tebu and Tuareg fighters clashed near Ubari on Sunday; three fighters were killed, a local elder said.",
                "Battles",
                "Armed clash",
                "Ubari",
                date(2024, 9, 8),
                "Tebu militia",
                "Tuareg militia",
                3,
                "reported",
            ),
        ],
    ),
    (
        "Al Wasat Test",
        date(2024, 10, 1),
        "Ajdabiya bombing",
        "A roadside bomb exploded next to a checkpoint in Ajdabiya on Monday, killing one soldier. "
        f"A note left at the scene read {XSS}.",
        [
            (
                "A roadside bomb exploded next to a checkpoint in Ajdabiya on Monday, killing one soldier.",
                "Explosions/Remote violence",
                "Remote explosive/landmine/IED",
                "Ajdabiya",
                date(2024, 9, 30),
                "Unidentified armed group",
                "Libyan National Army",
                1,
                "confirmed",
            ),
            (
                f"A note left at the scene read {XSS}.",
                "Strategic developments",
                "Other",
                "Ajdabiya",
                date(2024, 9, 30),
                XSS,
                None,
                0,
                "speculative",
            ),
        ],
    ),
    (
        "Libya Observer Test",
        date(2024, 11, 12),
        "Second Tripoli clash",
        "Fighting resumed in Tripoli on Monday between the Radaa Force and the 444 Brigade. "
        "Two fighters were killed, officials said.",
        [
            (
                "Fighting resumed in Tripoli on Monday between the Radaa Force and the 444 Brigade.",
                "Battles",
                "Armed clash",
                "Tripoli",
                date(2024, 11, 11),
                "Radaa Force",
                "444 Brigade",
                2,
                "reported",
            ),
        ],
    ),
]


def _place(town: str) -> Place:
    lat, lon, admin1 = TOWNS[town]
    return Place(
        name=town, lat=lat, lon=lon, country_code="LY", feature_class="P", feature_code="PPL", admin1=admin1
    )


def build_db(path: Path) -> SQLiteStore:
    """A real store holding the stories above, an unlocated event and an imported (dataset) row."""
    store = SQLiteStore(path)
    for n, (source, published, title, text, events) in enumerate(STORIES):
        doc = Document(
            text=text,
            title=title,
            published=published,
            source=source,
            url=f"https://news.example.org/libya/{n}",
        )
        evs = []
        for sentence, etype, sub, town, day, a1, a2, dead, cert in events:
            start = doc.text.index(sentence)
            end = start + len(sentence)
            evs.append(
                Event(
                    event_type=etype,
                    sub_event_type=sub,
                    date=day,
                    time_precision=1,
                    location=_place(town),
                    geo_precision=1,
                    actor1=a1,
                    actor2=a2,
                    fatalities=dead,
                    certainty=cert,
                    doc_id=doc.id,
                    reports=[Report(doc_id=doc.id, start=start, end=end, sentence=sentence, certainty=cert)],
                )
            )
        store.add_document(doc, evs)
    # an event whose place could not be resolved: no coordinates
    doc = Document(
        text="Unknown gunmen attacked a farm somewhere in the south on Friday.",
        source="Al Wasat Test",
        published=date(2024, 12, 6),
        url="https://news.example.org/libya/unlocated",
    )
    s = doc.text
    store.add_document(
        doc,
        [
            Event(
                event_type="Violence against civilians",
                sub_event_type="Attack",
                date=date(2024, 12, 6),
                actor1="Unidentified armed group",
                reports=[Report(doc_id=doc.id, start=0, end=len(s), sentence=s)],
            )
        ],
    )
    # a row imported from a coded dataset
    notes = "On 15 December 2024, armed men attacked a checkpoint in Misrata. 1 fatality."
    doc = Document(text=notes, source="ACLED", published=date(2024, 12, 20), external_id="LBY9001")
    store.add_document(
        doc,
        [
            Event(
                event_type="Battles",
                sub_event_type="Armed clash",
                date=date(2024, 12, 15),
                time_precision=1,
                location=_place("Misrata"),
                geo_precision=1,
                actor1="Unidentified armed group",
                actor1_type=3,
                actor2="Military Forces of Libya",
                actor2_type=1,
                fatalities=1,
                certainty="confirmed",
                dataset="ACLED",
                dataset_id="LBY9001",
                notes=notes,
                reports=[
                    Report(doc_id=doc.id, start=0, end=len(notes), sentence=notes, certainty="confirmed")
                ],
            )
        ],
    )
    return store


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_server(db: Path, env: dict[str, str] | None = None) -> Iterator[str]:
    """`eventatlas.web.serve` in a subprocess on a free port; yields its base URL."""
    port = free_port()
    code = f"from eventatlas.web import serve; serve({str(db)!r}, host='127.0.0.1', port={port})"
    proc = subprocess.Popen(
        [sys.executable, "-c", code],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, **(env or {})},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"server exited early: {proc.stdout.read()}")
            try:
                if httpx.get(base + "/api/stats", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("server did not start within 30 s")
            time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        proc.stdout.close()
