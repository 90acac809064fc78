"""Links that used to trap or mislead a viewer (issue 19): presenting without a chapter, an ignored layer list,
thousands of parameters, a parameter named like a web address."""

from __future__ import annotations

from dataclasses import replace

import pytest

from apptest_helpers import outside_code_spans, page_failed, run_app
from calais_atlas.model.link import from_query
from calais_atlas.model.view_state import LAYERS
from calais_atlas.ui.lesson import PRESENT_CSS
from datafolders import MINIMAL
from test_view_state import LIMITS


def _notices(app) -> list[str]:
    return [info.value for info in app.info if "link" in info.value]


def test_present_without_a_chapter_is_ignored_and_named() -> None:
    """?present=1 alone would hide the sidebar and the header with nothing left to end it: it is ignored, with a reason.
    With a chapter, the lesson panel (its toggle and Leave button) is the way out, so it applies."""
    state, ignored = from_query({"present": "1"}, LIMITS)
    assert state == LIMITS.default()
    assert [(item.name, item.reason) for item in ignored] == [("present", "no_chapter")]
    in_lesson, ignored = from_query({"chapter": "2", "present": "1"}, LIMITS)
    assert (in_lesson.chapter, in_lesson.present, ignored) == (2, True, [])


def test_present_without_a_chapter_leaves_the_page_whole(monkeypatch) -> None:
    """The page opened with ?present=1 keeps its sidebar and header (no presentation CSS), says why, and the link it
    writes drops present=1, so a reload is not trapped either."""
    app = run_app(monkeypatch, MINIMAL, {"present": "1"})
    assert not page_failed(app)
    assert PRESENT_CSS not in [markdown.value for markdown in app.markdown]
    assert "present" not in app.query_params
    [notice] = _notices(app)
    assert notice == ("Ignored from the link: ` present=1 ` (a presentation needs a chapter (start the lesson, then "
                      "choose the presentation layout))")


@pytest.mark.parametrize("value", ["foo", "", ",,"])
def test_a_layer_list_with_no_known_layer_leaves_every_layer_on(value: str, monkeypatch) -> None:
    """?layers=foo names no layer: the default (every layer) stays, and the link written back has no layers=none."""
    state, _ = from_query({"layers": value}, LIMITS)
    assert state == replace(LIMITS.default(), layers=LAYERS)
    app = run_app(monkeypatch, MINIMAL, {"layers": value})
    assert [app.checkbox(key=f"atlas.layer.{layer}").value for layer in LAYERS] == [True] * len(LAYERS)
    assert "layers" not in app.query_params


@pytest.mark.parametrize("count", [6, 1_000])
def test_thousands_of_parameters_give_one_short_notice(count: int, monkeypatch) -> None:
    """The notice names the first five ignored parts and counts the rest, for any number of them.

    Before: 1,000 unknown parameters gave a 37,000-character notice. (Past 1,000 parameters or 512 Ki characters,
    Streamlit drops the whole query string before the page runs, logging it: the page opens the default view.)"""
    app = run_app(monkeypatch, MINIMAL, {f"p{number}": "1" for number in range(count)})
    assert not page_failed(app)
    [notice] = _notices(app)
    assert notice.startswith("Ignored from the link: ` p0=1 ` (not a setting of the atlas), ` p1=1 `")
    assert notice.endswith(f", and {count - 5:,} more")


def test_a_parameter_named_like_a_web_address_stays_text(monkeypatch) -> None:
    """A parameter named https://evil.example/login is shown in a code span: never a link (remark-gfm links bare
    addresses even after backslash escapes), never an image."""
    app = run_app(monkeypatch, MINIMAL, {"https://evil.example/login": "![p](http://tracker.example/p.png)"})
    [notice] = _notices(app)
    assert "evil.example" in notice
    assert not any(sign in outside_code_spans(notice) for sign in ("http", "www.", "](", "<"))
