"""geo stage: gazetteer (SQLite name index) and geoparser (recognise and resolve place names).

Public API: `default_gazetteer_path`, `build_gazetteer`, `Gazetteer`, `GazetteerInfo`, `Geoparser`,
`geoparse_jsonl`, and `relative_location` for "30 km south of Sirte"-style phrases.
"""

from __future__ import annotations

from .gazetteer import Gazetteer, GazetteerInfo, build_gazetteer, default_gazetteer_path
from .geoparser import Geoparser, geoparse_jsonl
from .relative import RelativeLocation, offset_point, relative_location

__all__ = [
    "Gazetteer",
    "GazetteerInfo",
    "Geoparser",
    "RelativeLocation",
    "build_gazetteer",
    "default_gazetteer_path",
    "geoparse_jsonl",
    "offset_point",
    "relative_location",
]
