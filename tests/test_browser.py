"""The atlas page in a real headless Chromium (Debian's), against the real server on a real SQLite file.

WebGL runs on SwiftShader, so MapLibre draws without a GPU. No request may leave 127.0.0.1.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import urlparse

import pytest

from test_web_support import XSS, build_db, running_server

CHROMIUM = "/usr/bin/chromium"
if not Path(CHROMIUM).exists():
    pytest.skip(f"{CHROMIUM} is absent (apt-get install chromium)", allow_module_level=True)

from playwright.sync_api import Browser, Page, sync_playwright  # noqa: E402

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--use-gl=angle",
    "--use-angle=swiftshader",
    "--enable-unsafe-swiftshader",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory):
    db = tmp_path_factory.mktemp("browser") / "atlas.db"
    build_db(db).close()
    with running_server(db) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


class Watched:
    """A page with its console errors and every request it made."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.errors: list[str] = []
        self.requests: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))
        page.on("request", lambda r: self.requests.append(r.url))

    def outside(self) -> list[str]:
        return [
            u
            for u in self.requests
            if urlparse(u).scheme not in ("blob", "data") and urlparse(u).hostname != "127.0.0.1"
        ]


def open_atlas(browser: Browser, url: str) -> Watched:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    w = Watched(page)
    page.goto(url)
    page.wait_for_function("window.atlas && window.atlas.ready === true", timeout=60000)
    wait_idle(page)
    return w


def wait_idle(page: Page) -> None:
    page.wait_for_function("window.atlas.loaded === true", timeout=60000)
    page.evaluate("atlas.idle()")


def rendered(page: Page) -> int:
    return page.evaluate(
        "() => atlas.map.queryRenderedFeatures({layers: ['points', 'clusters']})"
        ".reduce((n, f) => n + (f.properties.point_count || 1), 0)"
    )


def test_page_draws_events_offline(browser: Browser, base: str, tmp_path: Path) -> None:
    w = open_atlas(browser, base + "/")
    page = w.page
    assert page.evaluate("atlas.drawn") == 13  # 14 events, one without coordinates
    assert page.locator("#count").get_attribute("data-drawn") == "13"
    assert rendered(page) == 13
    assert page.evaluate("atlas.map.queryRenderedFeatures({layers: ['land']}).length") > 0  # the basemap drew
    assert page.evaluate("!!atlas.map.getLayer('borders')")
    assert page.locator("#timeline rect.bar").count() > 5
    assert not w.errors, w.errors
    assert not w.outside(), w.outside()
    # open an event with two reports so the screenshot shows the panel too (the map's compact data
    # carries no report counts; the GeoJSON API does)
    event_id = page.evaluate(
        "fetch('/api/events').then(r => r.json())"
        ".then(fc => fc.features.find(f => f.properties.report_count === 2).id)"
    )
    assert event_id in page.evaluate("atlas.drawnFeatures().map(f => f.properties.id)")
    page.evaluate(f"atlas.showEvent({event_id!r})")
    page.locator("#panel mark.evidence").first.wait_for()
    page.evaluate("atlas.idle()")
    shot = tmp_path / "atlas.png"
    page.screenshot(path=str(shot))
    print(f"screenshot: {shot}")
    assert shot.stat().st_size > 20000
    if os.environ.get("EVENTATLAS_SCREENSHOT"):
        target = Path(__file__).resolve().parents[1] / "docs" / "screenshot.png"
        target.parent.mkdir(exist_ok=True)
        shutil.copyfile(shot, target)
    page.close()


def test_filter_changes_drawing_and_urls(browser: Browser, base: str) -> None:
    w = open_atlas(browser, base + "/")
    page = w.page
    loads = page.evaluate("atlas.loads")
    page.locator("#f-event-type input[value='Battles']").check()
    page.wait_for_function(f"atlas.loads > {loads} && atlas.loaded")
    wait_idle(page)
    assert "event_type=Battles" in page.evaluate("atlas.lastEventsUrl")
    assert "event_type=Battles" in page.url
    assert page.evaluate("atlas.drawn") == 5
    assert rendered(page) == 5
    assert "event_type=Battles" in page.locator("#export-csv").get_attribute("href")
    # the shared URL restores the view
    w2 = open_atlas(browser, page.url)
    assert w2.page.evaluate("atlas.drawn") == 5
    assert w2.page.locator("#f-event-type input[value='Battles']").is_checked()
    # free text goes to the API too
    loads = page.evaluate("atlas.loads")
    page.fill("#f-q", "power cuts")
    page.locator("#f-q").press("Enter")
    page.wait_for_function(f"atlas.loads > {loads} && atlas.loaded")
    assert "q=power+cuts" in page.evaluate("atlas.lastEventsUrl")
    assert page.evaluate("atlas.drawn") == 0  # no battle mentions power cuts
    assert not w.errors and not w2.errors, (w.errors, w2.errors)
    page.close()
    w2.page.close()


def test_click_event_shows_evidence(browser: Browser, base: str) -> None:
    w = open_atlas(browser, base + "/")
    page = w.page
    page.evaluate("() => { atlas.map.jumpTo({center: [16.5887, 31.2089], zoom: 10}); }")  # Sirte: one event
    page.evaluate("atlas.idle()")
    x, y = page.evaluate("(() => { const p = atlas.map.project([16.5887, 31.2089]); return [p.x, p.y]; })()")
    box = page.locator("#map").bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)
    evidence = page.locator("#panel mark.evidence")
    evidence.wait_for(timeout=10000)
    assert evidence.inner_text().startswith(
        "A drone struck a convoy of the Libyan National Army south of Sirte"
    )
    panel = page.locator("#panel").inner_text()
    assert "Air/drone strike" in panel and "Libya Herald Test" in panel and "2024-02-11" in panel
    assert "The strike came at dawn." in page.locator("#panel .context").inner_text()  # context before
    assert "event=" in page.url
    # the place panel: its events and first-event date
    page.locator("#panel dd button.linkish").first.click()
    page.locator("#panel h2", has_text="Sirte").wait_for()
    assert "2024-02-10" in page.locator("#panel").inner_text()
    assert not w.errors, w.errors
    page.close()


def test_report_text_is_escaped(browser: Browser, base: str) -> None:
    w = open_atlas(browser, base + "/?q=note+left")
    page = w.page
    assert page.evaluate("atlas.drawn") == 1
    event_id = page.evaluate("atlas.drawnFeatures()[0].properties.id")
    page.evaluate(f"atlas.showEvent({event_id!r})")
    page.locator("#panel mark.evidence").wait_for()
    assert XSS in page.locator("#panel mark.evidence").inner_text()
    assert page.locator("#panel img, #panel script").count() == 0
    assert page.evaluate("window.__xss === undefined")
    page.close()


def test_brush_and_play(browser: Browser, base: str) -> None:
    w = open_atlas(browser, base + "/")
    page = w.page
    tl = page.locator("#timeline").bounding_box()
    y = tl["y"] + tl["height"] / 2
    page.mouse.move(tl["x"] + 40, y)
    page.mouse.down()
    page.mouse.move(tl["x"] + tl["width"] * 0.45, y, steps=5)
    page.mouse.up()
    state = page.evaluate("[atlas.state.from, atlas.state.to, atlas.drawn]")
    assert state[0] and state[1] and 0 < state[2] < 13, state
    assert f"from={state[0]}" in page.url
    assert page.locator("#f-from").input_value() == state[0]
    page.click("#brush-clear")
    assert page.evaluate("atlas.drawn") == 13
    page.select_option("#speed", "20")
    page.click("#play")
    page.wait_for_function("atlas.playing === true")
    page.wait_for_function("atlas.drawn < 13")  # cumulative: starts with the first events only
    page.wait_for_function("atlas.playing === false", timeout=30000)
    assert page.evaluate("atlas.drawn") == 13
    assert page.locator("#play-date").inner_text().startswith("2024-12")
    assert not w.errors, w.errors
    page.close()


def test_png_snapshot(browser: Browser, base: str, tmp_path: Path) -> None:
    w = open_atlas(browser, base + "/")
    page = w.page
    with page.expect_download() as info:
        page.click("#export-png")
    target = tmp_path / "snapshot.png"
    info.value.save_as(target)
    data = target.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5000
    page.close()


def test_spread_layer(browser: Browser, base: str) -> None:
    w = open_atlas(browser, base + "/")
    page = w.page
    assert page.locator("#spread-box").is_hidden()
    page.click("#spread-toggle")
    page.wait_for_function("atlas.spread !== null && atlas.spread.mode !== undefined", timeout=60000)
    assert "spread=1" in page.url
    box = page.locator("#spread-box")
    box.locator(".summary").wait_for()
    text = box.inner_text()
    assert "Mode: " in text and "Speed: " in text and "Origin: Tripoli" in text
    assert page.evaluate("atlas.spread.summary") in text
    for layer in ("spread-places", "spread-rings", "spread-origin"):
        assert page.evaluate(f"atlas.map.getLayoutProperty({layer!r}, 'visibility')") == "visible", layer
    assert page.evaluate("atlas.spreadGeo.places.features.length") == 10
    assert page.evaluate("atlas.spreadRings.length") >= 2  # rings every N km out to the farthest place
    assert page.evaluate("atlas.spreadGeo.rings.features[0].geometry.coordinates.length") > 100
    page.evaluate("atlas.idle()")
    assert page.evaluate("atlas.map.queryRenderedFeatures({layers: ['spread-places']}).length") > 0
    assert page.locator(".spread-origin-marker").count() == 1
    # a narrower filter recomputes it; hiding removes the layer and the box
    page.fill("#f-actor", "Radaa")
    page.wait_for_function("atlas.spread && atlas.spread.mode === 'insufficient-data'", timeout=60000)
    page.click("#spread-toggle")
    assert page.evaluate("atlas.map.getLayoutProperty('spread-places', 'visibility')") == "none"
    assert box.is_hidden() and page.locator(".spread-origin-marker").count() == 0
    assert not w.errors, w.errors
    assert not w.outside(), w.outside()
    page.close()


def test_first_level_divisions_drawn_when_zoomed_in(browser: Browser, base: str) -> None:
    w = open_atlas(browser, base + "/")
    page = w.page
    assert page.evaluate("!!atlas.map.getLayer('admin1')")
    page.evaluate("atlas.map.jumpTo({center: [13.2, 32.9], zoom: 6})")  # Tripoli
    page.wait_for_function("atlas.admin1.count > 0", timeout=30000)
    page.evaluate("atlas.idle()")
    drawn = page.evaluate("atlas.map.queryRenderedFeatures({layers: ['admin1']}).map(f => f.properties.country_code)")
    assert "LY" in drawn
    assert not w.errors, w.errors
    assert not w.outside(), w.outside()
    page.close()
