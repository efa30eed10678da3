"""The candidate ranker: a small model over generic candidate features, stored as JSON.

Trained by scripts/train_geo_ranker.py (scikit-learn), exported to plain JSON (logistic coefficients
or boosted trees) so that loading needs no pickle and scoring no scikit-learn.
"""

from __future__ import annotations

import json
import logging
import math
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

FEATURES: tuple[str, ...] = (
    "prior", "prior_minus_top", "rank", "kind_primary", "kind_alternate", "kind_alias",
    "kind_demonym", "inexact", "is_country", "is_adm1", "is_adm2", "is_populated", "is_region",
    "country_named", "admin1_named", "xy_match", "xy_present", "contains_prev", "hint_match",
    "hint_mismatch", "home_match", "log_dmin", "log_dmean", "has_others", "same_cc_share",
    "choice_cc", "n_cands", "primary_same", "is_capital", "pop_unknown", "all_caps",
    "same_admin1_share", "is_water", "log_dmin_any", "near_any_share",
)

MODEL_PATH = Path(__file__).parent / "data" / "ranker.json"

# Hand weights used when no trained model is present (a sensible population-plus-context score).
_FALLBACK = {
    "prior": 1.0, "kind_alternate": -1.0, "kind_alias": 0.5, "inexact": -1.5, "country_named": 2.0,
    "admin1_named": 2.0, "xy_match": 5.0, "contains_prev": 3.0, "hint_match": 3.0,
    "hint_mismatch": -1.0, "home_match": 1.0, "log_dmin": -3.0, "choice_cc": 1.5, "primary_same": 1.0,
}


class Ranker:
    """Scores candidate feature rows; higher is more likely the right reading."""

    def __init__(self, model: dict | None) -> None:
        self.model = model
        if model and model.get("features") and tuple(model["features"]) != FEATURES:
            log.warning("ranker model was trained on other features: using hand weights; retrain it")
            model = self.model = None
        self._arrays = None
        if model and model.get("type") == "gbt":
            trees = model["trees"]
            width = max(len(t["f"]) for t in trees)

            def pad(key: str, fill: float) -> np.ndarray:
                return np.array([t[key] + [fill] * (width - len(t[key])) for t in trees])

            left = pad("l", -1).astype(np.int64)
            self._arrays = (pad("f", 0).astype(np.int64).clip(min=0), pad("t", 0.0), left,
                            pad("r", -1).astype(np.int64), pad("v", 0.0), left == -1)
            self._depth = _max_depth(trees)

    @classmethod
    def load(cls, path: Path | None = None) -> Ranker:
        p = Path(path) if path else MODEL_PATH
        if not p.exists():
            return cls(None)
        return cls(json.loads(p.read_text(encoding="utf-8")))

    def score(self, rows: list[list[float]]) -> list[float]:
        m = self.model
        if m is None:
            w = [_FALLBACK.get(f, 0.0) for f in FEATURES]
            return [_sigmoid(sum(a * b for a, b in zip(w, r, strict=True)) - 6.0) for r in rows]
        if m["type"] == "logreg":
            mean, scale, coef, b = m["mean"], m["scale"], m["coef"], m["intercept"]
            return [_sigmoid(b + sum(c * (x - mu) / s for c, x, mu, s in zip(coef, r, mean, scale, strict=True)))
                    for r in rows]
        if m["type"] == "gbt":
            return self.score_matrix(np.asarray(rows, dtype=float)).tolist()
        raise ValueError(f"unknown ranker type {m['type']!r}")


    def score_matrix(self, X: np.ndarray) -> np.ndarray:
        """Vectorised scores of many rows at once (boosted trees walked level by level)."""
        if self._arrays is None:
            return np.array(self.score(X.tolist()))
        feat, thr, left, right, value, leaf = self._arrays
        X = np.ascontiguousarray(X, dtype=float)
        n, k = X.shape[0], feat.shape[0]
        # flat indices into the (tree, node) tables and into X: one take() instead of 2-D fancy indexing
        width = feat.shape[1]
        tree_base = (np.arange(k) * width)[None, :]
        row_base = (np.arange(n) * X.shape[1])[:, None]
        feat_f, thr_f, left_f, right_f, leaf_f = (a.ravel() for a in (feat, thr, left, right, leaf))
        x_f = X.ravel()
        node = np.zeros((n, k), dtype=np.int64)
        for _ in range(self._depth):
            at = tree_base + node
            go_left = x_f.take(row_base + feat_f.take(at)) <= thr_f.take(at)
            nxt = np.where(go_left, left_f.take(at), right_f.take(at))
            node = np.where(leaf_f.take(at), node, nxt)
        raw = self.model["init"] + self.model["lr"] * value.ravel().take(tree_base + node).sum(axis=1)
        return 1.0 / (1.0 + np.exp(-raw))


def _max_depth(trees: list[dict]) -> int:
    best = 0
    for t in trees:
        stack = [(0, 0)]
        while stack:
            node, d = stack.pop()
            if t["l"][node] == -1:
                best = max(best, d)
            else:
                stack += [(t["l"][node], d + 1), (t["r"][node], d + 1)]
    return best


def _tree(t: dict, row: list[float]) -> float:
    node = 0
    feat, thr, left, right, value = t["f"], t["t"], t["l"], t["r"], t["v"]
    while left[node] != -1:
        node = left[node] if row[feat[node]] <= thr[node] else right[node]
    return value[node]


def _sigmoid(z: float) -> float:
    if z < -40:
        return 0.0
    return 1.0 / (1.0 + math.exp(-z))
