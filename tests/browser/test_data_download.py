"""The data zip downloads from the app in Chromium: from the export panel under the map and from the Sources tab."""

from __future__ import annotations

import re
import zipfile

from playwright.sync_api import expect
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from browser_support import open_map, settled
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


class HeldBack:
    """The page's Streamlit websocket, with what the server sends held back on demand: the page keeps showing the run
    before while the server has run the page again."""

    def __init__(self, page) -> None:
        self.holding, self.held, self.finished = False, [], 0
        page.route_web_socket(re.compile(r"/_stcore/stream"), self._route)

    def _route(self, socket) -> None:
        server = socket.connect_to_server()
        socket.on_message(server.send)

        def from_server(message) -> None:
            if not self.holding:
                socket.send(message)
                return
            self.held.append(message)
            forward = ForwardMsg()
            forward.ParseFromString(message)
            self.finished += forward.WhichOneof("type") == "script_finished"

        server.on_message(from_server)
        self.socket = socket

    def release(self) -> None:
        self.holding = False
        for message in self.held:
            self.socket.send(message)
        self.held.clear()


def _download(page, button, path) -> str:
    with page.expect_download(timeout=20_000) as download:
        button.click()
    download.value.save_as(path)
    return download.value.suggested_filename


def test_data_zip_downloads_from_the_export_panel_and_the_sources_tab(page, tmp_path) -> None:
    """One click on either button brings the zip of the data folder the app shows (CSV files, package, notes)."""
    open_map(page)
    page.get_by_text("Export", exact=True).click()
    settled(page)  # a click during a run is the next test's case
    button = page.get_by_role("button", name="The data (zip: CSV files, data package, notes)")
    assert _download(page, button, tmp_path / "export.zip") == "calais-atlas-data.zip"
    _check_zip(tmp_path / "export.zip")

    page.get_by_role("tab", name="Sources").click()
    settled(page)
    sources_button = page.get_by_role("tabpanel", name="Sources").get_by_role(
        "button", name="The data (zip: CSV files, data package, notes)"
    )
    _download(page, sources_button, tmp_path / "sources.zip")
    _check_zip(tmp_path / "sources.zip")


def test_a_click_on_the_button_a_run_before_drew_still_downloads(page, tmp_path) -> None:
    """The server has run the page again (a date step) but the browser has not drawn that run yet, as when the map's
    first report reruns the page just after it opens: a click on the data button still on screen brings the zip."""
    socket = HeldBack(page)
    open_map(page)
    expect(page.locator('[data-testid="stStatusWidget"]')).to_have_count(0, timeout=30_000)  # no run in progress
    page.get_by_text("Export", exact=True).click()
    button = page.get_by_role("button", name="The data (zip: CSV files, data package, notes)")
    expect(button).to_be_visible()
    socket.holding = True
    page.get_by_role("slider", name="Date").focus()
    page.keyboard.press("End")
    deadline = page.evaluate("() => Date.now()") + 30_000
    while not socket.finished:  # each call to the page lets the held-back messages arrive
        assert page.evaluate("() => Date.now()") < deadline, "the server never finished the date step's run"
    with page.expect_download(timeout=20_000) as download:
        button.click()
        socket.release()
    download.value.save_as(tmp_path / "export.zip")
    _check_zip(tmp_path / "export.zip")
