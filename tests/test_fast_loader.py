"""Every data folder of the corpus loads the same through the fast reader and the exact one: the same problems
(file, line, column, value, message), the same tables and the same rejected rows."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pytest

from calais_atlas.data import csvread
from calais_atlas.data.loader import load_dataset
from datafolders import DEFECTS, FIXTURES, MINIMAL, ROOT, build_data_folder

FOLDERS = ["minimal", "hostile", "data", "synthetic", *(f"broken/{defect}" for defect in DEFECTS)]


def _folder(name: str, tmp_path: Path) -> Path:
    if name.startswith("broken/"):
        return build_data_folder(tmp_path / "data", name.removeprefix("broken/"))
    if name == "synthetic":  # the benchmark's generator: thousands of rows, quoted commas and quotes, French text
        sys.path.insert(0, str(ROOT / "tests" / "bench"))
        from synth import generate

        generate(tmp_path / "data", 2000, 200, figures=500, captions=500, check=False)
        return tmp_path / "data"
    return ROOT / "data" if name == "data" else FIXTURES / name


def _assert_same_frames(fast: dict[str, pd.DataFrame], exact: dict[str, pd.DataFrame]) -> None:
    assert fast.keys() == exact.keys()
    for name in fast:
        pd.testing.assert_frame_equal(fast[name], exact[name], check_exact=True)


@pytest.mark.parametrize("name", FOLDERS)
def test_fast_and_exact_loads_agree(name: str, tmp_path: Path, monkeypatch) -> None:
    folder = _folder(name, tmp_path)
    monkeypatch.chdir(folder.parent)  # problems name files relative to the working directory
    fast, exact = load_dataset(folder), load_dataset(folder, exact=True)
    assert [p.as_dict() for p in fast.problems] == [p.as_dict() for p in exact.problems]
    _assert_same_frames(fast.tables, exact.tables)
    _assert_same_frames(fast.rejected, exact.rejected)


def test_the_fast_reader_reads_the_shipped_and_minimal_folders(monkeypatch) -> None:
    """Otherwise the comparison above would compare the exact reader with itself."""
    taken: list[str] = []
    real = csvread.fast_parse

    def spy(text: str, delimiter: str, utf8: bytes | None = None):
        result = real(text, delimiter, utf8)
        taken.append("fast" if result is not None else "exact")
        return result

    monkeypatch.setattr(csvread, "fast_parse", spy)
    load_dataset(ROOT / "data")
    load_dataset(MINIMAL)
    assert taken and set(taken) == {"fast"}
