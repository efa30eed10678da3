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


def test_local_workers_store_and_write_what_one_process_does(tmp_path, corpus, settings):
    """`--engine local --workers 2`: forked workers, same stored atlas and same JSONL as one process."""
    stores = {name: open_store(tmp_path / f"{name}.db") for name in ("one", "two")}
    results = {}
    with engine_session("local", workers=2) as two:
        assert isinstance(two, LocalEngine) and two.workers == 2
        for name, engine in (("one", LocalEngine()), ("two", two)):
            results[name] = ingest([str(corpus)], stores[name], engine=engine, settings=settings, batch_size=3)
        assert two._pool is not None, "two workers should have run in worker processes"
        assert results["two"].documents_added == 12 and len(results["two"].errors) == 1
        assert results["one"].documents_added == results["two"].documents_added
        assert results["one"].events_added == results["two"].events_added
        assert stores["one"].stats() == stores["two"].stats()
        assert json.dumps(_rows(stores["two"]), sort_keys=True) == json.dumps(_rows(stores["one"]), sort_keys=True)
        lines = "".join(
            json.dumps({"id": f.stem, "text": f.read_text(encoding="utf-8"), "published": f.name[:10]}) + "\n"
            for f in sorted(corpus.glob("*.md"))
        )
        outputs = {}
        for name, engine in (("one", LocalEngine()), ("two", two)):
            out, msg = io.StringIO(), io.StringIO()
            extract(io.StringIO(lines), out, engine=engine, settings=settings, chunk_lines=4, messages=msg)
            outputs[name] = (out.getvalue(), msg.getvalue())
        assert outputs["one"][0] and outputs["two"] == outputs["one"]
    assert two._pool is None
    with pytest.raises(EngineError, match="--scheduler goes with the dask engine"):
        make_engine("local", scheduler="tcp://127.0.0.1:8786")


def test_cli_workers_options_are_checked(tmp_path, corpus):
    """`ingest --workers 2` runs on the local engine; nonsense worker options are clear errors."""
    import subprocess
    import sys

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "eventatlas", "ingest", str(corpus), "--db",
                               str(tmp_path / "cli.db"), *args], capture_output=True, text=True, timeout=600)

    bad = run("--workers", "0")
    assert bad.returncode == 2 and "--workers" in bad.stderr and "must be 1 or more" in bad.stderr
    bad = run("--scheduler", "tcp://127.0.0.1:8786")
    assert bad.returncode == 2 and "--scheduler goes with --engine dask" in bad.stderr
    done = run("--workers", "2", "--json")
    assert done.returncode == 1, done.stderr  # the empty report is an input error; the rest is stored
    assert json.loads(done.stdout)["documents_added"] == 12


# -- speed machinery that must not change a single token ---------------------------------------

_ODD_ENGLISH = (
    "I ain't gonna go, y'all. Let's go! It's   raining \n\n  there.  We gotta do it, c'mon. Nothin' doin'. "
    "There were clashes near the market. I did it. You saw it. Do you have it? He has done it. "
    "That is what it is; those who fled were not found.  \t The convoy got hit, and it gets worse."
)


def test_fast_pipeline_gives_the_stock_models_tokens():
    """nlp.load_nlp swaps spaCy's attribute_ruler for a lookup version and runs the dense layers on
    numpy's BLAS: every token's tag, POS, morphology, lemma, dependency, head and entity must stay
    what the stock pipeline gives."""
    import importlib

    from thinc.api import NumpyOps

    from eventatlas.nlp import MODEL_PACKAGE, load_nlp
    from eventatlas.nlp.attributes import FastAttributeRuler

    fast = load_nlp()
    assert isinstance(fast.get_pipe("attribute_ruler"), FastAttributeRuler)
    layers = [layer for _, pipe in fast.pipeline if hasattr(pipe, "model") for layer in pipe.model.walk()]
    assert layers and all(isinstance(x.ops, NumpyOps) and not x.ops.use_blis for x in layers)
    stock = importlib.import_module(MODEL_PACKAGE).load(exclude=["lemmatizer"])
    assert fast.pipe_names == stock.pipe_names
    texts = [p.read_text(encoding="utf-8") for p in sorted(DEMO.glob("*.md"))[:20]] + [_ODD_ENGLISH]
    checked = 0
    for a, b in zip(fast.pipe(texts), stock.pipe(texts), strict=True):
        assert [t.text for t in a] == [t.text for t in b]
        for x, y in zip(a, b, strict=True):
            assert (x.tag_, x.pos_, str(x.morph), x.lemma_, x.dep_, x.head.i, x.ent_iob_, x.ent_type_) == \
                (y.tag_, y.pos_, str(y.morph), y.lemma_, y.dep_, y.head.i, y.ent_iob_, y.ent_type_), (x.text, x.i)
            checked += 1
    assert checked > 3000


def test_fuzzy_lookups_are_remembered_and_unchanged(gazetteer_path):
    """The gazetteer remembers fuzzy lookups (a stream repeats its unknown names): the remembered
    answer is the one a fresh lookup gives, and callers cannot change it."""
    from eventatlas.geo import Gazetteer

    gaz = Gazetteer.open(gazetteer_path)
    names = ["maidugurii", "benghazii", "mogadishuu", "kandaharr", "xqzvwkplm"]
    fresh = [gaz._fuzzy(n) for n in names]
    assert any(fresh) and not fresh[-1]
    assert len(gaz._fuzzy_memo) == len(names)
    remembered = [gaz._fuzzy(n) for n in names]
    assert remembered == fresh
    remembered[0].append("tampered")
    gaz._fuzzy_memo.clear()
    assert [gaz._fuzzy(n) for n in names] == fresh
    assert gaz._fuzzy(names[0]) == fresh[0]
