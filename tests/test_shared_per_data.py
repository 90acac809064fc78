"""What a page open reads from the data is found once per data and shared by every session, not once per viewer: a
class opening one link at once pays for it once (tests/bench/class_open.py measures the time; nothing here does)."""

from __future__ import annotations

from datetime import date

import pandas as pd

from apptest_helpers import page_failed, run_app, set_date
from calais_atlas.model.memo import PerObject
from calais_atlas.model.shown import Shown
from calais_atlas.model.timeline import data_span
from calais_atlas.model.view_state import limits_for
from calais_atlas.ui import controls, dataset
from calais_atlas.ui.dataset import current_basis, current_dataset, data_key, derived
from calais_atlas.ui.vega import arrow_bytes
from serve import ROOT

DATA = ROOT / "data"


def test_every_session_is_handed_the_same_loaded_dataset(monkeypatch) -> None:
    """The loaded data are one shared object, not a copy unpickled for each run of each session."""
    monkeypatch.setenv("CALAIS_ATLAS_DATA", str(DATA))
    key = data_key()
    assert current_dataset(key) is current_dataset(key)
    assert current_basis(key).dataset is current_dataset(key)


def test_the_basis_holds_the_datas_own_span_and_limits(monkeypatch) -> None:
    """The shared span and limits are the ones the model finds for these data (the slider's ends, what a link may name)."""
    monkeypatch.setenv("CALAIS_ATLAS_DATA", str(DATA))
    basis = current_basis(data_key())
    tables = basis.dataset.tables
    assert basis.span == data_span(tables)
    limits = limits_for(tables, basis.span.first, basis.span.last)
    assert (basis.limits.first, basis.limits.last, basis.limits.place_ids) == (limits.first, limits.last, limits.place_ids)
    assert dict(basis.limits.caption_places) == dict(limits.caption_places)
    assert sorted(basis.limits.chapters) == sorted(limits.chapters)


def test_derived_is_found_once_per_table_object_and_bounded(monkeypatch) -> None:
    """Once per table object and name; an equal but new table (new data) is computed anew; the oldest are let go."""
    monkeypatch.setattr(dataset, "_DERIVED", PerObject(dataset.DERIVED_KEPT))
    calls: list[int] = []
    table = pd.DataFrame({"a": [1, 2]})

    def compute() -> int:
        calls.append(1)
        return len(calls)

    assert derived(table, "n", compute) == derived(table, "n", compute) == 1
    assert derived(table, "other", compute) == 2  # another name, another result
    assert derived(table.copy(), "n", compute) == 3  # equal content, but another table
    for _ in range(dataset.DERIVED_KEPT):
        derived(pd.DataFrame({"a": [0]}), "n", compute)
    calls.clear()
    derived(table, "n", compute)
    assert calls == [1]  # pushed out by the newer ones: found again
    assert len(dataset._DERIVED) <= dataset.DERIVED_KEPT


def test_two_viewers_opening_a_lesson_link_find_the_place_names_and_the_chapters_once(monkeypatch) -> None:
    """The sidebar's place list and the lesson's chapter order depend on the data and the language only: a second
    viewer opening the same link reuses them."""
    monkeypatch.setattr(dataset, "_DERIVED", PerObject(dataset.DERIVED_KEPT))
    names_calls, sorts = [], []
    real_names, real_sort = controls.place_names, pd.DataFrame.sort_values
    monkeypatch.setattr(controls, "place_names", lambda *args: names_calls.append(1) or real_names(*args))

    def counted_sort(self, by, *args, **kwargs):
        if by == "chapter":
            sorts.append(1)
        return real_sort(self, by, *args, **kwargs)

    monkeypatch.setattr(pd.DataFrame, "sort_values", counted_sort)
    first = run_app(monkeypatch, DATA, {"chapter": "4"})
    second = run_app(monkeypatch, DATA, {"chapter": "4"})
    assert not page_failed(first) and not page_failed(second)
    assert [h.value for h in second.markdown if h.value.startswith("### ")], "the chapter is drawn"
    assert len(names_calls) == 1
    assert len(sorts) == 1


def test_a_slider_step_makes_no_frames_of_the_rows_shown_unless_asked(monkeypatch) -> None:
    """The rows shown as frames (for the text view, the CSV download) are made only when one is asked for: a step with
    the text view closed sends neither, so it does not build them."""
    made: list[str] = []
    for name in ("events", "captions", "deaths"):
        real = getattr(Shown, name)
        monkeypatch.setattr(Shown, name, property(lambda shown, real=real, name=name: made.append(name)
                                                  or real.func(shown)))
    app = run_app(monkeypatch, DATA, {"date": "2016-01-20"})
    set_date(app, date(2015, 6, 20))
    assert not page_failed(app)
    assert made == []
    app.session_state["atlas.tab"] = "What the map shows (text)"  # the text view lists the rows: then they are made
    app.run()
    assert not page_failed(app) and set(made) >= {"events", "captions", "deaths"}


def test_a_dataset_list_is_made_into_arrow_bytes_once_and_a_new_one_anew(monkeypatch) -> None:
    """The strip's and the chart's datasets that do not move with the date are the same list at every step: their
    Arrow bytes are made once; a new list, even an equal one, is converted, and gives the same bytes."""
    from calais_atlas.ui import vega

    converted: list[int] = []
    real = vega.dataframe_util.convert_arrow_table_to_arrow_bytes
    monkeypatch.setattr(vega.dataframe_util, "convert_arrow_table_to_arrow_bytes",
                        lambda table: converted.append(1) or real(table))
    rows = [{"x": 1, "t": "a"}, {"x": 2, "t": "b"}]
    first = arrow_bytes(rows)
    assert arrow_bytes(rows) == first and len(converted) == 1
    assert arrow_bytes([dict(row) for row in rows]) == first and len(converted) == 2
