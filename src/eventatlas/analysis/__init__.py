"""analysis stage: measurements over stored or imported events (spread, forecasts)."""

from .data import AnalysisInputError, EventPoint, load_events, read_events_file, read_events_store

__all__ = ["AnalysisInputError", "EventPoint", "load_events", "read_events_file", "read_events_store"]
