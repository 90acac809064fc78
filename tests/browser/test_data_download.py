"""The data zip downloads from the app in Chromium: from the sidebar's export panel and from the Sources tab."""

from __future__ import annotations

import zipfile

from browser_support import open_map
from components.data.datapackage import FILENAME
from components.data.schema import TABLES
from datafolders import ROOT

DATA = ROOT / "data"
EXPECTED = {FILENAME, "README.md", "CURATION.md"} | {table.filename for table in TABLES}


def _check_zip(path) -> None:
    with zipfile.ZipFile(path) as archive:
        assert set(archive.namelist()) == EXPECTED
        assert archive.read("events.csv") == (DATA / "events.csv").read_bytes()
        assert archive.read("CURATION.md") == (DATA / "CURATION.md").read_bytes()
        assert b'"primaryKey"' in archive.read(FILENAME)


def test_data_zip_downloads_from_the_export_panel_and_the_sources_tab(page, tmp_path) -> None:
    open_map(page)
    page.get_by_text("Export", exact=True).click()
    with page.expect_download() as from_export:
        page.get_by_role("button", name="The data (zip: CSV files, data package, notes)").click()
    assert from_export.value.suggested_filename == "calais-atlas-data.zip"
    from_export.value.save_as(tmp_path / "export.zip")
    _check_zip(tmp_path / "export.zip")

    page.get_by_role("tab", name="Sources").click()
    sources_button = page.get_by_role("main").get_by_role("button", name="The data (zip: CSV files, data package, notes)")
    with page.expect_download() as from_sources:
        sources_button.click()
    from_sources.value.save_as(tmp_path / "sources.zip")
    _check_zip(tmp_path / "sources.zip")
