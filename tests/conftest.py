"""Shared fixtures: one gazetteer per test session, built from the packaged data if none exists."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def gazetteer_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The gazetteer the tests (and the CLI subprocesses they start) use."""
    from eventatlas.geo import build_gazetteer, default_gazetteer_path

    path = default_gazetteer_path()
    if not path.exists():
        path = tmp_path_factory.mktemp("gazetteer") / "gazetteer.sqlite"
        build_gazetteer(path, progress=False)
    os.environ["EVENTATLAS_GAZETTEER"] = str(path)
    return path


@pytest.fixture(scope="session")
def geoparser(gazetteer_path):
    """One geoparser over the test gazetteer (loading the gazetteer takes a second or two)."""
    from eventatlas.geo import Gazetteer, Geoparser

    return Geoparser(Gazetteer.open(gazetteer_path))


@pytest.fixture(scope="session")
def geo_ex(geoparser):
    """The default event coder with the test geoparser."""
    from eventatlas.events import EventExtractor

    return EventExtractor(geoparser=geoparser)


@pytest.fixture(scope="session")
def code_report(geoparser):
    """code_report(text, published, keep_historical=False, **document_fields): the events the default
    coder (with the geoparser) finds in one report, in the order the report tells them."""
    from eventatlas.events import EventExtractor
    from eventatlas.model import Document

    coders = {flag: EventExtractor(geoparser=geoparser, keep_historical=flag) for flag in (False, True)}

    def code(text: str, published, keep_historical: bool = False, **fields):
        events = coders[keep_historical].extract(Document(text=text, published=published, **fields))
        return sorted(events, key=lambda e: e.evidence[0].start if e.evidence else 0)

    return code
