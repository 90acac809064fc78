"""Checking an upload: files read from CSVs or a zip in memory, and the diff against the current data."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from components.data.diff import diff_tables
from components.data.loader import load_dataset
from components.data.upload import current_files, read_uploads
from datafolders import MINIMAL


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_zip_of_the_folder_is_read_by_file_name() -> None:
    """A zip made from the data folder (with its folder name and OS clutter) yields the known CSVs only."""
    entries = {f"data/{name}": (MINIMAL / name).read_bytes() for name in ("events.csv", "places.csv")}
    entries["__MACOSX/data/._events.csv"] = b"junk"
    entries["data/notes.csv"] = b"a,b\n"
    uploaded = read_uploads([("data.zip", _zip(entries))])
    assert sorted(uploaded.files) == ["events.csv", "places.csv"]
    assert [str(note) for note in uploaded.notes] == ['"notes.csv" is not one of the atlas files '
                              "(captions.csv, chapters.csv, events.csv, places.csv, population.csv, sources.csv); it was ignored"]


def test_zip_bomb_and_broken_zip_are_refused(monkeypatch) -> None:
    """An entry that would unpack past the size limit is not read; a broken zip is reported, never raised."""
    monkeypatch.setenv("CALAIS_ATLAS_MAX_MB", "0.001")
    uploaded = read_uploads([("big.zip", _zip({"events.csv": b"x" * 5000})), ("bad.zip", b"PK not really")])
    assert uploaded.files == {}
    assert [str(note) for note in uploaded.notes] == [
        '"events.csv" in "big.zip" unpacks to more than 1.0 KB; it was not read. Split it, or raise CALAIS_ATLAS_MAX_MB '
        "if the machine has the memory",
        '"bad.zip" is not a readable zip file']


def test_upload_is_validated_in_memory_with_its_own_file_names(tmp_path: Path) -> None:
    """One uploaded CSV replaces its file in a copy of the current set; problems name the upload."""
    files = current_files(MINIMAL)
    edited = (MINIMAL / "events.csv").read_bytes().replace(b"2015-11-25,calais", b"25/11/2015,calais")
    files.update(read_uploads([("events.csv", edited)]).files)
    dataset = load_dataset("upload", files=files)
    assert str(dataset.problems[0]) == 'upload/events.csv:2: date: "25/11/2015" is not an ISO date (write 2015-11-25)'
    assert not (Path.cwd() / "upload").exists()


def test_diff_lists_added_removed_and_changed_rows() -> None:
    """The diff is by id: a new event is added, a dropped one removed, an edited title changed with before/after."""
    before = load_dataset(MINIMAL).tables
    events = (MINIMAL / "events.csv").read_text(encoding="utf-8")
    events = events.replace("Clash between migrants and police", "Clash between migrants and riot police")
    events = events.replace("kayak-2021,", "kayak-2021-bis,")
    files = current_files(MINIMAL) | {"events.csv": events.encode()}
    after = load_dataset("upload", files=files).tables
    diff = {d.name: d for d in diff_tables(before, after)}
    assert diff["events"].added == ["kayak-2021-bis"] and diff["events"].removed == ["kayak-2021"]
    assert diff["events"].changed == {
        "clash-2015-11-25": [("title", "Clash between migrants and police", "Clash between migrants and riot police")]
    }
    assert diff["places"].empty and diff["sources"].empty


def test_identical_data_has_no_changes_even_with_empty_numbers() -> None:
    """Empty optional numbers (count_max) compare equal: uploading the current files changes nothing."""
    current = load_dataset(MINIMAL).tables
    same = load_dataset("upload", files=current_files(MINIMAL)).tables
    diffs = diff_tables(current, same)
    assert {diff.name for diff in diffs} >= {"sources", "places", "events", "population", "captions"}
    assert [diff.name for diff in diffs if not diff.empty] == []
