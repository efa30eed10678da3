"""Make a store with N synthetic events and time the atlas on it: page ready in
Chromium (fresh server, then warm), and API p50/p95 for random bbox + time-window queries.

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
from typing import Any

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


PHASES = (
    "points-request",
    "libs-loaded",
    "map-load",
    "map-ready",
    "points-parsed",
    "features-built",
    "timeline",
    "view-applied",
    "ready",
)


def page_ready(browser, base: str) -> tuple[float, Any]:
    """Open the atlas; ready = atlas.ready (points loaded, filters, timeline and handlers set up) and
    the map idle (the points are drawn). Returns the seconds and the page, still open."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    t = time.perf_counter()
    page.goto(base + "/")
    page.wait_for_function("window.atlas && window.atlas.ready === true", timeout=300000)
    page.evaluate("atlas.idle()")
    return time.perf_counter() - t, page


def phases(page) -> str:
    marks = page.evaluate(
        "() => Object.fromEntries(performance.getEntriesByType('mark')"
        ".filter(m => m.name.startsWith('atlas:')).map(m => [m.name.slice(6), m.startTime]))"
    )
    return ", ".join(f"{k} {marks[k] / 1000:.2f}" for k in PHASES if k in marks)


def latency(client: httpx.Client, path: str, n: int, rng: random.Random) -> tuple[float, float, int]:
    """p50 and p95 in ms of `n` random bbox + time-window queries (1-6 degree boxes, 1-12 months)."""
    times, rows = [], 0
    for _ in range(n):
        w, s = rng.uniform(9, 23), rng.uniform(20, 31)
        size = rng.uniform(1, 6)
        start = date(2015, 1, 1) + timedelta(days=rng.randrange(3300))
        end = start + timedelta(days=rng.randrange(30, 366))
        params = {
            "bbox": f"{w:.3f},{s:.3f},{w + size:.3f},{s + size:.3f}",
            "from": str(start),
            "to": str(end),
        }
        t = time.perf_counter()
        r = client.get(path, params=params)
        times.append((time.perf_counter() - t) * 1000)
        r.raise_for_status()
        body = r.json()
        rows += len(body["features"]) if "features" in body else body["located"]
    times.sort()
    return times[len(times) // 2], times[int(len(times) * 0.95) - 1], rows // n


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    path = Path(sys.argv[2] if len(sys.argv) > 2 else f"/tmp/eventatlas-bench-{n}.db")
    if not path.exists():
        t = time.perf_counter()
        build(path, n)
        print(f"built {n} events in {time.perf_counter() - t:.1f} s: {path}")
    from playwright.sync_api import sync_playwright

    with running_server(path) as base, sync_playwright() as p:
        b = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=[
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--use-angle=swiftshader",
                "--enable-unsafe-swiftshader",
            ],
        )
        # first: a fresh server, nothing cached in it
        secs, page = page_ready(b, base)
        print(f"page ready: {page.evaluate('atlas.drawn')} events drawn in {secs:.1f} s (fresh server)")
        print(f"  phases (s from navigation): {phases(page)}")
        page.close()
        secs, page = page_ready(b, base)
        print(f"page ready again: {secs:.1f} s (server cache warm); phases: {phases(page)}")
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
        t = time.perf_counter()
        page.evaluate("() => { atlas.state.event_type = ['Battles']; return atlas.reload(); }")
        page.evaluate("atlas.idle()")
        print(f"type filter reload: {page.evaluate('atlas.drawn')} drawn in {time.perf_counter() - t:.2f} s")
        b.close()

        with httpx.Client(base_url=base, timeout=120) as c:
            gz = {"accept-encoding": "gzip"}
            every = {"dataset": "BENCH"}  # every event again, under a cache key the page did not use
            t = time.perf_counter()
            r = c.get("/api/points", params=every, headers=gz)
            ms = (time.perf_counter() - t) * 1000
            wire = int(r.headers.get("content-length", 0)) / 1e6
            print(
                f"API /api/points, all {r.json()['located']} events: {ms:.0f} ms uncached,"
                f" {wire:.1f} MB gzip'd ({len(r.content) / 1e6:.1f} MB of JSON)"
            )
            t = time.perf_counter()
            c.get("/api/points", params=every, headers=gz)
            print(f"API /api/points cached: {(time.perf_counter() - t) * 1000:.0f} ms")
            rng = random.Random(11)
            for route in ("/api/events", "/api/points"):
                latency(c, route, 10, rng)  # warm-up: connections, page cache
                p50, p95, rows = latency(c, route, 200, rng)
                print(
                    f"API {route} bbox+time, 200 random queries: p50 {p50:.0f} ms, p95 {p95:.0f} ms"
                    f" (mean {rows} events per answer)"
                )
            t = time.perf_counter()
            offset, pages, size = 0, 0, 0
            while offset is not None:
                r = c.get("/api/events", params={"limit": 10000, "offset": offset})
                size += len(r.content)
                offset = r.json()["properties"]["next_offset"]
                pages += 1
            print(
                f"API /api/events paged (GeoJSON): {pages} pages, {size / 1e6:.1f} MB in"
                f" {time.perf_counter() - t:.1f} s"
            )


if __name__ == "__main__":
    main()
