"""Benchmark: end-to-end ingest throughput and peak memory, against spaCy's own NER pass.

    .venv/bin/python scripts/bench_pipeline.py [--docs 600] [--workers 1 2] [--engines local dask]
                                               [--profile prof.txt] [--json out.json]

The corpus is made of ~500-word articles recombined from the demo reports (data/demo/*.md): each
article takes the front matter of one report and paragraphs of two to four others, so every
article is new to the store yet reads like the real thing. Each configuration runs in a fresh
subprocess (so peak memory is its own), with models loaded before the clock starts:

- `spacy`: spaCy's own `nlp.pipe` over the texts with the stock model, every component
  (tagger, parser, attribute ruler, NER): what any pipeline built on this model starts from;
- `spacy-ner`: the same with only the NER component enabled: spaCy's NER pass alone;
- `spacy-ner-numpy`: that NER pass with its dense layers on numpy's BLAS, as eventatlas runs the
  model (`nlp/matmul.py`): the ratio against it shows what eventatlas adds around the model;
- `local-N`: `eventatlas.engine.ingest` on the local engine (read → nlp → geo → events → SQLite),
  in this process (N = 1) or on N forked worker processes that share the loaded models;
- `dask-N`: the same on a local Dask cluster of N worker processes (each loads its own models).

Peak memory is the largest sum, sampled every 0.2 s, of the proportional set size (PSS) of the
process and all its children: memory that forked workers share is counted once, not per process. The
sampling runs in a process of its own, so that it neither slows the run it measures nor counts in its
CPU time.

The default corpus is 600 articles. Shorter runs under-state what forked workers sustain: each
worker first copies the pages of the inherited models it writes to (CPython's reference counts live
in the objects), about half a second of CPU each, and the last batch keeps one worker idle.

Each run reports wall-clock docs/s and CPU seconds (the driver's and, on Dask, the workers'),
so figures taken on a busy machine can still be compared: docs per CPU-second does not depend
on what else is running, wall-clock does.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)


def _split(path: Path) -> tuple[dict[str, str], list[str]]:
    text = path.read_text(encoding="utf-8")
    meta: dict[str, str] = {}
    match = FRONT.match(text)
    if match:
        for line in match[1].splitlines():
            key, _, value = line.partition(":")
            meta[key.strip()] = value.strip()
        text = text[match.end() :]
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip() and not p.lstrip().startswith("#")]
    return meta, paragraphs


def make_corpus(folder: Path, n: int, words: int = 500, seed: int = 11) -> list[str]:
    """n Markdown articles of about `words` words in `folder`; returns their texts."""
    reports = [_split(p) for p in sorted((ROOT / "data" / "demo").glob("*.md"))]
    reports = [r for r in reports if r[1]]
    if len(reports) < 20:
        raise SystemExit(f"data/demo has {len(reports)} usable reports; the benchmark wants at least 20")
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    texts = []
    for i in range(n):
        meta, paragraphs = rng.choice(reports)
        body = list(paragraphs)
        while sum(len(p.split()) for p in body) < words:
            body += rng.choice(reports)[1][: rng.randint(1, 4)]
        kept, count = [], 0
        for p in body:
            if count >= words:
                break
            kept.append(p)
            count += len(p.split())
        text = "\n\n".join(kept)
        texts.append(text)
        (folder / f"article-{i:05d}.md").write_text(
            f"---\ntitle: {meta.get('title', 'Report')} ({i})\npublished: {meta.get('published', '2015-06-01')}\n"
            f"source: {meta.get('source', 'Bench Wire')}\nurl: https://bench.example/{i}\n---\n\n{text}\n",
            encoding="utf-8",
        )
    return texts


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class PeakMemory:
    """Samples the PSS of this process and its descendants from a separate sampler process (a thread
    here would take the GIL from the run it measures); `peak_mb` is the largest sum, `cpu_s` the
    sampler's own CPU time, which the caller leaves out of the run's."""

    def __init__(self, every: float = 0.2) -> None:
        self.every, self.peak_mb, self.cpu_s = every, 0.0, 0.0
        self._proc: subprocess.Popen | None = None

    def __enter__(self) -> PeakMemory:
        self._proc = subprocess.Popen([sys.executable, __file__, "--sample", str(os.getpid()), str(self.every)],
                                      stdout=subprocess.PIPE, text=True)
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._proc is not None and self._proc.stdout is not None
        self._proc.send_signal(signal.SIGTERM)  # the sampler prints its peak and stops
        out = self._proc.stdout.read()
        _, _, usage = os.wait4(self._proc.pid, 0)
        self._proc.returncode = 0
        self.cpu_s = usage.ru_utime + usage.ru_stime
        self.peak_mb = float(out.strip() or 0.0)


def _pss_mb(pid: int) -> float:
    import psutil

    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0.0
    total = 0
    for proc in procs:
        try:
            total += proc.memory_full_info().pss
        except (psutil.Error, OSError):  # a worker that has just exited
            pass
    return total / 2**20


def sample(pid: int, every: float) -> None:
    """The sampler process: PSS of `pid`'s tree every `every` s until SIGTERM; prints the peak."""
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    peak = _pss_mb(pid)
    while not stop:
        time.sleep(every)
        peak = max(peak, _pss_mb(pid))
    print(round(peak, 1), flush=True)


def _worker_cpu_s() -> float:
    import time as t

    return t.process_time()


def _stock_nlp():
    """spaCy's model as shipped, without eventatlas's faster attribute ruler."""
    import importlib

    from eventatlas.nlp import MODEL_PACKAGE

    nlp = importlib.import_module(MODEL_PACKAGE).load(exclude=["lemmatizer"])
    nlp.max_length = 2_000_000
    return nlp


def run_one(mode: str, corpus: Path, gazetteer: str | None, profile: str | None) -> dict:
    """One configuration, in this process; returns its figures."""
    from eventatlas.engine import PipelineSettings, engine_session, ingest
    from eventatlas.store import open_store

    files = sorted(corpus.glob("*.md"))
    if mode in ("spacy", "spacy-ner", "spacy-ner-numpy"):
        texts = [_split(f)[1] for f in files]
        texts = ["\n\n".join(p) for p in texts]
        nlp = _stock_nlp()
        if mode == "spacy-ner-numpy":
            from eventatlas.nlp.matmul import use_numpy_matmul

            use_numpy_matmul(nlp)
        enabled = ["ner"] if mode.startswith("spacy-ner") else nlp.pipe_names
        with nlp.select_pipes(enable=enabled):
            list(nlp.pipe(texts[:4]))  # warm up
            t, c = time.perf_counter(), time.process_time()
            ents = sum(len(doc.ents) for doc in nlp.pipe(texts, batch_size=64))
            seconds, cpu = time.perf_counter() - t, time.process_time() - c
        return {"mode": mode, "components": enabled, "docs": len(texts), "seconds": round(seconds, 2),
                "docs_per_s": round(len(texts) / seconds, 2), "cpu_s": round(cpu, 2),
                "docs_per_cpu_s": round(len(texts) / cpu, 2), "entities": ents, "peak_mb": round(_maxrss_mb())}
    settings = PipelineSettings.of(gazetteer_path=gazetteer)
    db = Path(tempfile.mkdtemp(prefix="bench-pipe-")) / "bench.db"
    store = open_store(db)
    engine_name, workers = mode.split("-")[0], int(mode.split("-")[1])
    profiler = None
    with engine_session(engine_name, workers=workers) as engine, PeakMemory() as memory:
        engine.warm(settings)  # models loaded before the clock starts (forked workers inherit them)
        before = sum(engine.client.run(_worker_cpu_s).values()) if engine_name == "dask" else 0.0
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        if profile and mode == "local-1":
            import cProfile

            profiler = cProfile.Profile()
            profiler.enable()
        t, c = time.perf_counter(), time.process_time()
        result = ingest([str(corpus)], store, engine=engine, settings=settings)
        seconds, cpu = time.perf_counter() - t, time.process_time() - c
        if engine_name == "dask":
            cpu += sum(engine.client.run(_worker_cpu_s).values()) - before
    if engine_name == "local":  # forked workers are reaped by now: their CPU time is ours, the sampler's not
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu += (after.ru_utime + after.ru_stime) - (children.ru_utime + children.ru_stime) - memory.cpu_s
    if profiler:
        import pstats

        profiler.disable()
        with open(profile, "w", encoding="utf-8") as fh:
            stats = pstats.Stats(profiler, stream=fh)
            stats.sort_stats("cumulative").print_stats(45)
            stats.sort_stats("tottime").print_stats(30)
    peak = max(memory.peak_mb, _maxrss_mb())
    return {"mode": mode, "engine": engine_name, "workers": workers, "docs": result.documents_added,
            "events": result.events_added, "errors": len(result.errors),
            "seconds": round(seconds, 2), "docs_per_s": round(result.documents_added / seconds, 2),
            "cpu_s": round(cpu, 2), "docs_per_cpu_s": round(result.documents_added / cpu, 2), "peak_mb": round(peak)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=600)
    parser.add_argument("--workers", type=int, nargs="*", default=[1, 2])
    parser.add_argument("--engines", nargs="*", default=["local", "dask"], choices=["local", "dask"])
    parser.add_argument("--gazetteer", default=os.environ.get("EVENTATLAS_GAZETTEER"))
    parser.add_argument("--profile", help="Write a cProfile report of the local-1 run here.")
    parser.add_argument("--json", type=Path, help="Also write the results here.")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    parser.add_argument("--sample", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.sample:
        sample(int(args.sample[0]), float(args.sample[1]))
        return 0
    if args.one:
        print(json.dumps(run_one(args.one, args.corpus, args.gazetteer, args.profile)))
        return 0
    corpus = Path(tempfile.mkdtemp(prefix="bench-corpus-"))
    texts = make_corpus(corpus, args.docs)
    words = sum(len(t.split()) for t in texts) / len(texts)
    results: dict = {"docs": args.docs, "mean_words": round(words), "cpus": os.cpu_count(), "runs": {}}
    modes = ["spacy", "spacy-ner", "spacy-ner-numpy", *(f"{e}-{w}" for e in args.engines for w in args.workers)]
    for mode in modes:
        cmd = [sys.executable, __file__, "--one", mode, "--corpus", str(corpus)]
        if args.gazetteer:
            cmd += ["--gazetteer", args.gazetteer]
        if args.profile and mode == "local-1":
            cmd += ["--profile", args.profile]
        done = subprocess.run(cmd, capture_output=True, text=True)
        if done.returncode != 0:
            results["runs"][mode] = {"error": done.stderr.strip().splitlines()[-1:] }
        else:
            results["runs"][mode] = json.loads(done.stdout.strip().splitlines()[-1])
        print(json.dumps({mode: results["runs"][mode]}), flush=True)
    full = results["runs"].get("spacy", {})
    ner = results["runs"].get("spacy-ner", {})
    ner_numpy = results["runs"].get("spacy-ner-numpy", {})
    for mode in modes[3:]:
        run = results["runs"][mode]
        for key, base in (("ratio_to_spacy", full), ("ratio_to_spacy_ner", ner),
                          ("ratio_to_spacy_ner_numpy", ner_numpy)):
            if base.get("docs_per_s") and run.get("docs_per_s"):
                run[key] = round(run["docs_per_s"] / base["docs_per_s"], 3)
            if base.get("docs_per_cpu_s") and run.get("docs_per_cpu_s"):
                run[key + "_cpu"] = round(run["docs_per_cpu_s"] / base["docs_per_cpu_s"], 3)
    results["goals"] = {"docs_per_s": 30, "ratio_to_spacy_ner": 0.5, "peak_mb": 2048}
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
