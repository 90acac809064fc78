"""The words an IOM incident is told with (model/deaths.py's rows), shared by its popup, the text view and the CSV.

Raw text: whoever shows it escapes it (model/escaping.py). An empty count is IOM's "not known" and is said so, never
written 0; a split incident's distinct quality scores are listed, lowest first, never summed.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from calais_atlas.model.deaths import DEATHS_CREDIT, DEATHS_CREDIT_URL
from calais_atlas.model.escaping import markdown_text, safe_url
from calais_atlas.model.formatting import format_count
from calais_atlas.model.i18n import t

__all__ = ["DEATHS_CREDIT", "DEATHS_CREDIT_URL", "count_text", "credit_link", "credit_text", "links", "quality_text", "text_of",
           "total_text"]

COUNTS = ("dead", "missing", "survivors")


def credit_text(lang: str) -> str:
    """The credit the licence asks for, in the viewer's language (the data package keeps DEATHS_CREDIT, in English)."""
    return t("death.credit_text", lang)


def credit_link(lang: str) -> str:
    """The credit as Markdown, linked to the Missing Migrants Project, its words escaped."""
    return f"[{markdown_text(credit_text(lang))}]({DEATHS_CREDIT_URL})"


def known(value: object) -> int | None:
    """A count as a number, or None when IOM gives none (an empty cell, read as pandas' NA)."""
    return None if value is None or pd.isna(value) else int(value)


def count_text(value: object, lang: str) -> str:
    """'27', or 'unknown': an empty count is never shown as 0."""
    number = known(value)
    return t("death.unknown", lang) if number is None else format_count(number, lang)


def total_text(row: Mapping, lang: str) -> str:
    """'27 dead or missing'; 'number not known' when IOM gives neither count."""
    dead, missing = known(row.get("dead")), known(row.get("missing"))
    if dead is None and missing is None:
        return t("death.total_unknown", lang)
    return t("death.total", lang, count=(dead or 0) + (missing or 0))


def text_of(row: Mapping, column: str) -> str:
    value = row.get(column)
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def links(row: Mapping) -> list[str]:
    """IOM's links that are http(s) addresses; anything else is not made a link (the validator reports it)."""
    return [url for url in (safe_url(part) for part in text_of(row, "links").split()) if url]


def quality_text(row: Mapping) -> str:
    """'4', or '4, 5' for an incident IOM split over several rows: the distinct scores of its parts."""
    return ", ".join(text_of(row, "source_quality").split())
