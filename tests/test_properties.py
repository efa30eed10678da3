"""Property tests (Hypothesis): the readers and parsers that face untrusted input never raise.

Examples are kept modest (and deadlines off: the first dateparser or charset call is slow) so the
file runs in well under a minute.
"""

from __future__ import annotations

import re
import string
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from eventatlas.ingest import ImportedEvent, InputError, iter_records
from eventatlas.ingest.dates import implausible, parse_date
from eventatlas.ingest.text import split_front_matter
from eventatlas.model import Document

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

ACLED_HEADER = (
    b"event_id_cnty,event_date,event_type,sub_event_type,actor1,country,location,latitude,longitude,"
    b"fatalities,notes\n"
)
# Beginnings that lead the readers past "binary or unreadable" into their own parsing.
PREFIXES = (
    b"",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\xfe\xff",
    b"---\ntitle: x\npublished: ",
    b'<?xml version="1.0"?><rss version="2.0"><channel><item><title>',
    b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><summary>',
    b"<!doctype html><html><body><p>",
    b'{"text": "',
    ACLED_HEADER,
    b"id,date_start,type_of_violence,side_a,side_b,country,latitude,longitude,best\n",
)
SUFFIXES = ("", ".txt", ".md", ".html", ".jsonl", ".rss", ".csv", ".xml", ".bin")

untrusted_bytes = st.builds(
    lambda prefix, body: prefix + body,
    st.sampled_from(PREFIXES),
    st.one_of(
        st.binary(max_size=2048),
        st.text(max_size=512).map(lambda t: t.encode("utf-8", "surrogatepass")),
        st.text(alphabet=string.printable, max_size=512).map(str.encode),
    ),
)


@FAST
@given(raw=untrusted_bytes, suffix=st.sampled_from(SUFFIXES))
@example(raw=b"\x01\r\x01", suffix="")  # a bare CR in a would-be CSV header once escaped the readers
def test_readers_never_raise_on_arbitrary_bytes(raw: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(raw)
        records = list(iter_records([path]))
    for record in records:
        assert isinstance(record, Document | ImportedEvent | InputError)
        if isinstance(record, InputError):
            # a reason the readers chose, not the catch-all for an exception nobody foresaw
            assert not record.reason.startswith("could not read:"), record
            assert record.origin.startswith(str(path))
        else:
            document = record.document if isinstance(record, ImportedEvent) else record
            assert document.text.strip()
            assert implausible(document.published) is None


front_key = st.text(alphabet=string.ascii_lowercase + string.digits + "_-", min_size=1, max_size=12)
front_value = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Zl", "Zp", "Cc")), max_size=40
).filter(lambda v: v == v.strip() and v == v.strip("\"'"))


@FAST
@given(meta=st.dictionaries(front_key, front_value, max_size=6), body=st.text(max_size=300))
def test_front_matter_round_trips(meta: dict[str, str], body: str) -> None:
    text = "---\n" + "".join(f"{key}: {value}\n" for key, value in meta.items()) + "---\n" + body
    assert split_front_matter(text) == (meta, body)


@FAST
@given(text=st.text(max_size=300))
def test_text_without_front_matter_is_all_body(text: str) -> None:
    assume(text.lstrip("\ufeff").split("\n")[0].strip() != "---")
    assert split_front_matter(text) == ({}, text)


date_like = st.one_of(
    st.text(max_size=40),
    st.text(alphabet="0123456789-/. :TZ+", max_size=30),
    st.builds(
        lambda d, sep, words: sep.join([str(d.day), words, str(d.year)]),
        st.dates(),
        st.sampled_from([" ", "-", "/", ", "]),
        st.sampled_from(["March", "Mar", "mars", "März", "Tuesday", "ago", "yesterday", "in 3 days"]),
    ),
    st.none(),
    st.integers(),
    st.floats(),
    st.dates(),
    st.datetimes(),
)


@settings(max_examples=150, deadline=None)
@given(value=date_like, day_first=st.booleans())
def test_parse_date_never_raises(value: object, day_first: bool) -> None:
    parsed = parse_date(value, day_first=day_first)
    assert parsed is None or isinstance(parsed, date)
    assert implausible(parsed) is None or isinstance(implausible(parsed), str)


@pytest.fixture(scope="module")
def gazetteer(gazetteer_path: Path):
    from eventatlas.geo import Gazetteer

    return Gazetteer.open(gazetteer_path)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    name=st.one_of(st.text(max_size=60), st.sampled_from(["Sirte", "São Paulo", "  ", "Ḩalab", "ﷺ", "\x00"])),
    fuzzy=st.booleans(),
)
def test_gazetteer_lookup_never_raises(gazetteer, name: str, fuzzy: bool) -> None:
    places = gazetteer.lookup(name, fuzzy=fuzzy)
    assert isinstance(places, list)
    assert len(places) <= 10


# The API's filter parameters: the parsers accept exactly the shapes the OpenAPI document gives
# (tests/test_schemathesis.py fuzzes the server against that document), and what they accept is sane.
def _documented(pattern: str, text: str) -> bool:
    """JSON Schema's reading of `pattern` (ECMA: `$` is the very end, not before a final newline)."""
    return re.search(pattern.replace("$", r"\Z"), text) is not None


number_text = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.integers(-400, 400).map(str),
    st.text(alphabet="0123456789.-+eE_ n", min_size=1, max_size=8),
)
bbox_like = st.one_of(
    st.text(max_size=40),
    st.lists(number_text, min_size=3, max_size=5).map(",".join),
    st.tuples(st.floats(-180, 180), st.floats(-90, 90), st.floats(-180, 180), st.floats(-90, 90)).map(
        lambda box: ",".join(f"{v:.4f}" for v in box)
    ),
)


@FAST
@given(text=bbox_like)
@example(text="1_0,0,1,1")  # float() reads "1_0" as 10
@example(text="-inf,0,1,1")
@example(text=" 1,0,2,1")
@example(text="1,0,2,1\n")
def test_bbox_parsing_agrees_with_its_documented_pattern(text: str) -> None:
    from fastapi.exceptions import RequestValidationError

    from eventatlas.web.app import BBOX_PATTERN, parse_bbox

    documented = _documented(BBOX_PATTERN, text)
    try:
        box = parse_bbox(text)
    except RequestValidationError as exc:
        shape = "must be four numbers" in exc.errors()[0]["msg"]
        assert shape != documented, (text, exc.errors())
        return
    assert documented, text
    if box is not None:
        west, south, east, north = box
        assert -180 <= west <= 180 and -180 <= east <= 180
        assert -90 <= south <= north <= 90


@FAST
@given(
    text=st.one_of(st.text(max_size=14), st.dates().map(date.isoformat), st.text("0123456789-", max_size=11))
)
@example(text="２０２４-01-01")  # full-width digits are digits to Python's \d
@example(text="2024-02-30")
@example(text="2024-01-01\n")
def test_day_parsing_agrees_with_its_documented_pattern(text: str) -> None:
    from fastapi.exceptions import RequestValidationError

    from eventatlas.web.app import DAY_PATTERN, parse_day

    documented = _documented(DAY_PATTERN, text)
    try:
        day = parse_day("from", text)
    except RequestValidationError as exc:
        shape = "must be a date YYYY-MM-DD" in exc.errors()[0]["msg"]
        assert shape != documented, (text, exc.errors())
        return
    assert documented, text
    assert day is None if text == "" else day.isoformat() == text
