"""What names places and sources on the map, in the exports and in the page: plain dicts for fast lookups."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from calais_atlas.model.escaping import safe_url
from calais_atlas.model.i18n import translated

# A citation is "Publisher: Title", whole for all but two of the shipped sources and cut with an ellipsis beyond.
# One length and one format for the map's popups, the captions, the sources tab, the text view and the exports.
CITATION_LIMIT = 140


@dataclass(frozen=True)
class Citation:
    """A source as cited: its text (raw, escaped where it is shown) and its http(s) address, or None (not a link)."""

    text: str
    url: str | None


@dataclass(frozen=True)
class MapContext:
    """What every layer needs to name places and sources, as plain dicts (pandas scalar lookups are slow in loops)."""

    places: dict[str, dict]  # place_id -> row
    sources: dict[str, dict]  # source_id -> row
    lang: str = "en"

    @classmethod
    def build(cls, places: pd.DataFrame, sources: pd.DataFrame, lang: str = "en") -> MapContext:
        return cls(places.set_index("place_id", drop=False).to_dict("index"),
                   sources.set_index("source_id", drop=False).to_dict("index"), lang)

    def place_name(self, place_id: str) -> str:
        """The place's name in the interface language (its name_fr in French, when filled); raw text, unescaped."""
        row = self.places.get(place_id)
        return place_id if row is None else translated(row, "name", self.lang)

    def place_description(self, place_id: str) -> str:
        """The place's description in the interface language (description_fr in French, when filled), or ''."""
        row = self.places.get(place_id)
        return "" if row is None else translated(row, "description", self.lang)

    def text(self, row: Mapping, column: str) -> str:
        """A row's own text in the interface language: an event's title or description (``<column>_fr`` in French,
        when filled, else ``<column>``); raw text, unescaped. Quotes and captions have no French column: as written."""
        return translated(row, column, self.lang)

    def citation(self, source_id: str) -> str:
        """The source cited, as plain text (escaped where it is shown): "Publisher: Title", at most CITATION_LIMIT."""
        row = self.sources.get(source_id)
        if row is None:
            return str(source_id)
        text = f"{row['publisher']}: {row['title']}"
        return text if len(text) <= CITATION_LIMIT else text[: CITATION_LIMIT - 1] + "…"

    def citation_url(self, source_id: str) -> str | None:
        """The source's address when it is http(s), else None (javascript: and data: are never links)."""
        row = self.sources.get(source_id)
        return None if row is None else safe_url(row["url"])

    def cited(self, source_id: str) -> Citation:
        """The citation and its address together: what a popup links (the map layer writes the HTML)."""
        return Citation(self.citation(source_id), self.citation_url(source_id))

    def source_short(self, source_id: str) -> str:
        """The publisher alone: a credit where a citation has no room (a map label or tooltip, the chart's legend)."""
        return str(self.sources[source_id]["publisher"]) if source_id in self.sources else source_id

    def location(self, place_id: str) -> tuple[float, float] | None:
        row = self.places.get(place_id)
        if row is None or pd.isna(row["lat"]) or pd.isna(row["lon"]):
            return None
        return float(row["lat"]), float(row["lon"])


def _collation_key(name: str) -> str:
    """Accents, case, quotes and brackets ignored: « Jungle » de Calais files under J, Écluse beside Ecluse."""
    words = re.findall(r"[^\W_]+", unicodedata.normalize("NFKD", name).casefold())
    return " ".join("".join(c for c in word if not unicodedata.combining(c)) for word in words)


def place_names(places: pd.DataFrame, lang: str) -> dict[str, str]:
    """place_id -> name in ``lang`` of every place with a point, in alphabetical order: the "go to place" list."""
    located = places.dropna(subset=["lat", "lon"])
    names = {str(row["place_id"]): translated(row, "name", lang) for row in located.to_dict("records")}
    return dict(sorted(names.items(), key=lambda item: (_collation_key(item[1]), item[1])))


def texts(frame: pd.DataFrame, column: str, lang: str) -> list[str]:
    """``column`` of every row of ``frame`` in ``lang`` (MapContext.text's rule, a table at a time); a frame without
    ``<column>_fr`` gives ``column`` as it is."""
    french = f"{column}_fr"
    if lang != "fr" or french not in frame.columns:
        return [translated({column: value}, column, lang) for value in frame[column]]
    return [translated({column: english, french: other}, column, lang)
            for english, other in zip(frame[column], frame[french], strict=True)]
