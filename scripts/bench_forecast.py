"""Memory and time of `eventatlas forecast` (backtest and forecast) on a generated 50,000-event history.

Usage: .venv/bin/python scripts/bench_forecast.py [--events 50000] [--places 3000] [--horizon 30] [--step 14]
Prints one JSON object: events, units, folds, seconds per phase, peak RSS in MB, backtest metrics.
"""

from __future__ import annotations

import argparse
import json
import resource
import time

from eventatlas.analysis import forecast as F
from eventatlas.analysis.forecast_synth import frontier_history


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=50_000)
    ap.add_argument("--places", type=int, default=3000)
    ap.add_argument("--days", type=int, default=730)
    ap.add_argument("--horizon", type=int, default=30)
    ap.add_argument("--step", type=int, default=30)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    # the steady rate per active place is chosen so the history holds about --events events
    speed = 0.8
    rate = args.events / (args.places * args.days * 0.23)
    t0 = time.perf_counter()
    events, cands = frontier_history(n_places=args.places, days=args.days, speed_km_per_day=speed,
                                     rate_per_day=rate, noise_events=args.events // 50, seed=args.seed,
                                     half_width_deg=6.0)
    t1 = time.perf_counter()
    cfg = F.ForecastConfig(horizon_days=args.horizon, step_days=args.step)
    prepared = F.prepare(events, cfg, candidates=cands)
    bt = F.backtest(cfg=cfg, prepared=prepared)
    t2 = time.perf_counter()
    res = F.forecast(cfg=cfg, prepared=prepared)
    F.forecast_to_geojson(res, top=100)
    t3 = time.perf_counter()
    out = F.public_backtest(bt)
    out.pop("fold_details")
    print(json.dumps({
        "events": len(events),
        "units": len(prepared.units.ids),
        "generate_s": round(t1 - t0, 2),
        "backtest_s": round(t2 - t1, 2),
        "forecast_s": round(t3 - t2, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "backtest": out,
    }, indent=2))


if __name__ == "__main__":
    main()
