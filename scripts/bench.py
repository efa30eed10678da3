#!/usr/bin/env python3
"""`make bench`: run every benchmark script in turn; each prints its own figures.

Benchmarks measure; they assert nothing. Pass names to run only some: `scripts/bench.py geoparse spread`.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent
BENCHES = {
    "geoparse": ["bench_geoparse.py"],
    "pipeline": ["bench_pipeline.py"],
    "query": ["bench_query.py"],
    "web": ["web_bench.py"],
    "spread": ["bench_spread.py"],
    "forecast": ["bench_forecast.py"],
    "load": ["load_test.py"],
}


def main(names: list[str]) -> int:
    failed = []
    for name in names or list(BENCHES):
        if name not in BENCHES:
            print(f"unknown benchmark {name!r}; choose from {', '.join(BENCHES)}", file=sys.stderr)
            return 2
        script, *args = BENCHES[name]
        print(f"\n== {name} ({script}) ==", flush=True)
        started = time.perf_counter()
        rc = subprocess.call([sys.executable, str(SCRIPTS / script), *args])
        print(f"   ({time.perf_counter() - started:.0f} s, exit {rc})", flush=True)
        if rc:
            failed.append(name)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
