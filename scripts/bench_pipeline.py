"""Benchmark: end-to-end ingest throughput and peak memory, against spaCy's own NER pass.

    .venv/bin/python scripts/bench_pipeline.py [--docs 300] [--workers 1 2] [--profile prof.txt] [--json out.json]

The corpus is made of ~500-word articles recombined from the demo reports (data/demo/*.md): each
article takes the front matter of one report and paragraphs of two to four others, so every
article is new to the store yet reads like the real thing. Each configuration runs in a fresh
subprocess (so peak memory is its own), with models loaded before the clock starts:

- `spacy`: `nlp.pipe` over the texts, NER included: the floor for any spaCy-based pipeline;
- `local`: `eventatlas.engine.ingest` on the local engine (read → nlp → geo → events → SQLite);
- `dask-N`: the same on a local Dask cluster of N worker processes (peak memory summed over
  the driver and the workers).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
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


def _worker_maxrss_mb() -> float:
    import resource as r

    return r.getrusage(r.RUSAGE_SELF).ru_maxrss / 1024


def run_one(mode: str, corpus: Path, gazetteer: str | None, profile: str | None) -> dict:
    """One configuration, in this process; returns its figures."""
    from eventatlas.engine import LocalEngine, PipelineSettings, engine_session, ingest, warm
    from eventatlas.nlp import load_nlp
    from eventatlas.store import open_store

    files = sorted(corpus.glob("*.md"))
    if mode == "spacy":
        texts = [_split(f)[1] for f in files]
        texts = ["\n\n".join(p) for p in texts]
        nlp = load_nlp()
        t = time.perf_counter()
        ents = sum(len(doc.ents) for doc in nlp.pipe(texts, batch_size=64))
        seconds = time.perf_counter() - t
        return {"mode": mode, "docs": len(texts), "seconds": round(seconds, 2), "docs_per_s": round(len(texts) / seconds, 1),
                "entities": ents, "peak_mb": round(_maxrss_mb())}
    settings = PipelineSettings.of(gazetteer_path=gazetteer)
    db = Path(tempfile.mkdtemp(prefix="bench-pipe-")) / "bench.db"
    store = open_store(db)
    if mode == "local":
        warm(settings)
        engine = LocalEngine()
        profiler = None
        if profile:
            import cProfile

            profiler = cProfile.Profile()
            profiler.enable()
        t = time.perf_counter()
        result = ingest([str(corpus)], store, engine=engine, settings=settings)
        seconds = time.perf_counter() - t
        if profiler:
            import pstats

            profiler.disable()
            with open(profile, "w", encoding="utf-8") as fh:
                stats = pstats.Stats(profiler, stream=fh)
                stats.sort_stats("cumulative").print_stats(45)
                stats.sort_stats("tottime").print_stats(30)
        peak = _maxrss_mb()
    else:
        workers = int(mode.split("-")[1])
        with engine_session("dask", workers=workers) as engine:
            engine.warm(settings)
            t = time.perf_counter()
            result = ingest([str(corpus)], store, engine=engine, settings=settings)
            seconds = time.perf_counter() - t
            peak = _maxrss_mb() + sum(engine.client.run(_worker_maxrss_mb).values())
    return {"mode": mode, "docs": result.documents_added, "events": result.events_added, "errors": len(result.errors),
            "seconds": round(seconds, 2), "docs_per_s": round(result.documents_added / seconds, 1),
            "peak_mb": round(peak)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--workers", type=int, nargs="*", default=[1, 2])
    parser.add_argument("--gazetteer", default=os.environ.get("EVENTATLAS_GAZETTEER"))
    parser.add_argument("--profile", help="Write a cProfile report of the local run here.")
    parser.add_argument("--json", type=Path, help="Also write the results here.")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.corpus, args.gazetteer, args.profile)))
        return 0
    corpus = Path(tempfile.mkdtemp(prefix="bench-corpus-"))
    texts = make_corpus(corpus, args.docs)
    words = sum(len(t.split()) for t in texts) / len(texts)
    results: dict = {"docs": args.docs, "mean_words": round(words), "cpus": os.cpu_count(), "runs": {}}
    modes = ["spacy", "local", *(f"dask-{w}" for w in args.workers)]
    for mode in modes:
        cmd = [sys.executable, __file__, "--one", mode, "--corpus", str(corpus)]
        if args.gazetteer:
            cmd += ["--gazetteer", args.gazetteer]
        if args.profile and mode == "local":
            cmd += ["--profile", args.profile]
        done = subprocess.run(cmd, capture_output=True, text=True)
        if done.returncode != 0:
            results["runs"][mode] = {"error": done.stderr.strip().splitlines()[-1:] }
        else:
            results["runs"][mode] = json.loads(done.stdout.strip().splitlines()[-1])
        print(json.dumps({mode: results["runs"][mode]}), flush=True)
    spacy_rate = results["runs"].get("spacy", {}).get("docs_per_s")
    for mode in modes[1:]:
        rate = results["runs"][mode].get("docs_per_s")
        if spacy_rate and rate:
            results["runs"][mode]["ratio_to_spacy_ner"] = round(rate / spacy_rate, 3)
    results["goals"] = {"docs_per_s": 30, "ratio_to_spacy_ner": 0.5, "peak_mb": 2048}
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
