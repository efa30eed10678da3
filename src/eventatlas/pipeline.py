"""The ingest pipeline: read inputs, run nlp → geo → events on each new document, store the result.

One spaCy pass per document feeds both the geoparser and the event extractor. Documents already in
the store are skipped before any NLP, so re-running an ingest is cheap and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from pathlib import Path

from eventatlas.ingest import ImportedEvent, InputError, iter_records
from eventatlas.model import Document, Event, Mention
from eventatlas.nlp import parse_many


@dataclass
class IngestResult:
    """What an ingest did: counts, and every input that failed with its reason."""

    documents_added: int = 0
    documents_skipped: int = 0
    events_added: int = 0
    imported_added: int = 0
    errors: list[InputError] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "documents_added": self.documents_added,
            "documents_skipped": self.documents_skipped,
            "events_added": self.events_added,
            "imported_added": self.imported_added,
            "errors": len(self.errors),
        }


class Pipeline:
    """nlp → geo → events for documents; models are loaded once, on first use."""

    def __init__(
        self,
        gazetteer_path: Path | None = None,
        model_path: Path | None = None,
        country_hint: str | None = None,
        keep_historical: bool = False,
    ) -> None:
        self.gazetteer_path = gazetteer_path
        self.model_path = model_path
        self.country_hint = country_hint
        self.keep_historical = keep_historical
        self._extractor = None

    @property
    def extractor(self):
        if self._extractor is None:
            from eventatlas.events import EventExtractor
            from eventatlas.geo import Gazetteer, Geoparser

            geoparser = Geoparser(Gazetteer.open(self.gazetteer_path))
            self._extractor = EventExtractor(geoparser=geoparser, model_path=self.model_path,
                                             keep_historical=self.keep_historical)
        return self._extractor

    def process_many(
        self, documents: Iterable[Document], batch_size: int = 32
    ) -> Iterator[tuple[Document, list[Mention], list[Event]]]:
        """Each document with its place mentions and events, spaCy batching underneath."""
        extractor = self.extractor
        it = iter(documents)
        while batch := list(islice(it, batch_size)):
            for document, doc in zip(batch, parse_many([d.text for d in batch]), strict=True):
                # the extractor's own reading of places (locative names, towns over same-named districts)
                mentions = extractor.place_mentions(document.text, doc, country_hint=self.country_hint)
                events = extractor.extract(document, doc=doc, mentions=mentions)
                yield document, mentions, events

    def process(self, document: Document) -> tuple[list[Mention], list[Event]]:
        _, mentions, events = next(self.process_many([document]))
        return mentions, events


def ingest(
    inputs: Iterable[str],
    store,
    fmt: str = "auto",
    source: str | None = None,
    published: date | None = None,
    follow: bool = False,
    pipeline: Pipeline | None = None,
    on_error: Callable[[InputError], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
    batch_size: int = 32,
) -> IngestResult:
    """Read every input and store what is new; bad inputs are reported and the batch goes on."""
    result = IngestResult()
    pipeline = pipeline or Pipeline()
    pending: list[Document] = []

    def flush() -> None:
        for document, mentions, events in pipeline.process_many(pending, batch_size=batch_size):
            try:
                added, new_events = store.add_document(document, events, mentions)
            except Exception as exc:  # one document failing must not stop the batch
                error = InputError(document.origin or document.id, None, f"could not be stored: {exc}")
                result.errors.append(error)
                if on_error:
                    on_error(error)
                continue
            if added:
                result.documents_added += 1
                result.events_added += new_events
            else:
                result.documents_skipped += 1
            if on_progress:
                on_progress(1)
        pending.clear()

    for record in iter_records(inputs, fmt=fmt, source=source, published=published, follow=follow):
        if isinstance(record, InputError):
            result.errors.append(record)
            if on_error:
                on_error(record)
            continue
        if isinstance(record, ImportedEvent):
            _, new_events = store.add_document(record.document, [record.event])
            if new_events:
                result.imported_added += 1
            else:
                result.documents_skipped += 1
            if on_progress:
                on_progress(1)
            continue
        if not record.text.strip():
            error = InputError(record.origin or record.id, None, "no text")
            result.errors.append(error)
            if on_error:
                on_error(error)
            continue
        if store.has_document(record.id) or any(d.id == record.id for d in pending):
            result.documents_skipped += 1
            if on_progress:
                on_progress(1)
            continue
        pending.append(record)
        if len(pending) >= batch_size:
            flush()
    if pending:
        flush()
    return result
