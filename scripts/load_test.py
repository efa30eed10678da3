"""Load test: many concurrent clients against the real atlas server on loopback, over a store of N events.

    .venv/bin/python scripts/load_test.py [--events 100000] [--clients 100] [--duration 30] [--json F]

The store is made by bench_query's bulk loader (random events clustered around 5,000 places over ten
years; kept under --dir between runs). The server is `eventatlas.web.serve` in a subprocess, with the
per-client rate limit off ($EVENTATLAS_RATE_LIMIT=0: every client here is 127.0.0.1). Each client loops
for --duration seconds over the atlas's read calls: a page of /api/events for a box and a time window,
/api/timeline for the same filters, /api/stats and /api/events/{id}. It prints requests per second and
p50/p95/p99 per endpoint and overall, and counts errors (a non-2xx status, a timeout or any other
exception); the exit status is 1 if there was any error. Client and server share this machine, so the
figures are for the pair, not the server alone.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "scripts"))
from bench_query import load_sqlite, places, queries  # noqa: E402

from eventatlas.store import EventFilter  # noqa: E402
from test_web_support import running_server  # noqa: E402

# (name, weight): what a user panning and clicking the atlas asks for, roughly.
MIX = (("events", 4), ("timeline", 2), ("event", 3), ("stats", 1))
PAGE = 1000  # events per /api/events page


def filter_params(f: EventFilter) -> dict[str, str]:
    """The query string the page sends for a box and a time window (the box clamped to the globe)."""
    west, south, east, north = f.bbox
    box = (max(-180.0, west), max(-90.0, south), min(180.0, east), min(90.0, north))
    return {
        "bbox": ",".join(f"{v:.4f}" for v in box),
        "from": f.date_from.isoformat(),
        "to": f.date_to.isoformat(),
    }


def request_maker(
    seed: int, events: int, place_rows: list[tuple]
) -> Callable[[random.Random], tuple[str, str, dict]]:
    """A function that draws one request of the mix: (endpoint name, path, params)."""
    boxes = [filter_params(f) for f in queries(seed, 500, place_rows)]
    names = [name for name, _ in MIX]
    weights = [w for _, w in MIX]

    def draw(rng: random.Random) -> tuple[str, str, dict]:
        name = rng.choices(names, weights)[0]
        if name == "events":
            return name, "/api/events", {**rng.choice(boxes), "limit": PAGE}
        if name == "timeline":
            return name, "/api/timeline", {**rng.choice(boxes), "interval": "month"}
        if name == "event":  # ids as bench_query's loader writes them
            return name, f"/api/events/e{rng.randrange(events):09d}", {}
        return name, "/api/stats", {}

    return draw


async def run_clients(
    base: str, clients: int, duration: float, draw: Callable, seed: int
) -> tuple[dict[str, list[float]], dict[str, list[str]], float]:
    """`clients` tasks, each sending one request after another until the time is up."""
    latencies: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, list[str]] = defaultdict(list)
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as http:

        async def client(n: int) -> None:
            rng = random.Random(seed * 1000 + n)
            while time.perf_counter() < stop:
                name, path, params = draw(rng)
                started = time.perf_counter()
                try:
                    response = await http.get(path, params=params)
                    await response.aread()
                    ok = response.is_success
                    problem = f"HTTP {response.status_code} {path}"
                except Exception as exc:  # a timeout, a refused or dropped connection
                    ok, problem = False, f"{type(exc).__name__} {path}"
                latencies[name].append(time.perf_counter() - started)
                if not ok:
                    errors[name].append(problem)

        began = time.perf_counter()
        stop = began + duration
        await asyncio.gather(*(client(n) for n in range(clients)))
        elapsed = time.perf_counter() - began
    return latencies, errors, elapsed


def summary(values: list[float]) -> dict[str, float]:
    if len(values) < 2:
        ms = round(values[0] * 1000, 1) if values else float("nan")
        return {"p50_ms": ms, "p95_ms": ms, "p99_ms": ms}
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return {
        "p50_ms": round(cuts[49] * 1000, 1),
        "p95_ms": round(cuts[94] * 1000, 1),
        "p99_ms": round(cuts[98] * 1000, 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--duration", type=float, default=30.0, help="seconds of load")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--dir", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "eventatlas-bench"
    )
    parser.add_argument("--json", type=Path, help="Also write the results here.")
    args = parser.parse_args()

    args.dir.mkdir(parents=True, exist_ok=True)
    db = args.dir / f"query-{args.events}-{args.seed}.db"  # the same file bench_query.py makes
    t = time.perf_counter()
    load_sqlite(db, args.events, args.seed)
    print(f"store: {args.events:,} events in {db} ({time.perf_counter() - t:.1f} s)", flush=True)
    draw = request_maker(args.seed, args.events, places(random.Random(args.seed), 5000))

    with running_server(db, env={"EVENTATLAS_RATE_LIMIT": "0"}) as base:
        asyncio.run(run_clients(base, 10, 2.0, draw, args.seed + 1))  # warm the server's caches
        print(f"{args.clients} clients for {args.duration:.0f} s against {base} ...", flush=True)
        latencies, errors, elapsed = asyncio.run(
            run_clients(base, args.clients, args.duration, draw, args.seed)
        )

    everything = [v for values in latencies.values() for v in values]
    failed = sum(len(e) for e in errors.values())
    results: dict = {
        "events": args.events,
        "clients": args.clients,
        "duration_s": round(elapsed, 1),
        "requests": len(everything),
        "requests_per_s": round(len(everything) / elapsed, 1),
        "errors": failed,
        "endpoints": {
            name: {"requests": len(latencies[name]), "errors": len(errors[name]), **summary(latencies[name])}
            for name, _ in MIX
        },
        "overall": summary(everything),
    }
    print(f"{'endpoint':<10} {'requests':>9} {'errors':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for name, row in [
        *results["endpoints"].items(),
        ("overall", {"requests": len(everything), "errors": failed, **results["overall"]}),
    ]:
        print(
            f"{name:<10} {row['requests']:>9} {row['errors']:>7} {row['p50_ms']:>8} {row['p95_ms']:>8} {row['p99_ms']:>8}"
        )
    print(f"{results['requests_per_s']} requests/s, {failed} errors", flush=True)
    for name, problems in errors.items():
        for problem in sorted(set(problems))[:5]:
            print(f"error: {name}: {problem}", file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
