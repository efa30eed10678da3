"""Make a store with N synthetic events and time the atlas on it (API paging and the page in Chromium).

    .venv/bin/python scripts/web_bench.py [N] [db path]

The events are random points in North Africa with our own template sentences; they exist only to
measure speed, never to be read as data.
"""

from __future__ import annotations

import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from eventatlas.model import TYPOLOGY, Document, Event, Place, Report  # noqa: E402
from eventatlas.store import SQLiteStore  # noqa: E402
from test_web_support import running_server  # noqa: E402


def build(path: Path, n: int, per_doc: int = 500) -> None:
    rng = random.Random(7)
    store = SQLiteStore(path)
    types = list(TYPOLOGY)
    made = 0
    d = 0
    while made < n:
        k = min(per_doc, n - made)
        sentences = [f"Synthetic benchmark event number {made + i} happened here." for i in range(k)]
        doc = Document(text=" ".join(sentences), source=f"Bench source {d % 7}", published=date(2020, 1, 1))
        events = []
        pos = 0
        for i, s in enumerate(sentences):
            et = rng.choice(types)
            lat, lon = rng.uniform(20, 33), rng.uniform(9, 25)
            place = Place(
                name=f"Place {rng.randrange(5000)}", lat=round(lat, 2), lon=round(lon, 2), country_code="LY"
            )
            events.append(
                Event(
                    event_type=et,
                    sub_event_type=rng.choice(TYPOLOGY[et]),
                    date=date(2015, 1, 1) + timedelta(days=rng.randrange(3650)),
                    location=place,
                    actor1=f"Group {rng.randrange(200)}",
                    fatalities=rng.choice([0, 0, 0, 1, 2, 5, 12]),
                    dataset="BENCH",
                    dataset_id=str(made + i),
                    reports=[Report(doc_id=doc.id, start=pos, end=pos + len(s), sentence=s)],
                )
            )
            pos += len(s) + 1
        store.add_document(doc, events)
        made += k
        d += 1
    store.close()


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    path = Path(sys.argv[2] if len(sys.argv) > 2 else f"/tmp/eventatlas-bench-{n}.db")
    if not path.exists():
        t = time.perf_counter()
        build(path, n)
        print(f"built {n} events in {time.perf_counter() - t:.1f} s: {path}")
    with running_server(path) as base:
        t = time.perf_counter()
        offset, pages, size = 0, 0, 0
        while offset is not None:
            r = httpx.get(f"{base}/api/events", params={"limit": 10000, "offset": offset}, timeout=120)
            size += len(r.content)
            offset = r.json()["properties"]["next_offset"]
            pages += 1
        print(f"API: {pages} pages, {size / 1e6:.1f} MB in {time.perf_counter() - t:.1f} s")
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            b = p.chromium.launch(
                executable_path="/usr/bin/chromium",
                args=[
                    "--no-sandbox",
                    "--disable-dev-shm-usage",
                    "--use-angle=swiftshader",
                    "--enable-unsafe-swiftshader",
                ],
            )
            page = b.new_page(viewport={"width": 1400, "height": 900})
            t = time.perf_counter()
            page.goto(base + "/")
            page.wait_for_function("window.atlas && window.atlas.ready === true", timeout=300000)
            page.evaluate("atlas.idle()")
            print(f"page: {page.evaluate('atlas.drawn')} events drawn in {time.perf_counter() - t:.1f} s")
            t = time.perf_counter()
            page.evaluate("() => { atlas.map.jumpTo({center: [17, 27], zoom: 4}); }")
            page.evaluate("atlas.idle()")
            page.evaluate("() => { atlas.map.jumpTo({center: [13, 32], zoom: 9}); }")
            page.evaluate("atlas.idle()")
            print(f"two zooms redrawn in {time.perf_counter() - t:.2f} s (software WebGL)")
            t = time.perf_counter()
            page.evaluate(
                "() => { atlas.state.from = '2019-01-01'; atlas.state.to = '2019-06-30'; atlas.applyView(); }"
            )
            page.evaluate("atlas.idle()")
            print(
                f"date brush re-filter: {page.evaluate('atlas.drawn')} drawn in {time.perf_counter() - t:.2f} s"
            )
            b.close()


if __name__ == "__main__":
    main()
