#!/usr/bin/env python3
"""Train the geoparser's candidate ranker and report cross-validated accuracy.

Reads gold geoparsing corpora (JSONL with toponym spans, points and, where known, GeoNames ids),
builds candidate feature rows with the real Geoparser on the gold spans, labels a candidate correct
when the scorer would (same GeoNames id, within 161 km, or a country containing the gold point), and
fits a gradient-boosted tree model. Cross-validation is grouped by document (GroupKFold) and runs
the whole geoparser with each fold's model on held-out documents, so the figures are honest.

    .venv/bin/python scripts/train_geo_ranker.py /work/shared/data/geoparse/*_dev.jsonl
    .venv/bin/python scripts/train_geo_ranker.py --folds 5 --out src/eventatlas/geo/data/ranker.json FILES
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
import time
from pathlib import Path

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.model_selection import GroupKFold

from eventatlas.geo import Gazetteer, Geoparser
from eventatlas.geo.geoparser import haversine_km
from eventatlas.geo.ranker import FEATURES, MODEL_PATH, Ranker

try:
    import reverse_geocoder as rg
except ImportError:  # pragma: no cover
    rg = None

_CC: dict[tuple[float, float], str] = {}


def country_of(lat: float, lon: float) -> str | None:
    if rg is None:
        return None
    k = (round(lat, 3), round(lon, 3))
    if k not in _CC:
        _CC[k] = rg.search([k], mode=1, verbose=False)[0]["cc"]
    return _CC[k]


def load(paths: list[str]) -> list[dict]:
    docs = []
    for p in paths:
        with open(p, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    d = json.loads(line)
                    d["_corpus"] = Path(p).stem
                    docs.append(d)
    return docs


def error_km(gaz: Gazetteer, pid: int, t: dict) -> float:
    """The scorer's error for predicting gazetteer entry pid for gold toponym t."""
    r = gaz.row(pid)
    if t.get("geonameid") and r[1] and str(r[1]) == str(t["geonameid"]):
        return 0.0
    if (r[7] or "").startswith("PCL") and r[5] and r[5] == country_of(t["lat"], t["lon"]):
        return 0.0
    if r[3] is None:
        return 20039.0
    return haversine_km(t["lat"], t["lon"], r[3], r[4])


def table(gp: Geoparser, docs: list[dict]):
    """Feature rows X, labels y, group ids g and per-mention slices for the docs."""
    X, y, g, mentions = [], [], [], []
    for di, d in enumerate(docs):
        spans = [(t["start"], t["end"]) for t in d["toponyms"]]
        ms = gp.candidate_table(d["text"], spans)
        for m, t in zip(ms, d["toponyms"], strict=True):
            lo = len(X)
            for (pid, _k, _h), row in zip(m.cands, m.feats, strict=True):
                X.append(row)
                y.append(1 if error_km(gp.gaz, pid, t) <= 161 else 0)
                g.append(di)
            mentions.append((di, lo, len(X)))
    return np.array(X, dtype=float), np.array(y), np.array(g), mentions


# Monotone constraints: more population, more context support, a closer fit with the other places
# can only raise a candidate's score. This keeps the model sensible where the corpora are thin
# (a name alone in a short text) and is what makes it generalise beyond them.
MONOTONE = {
    "prior": 1, "prior_minus_top": 1, "rank": -1, "inexact": -1, "country_named": 1,
    "admin1_named": 1, "xy_match": 1, "contains_prev": 1, "hint_match": 1, "hint_mismatch": -1,
    "home_match": 1, "log_dmin": -1, "same_cc_share": 1, "choice_cc": 1, "primary_same": 1,
    "same_admin1_share": 1, "log_dmin_any": -1, "near_any_share": 1,
}


def fit(X: np.ndarray, y: np.ndarray, seed: int = 0) -> dict:
    """Boosted trees (scikit-learn) exported as plain JSON for eventatlas.geo.ranker."""
    clf = HistGradientBoostingClassifier(
        max_iter=250, learning_rate=0.06, max_leaf_nodes=8, max_depth=4, min_samples_leaf=25,
        l2_regularization=1.0, monotonic_cst=[MONOTONE.get(f, 0) for f in FEATURES],
        early_stopping=False, random_state=seed)
    clf.fit(X, y)
    trees = []
    for (pred,) in clf._predictors:
        nodes = pred.nodes
        leaf = nodes["is_leaf"].astype(bool)
        trees.append({
            "f": [int(v) for v in nodes["feature_idx"]],
            "t": [round(float(v), 6) for v in nodes["num_threshold"]],
            "l": [-1 if lf else int(v) for v, lf in zip(nodes["left"], leaf, strict=True)],
            "r": [-1 if lf else int(v) for v, lf in zip(nodes["right"], leaf, strict=True)],
            "v": [round(float(v), 6) for v in nodes["value"]],
        })
    init = float(np.ravel(clf._baseline_prediction)[0])
    return {"type": "gbt", "features": list(FEATURES), "init": init, "lr": 1.0, "trees": trees}


def train_two_rounds(gaz: Gazetteer, docs: list[dict], seed: int = 0) -> dict:
    """Round 1 on features whose first pass used the hand score; round 2 on the model's own."""
    X, y, _, _ = table(Geoparser(gaz, ranker=Ranker(None)), docs)
    model = fit(X, y, seed)
    X, y, _, _ = table(Geoparser(gaz, ranker=Ranker(model)), docs)
    return fit(X, y, seed)


def evaluate(gp: Geoparser, docs: list[dict]) -> list[float]:
    """Errors (km) of the full geoparser on the gold spans, one per gold toponym."""
    errs = []
    for d in docs:
        ms = gp.geoparse(d["text"], spans=[(t["start"], t["end"]) for t in d["toponyms"]])
        for m, t in zip(ms, d["toponyms"], strict=True):
            if m.place is None:
                errs.append(20039.0)
                continue
            pid = gp.gaz.pid_of(m.place.geonameid) if m.place.geonameid else None
            if pid is not None:
                errs.append(error_km(gp.gaz, pid, t))
            else:
                errs.append(haversine_km(t["lat"], t["lon"], m.place.lat, m.place.lon))
    return errs


def summary(errs: list[float]) -> str:
    acc = sum(e <= 161 for e in errs) / len(errs)
    auc = sum(math.log(e + 1) for e in errs) / (len(errs) * math.log(20039.0 + 1))
    return (f"n {len(errs)}  acc@161km {acc:.3f}  median {statistics.median(errs):.1f} km  "
            f"mean {sum(errs) / len(errs):.1f} km  AUC {auc:.3f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpora", nargs="+")
    ap.add_argument("--gazetteer", type=Path, default=None)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--no-save", action="store_true")
    a = ap.parse_args()
    t0 = time.time()
    gaz = Gazetteer.open(a.gazetteer)
    docs = load(a.corpora)
    print(f"{len(docs)} documents, {sum(len(d['toponyms']) for d in docs)} toponyms", file=sys.stderr)

    # baseline figures: population prior only, and the hand-weighted score
    base = Geoparser(gaz, ranker=Ranker({"type": "logreg", "mean": [0.0] * len(FEATURES),
                                         "scale": [1.0] * len(FEATURES),
                                         "coef": [1.0] + [0.0] * (len(FEATURES) - 1),
                                         "intercept": -6.0, "features": list(FEATURES)}))
    hand = Geoparser(gaz, ranker=Ranker(None))
    corpora = sorted({d["_corpus"] for d in docs})
    for name, gp in (("population prior", base), ("hand-weighted", hand)):
        for c in corpora:
            print(f"{name:18s} {c:14s} {summary(evaluate(gp, [d for d in docs if d['_corpus'] == c]))}")

    # grouped cross-validation: each fold's model runs the whole geoparser on held-out documents
    groups = np.arange(len(docs))
    per_corpus: dict[str, list[float]] = {c: [] for c in corpora}
    for k, (tr, te) in enumerate(GroupKFold(n_splits=a.folds).split(groups, groups=groups)):
        model = train_two_rounds(gaz, [docs[i] for i in tr], seed=k)
        gp = Geoparser(gaz, ranker=Ranker(model))
        for i in te:
            per_corpus[docs[i]["_corpus"]].extend(evaluate(gp, [docs[i]]))
        print(f"fold {k + 1}/{a.folds} done ({time.time() - t0:.0f}s)", file=sys.stderr)
    for c in corpora:
        print(f"{'cross-validated':18s} {c:14s} {summary(per_corpus[c])}")

    if not a.no_save:
        model = train_two_rounds(gaz, docs)
        a.out.parent.mkdir(parents=True, exist_ok=True)
        a.out.write_text(json.dumps(model, separators=(",", ":")), encoding="utf-8")
        print(f"model written to {a.out} ({a.out.stat().st_size / 1024:.0f} KiB)")
    print(f"{time.time() - t0:.0f}s", file=sys.stderr)


if __name__ == "__main__":
    main()
