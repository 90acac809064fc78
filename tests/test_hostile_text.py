"""Every text from the CSVs is shown as text: never markup, never script, never a live javascript: link."""

from __future__ import annotations

from pathlib import Path

import pytest

from apptest_helpers import groups_js, has_text, page_failed, run_app
from calais_atlas.data.loader import load_dataset
from calais_atlas.export.handout import handout_html
from calais_atlas.model.escaping import html_text, markdown_text, safe_url
from calais_atlas.model.shown import Prepared
from datafolders import MINIMAL

HOSTILE = Path(__file__).parent / "fixtures" / "hostile"
RAW = ("<script>", "<img src=x", "<svg onload", "</script>", "${alert")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ('"><svg onload=x>', "&quot;&gt;&lt;svg onload=x&gt;"),
        ("${alert(1)}`", "&#36;{alert(1)}&#96;"),  # folium puts tooltips inside JS template literals
        ("back\\slash", "back&#92;slash"),
    ],
)
def test_html_text_escapes_html_and_template_literals(value: str, expected: str) -> None:
    """html_text neutralises HTML and the characters that would end or interpolate a JS template literal."""
    assert html_text(value) == expected


def test_markdown_text_defuses_links_and_html() -> None:
    """A markdown link to javascript: and inline HTML come out as literal characters."""
    assert markdown_text("[x](javascript:alert(1)) <b>") == r"\[x\]\(javascript\:alert\(1\)\) \<b\>"


@pytest.mark.parametrize(
    ("url", "safe"),
    [("https://bbc.com/a", True), ("http://x.fr", True), ("javascript:alert(1)", False), ("data:text/html,<b>", False),
     ("JAVASCRIPT:alert(1)", False), ("https://x.fr/\"onmouseover=alert(1)", False), ("//evil.example", False)],
)
def test_only_http_links_are_links(url: str, safe: bool) -> None:
    """Only http and https addresses become links."""
    assert (safe_url(url) is not None) is safe


@pytest.mark.parametrize("lang", ["en", "fr"])  # in French the places are named by their (hostile) name_fr
def test_hostile_data_is_escaped_on_the_page_and_in_the_map(monkeypatch, lang: str) -> None:
    """With attack strings in every text column, the page's markdown and the map's JS carry no raw markup."""
    app = run_app(monkeypatch, HOSTILE, {"date": "2021-11-30", "window": "upto", "lang": lang})
    assert not page_failed(app)
    js = groups_js(app)
    for raw in RAW:
        assert raw not in js
    assert has_text(js, "alert(&#x27;script&#x27;)")  # present, escaped
    # Markdown escaping turns "alert(" into "alert\\(", so look for the word: the attack strings must be on the page.
    hostile_blocks = [block.value for block in app.markdown if "alert" in block.value]
    assert hostile_blocks, "the hostile captions and sources are shown"
    for value in hostile_blocks:
        assert "<" not in value.replace("\\<", ""), value


def test_hostile_text_in_the_handout_is_escaped() -> None:
    """The handout template escapes chapters, place names and sources; a javascript: URL is never a link."""
    hostile = load_dataset(HOSTILE).tables
    chapters = load_dataset(MINIMAL).tables["chapters"].assign(title="<script>alert('title')</script>",
                                                                question='"><svg onload=alert(1)>')
    page = handout_html(Prepared.build(hostile | {"chapters": chapters}, "en"), teacher=True)
    for raw in RAW:
        assert raw not in page
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in page
    assert "javascript:" not in page
    assert 'href="https://www.bbc.com/afrique/example"' in page


def test_hostile_data_in_the_text_views_tables_is_shown_as_text(monkeypatch) -> None:
    """st.table reads each cell as Markdown: a title, a place or a caption written as a link, an image or HTML in the
    CSV is shown as written (escaped), never drawn."""
    app = run_app(monkeypatch, HOSTILE, {"date": "2015-11-25"})
    app.session_state["atlas.tab"] = "What the map shows (text)"
    app.run()
    cells = [str(value) for table in app.table for value in table.value.to_numpy().ravel()]
    assert any("alert" in cell for cell in cells), "the hostile rows are in the tables"
    for cell in cells:
        assert "<" not in cell.replace("\\<", ""), cell
        assert "](" not in cell.replace("\\]\\(", ""), cell
