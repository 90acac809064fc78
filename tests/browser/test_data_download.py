"""The data zip downloads from the app in Chromium: from the export panel under the map and from the Sources tab."""

from __future__ import annotations

import zipfile

from playwright.sync_api import TimeoutError as PlaywrightTimeout

from browser_support import open_map
from calais_atlas.data.datapackage import FILENAME
from calais_atlas.data.schema import TABLES
from datafolders import ROOT

DATA = ROOT / "data"
EXPECTED = {FILENAME, "README.md", "CURATION.md"} | {table.filename for table in TABLES}


def _check_zip(path) -> None:
    with zipfile.ZipFile(path) as archive:
        assert set(archive.namelist()) == EXPECTED
        assert archive.read("events.csv") == (DATA / "events.csv").read_bytes()
        assert archive.read("CURATION.md") == (DATA / "CURATION.md").read_bytes()
        assert b'"primaryKey"' in archive.read(FILENAME)


def _download(page, button, path) -> str:
    """Click ``button`` until its file arrives: a rerun that redraws the button (the map reporting its first view,
    just after the page opens) replaces the file it offers, and a click on the old one brings nothing."""
    for _ in range(3):
        try:
            with page.expect_download(timeout=10_000) as download:
                button.click()
        except PlaywrightTimeout:
            continue
        download.value.save_as(path)
        return download.value.suggested_filename
    raise AssertionError(f"no download from {button}")


def test_data_zip_downloads_from_the_export_panel_and_the_sources_tab(page, tmp_path) -> None:
    open_map(page)
    page.get_by_text("Export", exact=True).click()
    button = page.get_by_role("button", name="The data (zip: CSV files, data package, notes)")
    assert _download(page, button, tmp_path / "export.zip") == "calais-atlas-data.zip"
    _check_zip(tmp_path / "export.zip")

    page.get_by_role("tab", name="Sources").click()
    sources_button = page.get_by_role("tabpanel", name="Sources").get_by_role(
        "button", name="The data (zip: CSV files, data package, notes)"
    )
    _download(page, sources_button, tmp_path / "sources.zip")
    _check_zip(tmp_path / "sources.zip")
