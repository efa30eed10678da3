"""The atlas's risk layer in a real headless Chromium against the real server (setup as test_browser.py):
toggle it, see it drawn, open a popup; no request leaves 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from test_browser import ARGS, CHROMIUM, open_atlas  # skips the module when Chromium is absent
from test_forecast import build_forecast_db
from test_web_support import running_server


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory):
    tmp = tmp_path_factory.mktemp("browser_forecast")
    with running_server(build_forecast_db(tmp / "atlas.db", tmp)) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


def drawn(page, layer: str) -> int:
    return page.evaluate(f"atlas.map.queryRenderedFeatures({{layers: ['{layer}']}}).length")


def test_risk_layer_toggles_draws_and_explains(browser: Browser, base: str, tmp_path: Path) -> None:
    w = open_atlas(browser, base + "/")
    page = w.page
    assert not page.evaluate("!!atlas.map.getLayer('forecast-places')")  # nothing until asked
    page.select_option("#risk-horizon", "30d")
    page.click("#risk-toggle")
    assert page.get_attribute("#risk-toggle", "aria-pressed") == "true"
    page.wait_for_function("window.atlasForecast.last !== null && !window.atlasForecast.loading", timeout=120000)
    page.evaluate("atlas.idle()")
    res = page.evaluate("atlasForecast.last")
    assert res["features"] and res["properties"]["horizon_days"] == 30
    assert drawn(page, "forecast-places") > 0
    assert "units" in page.inner_text("#risk-box")
    # the most probable place's popup: its probability and reasons as text
    top = res["features"][0]
    page.evaluate(
        "([lon, lat]) => { const p = atlas.map.project([lon, lat]);"
        " atlas.map.fire('click', {point: p, lngLat: {lng: lon, lat: lat}, originalEvent: {}}); }",
        top["geometry"]["coordinates"],
    )
    popup = page.locator(".risk-popup")
    popup.wait_for(timeout=10000)
    text = popup.inner_text()
    assert top["properties"]["name"] in text and "%" in text and top["properties"]["reasons"][0] in text
    page.screenshot(path=str(tmp_path / "risk.png"))
    # grid cells, then off again
    page.select_option("#risk-unit", "grid")
    page.wait_for_function("window.atlasForecast.params.includes('unit=grid') && !window.atlasForecast.loading",
                           timeout=120000)
    page.evaluate("atlas.idle()")
    assert drawn(page, "forecast-cells") > 0
    page.click("#risk-toggle")
    page.evaluate("atlas.idle()")
    assert drawn(page, "forecast-cells") == 0 and drawn(page, "forecast-places") == 0
    assert not w.errors, w.errors
    assert not w.outside(), w.outside()
    page.close()
