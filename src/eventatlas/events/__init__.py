"""events stage: who did what to whom, where, when and how sure, coded from news text.

Public API: `EventExtractor(geoparser=None, model_path=None).extract(document, doc=None, mentions=None)`,
`extract_jsonl(input, output, extractor=None, batch_size=64)`, `merge_events(events)`, `explain(event)`,
`train_model(csv_path, out_path)`. Types follow today's ACLED typology (`eventatlas.model.TYPOLOGY`).
"""

from __future__ import annotations

from .extractor import EventExtractor, event_json, extract_jsonl
from .merge import explain, merge_events
from .train import train_model

__all__ = ["EventExtractor", "extract_jsonl", "merge_events", "explain", "train_model", "event_json"]
