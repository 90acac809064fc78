"""The rows CSV (export/rows.py) as a spreadsheet reads it: a site's figure in words, and as numbers that add up."""

from __future__ import annotations

import io
from datetime import date

import pandas as pd
import pytest

from calais_atlas.export.rows import shown_rows_csv
from calais_atlas.model.shown import Prepared


def _read(tables, lang: str, day: date) -> tuple[pd.DataFrame, dict]:
    shown = Prepared.build(tables, lang).at(day, "around", 3)
    text = shown_rows_csv(day, shown.states, shown.events, shown.captions, shown.ctx)
    return pd.read_csv(io.StringIO(text), keep_default_na=False, na_values=[""]), shown.states


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("day", [date(2016, 1, 20), date(2015, 6, 15), date(2021, 11, 24)])
def test_the_count_column_is_numbers_a_spreadsheet_can_sum(shipped, lang, day) -> None:
    """pandas reads ``count`` as numbers, in either language; its sum is the sum of the lowest head counts the map
    sizes its circles by; ``count_max`` holds the highest of a range or of sources that disagree; ``qualifier`` says
    how the source worded the count; the figure in words stays in ``what``. (Once, "about 5,000 residents" was the
    only column, text a spreadsheet cannot add.)"""
    frame, states = _read(shipped, lang, day)
    assert pd.api.types.is_numeric_dtype(frame["count"]) and pd.api.types.is_numeric_dtype(frame["count_max"])
    counted = {pid: state for pid, state in states.items() if state.status == "counted"}
    assert counted, "the day must have counted sites, so the sum means something"
    assert frame["count"].sum() == sum(state.low for state in counted.values())
    sites = frame[frame["layer"] == "site"].set_index("place_id")
    for place_id, state in counted.items():
        row = sites.loc[place_id]
        assert row["count"] == state.low and row["what"]
        assert (row["count_max"] if pd.notna(row["count_max"]) else state.low) == state.high
        assert row["qualifier"] in {"exact", "about", "over", "under", "planned"}
    uncounted = sites.drop(index=list(counted))
    assert uncounted["count"].isna().all() and uncounted["qualifier"].isna().all()
    assert frame.loc[frame["layer"] != "site", "count"].isna().all()


def test_a_range_and_a_disagreement_keep_both_ends(shipped) -> None:
    """On 15 Jun 2015 the Jungle's sources disagree (1,500–6,000): count 1500, count_max 6000, and the words say so."""
    frame, _ = _read(shipped, "en", date(2015, 6, 15))
    jungle = frame[frame["place_id"] == "calais-jungle"].iloc[0]
    assert (jungle["count"], jungle["count_max"]) == (1500, 6000)
    assert "1,500–6,000" in jungle["what"]
