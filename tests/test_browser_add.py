"""The "Add reports" dialog in real headless Chromium (Debian's), against the real server and pipeline.

A report of our own is pasted, sent with the write token and run through the real pipeline; the new
event must then be on the map. Reports whose text, title and source carry script and HTML injection
go the same way, and nothing in them may run. No request may leave 127.0.0.1.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from test_web_support import XSS, build_db, free_port, running_server

CHROMIUM = "/usr/bin/chromium"
if not Path(CHROMIUM).exists():
    pytest.skip(f"{CHROMIUM} is absent (apt-get install chromium)", allow_module_level=True)

from playwright.sync_api import Browser, Page, sync_playwright  # noqa: E402

from test_browser import ARGS, Watched, open_atlas, wait_idle  # noqa: E402
from test_web_security import stop, wait_port  # noqa: E402

TOBRUK = (
    "Fighters of two rival brigades clashed near the port of Tobruk on Friday, and three fighters were "
    "killed, a hospital official said. Shops in the old market stayed shut."
)
KUFRA = (
    "Gunmen abducted two aid workers on the road south of Kufra on Wednesday, their organisation said. "
    f"A message left in their car read {XSS}."
)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory, gazetteer_path: Path):
    db = tmp_path_factory.mktemp("browser-add") / "atlas.db"
    build_db(db).close()
    with running_server(db) as url:
        yield url, (db.parent / (db.name + ".token")).read_text().strip()


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


def drawn_ids(page: Page) -> set[str]:
    return set(page.evaluate("atlas.drawnFeatures().map(f => f.properties.id)"))


def submit(page: Page) -> None:
    done = page.evaluate("window.atlasAdd.done || 0")
    page.click("#add-submit")
    page.wait_for_function(
        f"(window.atlasAdd.done || 0) > {done} || document.querySelector('#add-status.error')", timeout=120000
    )


def test_paste_a_report_and_see_it_on_the_map(browser: Browser, served) -> None:
    base, token = served
    w = open_atlas(browser, base + "/")
    page = w.page
    assert page.evaluate("atlas.drawn") == 13
    before = drawn_ids(page)
    page.click("#add-open")
    page.locator("#add-dialog[open]").wait_for()
    assert page.locator("#add-token").is_visible()  # asked for, as none is kept yet
    page.fill("#add-text", TOBRUK)
    page.fill("#add-source", "Cyrenaica Test Wire")
    page.fill("#add-published", "2024-09-14")
    # a wrong token is refused and asked for again
    page.fill("#add-token", "not-the-token")
    submit(page)
    assert "Wrong token" in page.locator("#add-status").inner_text()
    assert page.locator("#add-token").is_visible()
    assert page.evaluate("sessionStorage.getItem('eventatlas.writeToken')") is None
    # the right one: the report goes through the pipeline and the map reloads
    loads = page.evaluate("atlas.loads")
    page.fill("#add-token", token)
    submit(page)
    status = page.locator("#add-status").inner_text()
    assert "1 report added" in status, status
    page.wait_for_function(f"atlas.loads > {loads} && atlas.loaded", timeout=60000)
    wait_idle(page)
    answer = page.evaluate("window.atlasAdd.last")
    [result] = answer["results"]
    tobruk = [e for e in result["events"] if e["place_name"] == "Tobruk"]
    assert tobruk and tobruk[0]["date"] == "2024-09-13", result
    new_id = tobruk[0]["id"]
    assert new_id not in before and new_id in drawn_ids(page)
    assert page.evaluate("atlas.drawn") == 14
    assert page.locator("#count").get_attribute("data-drawn") == "14"
    assert page.evaluate("sessionStorage.getItem('eventatlas.writeToken')") == token
    assert not page.locator("#add-token").is_visible()  # kept for this tab
    # the result lists the event; opening it shows its evidence in the panel
    page.locator(f"#add-results button[data-event='{new_id}']").click()
    page.locator("#panel mark.evidence").wait_for()
    assert (
        page.locator("#panel mark.evidence").inner_text().startswith("Fighters of two rival brigades clashed")
    )
    assert "Cyrenaica Test Wire" in page.locator("#panel").inner_text()
    # sending it again adds nothing
    page.click("#add-open")
    page.fill("#add-text", TOBRUK)
    page.fill("#add-source", "Cyrenaica Test Wire")
    page.fill("#add-published", "2024-09-14")
    submit(page)
    assert "0 reports added" in page.locator("#add-status").inner_text()
    assert "1 already stored" in page.locator("#add-status").inner_text()
    unexpected = [e for e in w.errors if "status of 403" not in e]  # the wrong token's answer is logged
    assert not unexpected, w.errors
    assert not w.outside(), w.outside()
    page.close()


def test_injection_in_text_title_and_source_does_not_run(browser: Browser, served) -> None:
    base, token = served
    w = open_atlas(browser, base + "/")
    page = w.page
    page.evaluate(f"sessionStorage.setItem('eventatlas.writeToken', {token!r})")
    page.click("#add-open")
    page.locator("#add-dialog[open]").wait_for()
    page.fill("#add-text", KUFRA)
    page.fill("#add-title", f"Aid workers taken {XSS}")
    page.fill("#add-source", f"Wire {XSS}")
    page.fill("#add-published", "2024-09-14")
    submit(page)
    answer = page.evaluate("window.atlasAdd.last")
    assert answer and answer["documents_added"] == 1, page.locator("#add-status").inner_text()
    kufra = [e for e in answer["results"][0]["events"] if e["event_type"] == "Violence against civilians"]
    assert kufra, answer
    page.locator(f"#add-results button[data-event='{kufra[0]['id']}']").click()
    page.locator("#panel mark.evidence").wait_for()
    panel = page.locator("#panel").inner_text()
    assert f"Aid workers taken {XSS}" in panel and f"Wire {XSS}" in panel and XSS in panel  # shown as text
    assert page.locator("#panel img, #panel script, #add-dialog img, #add-dialog script").count() == 0
    # the facets (source menu) and the results list carry the same strings as text
    page.reload()
    page.wait_for_function("window.atlas && window.atlas.ready === true", timeout=60000)
    wait_idle(page)
    assert page.locator("#f-source option", has_text=f"Wire {XSS}").count() == 1
    assert page.locator("img[src=x], script:not([src])").count() == 0
    assert page.evaluate("window.__xss === undefined")
    assert not w.errors, w.errors
    assert not w.outside(), w.outside()
    page.close()


def test_read_protected_atlas_opens_with_the_printed_link(browser: Browser, tmp_path: Path) -> None:
    db = tmp_path / "atlas.db"
    build_db(db).close()
    port = free_port()
    env = {**os.environ, "EVENTATLAS_READ_TOKEN": "1"}
    code = f"from eventatlas.web import serve; serve({str(db)!r}, host='127.0.0.1', port={port})"
    proc = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env
    )
    try:
        wait_port(port, proc)
        base = f"http://127.0.0.1:{port}"
        read = (tmp_path / "atlas.db.token.read").read_text().strip()
        w = Watched(browser.new_page(viewport={"width": 1400, "height": 900}))
        page = w.page
        page.goto(base + "/")
        page.locator("#notice", has_text="needs a token").wait_for(timeout=30000)  # no data without it
        page.wait_for_load_state("networkidle")  # every token-less request has been answered (and refused)
        refused = len(w.errors)  # the token-less visit's failed requests
        page.goto(f"{base}/?token={read}")  # the link `serve` printed
        page.wait_for_function("window.atlas && window.atlas.ready === true", timeout=60000)
        wait_idle(page)
        assert "token" not in page.url  # the token left the address bar (it is in an HttpOnly cookie)
        assert page.evaluate("document.cookie") == ""
        assert page.evaluate("atlas.drawn") == 13
        assert refused and not w.errors[refused:], w.errors
        assert not w.outside(), w.outside()
        page.close()
    finally:
        out = stop(proc)
    assert read in out  # printed once, with the link
