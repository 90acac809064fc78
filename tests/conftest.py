"""Shared fixtures: the shipped data, the minimal test folder and what the app prepares from them.

Module-scoped, as each test module had them: a test that mutates a table or fills a cache affects its own module only.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from calais_atlas.data.loader import load_dataset
from calais_atlas.model.shown import Prepared
from datafolders import MINIMAL, ROOT, build_data_folder


@pytest.fixture
def minimal_data(tmp_path: Path) -> Path:
    return build_data_folder(tmp_path / "data")


@pytest.fixture(scope="module")
def shipped() -> dict[str, pd.DataFrame]:
    """The tables of the data/ folder the atlas ships (it validates with zero problems)."""
    dataset = load_dataset(ROOT / "data")
    assert dataset.ok, dataset.problems
    return dataset.tables


@pytest.fixture(scope="module")
def minimal() -> dict[str, pd.DataFrame]:
    """The tables of tests/fixtures/minimal, the smallest valid folder."""
    return load_dataset(MINIMAL).tables


@pytest.fixture(scope="module")
def prepared(shipped) -> Prepared:
    """What the map needs at every date for the shipped data, in English."""
    return Prepared.build(shipped, "en")
