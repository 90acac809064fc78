"""Checking an upload: files read from CSVs or a zip in memory, and the diff against the current data."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from calais_atlas.data.diff import TableDiff, diff_datasets
from calais_atlas.data.loader import load_dataset
from calais_atlas.data.upload import current_files, read_uploads
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
                              "(captions.csv, chapters.csv, deaths.csv, events.csv, places.csv, population.csv, "
                                                          "sources.csv); it was ignored"]


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
    before = load_dataset(MINIMAL)
    events = (MINIMAL / "events.csv").read_text(encoding="utf-8")
    events = events.replace("Clash between migrants and police", "Clash between migrants and riot police")
    events = events.replace("kayak-2021,", "kayak-2021-bis,")
    files = current_files(MINIMAL) | {"events.csv": events.encode()}
    after = load_dataset("upload", files=files)
    diff = {d.name: d for d in diff_datasets(before, after)}
    assert diff["events"].added == ["kayak-2021-bis"] and diff["events"].removed == ["kayak-2021"]
    assert diff["events"].changed == {
        "clash-2015-11-25": [("title", "Clash between migrants and police", "Clash between migrants and riot police")]
    }
    assert diff["places"].empty and diff["sources"].empty


def test_identical_data_has_no_changes_even_with_empty_numbers() -> None:
    """Empty optional numbers (count_max) compare equal: uploading the current files changes nothing."""
    current = load_dataset(MINIMAL)
    same = load_dataset("upload", files=current_files(MINIMAL))
    diffs = diff_datasets(current, same)
    assert {diff.name for diff in diffs} >= {"sources", "places", "events", "population", "captions"}
    assert [diff.name for diff in diffs if not diff.empty] == []


def _upload(events: str) -> dict[str, TableDiff]:
    """The diff of the minimal data against an upload of ``events`` as events.csv, by table name."""
    after = load_dataset("upload", files=current_files(MINIMAL) | {"events.csv": events.encode()})
    return {diff.name: diff for diff in diff_datasets(load_dataset(MINIMAL), after)}


EVENTS = (MINIMAL / "events.csv").read_text(encoding="utf-8")


@pytest.mark.parametrize(("case", "edit", "expected"), [
    # issue 21: a place-id typo rejects the event: "not valid", not "removed"; its caption, unedited, is not "changed"
    ("place typo", ("2015-11-25,calais-jungle,clash", "2015-11-25,calais-jungel,clash"),
     {"events": ([], [], {}, [("clash-2015-11-25", 2, "place_id: unknown reference")]), "captions": ([], [], {}, [])}),
    # issue 21: a day-first date rejects the row at validation; same answer
    ("bad date", ("clash-2015-11-25,2015-11-25", "clash-2015-11-25,25/11/2015"),
     {"events": ([], [], {}, [("clash-2015-11-25", 2, "date: is not an ISO date (write 2015-11-25)")]),
      "captions": ([], [], {}, [])}),
    # a row deleted from the file is removed; the caption that named it is edited by nobody, so not changed either
    ("row deleted", ("clash-2015-11-25,2015-11-25,calais-jungle,clash,Clash between migrants and police,"
                     "Affrontement entre des migrants et la police,,,time,,,\n", ""),
     {"events": ([], ["clash-2015-11-25"], {}, []), "captions": ([], [], {}, [])}),
    # an edited title is changed, with before and after
    ("title edited", ("Clash between migrants and police", "Clash at the camp"),
     {"events": ([], [], {"clash-2015-11-25": [("title", "Clash between migrants and police", "Clash at the camp")]}, []),
      "captions": ([], [], {}, [])}),
])
def test_the_diff_tells_not_valid_from_removed_and_unedited_from_changed(case, edit, expected) -> None:
    """Each row lands in one kind: added, removed (gone from the file), changed (what was written differs), or not
    valid (in the file, rejected, with its line and reason). Captions are compared as written, so one whose event was
    rejected or deleted is not "changed"."""
    old, new = edit
    assert old in EVENTS, case
    diffs = _upload(EVENTS.replace(old, new, 1))
    for name, (added, removed, changed, not_valid) in expected.items():
        diff = diffs[name]
        assert (diff.added, diff.removed, diff.changed) == (added, removed, changed), (case, name)
        assert [(row.key, row.line, row.reason.text("en")) for row in diff.not_valid] == not_valid, (case, name)


def test_a_caption_whose_event_id_is_edited_to_a_typo_is_changed_as_written() -> None:
    """The loader blanks the caption's event_id (no such event), but the maintainer did edit it: the diff shows the typo,
    not an empty cell."""
    captions = (MINIMAL / "captions.csv").read_text(encoding="utf-8")
    captions = captions.replace(",time,clash-2015-11-25,", ",time,clash-2015-11-26,")
    after = load_dataset("upload", files=current_files(MINIMAL) | {"captions.csv": captions.encode()})
    diff = {d.name: d for d in diff_datasets(load_dataset(MINIMAL), after)}["captions"]
    assert diff.changed == {"time-01": [("event_id", "clash-2015-11-25", "clash-2015-11-26")]}
    assert diff.not_valid == [] and diff.removed == []
