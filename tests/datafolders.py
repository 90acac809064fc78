"""Data folders for tests: the minimal valid folder, and the same folder with one defect from the corpus."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINIMAL = FIXTURES / "minimal"
BROKEN = FIXTURES / "broken"
DEFECTS = sorted(folder.name for folder in BROKEN.iterdir() if folder.is_dir())


def build_data_folder(target: Path, defect: str | None = None) -> Path:
    """Copy the minimal valid folder to ``target`` and apply one defect from the corpus."""
    target.mkdir(parents=True, exist_ok=True)
    for path in MINIMAL.glob("*.csv"):
        shutil.copy(path, target / path.name)
    if defect:
        for path in (BROKEN / defect).iterdir():
            if path.name == "REMOVE":
                for name in path.read_text().split():
                    (target / name).unlink()
            elif path.name != "expected.txt":
                shutil.copy(path, target / path.name)
    return target
