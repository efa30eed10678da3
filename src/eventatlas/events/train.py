"""Fit a local type model on the user's own coded data (ACLED layouts) and save it with joblib.

Both ACLED layouts are read: the 2016 upper-case one (EVENT_TYPE in the 2016 typology, mapped to
today's; Riots/Protests split by INTER1 5 = rioters) and today's lower-case one (event_type,
sub_event_type). The text is NOTES. A tab-separated file in the CASE 2021 task 2 layout (id,
EventSnippet, SubType with codes such as ARMED_CLASH) is read too: its ACLED sub-type codes give
the sub-type and type; its non-ACLED labels (disasters, diplomacy, crime) are skipped. Models are scikit-learn TF-IDF + LogisticRegression pipelines:
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


# CASE 2021 task 2 label codes for the 25 ACLED sub-event types.
CASE_CODES = {
    "ARMED_CLASH": "Armed clash", "GOV_REGAINS_TERIT": "Government regains territory",
    "NON_STATE_ACTOR_OVERTAKES_TER": "Non-state actor overtakes territory", "CHEM_WEAP": "Chemical weapon",
    "AIR_STRIKE": "Air/drone strike", "SUIC_BOMB": "Suicide bomb",
    "ART_MISS_ATTACK": "Shelling/artillery/missile attack", "REM_EXPLOS": "Remote explosive/landmine/IED",
    "GRENADE": "Grenade", "SEX_VIOL": "Sexual violence", "ATTACK": "Attack",
    "ABDUCT_DISSAP": "Abduction/forced disappearance", "PEACE_PROTEST": "Peaceful protest",
    "PROTEST_WITH_INTER": "Protest with intervention", "FORCE_AGAINST_PROTEST": "Excessive force against protesters",
    "VIOL_DEMONSTR": "Violent demonstration", "MOB_VIOL": "Mob violence", "AGREEMENT": "Agreement",
    "ARREST": "Arrests", "CHANGE_TO_GROUP_ACT": "Change to group/activity", "DISR_WEAP": "Disrupted weapons use",
    "HQ_ESTABLISHED": "Headquarters or base established", "PROPERTY_DISTRUCT": "Looting/property destruction",
    "NON_VIOL_TERRIT_TRANSFER": "Non-violent transfer of territory", "OTHER": "Other",
}


def _read_rows(path: Path) -> list[dict[str, str]]:
    """Rows of a CSV or TSV file (utf-8, else latin-1) with lower-cased, stripped column names."""
    for enc in ("utf-8", "latin-1"):
        try:
            with open(path, encoding=enc, newline="") as f:
                head = f.readline()
                f.seek(0)
                delim = "\t" if head.count("\t") > head.count(",") else ","
                return [{(k or "").lower().strip(): (v or "") for k, v in r.items() if k}
                        for r in csv.DictReader(f, delimiter=delim)]
        except UnicodeDecodeError:
            continue
    return []


def read_coded(csv_path: Path) -> list[tuple[str, str, str | None]]:
    """(notes, event_type, sub_event_type or None) for each usable row of an ACLED-style CSV
    or a CASE-style TSV."""
    out = []
    for r in _read_rows(Path(csv_path)):
        if "eventsnippet" in r:  # CASE layout
            sub = CASE_CODES.get(r.get("subtype", "").strip().upper())
            if sub and r["eventsnippet"].strip():
                out.append((r["eventsnippet"].strip(), SUB_EVENT_TYPES[sub], sub))
            continue
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


def _slim(clf: Any) -> Any:
    """Drop what a fitted pipeline keeps only for inspection (the pruned-term sets of its TF-IDF
    vectorisers, often most of the file) so the saved model stays a few MB."""
    if clf is None:
        return None
    for _, step in clf.steps:
        for _, part in getattr(step, "transformer_list", []):
            if hasattr(part, "stop_words_"):
                del part.stop_words_
    return clf


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
    joblib.dump({"version": 1, "type_clf": _slim(type_clf), "sub_clf": _slim(sub_clf), "figures": figures}, out_path,
                compress=3)
    figures["path"] = str(out_path)
    return figures
