#!/usr/bin/env python3
"""Split the events scorer's location figure by what the gazetteer can know (run by `make eval`).

For each precise row (geo_precision 1) of an ACLED-style CSV, the row counts as "held" when the
gazetteer has a place of the row's location name within 25 km of the coded point, and as "named" when
the note also writes that name. Prints location accuracy within 25 km for held / named / not held rows,
using the same prediction per row as ../shared/eval/score_events.py (the highest-scored event of the
row's document). Evaluation only: nothing here is part of the product.

    python scripts/eval_location.py GOLD.csv PRED.jsonl [--gazetteer PATH] [--scorers ../shared/eval]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold_csv")
    ap.add_argument("pred")
    ap.add_argument("--gazetteer", default=None, help="gazetteer file (default: $EVENTATLAS_GAZETTEER or the user's)")
    ap.add_argument("--scorers", default=str(ROOT.parent / "shared" / "eval"), help="the shared/eval folder")
    a = ap.parse_args()
    sys.path.insert(0, a.scorers)
    from acled_docs import row_id, rows  # the scorers' own CSV reading and row ids
    from score_events import km

    from eventatlas.geo import Gazetteer

    gaz = Gazetteer.open(Path(a.gazetteer) if a.gazetteer else None, build_if_missing=False)
    best: dict[str, dict] = {}
    with open(a.pred, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                e = json.loads(line)
                k = str(e.get("doc_id"))
                if k not in best or (e.get("score") or 0) > (best[k].get("score") or 0):
                    best[k] = e
    tally = {"held": [0, 0], "named": [0, 0], "not held": [0, 0]}
    for r in rows(a.gold_csv):
        notes = (r.get("notes") or "").strip()
        if not notes or str(r.get("geo_precision")).strip() != "1":
            continue
        try:
            glat, glon = float(r["latitude"]), float(r["longitude"])
        except (KeyError, ValueError):
            continue
        name = (r.get("location") or "").strip()
        held = bool(name) and any(
            p.lat is not None and km(glat, glon, p.lat, p.lon) <= 25 for p in gaz.lookup(name, limit=50))
        loc = (best.get(str(row_id(r))) or {}).get("location") or {}
        try:
            ok = km(glat, glon, float(loc["lat"]), float(loc["lon"])) <= 25
        except (KeyError, TypeError, ValueError):
            ok = False
        groups = ["held"] + (["named"] if name.lower() in notes.lower() else []) if held else ["not held"]
        for g in groups:
            tally[g][0] += 1
            tally[g][1] += ok
    for g, label in (("held", "gazetteer holds the place"), ("named", "… and the note names it"),
                     ("not held", "gazetteer lacks the place")):
        n, ok = tally[g]
        print(f"loc_acc25 {label:28s} {ok / n if n else 0:.3f}  ({n} rows)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
