"""Broken data in Chromium at 1280x720, in English and French (issue 21, the maintainer): the map page gives viewers
one calm line and no table, no file name, no server path; its link opens the check page, which lists the problems with
each file named as in the data folder (events.csv), and the diff of an upload shows ids as written."""

from __future__ import annotations

import re
import shutil

import pytest
from playwright.sync_api import expect

from browser_support import open_map
from serve import ROOT, running_app

ROW = b"buffer-zone-clearing-2016-01-20,2016-01-20,"
TYPO = (ROW + b"calais-jungle,", ROW + b"calais-jungel,")
TEXTS = {
    "en": {"notice": "Some rows of the atlas's data are not shown; maintainers can see why on", "link": "Check your data",
           "current": "The current data", "file": "File"},
    "fr": {"notice": "Certaines lignes des données de l'atlas ne sont pas affichées\u00a0; les responsables peuvent voir "
                     "pourquoi sur", "link": "Vérifier vos données", "current": "Les données actuelles", "file": "Fichier"},
}


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    """The shipped data in a server-like folder, with one event's place id mistyped (its three captions point to it)."""
    folder = tmp_path_factory.mktemp("srv") / "atlas" / "data"
    shutil.copytree(ROOT / "data", folder)
    events = (folder / "events.csv").read_bytes()
    assert events.count(TYPO[0]) == 1
    (folder / "events.csv").write_bytes(events.replace(*TYPO))
    with running_app(folder) as url:
        yield folder, url


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_viewers_get_one_calm_line_and_maintainers_the_table(page, broken, lang: str) -> None:
    """Map page: the one line and its link; no table, no warning, no '.csv', no server path. The link opens the check
    page with the current data's problems: events.csv and captions.csv by name, the rejected event by its id."""
    folder, url = broken
    words = TEXTS[lang]
    page.set_viewport_size({"width": 1280, "height": 720})
    page.base_url = url
    open_map(page, f"?lang={lang}")
    notice = page.locator(".st-key-atlas-data-notice")
    expect(notice).to_contain_text(words["notice"])
    expect(notice).to_be_in_viewport()  # above the fold, where the banner was
    main = page.locator('[data-testid="stMain"]')
    text = main.inner_text()
    assert str(folder.parent.parent) not in text and ".csv" not in text
    assert main.locator('[data-testid="stDataFrame"], [data-testid="stAlertContainer"]').count() == 0
    assert text.count(words["notice"]) == 1

    notice.get_by_role("link", name=words["link"]).click()
    expect(page.get_by_role("heading", name=words["current"])).to_be_visible(timeout=30_000)
    expect(page).to_have_url(re.compile(r"/check\?"))
    table = page.locator('[data-testid="stDataFrame"]').first
    expect(table).to_be_visible()
    # The grid is drawn on a canvas; its accessible table holds the cells (read as text content: it is not painted).
    first_column = table.locator('[role="gridcell"][aria-colindex="1"]')
    expect(first_column.first).to_be_attached()
    files = first_column.all_text_contents()
    assert sorted(set(files)) == ["captions.csv", "events.csv"], files
    cells = table.locator('[role="gridcell"]').all_text_contents()
    assert "buffer-zone-clearing-2016-01-20" in cells
    page_text = page.locator('[data-testid="stMain"]').inner_text()
    assert str(folder.parent.parent) not in page_text and str(folder.parent.parent) not in "".join(cells)
    assert table.locator('[role="columnheader"][aria-colindex="1"]').text_content() == words["file"]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_diff_of_an_upload_says_not_valid_and_shows_ids_as_written(page, lang: str) -> None:
    """Uploading events.csv with the place typo against the shipped data: the event is 1 not valid (not removed), its
    three captions are not changed (nobody edited them), and ids read as written, without markdown backslashes."""
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{page.base_url}/check?lang={lang}")
    edited = (ROOT / "data" / "events.csv").read_bytes().replace(*TYPO)
    page.locator('input[type="file"]').set_input_files(files=[{"name": "events.csv", "mimeType": "text/csv", "buffer": edited}])
    line = {"en": "events.csv: 0 added, 0 removed, 0 changed, 1 not valid",
            "fr": "events.csv : 0 ajoutée, 0 supprimée, 0 modifiée, 1 non valide"}[lang]
    expect(page.get_by_text(line)).to_be_visible(timeout=30_000)
    main = page.locator('[data-testid="stMain"]')
    assert "captions.csv:" not in main.inner_text() and "captions.csv :" not in main.inner_text()  # no captions diff
    invalid = page.locator('[data-testid="stExpander"]').filter(has_text=line).locator('[data-testid="stDataFrame"]')
    expect(invalid).to_be_visible()
    cells = invalid.locator('[role="gridcell"]')
    expect(cells.first).to_be_attached()
    assert cells.first.text_content() == "buffer-zone-clearing-2016-01-20"
    assert "\\" not in main.inner_text()
