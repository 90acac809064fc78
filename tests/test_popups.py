"""A site's popup (components/map/popups.py site_text) says its figure once: the label and the tooltip already say it,
and the popup's sourced lines begin with it. A figure the lines do not say (a range of sources that disagree, a status)
still heads the popup."""

from __future__ import annotations

import pandas as pd
import pytest

from calais_atlas.map.popups import event_popup, site_text
from calais_atlas.model.context import Citation, MapContext
from calais_atlas.model.summaries import FigureLine, ShownDate, figure_lines, site_summary
from calais_atlas.model.timeline import SiteState

PLACES = pd.DataFrame({
    "place_id": ["jungle"], "name": ["Calais 'Jungle'"], "description": ["The shantytown."],
    "location_precision": ["area"], "lat": [50.97], "lon": [1.9],
})
SOURCES = pd.DataFrame({"source_id": ["a", "b"], "publisher": ["TIME", "Help Refugees"],
                        "title": ["The Many Lives", "Census"], "url": ["", ""]})


def _figure(count: int, source: str = "a", what: str = "residents", qualifier: str = "about") -> dict:
    return {"count": count, "qualifier": qualifier, "count_max": None, "what": what, "date": "2016-01", "source_id": source}


def _popup(state: SiteState, lang: str = "en") -> str:
    ctx = MapContext.build(PLACES, SOURCES, lang)
    figure, detail = site_summary(state, ctx)
    return site_text(ctx, "jungle", state, figure, detail)["popup"]


@pytest.mark.parametrize(("lang", "words"), [("en", "about 4,000 residents"), ("fr", "environ 4\u202f000 résidents")])
def test_a_counted_site_says_its_figure_once(lang: str, words: str) -> None:
    """The Jungle's popup once read "4,000 residents" and then "4,000 residents · Jan 2016 · TIME…": the figure is
    said once, in the line that gives its date and source, in either language."""
    popup = _popup(SiteState("jungle", "counted", figures=(_figure(4000),), low=4000, high=4000), lang)
    assert popup.count(words) == 1, popup
    assert f"{words} · " in popup  # the one that remains is the sourced line


def test_a_site_without_a_head_count_says_its_capacity_once() -> None:
    """A site known only by its capacity shows that capacity as its figure: said once in the popup too."""
    popup = _popup(SiteState("jungle", "no-figure", others=(_figure(1500, what="capacity", qualifier="exact"),)))
    assert popup.count("1,500 capacity") == 1, popup


def test_sources_that_disagree_keep_their_range_above_each_figure() -> None:
    """When sources disagree, the range the label shows heads the popup, and each source's figure follows."""
    figures = (_figure(3000, "a"), _figure(6000, "b"))
    popup = _popup(SiteState("jungle", "counted", figures=figures, low=3000, high=6000))
    assert "3,000–6,000 residents (sources disagree)" in popup
    assert "about 3,000 residents · " in popup and "about 6,000 residents · " in popup


def test_a_closed_site_still_says_it_is_closed() -> None:
    """A status has no sourced line of its own: it stays in the popup."""
    popup = _popup(SiteState("jungle", "closed", changed_on="2015-04/2016-10-26"))
    assert "closed (26 Oct 2016)" in popup, popup


HOSTILE_SOURCES = pd.DataFrame({"source_id": ["h"], "publisher": ["<b>Le Monde</b> & co"], "title": ['"Calais"'],
                                "url": ["https://example.org/?a=1&b=2"]})


def test_the_model_gives_a_sites_figures_as_plain_text() -> None:
    """summaries.figure_lines is data, not HTML: each figure's words, its date and whether it is uncertain, and the
    source's citation and address, all as the CSVs wrote them (the map escapes them where it shows them)."""
    ctx = MapContext.build(PLACES, HOSTILE_SOURCES, "en")
    state = SiteState("jungle", "counted", figures=(_figure(4000, "h"),), low=4000, high=4000)
    assert figure_lines(state, ctx) == [FigureLine("about 4,000", "residents", ShownDate("Jan 2016", True),
                                                   Citation('<b>Le Monde</b> & co: "Calais"', "https://example.org/?a=1&b=2"))]


def test_the_map_escapes_the_models_figures_and_citations() -> None:
    """The popup writes the model's plain text as HTML: every CSV string escaped, the address in the href too, the
    uncertain date marked; the same source line in a site's popup and in an event's."""
    ctx = MapContext.build(PLACES, HOSTILE_SOURCES, "en")
    state = SiteState("jungle", "counted", figures=(_figure(4000, "h"),), low=4000, high=4000)
    popup = site_text(ctx, "jungle", state, *site_summary(state, ctx))["popup"]
    link = ('<a href="https://example.org/?a=1&amp;b=2" target="_blank" rel="noopener noreferrer">'
            "&lt;b&gt;Le Monde&lt;/b&gt; &amp; co: &quot;Calais&quot;</a>")
    assert f"about 4,000 residents · Jan 2016 <i>(≈)</i> · {link}" in popup, popup
    event = {"date": "2016-10-24", "title": "Clearance", "source_id": "h"}
    assert popup.count("<b>Le Monde") == 0 and link in event_popup([event], ctx)
