"""A drop-in for spaCy's `attribute_ruler` that gives the same tokens at a fraction of the cost.

The small English model's attribute ruler (tag → POS and morphology, plus ~40 exceptions) runs a
`Matcher` over every token with all of its ~180 patterns, which costs about as much as the dependency
parser itself. Almost every pattern is a test on one token whose first check is a plain TAG, LOWER
or DEP value, so the same rules can be looked up in a dict keyed by those values and checked only
where they can match. Which rules a token can start depends only on its (tag, lower, dep, space)
values, and a text repeats those few combinations over and over, so the answer is kept per combination.
Matches are applied exactly as spaCy does: all found first, then set in pattern order (later patterns
win), with spaCy's own `set_token_attrs`.

`tests/test_engine.py` checks token for token (tag, POS, morphology, lemma, dependency) that the
result equals the stock component's.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

# Columns of the token array the rules read; a pattern key names one of them.
_COLUMNS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}
_ARRAY_ATTRS = [TAG, LOWER, DEP, IS_SPACE]
FACTORY = "eventatlas_attribute_ruler"


class UnsupportedPattern(ValueError):
    """A pattern uses a matcher feature this lookup does not reproduce (the stock ruler is kept)."""


def _test(vocab: Any, key: str, spec: Any) -> tuple[int, str, Any]:
    """(column, operator, operand) for one `{KEY: spec}` of a token pattern; operands as hashes."""
    if key not in _COLUMNS:
        raise UnsupportedPattern(f"attribute {key}")
    col = _COLUMNS[key]

    def value(v: Any) -> int:
        if key == "IS_SPACE":
            return int(bool(v))
        return vocab.strings.add(v) if isinstance(v, str) else int(v)

    if not isinstance(spec, dict):
        return col, "==", value(spec)
    if len(spec) != 1:
        raise UnsupportedPattern(f"{key}: {spec}")
    op, operand = next(iter(spec.items()))
    if op == "IN":
        return col, "in", frozenset(value(v) for v in operand)
    if op == "NOT_IN":
        return col, "not in", frozenset(value(v) for v in operand)
    if op == "REGEX" and key != "IS_SPACE":
        return col, "regex", re.compile(operand)
    raise UnsupportedPattern(f"{key}: {spec}")


def _passes(tests: tuple, row: list[int], strings: Any) -> bool:
    for col, op, operand in tests:
        v = row[col]
        if op == "==":
            if v != operand:
                return False
        elif op == "in":
            if v not in operand:
                return False
        elif op == "not in":
            if v in operand:
                return False
        elif not operand.search(strings[v]):  # regex: spaCy's REGEX predicate is re.search on the text
            return False
    return True


class FastAttributeRuler:
    """The rules of a spaCy `AttributeRuler`, applied by dict lookup instead of a Matcher."""

    def __init__(self, nlp: Language, name: str = "attribute_ruler") -> None:
        self.name = name
        self.vocab = nlp.vocab
        self.attrs: list[dict] = []
        self.indices: list[int] = []
        # (column, hash) -> [(rule id, token tests...)]; rules with no plain first test: `general`
        self.by_key: dict[tuple[int, int], list[tuple[int, tuple[tuple, ...]]]] = {}
        self.general: list[tuple[int, tuple[tuple, ...]]] = []

    def compile_from(self, ruler: Any) -> FastAttributeRuler:
        """Take the rules of a loaded `AttributeRuler` (its patterns, in order)."""
        self.attrs = list(ruler.attrs)
        self.indices = list(ruler.indices)
        patterns = ruler.patterns
        if len(patterns) != len(self.attrs):
            raise UnsupportedPattern("patterns and attributes out of step")
        for rule_id, entry in enumerate(patterns):
            for pattern in entry["patterns"]:
                if not pattern or any(not isinstance(t, dict) or "OP" in t or not t for t in pattern):
                    raise UnsupportedPattern(f"pattern {pattern}")
                tokens = tuple(tuple(_test(self.vocab, k, v) for k, v in t.items()) for t in pattern)
                self._index(rule_id, tokens)
        return self

    def _index(self, rule_id: int, tokens: tuple[tuple, ...]) -> None:
        first = tokens[0]
        for col in (0, 1, 2):  # TAG, LOWER, DEP: the first one with plain values keys the rule
            for test in first:
                c, op, operand = test
                if c == col and op in ("==", "in"):
                    # the key lookup has done this test; the rest are checked per token
                    rest = (tuple(t for t in first if t is not test), *tokens[1:])
                    for h in [operand] if op == "==" else sorted(operand):
                        self.by_key.setdefault((col, h), []).append((rule_id, rest))
                    return
        self.general.append((rule_id, tokens))

    def _rules_for(self, row: tuple[int, ...], strings: Any) -> tuple[tuple, tuple]:
        """For a token with these column values: (rule id, offset of the token it sets) of every
        one-token rule it passes, and the rules over several tokens that start with a lookup it hits.
        Both depend on the values alone, so they are kept for the next such token."""
        got = self._row_memo.get(row)
        if got is None:
            single, multi = [], []
            for group in (self.general, self.by_key.get((0, row[0])), self.by_key.get((1, row[1])),
                          self.by_key.get((2, row[2]))):
                for rule_id, tokens in group or ():
                    if len(tokens) > 1:
                        multi.append((rule_id, tokens))
                    elif not tokens[0] or _passes(tokens[0], row, strings):
                        index = self.indices[rule_id]
                        single.append((rule_id, index if index >= 0 else 1 + index))
            got = (tuple(single), tuple(multi))
            if len(self._row_memo) >= 200_000:
                self._row_memo.clear()
            self._row_memo[row] = got
        return got

    def __call__(self, doc: Doc) -> Doc:
        rows = doc.to_array(_ARRAY_ATTRS).tolist()
        strings = self.vocab.strings
        n = len(rows)
        found: set[tuple[int, int, int]] = set()
        if not hasattr(self, "_row_memo"):
            self._row_memo: dict[tuple[int, ...], tuple[tuple, tuple]] = {}
        for i, row in enumerate(rows):
            single, multi = self._rules_for(tuple(row), strings)
            for rule_id, offset in single:
                found.add((rule_id, i, i + offset))
            for rule_id, tokens in multi:
                if i + len(tokens) > n:
                    continue
                if all(_passes(t, rows[i + j], strings) for j, t in enumerate(tokens)):
                    index = self.indices[rule_id]
                    found.add((rule_id, i, i + (index if index >= 0 else len(tokens) + index)))
        # spaCy applies matches sorted by rule id (then start): later rules override earlier ones.
        for rule_id, _, pos in sorted(found):
            set_token_attrs(doc[pos], self.attrs[rule_id])
        return doc

    def pipe(self, docs: Any, batch_size: int = 128) -> Any:
        for doc in docs:
            yield self(doc)


@Language.factory(FACTORY)
def make_fast_attribute_ruler(nlp: Any, name: str) -> FastAttributeRuler:
    """An empty ruler; `use_fast_attribute_ruler` fills it from the model's own.

    `nlp` is typed `Any`: spaCy validates factory arguments with pydantic, which cannot resolve the
    postponed annotation `Language` here."""
    return FastAttributeRuler(nlp, name)


def use_fast_attribute_ruler(nlp: Language) -> bool:
    """Swap the pipeline's `attribute_ruler` for the lookup version; False (nothing changed) when the
    model has none or its rules use a matcher feature the lookup does not reproduce."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    stock = nlp.get_pipe("attribute_ruler")
    try:
        fast = FastAttributeRuler(nlp).compile_from(stock)
    except UnsupportedPattern:
        return False
    replaced = nlp.replace_pipe("attribute_ruler", FACTORY)
    replaced.__dict__.update(fast.__dict__)
    return True
