"""The app with bad data: it starts, lists every problem, keeps every valid row on the map, never shows a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from apptest_helpers import count_class, first_run, groups_js, notice_text, open_page, page_failed, run_app
from calais_atlas.data.loader import load_dataset
from datafolders import DEFECTS, build_data_folder

ALL_OF_IT = {"date": "2021-11-30", "window": "upto"}  # every event and caption of the minimal data is in the window
NOTICE = "Some rows of the atlas's data are not shown; maintainers can see why on"


def _located(dataset) -> set[str]:
    places = dataset["places"]
    return set(places.dropna(subset=["lat", "lon"])["place_id"])


@pytest.mark.parametrize("defect", DEFECTS)
def test_app_lists_problems_and_keeps_valid_rows(defect: str, tmp_path: Path, monkeypatch) -> None:
    """For each defect of the corpus: no exception, the panel lists each problem, every valid row is drawn."""
    folder = build_data_folder(tmp_path / "data", defect)
    dataset = load_dataset(folder)
    app = first_run(monkeypatch, folder, ALL_OF_IT)  # the run whose map state carries the base part too
    assert not page_failed(app)
    assert notice_text(app) == NOTICE and not app.dataframe and not app.warning  # viewers: one calm line, no table
    js = groups_js(app)
    located = _located(dataset)
    for place_id in located:
        assert f"atlas-place-{place_id}" in js, f"valid place {place_id} is missing from the map"
    events = dataset["events"][dataset["events"]["place_id"].isin(located)]
    assert count_class(js, "atlas-event") == len(events.groupby(["place_id", "category"]))
    captions = dataset["captions"][dataset["captions"]["place_id"].isin(located)]
    assert count_class(js, "atlas-caption") == captions["place_id"].nunique()

    open_page(app, "check")  # maintainers: every problem, on the check page, without an upload
    assert not page_failed(app)
    count = dataset.problem_count
    assert any(f"{count} problem{'' if count == 1 else 's'} in the data the atlas shows now" in warning.value
               for warning in app.warning)
    listed = app.dataframe[0].value  # the problems table comes first; rejected rows follow
    assert list(listed["Problem"]) == [problem.message for problem in dataset.problems]
    assert all("/" not in name for name in listed["File"]), "files are named as in the data folder: events.csv"


def test_editing_a_csv_while_the_app_runs(tmp_path: Path, monkeypatch) -> None:
    """A saved edit shows on the next run; a half-saved file shows the problem panel; fixing it recovers."""
    folder = build_data_folder(tmp_path / "data")
    app = run_app(monkeypatch, folder, ALL_OF_IT)
    assert count_class(groups_js(app), "atlas-event-protest") == 0
    events = folder / "events.csv"
    good = events.read_text(encoding="utf-8")
    events.write_text(good + "protest-2016,2016-02-06,calais,protest,A rally in Calais,,,,time,,,\n", encoding="utf-8")
    app.run()
    assert count_class(groups_js(app), "atlas-event-protest") == 1 and notice_text(app) is None
    events.write_text(good + "half-saved,2016-02", encoding="utf-8")  # an editor caught mid-write
    app.run()
    assert not page_failed(app)
    assert notice_text(app) == NOTICE
    assert count_class(groups_js(app), "atlas-event") == 3  # the valid rows are still drawn
    events.write_text(good, encoding="utf-8")
    app.run()
    assert notice_text(app) is None and count_class(groups_js(app), "atlas-event") == 3


def test_the_app_never_writes_to_the_data_folder(tmp_path: Path, monkeypatch) -> None:
    """Browsing, selecting, changing language and opening the check page leave data/ byte-for-byte unchanged."""
    folder = build_data_folder(tmp_path / "data")
    before = {path.name: (path.read_bytes(), path.stat().st_mtime_ns) for path in folder.iterdir()}
    app = run_app(monkeypatch, folder, ALL_OF_IT)
    app.button(key="atlas.show.time-01").click().run()
    app.radio(key="atlas.lang").set_value("fr").run()
    open_page(app, "check")
    assert not page_failed(app)
    assert [title.value for title in app.title] == ["Vérifier vos données"]  # the check page, still in French
    # ... and what it is for: an edited events.csv is checked against the folder's other files, in memory.
    edited = before["events.csv"][0].replace(b"2015-11-25,calais-jungle", b"25/11/2015,calais-jungle", 1)
    assert edited != before["events.csv"][0]
    app.get("file_uploader")[0].set_value(("events.csv", edited, "text/csv")).run()
    assert not page_failed(app)
    assert any("25/11/2015" in str(value) for frame in app.dataframe for value in frame.value.to_numpy().ravel())
    after = {path.name: (path.read_bytes(), path.stat().st_mtime_ns) for path in folder.iterdir()}
    assert after == before


def test_a_one_megabyte_caption_does_not_flood_the_page(tmp_path: Path, monkeypatch) -> None:
    """A 1 MB caption is cut in the panel (with a note) and in the map, so the page stays small."""
    folder = build_data_folder(tmp_path / "data")
    captions = folder / "captions.csv"
    huge = "A" * 1_000_000
    captions.write_text(captions.read_text(encoding="utf-8").replace("A dwelling for migrants", huge), encoding="utf-8")
    app = run_app(monkeypatch, folder, ALL_OF_IT)
    assert not page_failed(app)
    length = len(load_dataset(folder)["captions"].set_index("caption_id").at["time-02", "text"])
    assert length > 1_000_000
    assert any(f"text cut: {length:,} characters in all" in block.value for block in app.markdown)
    assert len(groups_js(app)) < 60_000
    assert max(len(block.value) for block in app.markdown) < 5_000


def test_a_file_over_the_size_limit_is_refused_with_a_message(tmp_path: Path, monkeypatch) -> None:
    """A file above CALAIS_ATLAS_MAX_MB is not read; the panel says which file, its size and the limit."""
    folder = build_data_folder(tmp_path / "data")
    monkeypatch.setenv("CALAIS_ATLAS_MAX_MB", "0.0004")  # 400 bytes
    too_big = {path.name: path.stat().st_size for path in folder.glob("*.csv") if path.stat().st_size > 400}
    assert {"events.csv", "places.csv"} <= set(too_big) < {path.name for path in folder.glob("*.csv")}
    app = run_app(monkeypatch, folder, ALL_OF_IT)
    assert not page_failed(app)
    open_page(app, "check")
    listed = app.dataframe[0].value
    refused = listed[listed["Problem"].str.startswith("is too large to read")]
    assert {Path(name).name: message for name, message in zip(refused["File"], refused["Problem"], strict=True)} == {
        name: f"is too large to read ({size / 1e3:.1f} KB; the limit is 0.4 KB). "
              "Split it, or raise CALAIS_ATLAS_MAX_MB if the machine has the memory"
        for name, size in too_big.items()
    }
