"""Run the model's matrix products on numpy's BLAS instead of thinc's bundled BLIS.

thinc computes every dense layer with BLIS's generic kernels; numpy ships OpenBLAS, which picks
kernels for the CPU it finds (AVX-512 where there is one). On a 500-word article the shared token
encoder takes about half the time this way, and the NER and parser models gain a little, with
the same annotations out: `tests/test_engine.py` checks tags, dependencies and entities against
the stock pipeline token for token.

BLAS runs on one thread per process: eventatlas parallelises over processes (`--workers`), and
OpenBLAS threads on matrices this small would spin for little gain and oversubscribe the cores.
"""

from __future__ import annotations

from spacy.language import Language
from thinc.api import NumpyOps

_OPS = NumpyOps(use_blis=False)


def one_blas_thread() -> None:
    """Limit numpy's BLAS to one thread in this process (and in processes forked from it)."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")


def use_numpy_matmul(nlp: Language) -> int:
    """Point every layer of the pipeline's models at numpy's matrix product; returns layers changed."""
    changed = 0
    for _name, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for layer in model.walk():
            if isinstance(layer.ops, NumpyOps) and layer.ops is not _OPS:
                layer.ops = _OPS
                changed += 1
    if changed:
        one_blas_thread()
    return changed
