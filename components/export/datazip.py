"""The data folder as one zip: datapackage.json, the CSV files, README.md and CURATION.md.

The descriptor and the README are generated for the folder being zipped, not copied, so the zip is a valid data
package even for a folder whose own copies are stale or missing. The CSV files go in byte for byte.
"""

from __future__ import annotations

import io
import json
import time
import zipfile
from pathlib import Path

from calais_atlas.data.datapackage import FILENAME, folder_descriptor
from calais_atlas.data.docs import render_readme
from calais_atlas.data.schema import TABLES, Table

ZIP_NAME = "calais-atlas-data.zip"
CURATION = "CURATION.md"  # written by hand: included when the folder has it


def _entry(name: str, modified: float) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=time.localtime(max(modified, 315532800))[:6])  # zip dates start in 1980
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def data_zip(directory: Path, tables: tuple[Table, ...] = TABLES) -> bytes:
    """The zip of ``directory``'s data files; a table whose file is missing is left out of the zip and the package."""
    csvs = [directory / table.filename for table in tables if (directory / table.filename).is_file()]
    present = {path.stem for path in csvs}
    newest = max((path.stat().st_mtime for path in csvs), default=0.0)
    descriptor = folder_descriptor(directory, tuple(table for table in tables if table.name in present))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(_entry(FILENAME, newest), json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n")
        for path in csvs:
            archive.writestr(_entry(path.name, path.stat().st_mtime), path.read_bytes())
        archive.writestr(_entry("README.md", newest), render_readme(tables))
        curation = directory / CURATION
        if curation.is_file():
            archive.writestr(_entry(CURATION, curation.stat().st_mtime), curation.read_bytes())
    return buffer.getvalue()
