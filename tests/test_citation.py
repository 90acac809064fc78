"""One citation of a source, one length and one format (issue 20): the map's popups, the captions and the sources tab,
the text view, the CSV export and the handout all cite a source as MapContext.citation does."""

from __future__ import annotations

import csv
import html
import io
from datetime import date

import pandas as pd
import pytest

from calais_atlas.export.handout import handout_html
from calais_atlas.export.rows import shown_rows_csv
from calais_atlas.map.popups import source_html
from calais_atlas.model.context import CITATION_LIMIT, MapContext
from calais_atlas.model.escaping import html_text, markdown_text
from calais_atlas.model.shown import Prepared
from calais_atlas.ui.captions import source_link

LONG = "A title of a report long enough to be cut at eighty characters but well under the limit of a citation"


def _with_title(tables: dict[str, pd.DataFrame], source_id: str, title: str) -> dict[str, pd.DataFrame]:
    sources = tables["sources"].copy()
    sources.loc[sources["source_id"] == source_id, "title"] = title
    return {**tables, "sources": sources}


@pytest.mark.parametrize(("title", "cut"), [(LONG, False), (LONG * 2, True)])
def test_every_place_cites_a_source_alike(shipped, title: str, cut: bool) -> None:
    """A citation of 110 characters is whole everywhere (the popups once cut it at 80, the captions at 140); one of
    215 is cut to CITATION_LIMIT with an ellipsis everywhere, the same way."""
    chapter = shipped["chapters"].dropna(subset=["source_id"]).iloc[0]
    tables = _with_title(shipped, chapter["source_id"], title)
    ctx = MapContext.build(tables["places"], tables["sources"], "en")
    cited = ctx.citation(chapter["source_id"])
    publisher = ctx.sources[chapter["source_id"]]["publisher"]
    assert cited.startswith(f"{publisher}: ")
    assert (len(cited), cited.endswith("…")) == ((CITATION_LIMIT, True) if cut else (len(f"{publisher}: {title}"), False))
    assert ctx.citation_url(chapter["source_id"])  # so both are links, with the citation as their text
    assert f">{html_text(cited)}</a>" in source_html(ctx.cited(chapter["source_id"]))  # the map's popups
    assert source_link(ctx, chapter["source_id"]).startswith(f"[{markdown_text(cited)}](")  # captions, sources tab
    page = html.unescape(handout_html(Prepared.build(tables, "en")))
    assert page.count(cited) >= 2  # the chapter's source line and the list of sources


def test_the_csv_cites_each_rows_source(shipped) -> None:
    """The rows export names each event's and site's source by its citation, not by its publisher alone."""
    prepared = Prepared.build(shipped)
    shown = prepared.at(date(2016, 1, 20), "around", 3)
    rows = list(csv.DictReader(io.StringIO(shown_rows_csv(shown.at, shown.states, shown.events, shown.captions, shown.ctx))))
    events = {row["event_id"]: row for row in shown.events.to_dict("records")}
    exported = [row for row in rows if row["layer"] == "event"]
    assert exported and all(row["source"] == shown.ctx.citation(event["source_id"])
                            for row, event in zip(exported, events.values(), strict=True))
    jungle = next(row for row in rows if row["place_id"] == "calais-jungle")
    figures = shown.states["calais-jungle"].figures
    assert jungle["source"] == "; ".join(dict.fromkeys(shown.ctx.citation(f["source_id"]) for f in figures))
