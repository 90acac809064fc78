"""Choosing a search result: the date, the place, the caption and the category filter after it. Truth tables."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from calais_atlas.model import transitions as move
from calais_atlas.model.search import Hit, first_day
from calais_atlas.model.view_state import AtlasState, Limits

LIMITS = Limits(date(1999, 4, 1), date(2021, 11, 24), frozenset({"calais-jungle", "grande-synthe", "wissant"}),
                {"time-01": "calais-jungle", "time-20": "grande-synthe"})
START = AtlasState(date=date(2016, 1, 20))


@pytest.mark.parametrize(("day", "place", "caption", "category", "before", "after"), [
    # an event: the date moves, its place is selected and centred, no caption
    (date(2015, 8, 1), "wissant", "", "camp", START,
     replace(START, date=date(2015, 8, 1), site="wissant", view="site")),
    # a caption: the date moves, its place is selected and the caption highlighted
    (date(2015, 11, 25), "calais-jungle", "time-01", "", START,
     replace(START, date=date(2015, 11, 25), site="calais-jungle", caption="time-01", view="site")),
    # a caption said to be at another place than its own is not highlighted there
    (date(2015, 11, 25), "grande-synthe", "time-01", "", START,
     replace(START, date=date(2015, 11, 25), site="grande-synthe", view="site")),
    # a place: no date, the viewer's date stays; a caption shown elsewhere is let go
    (None, "grande-synthe", "", "", replace(START, site="calais-jungle", caption="time-01", view="site"),
     replace(START, site="grande-synthe", view="site")),
    # a source: only the date moves
    (date(2016, 3, 1), "", "", "", START, replace(START, date=date(2016, 3, 1))),
    # a date outside the data is kept inside it; an unknown place is not selected
    (date(1950, 1, 1), "atlantis", "", "", START, replace(START, date=LIMITS.first)),
    # an event the filter hides brings its category back; one the filter shows leaves it alone
    (date(2015, 8, 1), "", "", "camp", replace(START, categories=("death",)),
     replace(START, date=date(2015, 8, 1), categories=("camp", "death"))),
    (date(2015, 8, 1), "", "", "death", replace(START, categories=("death",)),
     replace(START, date=date(2015, 8, 1), categories=("death",))),
])
def test_go_to_found(day, place, caption, category, before, after) -> None:
    assert move.go_to_found(before, day, place, LIMITS, caption, category) == after


@pytest.mark.parametrize(("kind", "written", "day"), [
    ("event", "2015-11-25", date(2015, 11, 25)),
    ("caption", "2016-03", date(2016, 3, 1)),
    ("event", "2015", date(2015, 1, 1)),
    ("event", "2015-09/2015-11", date(2015, 9, 1)),
    ("source", "", None),
    ("source", "not a date", None),
    # a place keeps the viewer's date while it was active then, else goes to its first day; no dates, no move
    ("place", "2015-04/2016-10", None),
    ("place", "2016-03/2017-04", date(2016, 3, 1)),
    ("place", "2012", date(2012, 1, 1)),
    ("place", "", None),
])
def test_first_day_of_a_result(kind, written, day) -> None:
    assert first_day(Hit(kind, "x", written, "", "label"), current=date(2016, 1, 20)) == day
