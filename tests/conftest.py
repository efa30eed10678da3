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
