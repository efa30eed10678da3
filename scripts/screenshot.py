#!/usr/bin/env python3
"""Take a screenshot of the atlas for the README: serve a database, open the page in Debian's
Chromium (driven by Playwright), open the event with the most reports, save a PNG.

usage: scripts/screenshot.py DB OUT.png
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
from playwright.sync_api import sync_playwright

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--enable-unsafe-swiftshader",
        "--use-gl=angle", "--use-angle=swiftshader", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def main(db: str, out: str) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "eventatlas", "serve", "--db", db, "--port", str(port)])
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                httpx.get(f"{base}/api/stats", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS, headless=True)
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto(base)
            page.wait_for_function("window.atlas && window.atlas.loaded === true", timeout=120000)
            page.evaluate("atlas.idle()")
            event_id = page.evaluate(
                "atlas.drawnFeatures().sort((a, b) => (b.properties.report_count - a.properties.report_count)"
                " || (b.properties.fatalities - a.properties.fatalities))[0].properties.id"
            )
            page.evaluate(f"atlas.showEvent({event_id!r})")
            page.locator("#panel mark.evidence").first.wait_for()
            page.evaluate("() => atlas.map.jumpTo({center: [14.5, 32.0], zoom: 4.7})")  # Libya and Tunisia
            page.evaluate("atlas.idle()")
            page.screenshot(path=out)
            browser.close()
        print(f"wrote {Path(out).resolve()}")
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
