"""shown_at: the one assembly of what the map shows at a date, used by both pages and the exports' tests."""

from __future__ import annotations

from datetime import date

import pytest

from calais_atlas.model.shown import shown_at


@pytest.mark.parametrize(
    ("at", "window", "months", "events", "captions"),
    [
        (date(2015, 11, 25), "around", 0, ["growth-2015", "clash-2015-11-25"], ["time-01"]),
        (date(2016, 1, 20), "around", 1, [], ["time-02"]),
        (date(2016, 1, 20), "around", 3, ["growth-2015", "clash-2015-11-25"], ["time-01", "time-02"]),
        (date(2021, 11, 30), "upto", 0, ["growth-2015", "clash-2015-11-25", "kayak-2021"], ["time-01", "time-02"]),
    ],
)
def test_shown_at_picks_the_window_and_the_states(minimal, at, window, months, events, captions) -> None:
    """Events and captions overlapping the window, oldest first; every site's state as of the date; names in the language."""
    shown = shown_at(minimal, at, window, months, "fr")
    assert list(shown.events["event_id"]) == events
    assert list(shown.captions["caption_id"]) == captions
    assert shown.at == at and shown.ctx.lang == "fr"
    assert set(shown.states) == {"calais-jungle", "calais"}  # the camp, and the town with a population figure; not Wissant
    assert shown.states["calais-jungle"].status == ("closed" if at > date(2016, 10, 31) else "counted")
