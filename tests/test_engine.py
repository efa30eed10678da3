"""The local and Dask engines give the same atlas: same events, same merges, same JSONL, same errors."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest

from eventatlas.engine import (
    EngineError,
    LocalEngine,
    PipelineSettings,
    engine_session,
    extract,
    get_pipeline,
    ingest,
    make_engine,
)
from eventatlas.store import open_store

DEMO = Path(__file__).resolve().parents[1] / "data" / "demo"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A dozen demo reports, copied so that edits to data/demo mid-run cannot change the comparison."""
    files = sorted(DEMO.glob("*.md"))[:12]
    if len(files) < 4:
        pytest.skip("data/demo has too few reports")
    folder = tmp_path_factory.mktemp("corpus")
    for f in files:
        shutil.copy(f, folder / f.name)
    (folder / "empty.md").write_text("   \n", encoding="utf-8")  # an input error on both engines
    return folder


@pytest.fixture(scope="module")
def settings(gazetteer_path: Path) -> PipelineSettings:
    return PipelineSettings.of(gazetteer_path=gazetteer_path)


@pytest.fixture(scope="module")
def dask_engine(settings):
    pytest.importorskip("dask.distributed")
    with engine_session("dask", workers=2) as engine:
        engine.warm(settings)
        yield engine


def _rows(store) -> list[dict]:
    return [{k: v for k, v in r.items() if k != "created_at"} for r in store.query_events()]


def test_pipeline_is_built_once_per_settings(settings):
    assert get_pipeline(settings) is get_pipeline(PipelineSettings.of(gazetteer_path=settings.gazetteer_path))
    assert get_pipeline(settings) is not get_pipeline(PipelineSettings(settings.gazetteer_path, country_hint="LY"))


def test_unknown_engine_is_a_clear_error():
    with pytest.raises(EngineError, match="unknown engine 'spark'"):
        make_engine("spark")
    assert isinstance(make_engine("local"), LocalEngine)


def test_dask_ingest_stores_what_local_ingest_stores(tmp_path, corpus, settings, dask_engine):
    stores = {name: open_store(tmp_path / f"{name}.db") for name in ("local", "dask")}
    results, ticks = {}, {}
    for name, engine in (("local", LocalEngine()), ("dask", dask_engine)):
        ticks[name] = 0

        def tick(n: int, name: str = name) -> None:
            ticks[name] += n

        results[name] = ingest([str(corpus)], stores[name], engine=engine, settings=settings, batch_size=4,
                               on_progress=tick)
    assert results["local"].as_dict() == results["dask"].as_dict()
    assert results["dask"].documents_added == 12 and len(results["dask"].errors) == 1
    assert "empty" in str(results["dask"].errors[0])
    assert ticks["local"] == ticks["dask"] == 12
    assert stores["local"].stats() == stores["dask"].stats()
    local_rows = _rows(stores["local"])
    assert local_rows, "the demo reports should give events"
    assert json.dumps(_rows(stores["dask"]), sort_keys=True) == json.dumps(local_rows, sort_keys=True)
    again = ingest([str(corpus)], stores["dask"], engine=dask_engine, settings=settings, batch_size=4)
    assert again.documents_added == 0 and again.documents_skipped == 12


def test_dask_extract_writes_what_local_extract_writes(corpus, settings, dask_engine):
    lines = [
        json.dumps({"id": f.stem, "text": f.read_text(encoding="utf-8"), "published": f.name[:10]}) + "\n"
        for f in sorted(corpus.glob("*.md"))
        if f.stat().st_size > 10
    ]
    lines.insert(5, "{not json\n")
    lines.insert(9, "\n")
    text = "".join(lines)
    outputs, messages = {}, {}
    for name, engine in (("local", LocalEngine()), ("dask", dask_engine)):
        out, msg = io.StringIO(), io.StringIO()
        n = extract(io.StringIO(text), out, engine=engine, settings=settings, chunk_lines=3, messages=msg)
        outputs[name], messages[name] = out.getvalue(), msg.getvalue()
        assert n == len(out.getvalue().splitlines())
    assert outputs["local"] and outputs["dask"] == outputs["local"]
    assert "input line 6" in messages["local"]
    assert messages["dask"] == messages["local"]


def test_scheduler_address_connects_to_a_running_cluster(corpus, settings, dask_engine):
    address = dask_engine.client.scheduler.address
    line = json.dumps({"id": "x", "text": "Gunmen attacked a checkpoint in Sirte on Monday, killing two guards.",
                       "published": "2015-03-02"}) + "\n"
    with engine_session("dask", scheduler=address) as remote:
        assert remote.workers == 2
        out = io.StringIO()
        extract(io.StringIO(line), out, engine=remote, settings=settings)
    local = io.StringIO()
    extract(io.StringIO(line), local, settings=settings)
    assert out.getvalue() == local.getvalue()
    with pytest.raises(EngineError, match="cannot start the dask engine"):
        make_engine("dask", scheduler="tcp://127.0.0.1:9", connect_timeout=2)
    with pytest.raises(EngineError, match="not both"):
        make_engine("dask", workers=2, scheduler=address)
