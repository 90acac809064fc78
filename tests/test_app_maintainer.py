"""Issue 21, the maintainer: broken data gives viewers one calm line on the map page; the problems table, with files
named as in the data folder, is on the check page (the current data, no upload needed); the check page's preview
opens at the date the maintainer was on. Under AppTest."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from apptest_helpers import notice_text, open_page, page_failed, run_app, set_date
from calais_atlas.data.loader import load_dataset
from datafolders import MINIMAL, build_data_folder

NOTICES = {"en": ("Some rows of the atlas's data are not shown; maintainers can see why on", "Check your data"),
           "fr": ("Certaines lignes des données de l'atlas ne sont pas affichées\u00a0; les responsables peuvent voir pourquoi "
                  "sur", "Vérifier vos données")}


def _texts(app) -> list[str]:
    """Every text the page shows in an element AppTest can read, tables' cells included."""
    kinds = (app.title, app.subheader, app.markdown, app.caption, app.info, app.warning, app.error, app.success)
    texts = [str(element.value) for kind in kinds for element in kind]
    texts += [str(cell) for frame in app.dataframe for cell in frame.value.to_numpy().ravel()]
    return texts + [link.proto.label for link in app.get("page_link")]


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """A data folder at an absolute server-like path, with an event rejected for its place and its caption unlinked."""
    return build_data_folder(tmp_path / "srv" / "atlas" / "data", "reference-to-rejected-event").resolve()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_map_page_tells_viewers_in_one_calm_line(lang: str, broken: Path, monkeypatch) -> None:
    """Viewers get one line saying some rows are not shown and linking the check page: no problems table, no warning
    banner, no file path (the server's least of all)."""
    app = run_app(monkeypatch, broken, {"lang": lang})
    assert not page_failed(app)
    sentence, link = NOTICES[lang]
    assert notice_text(app) == sentence
    links = [item.proto for item in app.get("page_link") if item.proto.label == link]
    assert len(links) == 1 and links[0].page == "check"
    assert not app.dataframe and not app.warning and not app.error
    texts = _texts(app)
    assert not [text for text in texts if str(broken) in text or ".csv" in text], "no file is named to viewers"


def test_clean_data_has_no_notice(monkeypatch) -> None:
    """The shipped-like minimal folder: no line about rows not shown."""
    app = run_app(monkeypatch, MINIMAL)
    assert notice_text(app) is None and not [item for item in app.get("page_link") if item.proto.label == "Check your data"]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_check_page_reports_the_current_data_without_an_upload(lang: str, broken: Path, monkeypatch) -> None:
    """The check page lists the current data's problems with no upload: files as events.csv:2, never the server path;
    the rows not shown follow, with their reason."""
    dataset = load_dataset(broken, by_name=True)
    app = run_app(monkeypatch, broken, {"lang": lang})
    open_page(app, "check")
    assert not page_failed(app)
    assert [header.value for header in app.subheader][0] == {"en": "The current data", "fr": "Les données actuelles"}[lang]
    problems = app.dataframe[0].value
    file_column, problem_column = {"en": ("File", "Problem"), "fr": ("Fichier", "Problème")}[lang]
    assert list(problems[file_column]) == ["events.csv", "captions.csv"]
    assert list(problems[problem_column]) == [problem.detail(lang) for problem in dataset.problems]
    rejected = app.dataframe[1].value
    assert list(rejected["event_id"]) == ["clash-2015-11-25"]
    assert not [text for text in _texts(app) if str(broken.parent) in text], "the server's path is never shown"


def test_the_check_page_says_when_the_current_data_is_clean(monkeypatch) -> None:
    """Clean data: one success line with the valid rows, and no table."""
    app = run_app(monkeypatch, MINIMAL)
    open_page(app, "check")
    assert [box.value for box in app.success][0].startswith("No problems: every row is shown.")
    assert not app.dataframe


def test_a_wrong_size_limit_is_said_on_the_check_page_not_to_viewers(tmp_path: Path, monkeypatch) -> None:
    """CALAIS_ATLAS_MAX_MB=abc is the maintainers' business: the check page says it, the map page does not."""
    monkeypatch.setenv("CALAIS_ATLAS_MAX_MB", "abc")
    app = run_app(monkeypatch, build_data_folder(tmp_path / "data"))
    assert not page_failed(app) and not app.warning
    open_page(app, "check")
    assert [warning.value.replace("\\", "") for warning in app.warning] == [  # markdown escapes read as the text
        "CALAIS_ATLAS_MAX_MB=abc is not a size in megabytes above 0 (e.g. CALAIS_ATLAS_MAX_MB=100); "
        "the default limit, 100 MB, is used"]


def test_the_preview_opens_at_the_date_the_maintainer_was_on(monkeypatch) -> None:
    """On the map at 24 Nov 2021 (not the default 20 Jan 2016), then the check page and an upload: the preview's
    slider starts at 24 Nov 2021."""
    app = run_app(monkeypatch, MINIMAL)
    set_date(app, date(2021, 11, 24))
    open_page(app, "check")
    edited = (MINIMAL / "events.csv").read_bytes().replace(b"Clash between", b"A clash between")
    app.get("file_uploader")[0].set_value(("events.csv", edited, "text/csv")).run()
    assert not page_failed(app)
    assert app.slider(key="check.date").value == date(2021, 11, 24)
