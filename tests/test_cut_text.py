"""Long texts on screen (the text view, Check your data's changes) are cut with their full length stated."""

from __future__ import annotations

import pytest

from calais_atlas.model.formatting import cut_text


@pytest.mark.parametrize(
    ("lang", "note"),
    [("en", "(text cut: 1,204 characters in all)"), ("fr", "(texte coupé : 1\u202f204 caractères au total)")],
)
def test_a_cut_text_says_how_long_it_is_in_both_languages(lang: str, note: str) -> None:
    """Past the limit: the first limit-1 characters, an ellipsis, then the whole text's length, in the page's language."""
    assert cut_text("é" * 1204, 300, lang) == "é" * 299 + "… " + note


def test_a_text_within_the_limit_is_whole_and_says_nothing() -> None:
    """Up to the limit the text is shown as it is, with no note; an empty cell stays empty."""
    assert cut_text("x" * 300, 300, "en") == "x" * 300
    assert cut_text(None, 300, "fr") == ""
