"""Schemathesis against the atlas's own OpenAPI document: the real server on a real SQLite store.

Every GET operation the document lists (the routers other parts add included) gets generated
requests, valid and invalid; every response must pass schemathesis's checks: no 5xx, a status code
and content type the document lists, a body that matches the documented schema, documented headers.
Writing endpoints need a token and change the store, so only GET operations run here. Examples per
operation are few and each has a deadline, so the whole file stays well under a minute.

Two default checks are left out, both about where the line between 2xx and 4xx falls:
`positive_data_acceptance` (a schema-valid request must not get a 4xx): some rules cannot be written
in the document (a bbox's south not north of its north, `from` not after `to`, a real calendar day, a
known origin), and those are 422 by design; `negative_data_rejection` (a schema-violating request
must get a 4xx): in a query string every value is text, so its "violations" of free-text parameters
(`q=false`, `event_type=true`) are valid requests. The documented patterns of the parameters whose
shape the server checks (bbox, from, to) are held to the parsers by tests/test_properties.py.

The document is taken from `create_app` at collection time (schemathesis's lazy `from_fixture`
loader does not work with pytest 9); `test_served_document_is_the_one_tested` checks that the
running server serves the same document.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import negative_data_rejection, positive_data_acceptance
from schemathesis.config import SchemathesisConfig

from eventatlas.web import create_app
from test_web_support import build_db, running_server


def _document() -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        return create_app(str(Path(tmp) / "empty.db")).openapi()


DOCUMENT = _document()
UNDECIDABLE = [positive_data_acceptance, negative_data_rejection]  # see the module docstring
# Each forecast request fits a model (0.1-5 s); schemathesis's coverage phase would send ~180 of them,
# a minute or more on a busy machine. Its parameters are the shared filters the other operations'
# coverage cases already probe, so /api/forecast gets only the random examples.
CONFIG = SchemathesisConfig.from_dict(
    {"operations": [{"include-path": "/api/forecast", "phases": {"coverage": {"enabled": False}}}]}
)
# (an exclude, not include(method="GET"): with a config, schemathesis ORs its own include with ours)
schema = schemathesis.openapi.from_dict(DOCUMENT, config=CONFIG).exclude(
    method=["POST", "PUT", "PATCH", "DELETE"]
)


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("schemathesis") / "atlas.db"
    build_db(db).close()
    with running_server(db) as base:
        httpx.get(f"{base}/api/spread", timeout=60)  # the first spread request imports the analysis stack
        httpx.get(f"{base}/api/boundaries/admin1", timeout=60)  # the first one reads the divisions file
        yield base


def test_served_document_is_the_one_tested(base_url: str) -> None:
    assert httpx.get(f"{base_url}/openapi.json", timeout=10).json() == DOCUMENT


@schema.parametrize()
@settings(
    max_examples=20,
    deadline=5000,  # ms per request: the slowest (spread analysis) takes well under a second here
    suppress_health_check=list(HealthCheck),
    derandomize=True,  # the same requests on every run, so a CI failure reproduces
)
@pytest.mark.timeout(120)
def test_api_conforms_to_its_openapi_document(case: schemathesis.Case, base_url: str) -> None:
    case.call_and_validate(base_url=base_url, timeout=30, excluded_checks=UNDECIDABLE)


def test_what_schemathesis_found(base_url: str) -> None:
    """Its findings, kept as plain cases: 20 examples per operation need not draw them again."""
    # a place id past SQLite's 64-bit integers overflowed its binding: a 500, now a 422
    assert httpx.get(f"{base_url}/api/places/27365835966070390784", timeout=10).status_code == 422
    # float() took "1_0" and " 1"; the documented pattern does not
    assert httpx.get(f"{base_url}/api/events", params={"bbox": "1_0,0,20,1"}, timeout=10).status_code == 422
    # the documented content types are the ones sent
    assert httpx.get(f"{base_url}/api/export.csv", timeout=10).headers["content-type"].startswith("text/csv")
