"""Every defect in tests/fixtures/broken gives its exact message and a non-zero exit from the validator."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from calais_atlas.cli import main
from calais_atlas.data.loader import load_dataset
from datafolders import BROKEN, DEFECTS, build_data_folder


@pytest.mark.parametrize("defect", DEFECTS)
def test_validator_prints_exact_message_and_fails(defect: str, tmp_path: Path, monkeypatch, capsys) -> None:
    """`calais-atlas validate data` prints the reviewed message for the defect, then a summary, and exits 1."""
    build_data_folder(tmp_path / "data", defect)
    monkeypatch.chdir(tmp_path)
    code = main(["validate", "data"])
    printed = capsys.readouterr()
    assert code == 1
    assert printed.out == (BROKEN / defect / "expected.txt").read_text()
    assert "Traceback" not in printed.err


def data_rows(path: Path) -> tuple[list[int], int | None]:
    """The spreadsheet lines (record numbers, header = 1) of the non-blank data rows of a CSV file, counted with the
    csv module alone; and the record at which it stops being readable (an unclosed quote), or None if read to the end."""
    if not path.is_file():
        return [], None
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    header = text.split("\n", 1)[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    lines: list[int] = []
    record = 1
    try:
        for record, fields in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True), start=1):
            if record > 1 and "".join(fields).strip():
                lines.append(record)
    except csv.Error:
        return lines, record + 1
    return lines, None


@pytest.mark.parametrize("defect", DEFECTS)
def test_no_row_disappears_without_a_reason(defect: str, tmp_path: Path) -> None:
    """Every data row of every file is either kept or listed as rejected, except rows after an unreadable point."""
    folder = build_data_folder(tmp_path / "data", defect)
    dataset = load_dataset(folder)
    assert {path.stem for path in folder.glob("*.csv")} <= set(dataset.tables), "a CSV file of the folder was not loaded"
    for name, frame in dataset.tables.items():
        rejected = dataset.rejected.get(name)
        rejected_lines = list(rejected["_line"]) if rejected is not None else []
        kept_lines = list(frame["_line"])
        assert not set(kept_lines) & set(rejected_lines), f"{name}: a row is both kept and rejected"
        if rejected is not None:
            assert rejected["_reason"].map(str).str.len().gt(0).all()
        in_file, unreadable_from = data_rows(folder / f"{name}.csv")
        assert len(kept_lines) + len(rejected_lines) == len(in_file), (
            f"{name}.csv has {len(in_file)} data rows: {len(kept_lines)} kept + {len(rejected_lines)} rejected")
        assert sorted(kept_lines + rejected_lines) == in_file, f"{name}.csv: kept and rejected rows are not the file's rows"
        if unreadable_from is not None:  # the rows from there on are not read: the report must say where that is
            assert any(problem.message.startswith("cannot be read past this row") and problem.line == unreadable_from
                       and problem.file.endswith(f"{name}.csv") for problem in dataset.problems), dataset.problems
    assert dataset.problems, "a defect must produce at least one problem"


def test_minimal_folder_is_clean(minimal_data: Path, capsys) -> None:
    """The base the corpus is built on validates with zero problems, so each defect is the only one."""
    assert main(["validate", str(minimal_data)]) == 0
    assert "no problems" in capsys.readouterr().out
