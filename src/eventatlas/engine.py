"""Where the NLP work runs: in this process (`local`, or N forked local workers) or on a Dask cluster.

The stage functions are the same on both engines: `Pipeline.process_many` for `ingest`, and
`events.extract_jsonl` for `extract`, each run over a batch of documents. The Dask engine ships
batches to workers (a local cluster of N processes, or a running scheduler) and keeps a bounded
window of them in flight; results come back in input order, so both engines write identical
output. Storing always happens here, in the driver: SQLite wants a single writer, and the order of
writes decides which report of an event comes first.

Each process builds its Pipeline once (`get_pipeline`, a cache keyed by `PipelineSettings`) and
spaCy's model once (`nlp.load_nlp`), so no document pays for loading anything.
"""

from __future__ import annotations

import contextlib
import io
import logging
import re
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from itertools import islice
from pathlib import Path
from typing import Any, TextIO

from eventatlas.ingest import ImportedEvent, InputError, iter_records
from eventatlas.model import Document, Event, Mention
from eventatlas.pipeline import IngestResult, Pipeline
from eventatlas.pipeline import ingest as local_ingest

ENGINES = ("local", "dask")
Processed = tuple[Document, list[Mention], list[Event]]


class EngineError(RuntimeError):
    """The engine could not start (Dask missing, scheduler unreachable); the message says which."""


# -- the per-process pipeline ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PipelineSettings:
    """Everything a Pipeline is built from: the cache key, and what travels to workers."""

    gazetteer_path: str | None = None
    model_path: str | None = None
    country_hint: str | None = None
    keep_historical: bool = False

    @classmethod
    def of(cls, gazetteer_path: Path | str | None = None, model_path: Path | str | None = None,
           country_hint: str | None = None, keep_historical: bool = False) -> PipelineSettings:
        return cls(
            str(gazetteer_path) if gazetteer_path else None, str(model_path) if model_path else None, country_hint,
            keep_historical,
        )


_PIPELINES: dict[PipelineSettings, Pipeline] = {}


def get_pipeline(settings: PipelineSettings) -> Pipeline:
    """This process's Pipeline for these settings: built on first use, then reused by every batch."""
    pipeline = _PIPELINES.get(settings)
    if pipeline is None:
        pipeline = Pipeline(
            gazetteer_path=Path(settings.gazetteer_path) if settings.gazetteer_path else None,
            model_path=Path(settings.model_path) if settings.model_path else None,
            country_hint=settings.country_hint,
            keep_historical=settings.keep_historical,
        )
        _PIPELINES[settings] = pipeline
    return pipeline


def warm(settings: PipelineSettings) -> bool:
    """Load the models now (spaCy, gazetteer, event model), so the first batch is not the slow one."""
    from eventatlas.nlp import load_nlp

    get_pipeline(settings).extractor  # noqa: B018 - the property loads the extractor and geoparser
    load_nlp()
    return True


def process_batch(settings: PipelineSettings, documents: list[Document], batch_size: int = 32) -> list[Processed]:
    """nlp → geo → events for one batch (runs on a worker): each document with its mentions and events."""
    return list(get_pipeline(settings).process_many(documents, batch_size=batch_size))


def extract_chunk(
    settings: PipelineSettings, first_line: int, lines: list[str], batch_size: int = 64
) -> tuple[int, int, str, str]:
    """`extract_jsonl` on a chunk of JSONL lines: (lines, events written, JSONL, messages).

    Messages are renumbered to name the lines of the whole input, as a run over all of it would.
    """
    from eventatlas.events import extract_jsonl

    out, messages = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(messages):
        n = extract_jsonl(io.StringIO("".join(lines)), out, extractor=get_pipeline(settings).extractor,
                          batch_size=batch_size)
    text = _LINE_NUMBER.sub(lambda m: f"{m[1]}{int(m[2]) + first_line - 1}", messages.getvalue())
    return len(lines), n, out.getvalue(), text


_LINE_NUMBER = re.compile(r"(input line )(\d+)")


# -- engines -----------------------------------------------------------------------------------


class LocalEngine:
    """Run batches here, one after another; or, with `workers` > 1, on that many forked processes.

    The worker processes are forked after `warm` has loaded the models here, so they start with the
    model weights and the gazetteer already in (copy-on-write) memory instead of each loading its
    own. Results come back in task order.
    """

    name = "local"

    def __init__(self, workers: int | None = None, window: int | None = None) -> None:
        self.workers = max(1, workers or 1)
        self.window = window or 2 * self.workers  # batches in flight: every worker busy, memory bounded
        self._pool: Any = None

    def warm(self, settings: PipelineSettings) -> None:
        """Load the models here, before any worker is forked, so the workers inherit them."""
        warm(settings)

    def _start(self) -> Any:
        if self._pool is None:
            import multiprocessing

            methods = multiprocessing.get_all_start_methods()
            context = multiprocessing.get_context("fork" if "fork" in methods else None)
            self._pool = context.Pool(self.workers)
        return self._pool

    def map(self, fn: Callable[..., Any], tasks: Iterable[tuple]) -> Iterator[Any]:
        if self.workers == 1:
            for args in tasks:
                yield fn(*args)
            return
        pool = self._start()
        pending: deque = deque()
        for args in tasks:
            pending.append(pool.apply_async(fn, args))
            if len(pending) >= self.window:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None


class DaskEngine:
    """Run batches on Dask workers: a LocalCluster of `workers` processes, or the `scheduler` given."""

    name = "dask"

    def __init__(
        self, workers: int | None = None, scheduler: str | None = None, window: int | None = None,
        connect_timeout: float = 20.0,
    ) -> None:
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError as exc:  # pragma: no cover - install problem, reported clearly
            raise EngineError("the dask engine needs dask.distributed: pip install 'dask[distributed]'") from exc
        for name in ("distributed", "distributed.nanny", "distributed.scheduler", "distributed.worker"):
            logging.getLogger(name).setLevel(logging.ERROR)
        self.cluster = None
        try:
            if scheduler:
                self.client = Client(scheduler, timeout=f"{connect_timeout}s")
            else:
                self.cluster = LocalCluster(
                    n_workers=max(1, workers or 1),
                    threads_per_worker=1,  # spaCy holds the GIL: parallelism comes from processes
                    processes=True,
                    dashboard_address=None,
                    silence_logs=logging.ERROR,
                )
                self.client = Client(self.cluster)
        except (OSError, TimeoutError) as exc:
            if self.cluster is not None:
                self.cluster.close()
            raise EngineError(f"cannot start the dask engine ({scheduler or 'local cluster'}): {exc}") from exc
        self.workers = max(1, len(self.client.scheduler_info().get("workers", {})) or (workers or 1))
        self.window = window or 2 * self.workers  # batches in flight: every worker busy, memory bounded

    def warm(self, settings: PipelineSettings) -> None:
        """Load the models on every worker before the clock starts."""
        self.client.run(warm, settings)

    def map(self, fn: Callable[..., Any], tasks: Iterable[tuple]) -> Iterator[Any]:
        """fn(*args) for each task on the cluster, results in task order, at most `window` in flight."""
        pending: deque = deque()
        for args in tasks:
            pending.append(self.client.submit(fn, *args, pure=False))
            if len(pending) >= self.window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


Engine = LocalEngine | DaskEngine


def make_engine(
    engine: str = "local", workers: int | None = None, scheduler: str | None = None, connect_timeout: float = 20.0
) -> Engine:
    """`local`, or `dask` with `workers` local processes or a `scheduler` address (tcp://host:8786)."""
    if engine not in ENGINES:
        raise EngineError(f"unknown engine {engine!r}; expected one of {', '.join(ENGINES)}")
    if engine == "local":
        if scheduler:
            raise EngineError("--scheduler goes with the dask engine; the local engine takes --workers")
        return LocalEngine(workers=workers)
    if workers is not None and scheduler:
        raise EngineError("give --workers (a local cluster) or --scheduler (a running one), not both")
    return DaskEngine(workers=workers, scheduler=scheduler, connect_timeout=connect_timeout)


@contextlib.contextmanager
def engine_session(engine: str = "local", workers: int | None = None, scheduler: str | None = None) -> Iterator[Engine]:
    """make_engine as a context: the cluster is shut down however the run ends."""
    eng = make_engine(engine, workers, scheduler)
    try:
        yield eng
    finally:
        eng.close()


# -- ingest and extract on an engine -----------------------------------------------------------


def ingest(
    inputs: Iterable[str],
    store: Any,
    engine: Engine | None = None,
    settings: PipelineSettings | None = None,
    fmt: str = "auto",
    source: str | None = None,
    published: date | None = None,
    follow: bool = False,
    on_error: Callable[[InputError], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
    batch_size: int = 16,
) -> IngestResult:
    """`pipeline.ingest` on an engine: reading, de-duplication and storing here; NLP on the engine.

    The local engine with one worker is `pipeline.ingest` itself, with this process's cached
    Pipeline. With local workers or on Dask the outcome (documents, events, merges, errors) is the
    same; only where the NLP runs differs.
    """
    settings = settings or PipelineSettings()
    engine = engine or LocalEngine()
    if isinstance(engine, LocalEngine) and engine.workers > 1:
        engine.warm(settings)
    elif isinstance(engine, LocalEngine):
        return local_ingest(
            inputs, store, fmt=fmt, source=source, published=published, follow=follow,
            pipeline=get_pipeline(settings), on_error=on_error, on_progress=on_progress, batch_size=batch_size,
        )
    records = iter_records(inputs, fmt=fmt, source=source, published=published, follow=follow)
    return ingest_records(records, store, engine, settings, on_error=on_error, on_progress=on_progress,
                          batch_size=batch_size)


def ingest_records(
    records: Iterable[Document | ImportedEvent | InputError],
    store: Any,
    engine: Engine | None = None,
    settings: PipelineSettings | None = None,
    on_error: Callable[[InputError], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
    batch_size: int = 16,
) -> IngestResult:
    """`pipeline.ingest`'s loop over records already read (feed entries picked by `watch`, say).

    Same rules: dataset rows stored as they are, empty texts are errors, documents already stored
    (or already queued) are skipped before any NLP, one failing document does not stop the batch.
    """
    settings = settings or PipelineSettings()
    engine = engine or LocalEngine()
    result = IngestResult()

    def error(e: InputError) -> None:
        result.errors.append(e)
        if on_error:
            on_error(e)

    def progress() -> None:
        if on_progress:
            on_progress(1)

    def batches() -> Iterator[tuple]:
        """Document batches for the workers; dataset rows and duplicates are handled on the way."""
        pending: list[Document] = []
        queued: set[str] = set()
        for record in records:
            if isinstance(record, InputError):
                error(record)
            elif isinstance(record, ImportedEvent):
                # counted by its event, as pipeline.ingest does: a row sharing a stored row's notes
                # text adds its event to that document
                _, new_events = store.add_document(record.document, [record.event])
                if new_events:
                    result.imported_added += 1
                else:
                    result.documents_skipped += 1
                progress()
            elif not record.text.strip():
                error(InputError(record.origin or record.id, None, "no text"))
            elif record.id in queued or store.has_document(record.id):
                result.documents_skipped += 1
                progress()
            else:
                pending.append(record)
                queued.add(record.id)
                if len(pending) >= batch_size:
                    yield settings, pending, batch_size
                    pending = []
        if pending:
            yield settings, pending, batch_size

    for processed in engine.map(process_batch, batches()):
        for document, mentions, events in processed:
            try:
                added, new_events = store.add_document(document, events, mentions)
            except Exception as exc:  # one document failing must not stop the batch
                error(InputError(document.origin or document.id, None, f"could not be stored: {exc}"))
                continue
            if added:
                result.documents_added += 1
                result.events_added += new_events
            else:
                result.documents_skipped += 1
            progress()
    return result


def extract(
    input: TextIO,
    output: TextIO,
    engine: Engine | None = None,
    settings: PipelineSettings | None = None,
    chunk_lines: int = 64,
    on_progress: Callable[[int], None] | None = None,
    messages: TextIO | None = None,
) -> int:
    """`events.extract_jsonl` on an engine, over chunks of input lines; output identical to a local run.

    Returns what extract_jsonl returns (events written). Messages about bad lines go to `messages`
    (default stderr) naming lines of the whole input; `on_progress` gets the lines done.
    """
    from eventatlas.events import extract_jsonl

    settings = settings or PipelineSettings()
    engine = engine or LocalEngine()
    if isinstance(engine, LocalEngine) and engine.workers > 1:
        engine.warm(settings)
    elif isinstance(engine, LocalEngine):

        def counted() -> Iterator[str]:
            for line in input:
                yield line
                if on_progress:
                    on_progress(1)

        with contextlib.redirect_stderr(messages or sys.stderr):
            return extract_jsonl(counted(), output, extractor=get_pipeline(settings).extractor, batch_size=chunk_lines)
    messages = messages or sys.stderr

    def chunks() -> Iterator[tuple]:
        lineno = 1
        lines = iter(input)
        while chunk := list(islice(lines, chunk_lines)):
            yield settings, lineno, chunk, chunk_lines
            lineno += len(chunk)

    total = 0
    for n_lines, n, out_text, err_text in engine.map(extract_chunk, chunks()):
        output.write(out_text)
        if err_text:
            messages.write(err_text)
        total += n
        if on_progress:
            on_progress(n_lines)
    return total
