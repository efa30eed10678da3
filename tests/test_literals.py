"""Literal gates: a gated search must find exactly what the plain search finds."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from eventatlas.events import actors, dates, facts, lexicon, rules
from eventatlas.events.literals import Gate, fold_case, is_case_sensitive, required_literals

DEMO = Path(__file__).resolve().parents[1] / "data" / "demo"


def test_fold_case_maps_every_case_twin_of_ascii():
    """Every character `re` matches to an ASCII character under IGNORECASE folds to its lower case."""
    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    ascii_chars = [chr(c) for c in range(128)]
    any_ascii = re.compile("|".join(re.escape(c) for c in ascii_chars), re.I)
    twins = 0
    for m in any_ascii.finditer(every):
        ch = m.group()
        folded = fold_case(ch)
        assert len(folded) == 1, f"U+{ord(ch):04X} folds to {folded!r}"
        for a in ascii_chars:
            if re.fullmatch(re.escape(a), ch, re.I):
                assert folded == a.lower(), f"U+{ord(ch):04X} matches {a!r} but folds to {folded!r}"
        twins += not ch.isascii()
    assert twins >= 4  # İ, ı, ſ and the Kelvin sign
    # and the fold never changes a text's length (contiguity of needles holds)
    assert len(fold_case(every)) == len(every)


def test_required_literals_reads_words_off_the_pattern():
    assert required_literals(re.compile(r"\b(kill(ed|ing)?|shot dead)\b", re.I)) == (("kill", "shot dead"),)
    # every alternative needs a word, and the sequence needs both parts
    both = required_literals(re.compile(r"\b(?:police|army) (?:fired|shot)\b", re.I))
    assert both is not None
    assert {frozenset({"police", "army"}), frozenset({"fired", "shot"})} <= {frozenset(c) for c in both}
    # an optional part or a bare class requires nothing
    assert required_literals(re.compile(r"(?:abc)?\d+")) is None
    assert required_literals(re.compile(r"\b(?:kill|\w+)\b")) is None
    assert required_literals(re.compile(r"\b(?:kill|\w+ed)\b")) == (("ed", "kill"),)


def test_case_sensitive_patterns_keep_their_case():
    acronym = re.compile(r"(?<![\w-])(?:NDA|IS)(?![\w])")
    assert is_case_sensitive(acronym)
    assert required_literals(acronym, as_written=True) == (("IS", "NDA"),)
    gate = Gate(acronym)
    assert not gate.may_match("this is it", fold_case("this is it"))
    assert gate.search("fighters of IS attacked", fold_case("fighters of IS attacked"))
    # an inline (?i:...) group makes the pattern case-insensitive for the gate
    assert not is_case_sensitive(re.compile(r"Boko (?i:haram)"))
    assert not is_case_sensitive(re.compile(r"boko", re.I))


def test_gate_passes_case_twins():
    """'KİLLED' (Turkish dotted capital I) matches 'killed' under IGNORECASE; the gate must let it through."""
    pattern = re.compile(r"\bkilled\b", re.I)
    for text in ("Two were KİLLED.", "Two were kılled.", "the ſhot", "5 K-rations"):
        assert bool(Gate(pattern).search(text, fold_case(text))) == bool(pattern.search(text))
    assert Gate(re.compile(r"\bshot\b", re.I)).search("the ſhot", fold_case("the ſhot"))


def _gated_patterns() -> list[re.Pattern[str]]:
    pats = [p for _, _, p in rules.TRIGGERS]
    pats += [v for v in vars(rules).values() if isinstance(v, re.Pattern)]
    pats += [v for v in vars(facts).values() if isinstance(v, re.Pattern)]
    pats += [p for _, p in dates.PATTERNS]
    pats += [v for v in vars(actors).values() if isinstance(v, re.Pattern)]
    pats += [p for p, _, _ in lexicon.NAMED_PATTERNS] + [p for p, _, _ in lexicon.GENERIC_ACTORS]
    pats += [lexicon._ORG_NAME_RE, lexicon._ORG_ACRONYM_RE]
    return pats


def _sentences() -> list[str]:
    out = []
    for path in sorted(DEMO.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        out.append(text)
        out += [s for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()]
    out += ["Gunmen KİLLED three soldiers in Maiduguri.", "No one was arrested; police did not intervene.",
            "ISIS and IS fighters, NDA and the Niger Delta Avengers.", "Between 4 and 6 were killed on 12/03/2016."]
    return out


@pytest.mark.parametrize("pattern", _gated_patterns(), ids=lambda p: p.pattern[:40])
def test_gate_agrees_with_search_on_demo_reports(pattern):
    gate = Gate(pattern)
    for text in _sentences():
        folded = fold_case(text)
        plain = [m.span() for m in pattern.finditer(text)]
        if not gate.may_match(text, folded):
            assert plain == [], (pattern.pattern[:60], text[:120])
        assert [m.span() for m in gate.finditer(text, folded)] == plain


def test_memoised_guesses_are_shared_safely():
    text = "Gunmen killed three soldiers in an ambush near Maiduguri on Monday."
    first, second = rules.classify(text), rules.classify(text)
    assert first == second and first is not second
    first.clear()  # a caller's list is its own
    assert rules.classify(text) == second
    with pytest.raises(AttributeError):
        second[0].score = 9.0  # type: ignore[misc]


def test_org_regex_cut_to_the_names_present_finds_what_the_full_one_finds():
    texts = _sentences() + ["Supporters of the ANC and the EFF clashed; Zuma and Malema spoke.",
                            "ANCYL members marched with COSATU; Rassemblement National Démocratique met."]
    for text in texts:
        full = [(m.start(), lexicon._ORG_ACRONYM[m.group(1)]) for m in lexicon._ORG_ACRONYM_RE.finditer(text)]
        full += [(m.start(), lexicon._ORG_NAME[m.group(1).lower()]) for m in lexicon._ORG_NAME_RE.finditer(text)
                 if m.group(1).lower() in lexicon._ORG_NAME]
        assert lexicon.orgs_country(text) == sorted(full), text[:120]
    assert lexicon.orgs_country(texts[-2])  # the check above is not vacuous
