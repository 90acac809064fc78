"""The handout's chapter maps (issue 21, "the handout has no map"): every chapter drawn offline from the live map's
basemap and items, its place ringed and named in a label nothing covers, every text escaped, nothing scripted."""

from __future__ import annotations

import html
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pytest
import shapely

from calais_atlas.data.loader import load_dataset
from calais_atlas.export.handout import handout_html
from calais_atlas.map.framing import frame_for
from calais_atlas.map.print_basemap import CLIP_MARGIN_PX, clipped
from calais_atlas.map.print_labels import Label, Line, overlaps, place_labels
from calais_atlas.map.print_map import HEIGHT, WIDTH, viewport
from calais_atlas.map.projection import Viewport, fitted, world_px
from calais_atlas.model.i18n import t
from calais_atlas.model.palette import PAPER, SITE_CLOSED, SITE_FILL
from calais_atlas.model.shown import Prepared
from datafolders import MINIMAL

HOSTILE = Path(__file__).parent / "fixtures" / "hostile"
SECTION = re.compile(r'<section class="chapter" id="chapter-(\d+)">(.*?)</section>', re.S)
FOCUS_LABEL = re.compile(r'<g class="map-focus">(.*?)</g>', re.S)


DRAWING_TAGS = {"svg", "defs", "symbol", "use", "g", "path", "circle", "rect", "text"}


class _TagReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append((tag, attrs))


def _tags(markup: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    """Every element of ``markup`` with its attributes, as a browser's parser reads them."""
    reader = _TagReader()
    reader.feed(markup)
    return reader.tags


def _sections(page: str) -> dict[int, str]:
    return {int(number): body for number, body in SECTION.findall(page)}


def _focus_text(section: str) -> str:
    """The words of the map's focus label, as written in the markup (escaped)."""
    labels = FOCUS_LABEL.findall(section)
    assert len(labels) == 1, labels
    return " ".join(re.findall(r"<text[^>]*>([^<]*)</text>", labels[0]))


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_chapter_has_a_map_with_its_place_ringed_and_named(shipped, lang: str) -> None:
    """Each chapter's section holds one inline SVG map; a chapter with a place rings it (the highlight) and names it,
    escaped, in the focus label."""
    prepared = Prepared.build(shipped, lang)
    sections = _sections(handout_html(prepared))
    assert sorted(sections) == sorted(int(n) for n in shipped["chapters"]["chapter"])
    for row in shipped["chapters"].to_dict("records"):
        section = sections[int(row["chapter"])]
        assert section.count('class="print-map"') == 1, row["chapter"]
        if row.get("place_id"):
            assert section.count('class="map-ring"') == 1, row["chapter"]
            name = html.escape(prepared.ctx.place_name(row["place_id"]))
            assert _focus_text(section).startswith(name), (row["chapter"], _focus_text(section))


def test_chapter_one_shows_the_whole_map(shipped) -> None:
    """Chapter 1 ("Looking at the whole map…", view "all") is framed on every place and draws every site's circle."""
    prepared = Prepared.build(shipped, "en")
    row = shipped["chapters"].set_index("chapter").loc[1]
    assert row["view"] == "all" and not row["place_id"]
    section = _sections(handout_html(prepared))[1]
    circles = re.findall(r'<circle [^>]*fill="([^"]+)"', section)
    states = prepared.at(date.fromisoformat(row["date"]), row["window"], 0).states
    assert sum(fill in (SITE_FILL, SITE_CLOSED, PAPER) for fill in circles) == sum(map(bool, map(prepared.ctx.location, states)))
    view = viewport(frame_for(prepared.ctx, "all"))
    for location in filter(None, map(prepared.ctx.location, prepared.ctx.places)):
        x, y = view.xy(*location)
        assert 0 <= x <= WIDTH and 0 <= y <= HEIGHT, location


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_hostile_place_names_on_the_chapter_maps_are_escaped(lang: str) -> None:
    """Attack strings as place names (in English and in French) come out as text in the maps' labels; the maps
    carry no script, no event handler and no link but to their own symbols."""
    hostile = load_dataset(HOSTILE).tables
    chapters = load_dataset(MINIMAL).tables["chapters"]
    prepared = Prepared.build(hostile | {"chapters": chapters}, lang)
    page = handout_html(prepared, teacher=True)
    maps = re.findall(r'<svg [^>]*class="print-map".*?</svg>(?=</figure>)', page, re.S)
    assert len(maps) == len(chapters)
    jungle = _sections(page)[1]
    assert _focus_text(jungle).startswith(html.escape(prepared.ctx.place_name("calais-jungle")))
    for markup in maps:
        assert "<script" not in markup and "javascript:" not in markup
        tags = _tags(markup)
        assert {name for name, _ in tags} <= DRAWING_TAGS
        assert not [attribute for _, attributes in tags for attribute, _ in attributes if attribute.startswith("on")]
        links = {value for _, attributes in tags for name, value in attributes if name == "href"}
        assert links <= {f"#{value}" for _, attributes in tags for name, value in attributes if name == "id"}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_teachers_edition_says_it_has_the_notes(shipped, lang: str) -> None:
    """The teacher's handout is titled as the edition with notes, in its language; the pupils' is not."""
    prepared = Prepared.build(shipped, lang)
    teacher, pupil = html.unescape(handout_html(prepared, teacher=True)), html.unescape(handout_html(prepared))
    atlas = t("app.title", lang)
    edition = t("lesson.handout_teacher", lang, atlas=atlas)
    assert f"<h1>{edition}</h1>" in teacher and f"<title>{edition}</title>" in teacher
    assert ("avec les notes" if lang == "fr" else "with notes") in edition
    assert edition not in pupil and f"<h1>{t('lesson.handout', lang, atlas=atlas)}</h1>" in pupil


def test_the_focus_name_is_placed_first_and_nothing_covers_it() -> None:
    """Site labels that would fall on the place in focus's name move away or are left out; the focus name stays."""
    focus = Label((Line("Calais 'Jungle'", bold=True),), 300, 200, 12, focus=True, gap=33)
    others = [Label((Line("Calais", bold=True), Line("about 6,000 residents")), 300 + dx, 200, 12, gap=10)
              for dx in (-20, 0, 20)]
    placed = place_labels([*others, focus], markers=[], width=640, height=400)
    assert placed[0].label is focus and placed[0].box == focus.box()
    for other in placed[1:]:
        assert not overlaps(other.box, placed[0].box)


def test_a_label_the_edge_would_cut_is_left_out_unless_it_is_the_focus() -> None:
    """On paper nothing pans: a name cut by the edge is dropped, and the focus name is moved inside instead."""
    long = (Line("Grande-Synthe camp (Basroch)", bold=True),)
    placed = place_labels([Label(long, 630, 200, 12), Label(long, 630, 300, 12, focus=True)], [], 640, 400)
    assert [item.label.focus for item in placed] == [True]
    assert placed[0].box[2] <= 640


def test_fitted_view_holds_its_bounds_inside_the_padding() -> None:
    """Web Mercator as Leaflet's fitBounds: the bounds' corners land inside the padding, at most at max_zoom."""
    assert world_px(0, 0, 0) == (128, 128)
    view = Viewport(zoom=9.5, left=100.0, top=50.0, width=640, height=400)
    points = [(1.66, 50.88), (2.38, 51.05), (5.03, 48.38)]
    assert np.allclose(view.xy_array(np.array(points)), [view.xy(lat, lon) for lon, lat in points])
    bounds = [[50.855, 1.655], [51.055, 2.385]]
    view = fitted(bounds, 640, 400, 40, 10)
    assert view.zoom <= 10
    for corner in bounds:
        x, y = view.xy(*corner)
        assert 39.9 <= x <= 600.1 and 39.9 <= y <= 360.1


def test_a_clipped_polygon_stays_in_its_box() -> None:
    """The basemap's fills are cut to the view (with a margin), so the SVG carries only what the page shows."""
    square = shapely.Polygon([(-50.0, -50.0), (50.0, -50.0), (50.0, 50.0), (-50.0, 50.0)])
    view = Viewport(zoom=10, left=0, top=0, width=10, height=10)
    (ring,) = clipped(square, view, fill=True)
    edge = [-CLIP_MARGIN_PX, 10 + CLIP_MARGIN_PX]
    assert sorted(set(ring)) == [(x, y) for x in edge for y in edge]
    (line,) = clipped(shapely.LineString([(-50, 5), (50, 5)]), view, fill=False)
    assert line == [(-CLIP_MARGIN_PX, 5), (10 + CLIP_MARGIN_PX, 5)]
