"""Literal gates for regular expressions: skip a search that cannot succeed.

Python's `re` has no literal prefix to scan for in patterns like `\\b(kill(ed|ing)?|shot dead|...)\\b`
under IGNORECASE, so a search tries every position of the text and every alternative there. Yet most
such patterns can only match where one of a few literal strings occurs ("kill", "shot dead", ...).
`required_literals` reads those strings off the parsed pattern, and a substring test on the case-folded
text (`fold_case`) then tells, far faster than the search, that the search would find nothing.

A pattern compiled without IGNORECASE (names, acronyms) keeps its needles as written and tests them
on the text itself, which is far more selective ("Tiv" is rare where "tiv" is everywhere).

The gate is exact, never a heuristic: it answers "no" only when the pattern cannot match, so a gated
search returns what the plain search returns. Any construct the analysis does not know makes the
pattern ungated (always searched).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

try:  # the parser behind re.compile; private, so any change there only loses the speed-up
    from re import _constants as _C
    from re import _parser as _P
except ImportError:  # pragma: no cover - other Python versions
    _C = _P = None  # type: ignore[assignment]

# The only non-ASCII characters that `re` matches to an ASCII character under IGNORECASE ("İ" and "ı"
# to "i", the long s to "s"; the Kelvin sign lower-cases to "k" anyway). Mapping them first also keeps
# str.lower() one character for one ("İ" alone lower-cases to two), so offsets need not hold but
# contiguity does. tests/test_literals.py checks this against every code point.
_CASE_TWINS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s"})

Needles = tuple[tuple[str, ...], ...] | None


def fold_case(text: str) -> str:
    """The text as the gates compare it: lower case, with `re`'s case twins of ASCII letters folded."""
    if text.isascii():
        return text.lower()
    return text.translate(_CASE_TWINS).lower()


def is_case_sensitive(pattern: re.Pattern[str]) -> bool:
    """Whether every literal of the pattern is matched as written (no IGNORECASE, global or local)."""
    if pattern.flags & re.IGNORECASE or _P is None:
        return False
    try:
        return not _ignores_case(list(_P.parse(pattern.pattern, pattern.flags)))
    except Exception:
        return False


def _ignores_case(items: list) -> bool:
    """Whether a parsed sequence turns IGNORECASE on anywhere (an inline "(?i:...)" group)."""
    for op, av in items:
        if op is _C.SUBPATTERN:
            if av[1] & re.IGNORECASE or _ignores_case(list(av[-1])):
                return True
        elif op is _C.BRANCH:
            if any(_ignores_case(list(alternative)) for alternative in av[1]):
                return True
        elif op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT):
            if _ignores_case(list(av[2])):
                return True
        elif op in (_C.ATOMIC_GROUP,):
            if _ignores_case(list(av)):
                return True
        elif op in (_C.ASSERT, _C.ASSERT_NOT):
            if _ignores_case(list(av[1])):
                return True
        elif op is _C.GROUPREF_EXISTS:
            return True  # not analysed: assume the worst
    return False


def required_literals(pattern: re.Pattern[str], as_written: bool = False) -> Needles:
    """What every match of `pattern` contains: clauses, all required, each a tuple of strings one of
    which occurs in the match; None if nothing is known. The strings are lower-case ASCII, to test on
    `fold_case(text)`; or, with `as_written` (only for a case-sensitive pattern), the literals exactly
    as the pattern writes them, to test on the text itself. At most `_MAX_CLAUSES`, most selective first."""
    if _P is None or not isinstance(pattern.pattern, str):
        return None
    try:
        clauses = _clauses(list(_P.parse(pattern.pattern, pattern.flags)), as_written)
    except Exception:  # an unknown construct or parser change: no gate, always search
        return None
    kept = []
    for clause in clauses:
        if not clause or any(not needle for needle in clause):
            continue
        # a needle holding a shorter one adds nothing: wherever it occurs, the shorter one does
        minimal: list[str] = []
        for needle in sorted(set(clause), key=len):
            if not any(shorter in needle for shorter in minimal):
                minimal.append(needle)
        if tuple(minimal) not in kept:
            kept.append(tuple(minimal))
    if not kept:
        return None
    kept.sort(key=_strength, reverse=True)
    return tuple(kept[:_MAX_CLAUSES])


_MAX_CLAUSES = 3


def _strength(clause: tuple[str, ...]) -> tuple[int, int]:
    """How selective a clause is: longest shortest needle first, then fewest needles."""
    return (min(len(n) for n in clause), -len(clause))


def _clauses(items: list, as_written: bool) -> list[tuple[str, ...]]:
    """Clauses a sequence requires: its literal runs, and what each of its required items requires."""
    clauses: list[tuple[str, ...]] = []
    run: list[str] = []

    def close_run() -> None:
        if run:
            clauses.append(("".join(run),))
            run.clear()

    for op, av in items:
        if op is _C.LITERAL and as_written:
            run.append(chr(av))
            continue
        if op is _C.LITERAL and av < 128:
            run.append(chr(av).lower())
            continue
        close_run()
        clauses.extend(_item(op, av, as_written))
    close_run()
    return clauses


def _item(op, av, as_written: bool) -> list[tuple[str, ...]]:
    """Clauses an item of a sequence requires ([] when it requires nothing that we know of)."""
    if op is _C.SUBPATTERN:
        return _clauses(list(av[-1]), as_written)
    if op is _C.ATOMIC_GROUP:
        return _clauses(list(av), as_written)
    if op is _C.BRANCH:
        # one clause: each alternative's most selective one, joined (some alternative matches)
        out: list[str] = []
        for alternative in av[1]:
            sub = [c for c in _clauses(list(alternative), as_written) if c]
            if not sub:
                return []  # this alternative matches without any known literal
            out.extend(max(sub, key=_strength))
        return [tuple(out)]
    if op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT):
        low, _high, body = av
        return _clauses(list(body), as_written) if low >= 1 else []
    # character sets, any character, anchors, look-arounds, group references: no literal needed
    return []


class Gate:
    """A compiled pattern with its needles: `search`/`finditer` skip the regex when none occurs.

    `folded` is `fold_case(text)` (computed once per text, shared by every gate that reads it); a
    case-sensitive pattern tests its needles on `text` instead.
    """

    __slots__ = ("pattern", "_needles", "_as_written", "_ready")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self._needles: Needles = None
        self._as_written = False
        self._ready = False

    def _prepare(self) -> None:
        # parsed on first use, so importing stays cheap
        self._as_written = is_case_sensitive(self.pattern)
        self._needles = required_literals(self.pattern, self._as_written)
        self._ready = True

    @property
    def needles(self) -> Needles:
        if not self._ready:
            self._prepare()
        return self._needles

    def may_match(self, text: str, folded: str) -> bool:
        """False only when the pattern cannot match `text` (whose fold_case is `folded`)."""
        if not self._ready:
            self._prepare()
        clauses = self._needles
        if clauses is None:
            return True
        haystack = text if self._as_written else folded
        for clause in clauses:
            for needle in clause:
                if needle in haystack:
                    break
            else:
                return False  # no needle of this clause occurs
        return True

    def search(self, text: str, folded: str, pos: int = 0) -> re.Match[str] | None:
        return self.pattern.search(text, pos) if self.may_match(text, folded) else None

    def finditer(self, text: str, folded: str) -> Iterator[re.Match[str]]:
        return self.pattern.finditer(text) if self.may_match(text, folded) else iter(())
