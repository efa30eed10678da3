"""The two record types the readers add to the shared model: an input problem and an imported row."""

from __future__ import annotations

from dataclasses import dataclass

from eventatlas.model import Document, Event


@dataclass(slots=True)
class InputError:
    """A bad input, reported instead of raised so that the rest of a batch still goes through."""

    origin: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = self.origin if self.line is None else f"{self.origin}:{self.line}"
        return f"{where}: {self.reason}"


@dataclass(slots=True)
class ImportedEvent:
    """A row of a coded dataset (ACLED, UCDP GED): the event and the notes text that documents it."""

    event: Event
    document: Document
