"""ISO dates at year, month, day or interval precision: a truth table of what parses and what each error says."""

from __future__ import annotations

from datetime import date

import pytest

from calais_atlas.data import dates


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("2015", date(2015, 1, 1), date(2015, 12, 31), "year"),
        ("2015-11", date(2015, 11, 1), date(2015, 11, 30), "month"),
        ("2016-02", date(2016, 2, 1), date(2016, 2, 29), "month"),  # leap year
        ("2015-11-25", date(2015, 11, 25), date(2015, 11, 25), "day"),
        ("2015-09/2015-11", date(2015, 9, 1), date(2015, 11, 30), "interval"),  # "last fall" in early 2016
        ("2021-11-06/2021-11-14", date(2021, 11, 6), date(2021, 11, 14), "interval"),
        ("1999/2002-12", date(1999, 1, 1), date(2002, 12, 31), "interval"),
        (" 2015-11 ", date(2015, 11, 1), date(2015, 11, 30), "month"),
    ],
)
def test_parses_each_precision(text: str, start: date, end: date, precision: str) -> None:
    """Each precision covers exactly the days it can mean, never a single invented day."""
    parsed = dates.parse(text)
    assert (parsed.start, parsed.end, parsed.precision) == (start, end, precision)


def test_open_interval_has_no_end() -> None:
    """'2021-11/..' is a camp still there: it starts in November 2021 and has an open end."""
    parsed = dates.parse("2021-11/..")
    assert parsed.open_end and parsed.start == date(2021, 11, 1) and parsed.end == date.max


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("25/11/2015", "is not an ISO date (write 2015-11-25)"),  # French Excel, day first
        ("25.11.2015", "is not an ISO date (write 2015-11-25)"),
        ("11/2015", "is not an ISO date (write 2015-11)"),
        ("2015-2-3", "is not an ISO date (write 2015-02-03)"),
        ("Nov 2015", "is not an ISO date (write YYYY, YYYY-MM or YYYY-MM-DD)"),
        ("2015-02-30", "is not a real date (February 2015 has 28 days)"),
        ("2015-13", "is not a real date (month 13 does not exist; months run 01 to 12)"),
        ("2015-11/2015-09", "starts after it ends (write the earlier date first: 2015-09/2015-11)"),
        ("", "is empty (write YYYY, YYYY-MM or YYYY-MM-DD)"),
    ],
)
def test_rejects_with_a_fix(text: str, message: str) -> None:
    """Every rejected date says what to write instead."""
    with pytest.raises(dates.DateError) as caught:
        dates.parse(text)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("first", "second", "overlap"),
    [("2015", "2015-11", True), ("2015-09/2015-11", "2015-12", False), ("2015-11-30", "2015-11", True)],
)
def test_overlap(first: str, second: str, overlap: bool) -> None:
    """Two dates overlap when they can refer to a common day."""
    assert dates.parse(first).overlaps(dates.parse(second)) is overlap
