"""Shared fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from datafolders import build_data_folder


@pytest.fixture
def minimal_data(tmp_path: Path) -> Path:
    return build_data_folder(tmp_path / "data")
