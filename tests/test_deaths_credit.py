"""The IOM data's credit, as its licence asks for it, in the viewer's language wherever the atlas shows it."""

from __future__ import annotations

from apptest_helpers import run_app
from calais_atlas.data.schema import DEATHS_CREDIT
from calais_atlas.map.popups import death_credit_html
from calais_atlas.model.death_texts import credit_text
from datafolders import ROOT


def test_the_english_credit_is_the_data_packages_word_for_word() -> None:
    assert credit_text("en") == DEATHS_CREDIT


def test_the_french_credit_names_the_same_sources_and_licences() -> None:
    french = credit_text("fr")
    assert "Missing Migrants Project de l'OIM" in french and "Giorgio Coppola" in french
    assert french.count("CC BY 4.0") == DEATHS_CREDIT.count("CC BY 4.0") == 2
    assert "route table" not in french and "changes made" not in french


def test_the_maps_credit_is_in_the_viewers_language_and_linked() -> None:
    html = death_credit_html("fr")
    assert html.startswith("Données") and "table de la route" in html
    assert 'href="https://missingmigrants.iom.int"' in html and "OIM" in html


def test_the_strip_credits_iom_in_french_on_the_french_page(monkeypatch) -> None:
    app = run_app(monkeypatch, ROOT / "data", {"lang": "fr"})
    credits = [caption.value for caption in app.caption if "missingmigrants.iom.int" in caption.value]
    assert credits and all("table de la route" in text and "route table" not in text for text in credits)
