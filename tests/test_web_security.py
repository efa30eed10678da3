"""The server's protections and POST /api/ingest, against the real server on real SQLite files.

Each server runs in a subprocess (`eventatlas.web.serve`, or the `eventatlas serve` command), with its
settings in $EVENTATLAS_* variables or command-line options; the reports are our own sentences.
"""

from __future__ import annotations

import os
import socket
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from test_web_support import build_db, free_port, running_server

REPORT = (
    "Gunmen attacked a police checkpoint in Misrata on Tuesday, killing two officers, "
    "a security official said. The road to the port was closed for hours."
)
REPORT_2 = "Protesters blocked the coastal road in Zawiya on Sunday, demanding an end to fuel shortages."
FILE_REPORT = (
    "---\ntitle: Clashes near Sabha\nsource: Fezzan Test Wire\npublished: 2024-08-20\n---\n"
    "Two armed groups clashed near the airport in Sabha on Monday; three fighters were killed, "
    "residents said.\n"
)


def counts(db: Path) -> tuple[int, int, int]:
    with sqlite3.connect(db) as conn:
        return tuple(
            conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            for table in ("documents", "events", "reports")
        )


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, gazetteer_path: Path):
    db = tmp_path_factory.mktemp("secure") / "atlas.db"
    build_db(db).close()
    with running_server(db) as base, httpx.Client(base_url=base, timeout=120) as client:
        yield db, client


def token_of(db: Path) -> str:
    return (db.parent / (db.name + ".token")).read_text().strip()


# -- the token --------------------------------------------------------------------------------


def test_token_file_is_private(server) -> None:
    db, _ = server
    path = db.parent / (db.name + ".token")
    assert path.exists()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    token = token_of(db)
    assert len(token) >= 40 and token.isascii()


def test_write_needs_the_token(server) -> None:
    db, api = server
    before = counts(db)
    r = api.post("/api/ingest", data={"text": REPORT})
    assert r.status_code == 401, r.text
    assert r.headers["www-authenticate"] == "Bearer"
    assert "token" in r.json()["detail"]
    r = api.post("/api/ingest", data={"text": REPORT}, headers={"Authorization": "Bearer not-the-token"})
    assert r.status_code == 403, r.text
    r = api.post("/api/ingest", data={"text": REPORT}, headers={"X-Eventatlas-Token": token_of(db) + "x"})
    assert r.status_code == 403
    r = api.post(
        "/api/ingest",
        data={"text": REPORT},
        headers={"Cookie": f"eventatlas_token_{api.base_url.port}={token_of(db)}"},
    )
    assert r.status_code == 401  # a cookie never writes: another site's form could send it
    assert counts(db) == before


def test_ingest_with_token_stores_once(server) -> None:
    db, api = server
    docs, events, reports = counts(db)
    auth = {"Authorization": f"Bearer {token_of(db)}"}
    form = {
        "text": REPORT,
        "source": "Security Test Wire",
        "published": "2024-07-10",
        "title": "Checkpoint attack",
    }
    r = api.post("/api/ingest", data=form, headers=auth)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["ok"] and body["documents_added"] == 1 and body["events_added"] >= 1
    [result] = body["results"]
    assert result["input"] == "pasted text" and result["kind"] == "text"
    misrata = [e for e in result["events"] if e["place_name"] and "Misrat" in e["place_name"]]
    assert misrata and misrata[0]["date"] == "2024-07-09"  # "on Tuesday" before the 10th
    assert counts(db) == (docs + 1, events + body["events_added"], reports + body["events_added"])
    ev = api.get(f"/api/events/{misrata[0]['id']}").json()
    assert ev["reports"][0]["source"] == "Security Test Wire"
    assert ev["reports"][0]["title"] == "Checkpoint attack"
    assert ev["reports"][0]["origin"] == "pasted text"  # not the server's temporary file
    after = counts(db)
    again = api.post("/api/ingest", data=form, headers={"X-Eventatlas-Token": token_of(db)})
    assert again.status_code == 200, again.text
    assert again.json()["documents_added"] == 0 and again.json()["documents_skipped"] == 1
    assert again.json()["results"][0]["events"] == result["events"]
    assert counts(db) == after  # nothing duplicated


def test_ingest_batch_goes_on_past_bad_inputs(server) -> None:
    db, api = server
    auth = {"Authorization": f"Bearer {token_of(db)}"}
    before = counts(db)
    files = [
        ("files", ("sabha.md", FILE_REPORT.encode(), "text/markdown")),
        ("files", ("garbage.txt", bytes(range(256)) * 40, "application/octet-stream")),
        ("files", ("empty.txt", b"", "text/plain")),
        ("files", ("zawiya.txt", REPORT_2.encode(), "text/plain")),
    ]
    r = api.post("/api/ingest", files=files, data={"url": "ftp://example.org/report.txt"}, headers=auth)
    assert r.status_code == 200, r.text
    body = r.json()
    by_name = {x["input"]: x for x in body["results"]}
    assert set(by_name) == {
        "sabha.md",
        "garbage.txt",
        "empty.txt",
        "zawiya.txt",
        "ftp://example.org/report.txt",
    }
    assert by_name["sabha.md"]["ok"] and by_name["sabha.md"]["documents_added"] == 1
    assert by_name["zawiya.txt"]["ok"] and by_name["zawiya.txt"]["documents_added"] == 1
    for bad in ("garbage.txt", "empty.txt", "ftp://example.org/report.txt"):
        assert not by_name[bad]["ok"]
        assert by_name[bad]["errors"][0].startswith(bad + ":"), by_name[bad]["errors"]  # names the input
        assert (
            "/tmp" not in by_name[bad]["errors"][0] and "eventatlas-upload" not in by_name[bad]["errors"][0]
        )
    assert not body["ok"] and body["errors"] == 3
    assert counts(db)[0] == before[0] + 2
    sabha = [e for e in by_name["sabha.md"]["events"] if e["place_name"] == "Sabha"]
    assert sabha and sabha[0]["date"] == "2024-08-19"  # front matter's date and source were read
    ev = api.get(f"/api/events/{sabha[0]['id']}").json()
    assert {r["source"] for r in ev["reports"]} >= {"Fezzan Test Wire"}


def test_ingest_refuses_private_urls(server) -> None:
    db, api = server
    auth = {"Authorization": f"Bearer {token_of(db)}"}
    before = counts(db)
    # the server's own address: loopback, refused by the URL guard before anything is fetched
    own = str(api.base_url) + "/api/stats"
    r = api.post("/api/ingest", data={"url": own}, headers=auth)
    assert r.status_code == 200, r.text
    [result] = r.json()["results"]
    assert not result["ok"]
    assert result["errors"][0].startswith(own) and "non-public address" in result["errors"][0]
    assert counts(db) == before


def test_ingest_bad_requests(server) -> None:
    db, api = server
    auth = {"Authorization": f"Bearer {token_of(db)}"}
    r = api.post("/api/ingest", data={}, headers=auth)
    assert r.status_code == 422 and "nothing to add" in r.json()["message"]
    r = api.post("/api/ingest", data={"text": REPORT, "published": "10/07/2024"}, headers=auth)
    assert r.status_code == 422 and "published" in r.json()["message"]
    r = api.post("/api/ingest", data={"text": REPORT, "published": "2999-01-01"}, headers=auth)
    assert r.status_code == 422 and "future" in r.json()["message"]
    r = api.post("/api/ingest", data={"text": "   \n  "}, headers=auth)
    assert r.status_code == 422


def test_no_cors_by_default_and_host_check(server) -> None:
    _, api = server
    r = api.get("/api/stats", headers={"Origin": "https://elsewhere.example"})
    assert r.status_code == 200
    assert not any(h.startswith("access-control-") for h in r.headers)
    r = api.options(
        "/api/ingest",
        headers={"Origin": "https://elsewhere.example", "Access-Control-Request-Method": "POST"},
    )
    assert "access-control-allow-origin" not in r.headers
    # a loopback server answers only to loopback names (DNS rebinding)
    r = api.get("/api/stats", headers={"Host": "attacker.example"})
    assert r.status_code == 400 and "Host" in r.json()["message"]
    assert api.get("/api/stats", headers={"Host": f"localhost:{api.base_url.port}"}).status_code == 200


# -- settings: read protection, CORS, limits ----------------------------------------------------


@pytest.fixture()
def fresh_db(tmp_path: Path) -> Path:
    db = tmp_path / "atlas.db"
    build_db(db).close()
    return db


@pytest.fixture()
def protected(fresh_db: Path):
    """A read-protected server; yields (base URL, read token, write token)."""
    token_file = fresh_db.parent / "keys" / "atlas.token"
    port = free_port()
    code = f"from eventatlas.web import serve; serve({str(fresh_db)!r}, host='127.0.0.1', port={port})"
    env = {**os.environ, "EVENTATLAS_READ_TOKEN": "1", "EVENTATLAS_TOKEN_FILE": str(token_file)}
    proc = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env
    )
    try:
        wait_port(port, proc)
        read_file = token_file.with_name("atlas.token.read")
        assert stat.S_IMODE(token_file.stat().st_mode) == 0o600
        assert stat.S_IMODE(read_file.stat().st_mode) == 0o600
        read = read_file.read_text().strip()
        assert read != token_file.read_text().strip()
        yield f"http://127.0.0.1:{port}", read, token_file.read_text().strip()
    finally:
        stop(proc)


def wait_port(port: int, proc: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited early: {proc.stdout.read() if proc.stdout else ''}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("server did not start")


def stop(proc: subprocess.Popen) -> str:
    proc.terminate()
    try:
        out, _ = proc.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, _ = proc.communicate()
    return out or ""


def test_read_protection(protected) -> None:
    base, read, write = protected
    with httpx.Client(base_url=base, timeout=30) as api:
        r = api.get("/api/events")
        assert r.status_code == 401 and "token" in r.json()["message"]
        assert api.get("/api/events", headers={"Authorization": "Bearer wrong"}).status_code == 401
        assert api.get("/api/stats", headers={"Authorization": f"Bearer {read}"}).status_code == 200
        assert (
            api.get("/api/stats", headers={"X-Eventatlas-Token": write}).status_code == 200
        )  # write reads too
        # the read token does not write
        r = api.post("/api/ingest", data={"text": REPORT}, headers={"Authorization": f"Bearer {read}"})
        assert r.status_code == 403
        assert api.get("/").status_code == 200  # the page itself holds no data
        # the link printed by `serve` keeps the token in a cookie and drops it from the address
        assert api.get("/?token=wrong").status_code == 403
        r = api.get(f"/?token={read}&event=abc")
        assert r.status_code == 303 and r.headers["location"] == "/?event=abc"
        cookie = r.headers["set-cookie"]
        assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
        assert api.cookies.get(f"eventatlas_token_{api.base_url.port}") == read
        assert api.get("/api/events").status_code == 200  # now with the cookie


def test_reads_open_by_default(server) -> None:
    _, api = server
    assert api.get("/api/events", params={"limit": 1}).status_code == 200
    assert api.get("/api/facets").status_code == 200


def test_cors_when_allowed(fresh_db: Path) -> None:
    origin = "https://partner.example"
    with (
        running_server(fresh_db, env={"EVENTATLAS_CORS": origin}) as base,
        httpx.Client(base_url=base) as api,
    ):
        r = api.get("/api/stats", headers={"Origin": origin})
        assert r.headers["access-control-allow-origin"] == origin
        r = api.get("/api/stats", headers={"Origin": "https://other.example"})
        assert "access-control-allow-origin" not in r.headers
        r = api.options(
            "/api/ingest",
            headers={
                "Origin": origin,
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "authorization",
            },
        )
        assert r.status_code == 200
        assert r.headers["access-control-allow-origin"] == origin
        assert "authorization" in r.headers["access-control-allow-headers"].lower()


def test_body_size_limit(fresh_db: Path) -> None:
    with (
        running_server(fresh_db, env={"EVENTATLAS_MAX_BODY_MB": "1"}) as base,
        httpx.Client(base_url=base) as api,
    ):
        token = token_of(fresh_db)
        big = ("files", ("big.txt", b"a" * (2 * 1024 * 1024), "text/plain"))
        r = api.post("/api/ingest", files=[big], headers={"Authorization": f"Bearer {token}"})
        assert r.status_code == 413
        assert "too large" in r.json()["message"] and "1 MB" in r.json()["message"]

        def chunks():  # no Content-Length: the limit still holds
            for _ in range(40):
                yield b"x" * 65536

        r = api.post("/api/ingest", content=chunks(), headers={"Authorization": f"Bearer {token}"})
        assert r.status_code == 413
        assert api.get("/api/stats").status_code == 200


def test_rate_limit(fresh_db: Path) -> None:
    with (
        running_server(fresh_db, env={"EVENTATLAS_RATE_LIMIT": "30"}) as base,
        httpx.Client(base_url=base) as api,
    ):
        codes = [api.get("/api/stats").status_code for _ in range(40)]
        assert codes.count(429) >= 5, codes
        assert codes[:25] == [200] * 25  # a burst of a minute's worth (less the start-up probes)
        r = api.get("/api/stats")
        assert r.status_code == 429
        assert int(r.headers["retry-after"]) >= 1
        assert "too many requests" in r.json()["message"]


# -- the command --------------------------------------------------------------------------------


def test_serve_command_prints_token_once_and_warns_off_loopback(fresh_db: Path) -> None:
    exe = Path(sys.executable).with_name("eventatlas")
    port = free_port()

    def run(*args: str) -> str:
        proc = subprocess.Popen(
            [str(exe), "serve", "--db", str(fresh_db), "--port", str(port), *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        try:
            wait_port(port, proc)
            time.sleep(0.3)
        finally:
            out = stop(proc)
        return out

    first = run("--host", "0.0.0.0")
    token = token_of(fresh_db)
    assert "warning: serving on 0.0.0.0" in first and "not a loopback address" in first
    assert token in first and "shown once" in first
    second = run()
    assert token not in second and str(fresh_db) + ".token" in second
    assert "warning" not in second


HOSTILE_REPORT = (
    "Security forces arrested five men at a checkpoint in Gharyan on Thursday, a police spokesman said."
)
HOSTILE = ["' OR '1'='1", "'; DROP TABLE events; --", "1) UNION SELECT * FROM documents --", "100%", "a_b"]


def test_hostile_strings_are_values_everywhere(server) -> None:
    """Stored through /api/ingest and used as every filter of every endpoint: values, never SQL."""
    db, api = server
    auth = {"Authorization": f"Bearer {token_of(db)}"}
    r = api.post(
        "/api/ingest",
        data={"text": HOSTILE_REPORT, "source": HOSTILE[1], "title": HOSTILE[0], "published": "2024-06-03"},
        headers=auth,
    )
    assert r.status_code == 200 and r.json()["documents_added"] == 1, r.text
    total = api.get("/api/stats").json()["events"]
    mine = api.get("/api/events", params={"source": HOSTILE[1]}).json()
    assert mine["properties"]["total"] == len(r.json()["results"][0]["events"]) >= 1
    for attack in HOSTILE:
        for name in ("event_type", "sub_event_type", "actor", "source", "dataset", "q"):
            for path in ("/api/events", "/api/timeline", "/api/spread", "/api/export.geojson"):
                resp = api.get(path, params={name: attack})
                assert resp.status_code == 200, (path, name, attack, resp.text)
        assert api.get("/api/spread", params={"origin": attack}).status_code in (200, 422)
    assert api.get("/api/stats").json()["events"] == total  # nothing dropped or added


# -- the pieces, on real files ----------------------------------------------------------------


def test_token_file_rules(tmp_path: Path) -> None:
    from eventatlas.web.security import TokenError, load_or_create_token

    path = tmp_path / "deep" / "atlas.token"
    token, made = load_or_create_token(path)
    assert made and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_or_create_token(path) == (token, False)  # the same token on every later run
    path.chmod(0o644)  # made readable by others: narrowed again, token kept
    assert load_or_create_token(path) == (token, False)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    path.write_text("\n")
    with pytest.raises(TokenError, match="delete it"):
        load_or_create_token(path)


def test_writing_is_off_without_a_usable_token(fresh_db: Path) -> None:
    token_file = fresh_db.parent / "empty.token"
    token_file.write_text("")
    token_file.chmod(0o600)
    with (
        running_server(fresh_db, env={"EVENTATLAS_TOKEN_FILE": str(token_file)}) as base,
        httpx.Client(base_url=base) as api,
    ):
        assert api.get("/api/stats").status_code == 200  # reading goes on
        r = api.post("/api/ingest", data={"text": REPORT}, headers={"Authorization": "Bearer anything"})
        assert r.status_code == 503 and "empty.token" in r.json()["message"]


def test_rate_limiter_refills() -> None:
    from eventatlas.web.security import RateLimiter

    limiter = RateLimiter(per_minute=60)  # one a second, bursts of 60
    assert all(limiter.take("a", now=100.0) == 0 for _ in range(60))
    wait = limiter.take("a", now=100.0)
    assert 0.9 < wait <= 1.0
    assert limiter.take("b", now=100.0) == 0  # another client has its own bucket
    assert limiter.take("a", now=101.5) == 0  # refilled


def test_rate_limiter_memory_is_bounded() -> None:
    from eventatlas.web.security import RateLimiter

    limiter = RateLimiter(per_minute=60)
    for n in range(3 * RateLimiter.MAX_CLIENTS):
        limiter.take(f"client-{n}", now=float(n) / 1000)
    assert len(limiter.buckets) <= RateLimiter.MAX_CLIENTS


def test_each_server_database_has_its_own_token_file() -> None:
    from eventatlas.web.security import default_token_path

    a = default_token_path("postgresql://u:secret@db.example:5432/atlas_a")
    b = default_token_path("postgresql://u:other@db.example:5432/atlas_b")
    assert a != b and a.parent == b.parent and "secret" not in str(a)
    assert default_token_path("postgresql://u:changed@db.example:5432/atlas_a") == a  # not the password
