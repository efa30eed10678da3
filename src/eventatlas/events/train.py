"""Fit a local type model on the user's own coded data (ACLED layouts) and save it with joblib.

Both ACLED layouts are read: the 2016 upper-case one (EVENT_TYPE in the 2016 typology, mapped to
today's; Riots/Protests split by INTER1 5 = rioters) and today's lower-case one (event_type,
sub_event_type). The text is NOTES. Models are scikit-learn TF-IDF + LogisticRegression pipelines:
one for the event type, one for the sub-type where the data has sub-types.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from eventatlas.model import EVENT_TYPES, SUB_EVENT_TYPES

OLD_TYPES = {
    "Battle-No change of territory": ("Battles", "Armed clash"),
    "Battle-Government regains territory": ("Battles", "Government regains territory"),
    "Battle-Non-state actor overtakes territory": ("Battles", "Non-state actor overtakes territory"),
    "Remote violence": ("Explosions/Remote violence", None),
    "Violence against civilians": ("Violence against civilians", None),
    "Strategic development": ("Strategic developments", None),
    "Non-violent transfer of territory": ("Strategic developments", "Non-violent transfer of territory"),
    "Headquarters or base established": ("Strategic developments", "Headquarters or base established"),
}


def read_coded(csv_path: Path) -> list[tuple[str, str, str | None]]:
    """(notes, event_type, sub_event_type or None) for each usable row of an ACLED-style CSV."""
    for enc in ("utf-8", "latin-1"):
        try:
            with open(csv_path, encoding=enc, newline="") as f:
                raw = [{(k or "").lower().strip(): (v or "") for k, v in r.items() if k} for r in csv.DictReader(f)]
            break
        except UnicodeDecodeError:
            continue
    out = []
    for r in raw:
        notes = r.get("notes", "").strip()
        et = r.get("event_type", "").strip()
        sub = r.get("sub_event_type", "").strip() or None
        if not notes or not et:
            continue
        if et == "Riots/Protests":
            et = "Riots" if r.get("inter1", "").strip() == "5" else "Protests"
        elif et in OLD_TYPES:
            et, old_sub = OLD_TYPES[et]
            sub = sub or old_sub
        if et not in EVENT_TYPES:
            continue
        if sub is not None and SUB_EVENT_TYPES.get(sub) != et:
            sub = None
        out.append((notes, et, sub))
    return out


def _pipeline() -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, make_pipeline

    feats = FeatureUnion([
        ("w", TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True, lowercase=True)),
        ("c", TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), min_df=3, sublinear_tf=True, max_features=60000)),
    ])
    return make_pipeline(feats, LogisticRegression(C=8.0, max_iter=2000, class_weight="balanced"))


def train_model(csv_path: Path, out_path: Path) -> dict[str, Any]:
    """Fit type (and sub-type) models on the user's coded CSV; save to out_path; return 5-fold CV figures."""
    import joblib
    from sklearn.metrics import accuracy_score, f1_score
    from sklearn.model_selection import cross_val_predict

    data = read_coded(Path(csv_path))
    if len(data) < 20:
        raise ValueError(f"{csv_path}: only {len(data)} usable rows (need notes and event_type)")
    texts = [t for t, _, _ in data]
    types = [e for _, e, _ in data]
    folds = min(5, min(types.count(c) for c in set(types))) if len(set(types)) > 1 else 0
    figures: dict[str, Any] = {"rows": len(data), "types": {c: types.count(c) for c in sorted(set(types))}}
    if folds >= 2:
        pred = cross_val_predict(_pipeline(), texts, types, cv=folds, n_jobs=2)
        figures["cv_type_accuracy"] = round(float(accuracy_score(types, pred)), 4)
        figures["cv_type_macro_f1"] = round(float(f1_score(types, pred, average="macro")), 4)
    type_clf = _pipeline().fit(texts, types)
    sub_rows = [(t, s) for t, _, s in data if s]
    sub_clf = None
    subs = [s for _, s in sub_rows]
    if len(set(subs)) >= 2:
        sub_clf = _pipeline().fit([t for t, _ in sub_rows], subs)
        figures["sub_rows"] = len(sub_rows)
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump({"version": 1, "type_clf": type_clf, "sub_clf": sub_clf, "figures": figures}, out_path)
    figures["path"] = str(out_path)
    return figures
