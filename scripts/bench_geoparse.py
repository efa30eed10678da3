#!/usr/bin/env python3
"""Benchmark the geo stage: gazetteer open time, lookups per second, geoparsed documents per second.

    .venv/bin/python scripts/bench_geoparse.py [--gazetteer PATH] [--corpus FILE.jsonl] [--docs 100]

Without --corpus the documents are short generated sentences (no shared data needed).
"""

from __future__ import annotations

import argparse
import io
import json
import random
import time
from pathlib import Path

from eventatlas.geo import Gazetteer, Geoparser, geoparse_jsonl

NAMES = ["Tripoli", "Benghazi", "Derna", "Darnah", "Misrata", "Sirte", "Washington", "Albany",
         "Paris", "Springfield", "U.S.", "UK", "Russian", "Palestinian", "Kan.", "Texas", "Gaza",
         "Aleppo", "Mosul", "Kabul", "Kandahar", "Mogadishu", "Lagos", "Kinshasa", "Nowhereville",
         "Bin Jawwad", "Ben Jawad", "Sabratha", "Alexandria", "Dublin", "Georgia", "Anbar"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gazetteer", type=Path, default=None)
    ap.add_argument("--corpus", type=Path, default=None)
    ap.add_argument("--docs", type=int, default=100)
    ap.add_argument("--lookups", type=int, default=200_000)
    a = ap.parse_args()

    t = time.perf_counter()
    gaz = Gazetteer.open(a.gazetteer)
    print(f"gazetteer open: {time.perf_counter() - t:.2f} s  ({len(gaz)} places, {gaz.path})")

    rng = random.Random(0)
    sample = [gaz.row(rng.randrange(len(gaz)))[2] for _ in range(2000)] + NAMES * 20
    names = [sample[i % len(sample)] for i in range(a.lookups)]
    t = time.perf_counter()
    for n in names:
        gaz.lookup(n)
    dt = time.perf_counter() - t
    print(f"lookups: {len(names) / dt:,.0f}/s (exact and transliteration keys)")
    t = time.perf_counter()
    fz = NAMES * 5
    for n in fz:
        gaz.lookup(n + "x", fuzzy=True)
    print(f"fuzzy lookups (misspelt names): {len(fz) / (time.perf_counter() - t):,.0f}/s")

    if a.corpus:
        lines = a.corpus.read_text(encoding="utf-8").splitlines()[: a.docs]
    else:
        lines = [json.dumps({"id": str(i), "text": f"Clashes were reported in {rng.choice(NAMES)} and "
                             f"30 km south of {rng.choice(NAMES)} on Monday, officials in "
                             f"{rng.choice(NAMES)} said."}) for i in range(a.docs)]
    gp = Geoparser(gaz)
    from eventatlas.nlp import load_nlp

    load_nlp()
    given = all("toponyms" in json.loads(x) for x in lines)
    modes = [("given spans", True)] if given else []
    modes.append(("end to end", False))
    for label, g in modes:
        t = time.perf_counter()
        n = geoparse_jsonl(io.StringIO("\n".join(lines) + "\n"), io.StringIO(), given_spans=g, geoparser=gp)
        print(f"geoparse {label}: {n / (time.perf_counter() - t):.1f} docs/s ({n} docs)")


if __name__ == "__main__":
    main()
