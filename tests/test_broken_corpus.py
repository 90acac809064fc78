"""Every defect in tests/fixtures/broken gives its exact message and a non-zero exit from the validator."""

from __future__ import annotations

from pathlib import Path

import pytest

from components.cli import main
from components.data.loader import load_dataset
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


@pytest.mark.parametrize("defect", DEFECTS)
def test_no_row_disappears_without_a_reason(defect: str, tmp_path: Path) -> None:
    """Every data row of every file is either kept or listed as rejected, except rows after an unreadable point."""
    folder = build_data_folder(tmp_path / "data", defect)
    dataset = load_dataset(folder)
    for name, frame in dataset.tables.items():
        rejected = dataset.rejected.get(name)
        rejected_lines = set(rejected["_line"]) if rejected is not None else set()
        kept_lines = set(frame["_line"])
        assert not kept_lines & rejected_lines, f"{name}: a row is both kept and rejected"
        if rejected is not None:
            assert rejected["_reason"].str.len().gt(0).all()
    assert dataset.problems, "a defect must produce at least one problem"


def test_minimal_folder_is_clean(minimal_data: Path, capsys) -> None:
    """The base the corpus is built on validates with zero problems, so each defect is the only one."""
    assert main(["validate", str(minimal_data)]) == 0
    assert "no problems" in capsys.readouterr().out
