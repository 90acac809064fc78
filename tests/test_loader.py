"""Loading: what spreadsheets write is read correctly, typed, and every row is accounted for."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from calais_atlas.data.datapackage import render_datapackage
from calais_atlas.data.docs import render_readme
from calais_atlas.data.loader import load_dataset
from datafolders import ROOT, build_data_folder


def test_utf8_bom_from_excel_just_works(minimal_data: Path) -> None:
    """A UTF-8 byte-order mark (Excel's 'CSV UTF-8') is not a problem and does not corrupt the first column name."""
    path = minimal_data / "events.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    dataset = load_dataset(minimal_data)
    assert dataset.problems == []
    assert "event_id" in dataset["events"].columns and len(dataset["events"]) == 3


def test_windows_line_endings_just_work(minimal_data: Path) -> None:
    """CRLF line endings, as Windows tools write them, load without problems."""
    path = minimal_data / "captions.csv"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    dataset = load_dataset(minimal_data)
    assert dataset.problems == []
    assert list(dataset["captions"]["caption_id"]) == ["time-01", "time-02"]
    assert not dataset["captions"]["note"].str.contains("\r").any()


def test_windows_1252_is_decoded_without_mojibake(tmp_path: Path) -> None:
    """A Windows-1252 file is reported but its accents are read correctly, never as 'Ã¨'."""
    folder = build_data_folder(tmp_path / "data", "windows-1252")
    dataset = load_dataset(folder)
    quote = dataset["events"].set_index("event_id").at["kayak-2021", "quote"]
    assert quote == "Le corps d'un quatrième membre a été retrouvé"


def test_semicolon_file_is_read_with_its_rows(tmp_path: Path) -> None:
    """A French-Excel semicolon file is reported once, and its rows are still used."""
    folder = build_data_folder(tmp_path / "data", "semicolons")
    dataset = load_dataset(folder)
    assert list(dataset["sources"]["source_id"]) == ["time", "bbc-fr"]
    assert [problem.message.split(" (;)")[0] for problem in dataset.problems] == ["separates columns with semicolons"]


def test_rejected_rows_are_kept_with_their_reason(tmp_path: Path) -> None:
    """A row that cannot be used stays in Dataset.rejected with its line and the reason, and the valid rows load."""
    folder = build_data_folder(tmp_path / "data", "day-first-date")
    dataset = load_dataset(folder)
    rejected = dataset.rejected["events"]
    assert list(rejected["_line"]) == [2]
    assert str(rejected.loc[0, "_reason"]).startswith("date: is not an ISO date")
    assert list(dataset["events"]["event_id"]) == ["growth-2015", "kayak-2021"]


def test_bad_optional_value_is_blanked_not_dropped(tmp_path: Path) -> None:
    """A javascript: link in an optional column is removed from the row; the source itself stays citable."""
    dataset = load_dataset(build_data_folder(tmp_path / "data", "javascript-url"))
    sources = dataset["sources"].set_index("source_id")
    assert sources.at["time", "url"] == ""
    assert len(dataset["events"]) == 3


def test_columns_are_typed_and_dates_keep_precision(minimal_data: Path) -> None:
    """Counts are integers, coordinates floats, and each date keeps its text, bounds and precision."""
    dataset = load_dataset(minimal_data)
    population = dataset["population"].set_index("figure_id")
    assert population.at["jungle-fall", "count"] == 6000
    assert population.at["jungle-fall", "date_precision"] == "interval"
    assert str(population.at["jungle-fall", "date_end"].date()) == "2015-11-30"
    assert dataset["places"]["lat"].dtype == "float64"


def test_shipped_data_validates_with_zero_problems() -> None:
    """The data/ folder in the repository always validates clean."""
    dataset = load_dataset(ROOT / "data")
    assert [str(problem) for problem in dataset.problems] == []
    assert {"calais-jungle", "grande-synthe-camp", "wissant", "brachay"} <= set(dataset["places"]["place_id"])
    assert len(dataset["captions"]) == 30


def test_data_readme_matches_the_schema() -> None:
    """data/README.md and data/datapackage.json are generated from the schema (the package also lists sources.csv);
    regenerate them with `calais-atlas docs` after a change to either."""
    assert (ROOT / "data" / "README.md").read_text(encoding="utf-8") == render_readme()
    assert (ROOT / "data" / "datapackage.json").read_text(encoding="utf-8") == render_datapackage(ROOT / "data")


def test_cli_exit_codes(minimal_data: Path, tmp_path: Path) -> None:
    """The console script exits 0 on clean data, 1 on problems and 2 on a missing folder."""
    script = Path(sys.executable).parent / "calais-atlas"
    clean = subprocess.run([script, "validate", str(minimal_data)], capture_output=True, text=True)
    missing = subprocess.run([script, "validate", str(tmp_path / "nope")], capture_output=True, text=True)
    assert (clean.returncode, missing.returncode) == (0, 2)
    assert "no such folder" in missing.stderr


def test_a_caption_of_an_event_rejected_for_its_place_points_to_that_row(tmp_path: Path) -> None:
    """Issue 21: an event rejected for a place-id typo is a row with problems, so its caption's event_id says so, with
    the event's line, as a date error does; never "does not exist in events.csv; add it first" (the row is there)."""
    dataset = load_dataset(build_data_folder(tmp_path / "data", "reference-to-rejected-event"))
    caption = next(problem for problem in dataset.problems if problem.file.endswith("captions.csv"))
    assert (caption.line, caption.column, caption.value) == (2, "event_id", "clash-2015-11-25")
    assert caption.what.key == "ref.bad_row"
    assert caption.detail("en") == "points to a row of events.csv that has problems itself (line 2)"
    assert caption.detail("fr") == "renvoie à une ligne de events.csv qui a elle-même des problèmes (ligne 2)"


def test_the_web_app_names_files_by_their_name_in_the_folder(tmp_path: Path) -> None:
    """Issue 21: with ``by_name`` every problem names its file as ``events.csv``, never the server's path; without it
    (the command line) the path as given stays, so a maintainer finds the file they named."""
    folder = build_data_folder(tmp_path / "srv" / "atlas" / "data", "reference-to-rejected-event")
    by_name = load_dataset(folder.resolve(), by_name=True)
    assert [problem.file for problem in by_name.problems] == ["events.csv", "captions.csv"]
    assert all(str(tmp_path) not in problem.text() for problem in by_name.problems)
    assert by_name.problems[0].text().startswith('events.csv:2: place_id: "calais-jungel"')
    given = load_dataset(folder.resolve())
    assert given.problems[0].file == str(folder.resolve() / "events.csv")


def test_a_blanked_reference_is_remembered_as_written(tmp_path: Path) -> None:
    """The caption keeps its row with event_id blanked (the event is not valid); the loader remembers what was written,
    so the check page's diff can tell an edited row from one whose reference lost its target."""
    dataset = load_dataset(build_data_folder(tmp_path / "data", "reference-to-rejected-event"))
    assert dataset["captions"].set_index("caption_id").at["time-01", "event_id"] == ""
    assert dataset.unlinked == {"captions": {"event_id": {"time-01": "clash-2015-11-25"}}}
