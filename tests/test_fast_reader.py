"""The fast reader (pyarrow) and the exact one (Python's csv module) give the same header, rows, line numbers and
problems on any text: random CSV texts here, every data folder of the corpus in test_fast_loader.py."""

from __future__ import annotations

import csv

from hypothesis import given, settings
from hypothesis import strategies as st

from calais_atlas.data import csvread
from calais_atlas.data.csvread import parse_csv, plain_quotes

# Characters that matter to a CSV reader, plus a few that str.strip and pyarrow might see differently.
TRICKY = ["a", "b", "1", " ", "\t", ",", ";", '"', "\n", "\r", "é", "\xa0", "\x1c", "\u2028", "\ufeff", "\x00"]
SPECIAL = {",", ";", '"', "\n", "\r", "\x00"}
PLAIN = [char for char in TRICKY if char not in SPECIAL]  # what an unquoted field of a well-formed file may hold


def _field(draw, well_formed: bool) -> str:
    """One field: quoted with its quotes doubled, or unquoted (in a well-formed file, only with plain characters)."""
    if draw(st.booleans()):
        inside = [char for char in TRICKY if char != "\x00"] if well_formed else TRICKY
        return '"' + draw(st.text(st.sampled_from(inside), max_size=5)).replace('"', '""') + '"'
    return draw(st.text(st.sampled_from(PLAIN if well_formed else TRICKY), max_size=5))


@st.composite
def csv_texts(draw) -> bytes:
    """Rows of fields, quoted or not, ragged or not, joined by LF or CRLF, with blank lines, a BOM, or raw noise."""
    width = draw(st.integers(1, 4))
    delimiter = draw(st.sampled_from([",", ";"]))
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    well_formed = draw(st.integers(0, 3)) > 0
    rows = []
    for _ in range(draw(st.integers(0, 6))):
        if draw(st.integers(0, 9)) == 0:
            rows.append(draw(st.sampled_from(["", " ", delimiter * (width - 1), "  " + delimiter])))
            continue
        count = width if draw(st.integers(0, 4)) else draw(st.integers(1, width + 2))
        cells = [_field(draw, well_formed) for _ in range(count)]
        rows.append(delimiter.join(cells))
    header = delimiter.join(draw(st.sampled_from(["id", " name ", "x"])) for _ in range(width))
    text = newline.join([header, *rows]) + draw(st.sampled_from(["", newline, newline * 2]))
    prefix = draw(st.sampled_from([b"", b"\xef\xbb\xbf"]))
    encoding = draw(st.sampled_from(["utf-8", "cp1252"]))
    return prefix + text.encode(encoding, errors="replace")


def _read(data: bytes, exact: bool) -> tuple:
    raw = parse_csv(data, "f.csv", exact=exact)
    return raw.header, raw.row_list(), raw.problems, raw.readable


@settings(max_examples=1500, deadline=None)
@given(csv_texts())
def test_fast_and_exact_readers_agree_on_generated_csv(data: bytes) -> None:
    assert _read(data, exact=False) == _read(data, exact=True)


@settings(max_examples=1000, deadline=None)
@given(st.text(st.sampled_from(TRICKY), max_size=40))
def test_fast_and_exact_readers_agree_on_noise(text: str) -> None:
    data = text.encode("utf-8")
    assert _read(data, exact=False) == _read(data, exact=True)


def test_well_formed_quotes_take_the_fast_path() -> None:
    """The fast path is really taken for ordinary quoting (otherwise the tests above compare the exact path with itself)."""
    raw = parse_csv(b'id,text\r\na,"one, two ""three"""\r\n\r\nb,"line\nbreak"\r\n', "f.csv")
    assert raw.columns is not None
    assert raw.row_list() == [(2, ["a", 'one, two "three"']), (4, ["b", "line\nbreak"])]


def test_stray_quotes_are_left_to_the_exact_reader() -> None:
    assert plain_quotes(b'a,"b"\n"c",d', ",")
    assert not plain_quotes(b'a,b"c', ",")
    assert not plain_quotes(b'a,"b"c', ",")
    assert not plain_quotes(b'a,"b', ",")
    raw = parse_csv(b'id,text\na,"b"c\n', "f.csv")
    assert raw.columns is None and "cannot be read past this row" in raw.problems[0].message


def test_a_field_past_the_csv_modules_limit_gets_its_message(monkeypatch) -> None:
    """pyarrow has no field size limit; the csv module's refusal (and its line number) is what the user sees."""
    monkeypatch.setattr(csvread, "MAX_FIELD_CHARS", 8)
    previous = csv.field_size_limit(8)
    try:
        data = b"id,text\na,short\nb,far too long for the limit\n"
        fast, exact = _read(data, exact=False), _read(data, exact=True)
    finally:
        csv.field_size_limit(previous)
    assert fast == exact
    assert "has a field longer than 8 characters" in fast[2][0].message and fast[2][0].line == 3
