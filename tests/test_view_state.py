"""The view as a value: links in and out, defaults, validation and the named transitions, without Streamlit."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from urllib.parse import parse_qsl, urlencode

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calais_atlas.model import transitions as move
from calais_atlas.model.filters import CATEGORIES
from calais_atlas.model.link import MAX_VALUE_CHARS, Ignored, from_query, to_query
from calais_atlas.model.view_state import BASEMAPS, LAYERS, MAX_MONTHS, VIEW_NAMES, WINDOW_MODES, AtlasState, Limits

PLACES = frozenset({"calais-jungle", "grande-synthe", "wissant", "brachay"})
CAPTIONS = {"time-01": "calais-jungle", "time-02": "calais-jungle", "time-20": "grande-synthe"}
CHAPTERS = {
    1: {"chapter": 1, "date": "2015-11-25", "window": "around", "months": 2, "place_id": "calais-jungle", "view": "site",
        "layers": "sites,captions", "caption_id": "time-01"},
    2: {"chapter": 2, "date": "2016-03-01", "window": "upto", "months": None, "place_id": "", "view": "coast",
        "layers": "", "caption_id": ""},
}
LIMITS = Limits(date(1999, 4, 1), date(2021, 11, 24), PLACES, CAPTIONS, CHAPTERS)


@st.composite
def states(draw) -> AtlasState:
    site = draw(st.sampled_from(["", *sorted(PLACES)]))
    captions_here = [c for c, p in CAPTIONS.items() if p == site]
    caption = draw(st.sampled_from(["", *captions_here]))
    view = draw(st.sampled_from([v for v in VIEW_NAMES if v != "site" or site]))
    return AtlasState(
        date=draw(st.dates(LIMITS.first, LIMITS.last)),
        window=draw(st.sampled_from(WINDOW_MODES)),
        months=draw(st.integers(0, MAX_MONTHS)),
        layers=tuple(layer for layer in LAYERS if draw(st.booleans())),
        site=site, caption=caption, view=view,
        basemap=draw(st.sampled_from(BASEMAPS)),
        lang=draw(st.sampled_from(("en", "fr"))),
        chapter=(chapter := draw(st.sampled_from([0, *CHAPTERS]))),
        present=bool(chapter) and draw(st.booleans()),
        categories=draw(st.sampled_from([(), *[(name,) for name in CATEGORIES], ("demolition", "death"),
                                         CATEGORIES[:-1]])),
    )


@given(states())
def test_a_link_reopens_the_state_it_was_made_from(state: AtlasState) -> None:
    """from_query(to_query(s)) == s for every state the data admits, through a real URL encoding."""
    assert LIMITS.admits(state)
    link = urlencode(to_query(state))
    assert from_query(parse_qsl(link, keep_blank_values=True), LIMITS) == (state, [])


NAMES = st.sampled_from(["date", "window", "months", "layers", "site", "caption", "view", "basemap", "lang", "chapter",
                         "present", "categories", "zoom", "<script>", ""])
VALUES = st.one_of(st.text(max_size=30), st.sampled_from(["9999-99-99", "2016-01-20", "upto", "none", "sites,events,,x",
                                                           "calais-jungle", "time-20", "1", "0", "-1", "１２",
                                                           "death,demolition", "death,kayak,,", ",".join(CATEGORIES)]),
                   st.text(min_size=MAX_VALUE_CHARS + 1, max_size=MAX_VALUE_CHARS + 40))


@settings(max_examples=300)
@given(st.lists(st.tuples(NAMES, VALUES), max_size=12))
def test_any_query_string_gives_a_valid_state_without_raising(pairs: list[tuple[str, str]]) -> None:
    """Hostile, repeated, truncated or absurd links: a state the data admits, and every refusal is named."""
    state, ignored = from_query(pairs, LIMITS)
    assert LIMITS.admits(state)
    assert all(isinstance(item, Ignored) and len(item.value) <= 40 and len(item.name) <= 40 for item in ignored)


@pytest.mark.parametrize(
    ("query", "expected", "reasons"),
    [
        ({}, LIMITS.default(), []),
        ({"date": "9999-99-99", "site": "wissant"}, replace(LIMITS.default(), site="wissant", view="site"),
         [("date", "invalid")]),
        ({"site": "wissant", "view": "all"}, replace(LIMITS.default(), site="wissant", view="all"), []),
        ({"date": "2030-01-01"}, LIMITS.default(), [("date", "outside")]),
        ({"layers": "none"}, replace(LIMITS.default(), layers=()), []),
        ({"layers": "events,bogus,sites"}, replace(LIMITS.default(), layers=("sites", "events")), [("layers", "invalid")]),
        ({"caption": "time-20"}, replace(LIMITS.default(), caption="time-20", site="grande-synthe", view="site"), []),
        ({"caption": "time-20", "site": "wissant"}, replace(LIMITS.default(), site="wissant", view="site"),
         [("caption", "invalid")]),
        ({"view": "site"}, LIMITS.default(), [("view", "missing")]),
        ({"chapter": "7"}, LIMITS.default(), [("chapter", "missing")]),
        ({"months": "121"}, LIMITS.default(), [("months", "invalid")]),
        ({"<b>x</b>": "1", "embed": "true"}, LIMITS.default(), [("<b>x</b>", "unknown")]),
        ({"lang": ["fr", "en"]}, replace(LIMITS.default(), lang="fr"), [("lang", "repeated")]),
        ({"site": "x" * 10_000}, LIMITS.default(), [("site", "too_long")]),
        ({"categories": "death,demolition"}, replace(LIMITS.default(), categories=("demolition", "death")), []),
        ({"categories": "death,<b>kayak</b>,,death"}, replace(LIMITS.default(), categories=("death",)),
         [("categories", "invalid")]),
        ({"categories": ",".join(reversed(CATEGORIES))}, LIMITS.default(), []),
        ({"categories": ""}, LIMITS.default(), []),
        ({"categories": "Death"}, LIMITS.default(), [("categories", "invalid")]),
        ({"chapter": "2", "categories": "protest"},
         replace(LIMITS.default(), chapter=2, date=date(2016, 3, 1), window="upto", categories=("protest",)), []),
    ],
)
def test_link_truth_table(query, expected: AtlasState, reasons: list[tuple[str, str]]) -> None:
    """What each kind of link opens, and what it reports as ignored; the rest of the link still applies."""
    state, ignored = from_query(query, LIMITS)
    assert state == expected
    assert [(item.name, item.reason) for item in ignored] == reasons


def test_a_chapter_link_opens_the_chapter_and_a_dated_one_keeps_its_own_fields() -> None:
    """?chapter=1 opens chapter 1 as written; a link copied after the slider moved reopens that date, in chapter 1."""
    opened, _ = from_query({"chapter": "1", "lang": "fr"}, LIMITS)
    assert opened == AtlasState(date=date(2015, 11, 25), months=2, layers=("sites", "captions"), site="calais-jungle",
                                caption="time-01", view="site", lang="fr", chapter=1)
    moved = replace(opened, date=date(2016, 2, 1))
    assert from_query(to_query(moved), LIMITS)[0] == moved


def test_every_layer_off_is_in_the_link() -> None:
    """No layers is written as layers=none: an empty value would reopen with every layer on."""
    state = replace(LIMITS.default(), layers=())
    assert to_query(state)["layers"] == "none"
    assert from_query(to_query(state), LIMITS)[0].layers == ()


def test_defaults_are_left_out_of_the_link_but_the_date_is_always_in() -> None:
    """A short link: only what differs from the defaults, and the date so a reload never jumps."""
    assert to_query(LIMITS.default()) == {"date": "2016-01-20"}


@pytest.mark.parametrize(
    "fields",
    [{"window": "soon"}, {"months": -1}, {"months": 121}, {"months": True}, {"layers": ("events", "sites")},
     {"layers": ("sites", "sites")}, {"view": "site"}, {"caption": "time-01"}, {"lang": "de"}, {"basemap": "x"},
     {"chapter": -2}, {"present": "yes"}, {"date": "2016-01-20"}, {"categories": ("death", "camp")},
     {"categories": ("death", "death")}, {"categories": ("kayak",)}, {"categories": CATEGORIES}, {"categories": ["death"]}],
)
def test_an_invalid_state_cannot_be_built(fields) -> None:
    """Every field is checked when a state is made, so no panel can hold an impossible view."""
    with pytest.raises(ValueError):
        AtlasState(**fields)


def test_months_survive_a_window_switch() -> None:
    """Months 5, then "everything up to", then back: still 5, and in the link throughout."""
    state = move.set_months(LIMITS.default(), 5)
    upto = move.set_window(state, "upto")
    assert to_query(upto)["months"] == "5"
    assert move.set_window(upto, "around").months == 5


def test_transitions_keep_site_caption_and_view_consistent() -> None:
    """Choosing a caption selects and centres its site; clearing returns to the coast; a map click does not move the map."""
    start = LIMITS.default()
    chosen = move.choose_caption(start, "time-20", "grande-synthe")
    assert (chosen.site, chosen.caption, chosen.view) == ("grande-synthe", "time-20", "site")
    assert (move.clear_site(chosen).site, move.clear_site(chosen).caption, move.clear_site(chosen).view) == ("", "", "coast")
    clicked = move.pick_on_map(move.set_view(chosen, "all"), "wissant")
    assert (clicked.site, clicked.caption, clicked.view) == ("wissant", "", "all")
    assert move.select_site(clicked, "").view == "coast"
    assert move.set_view(start, "site") == start


def test_step_date_moves_to_the_neighbouring_event_or_stays() -> None:
    """Previous/Next event: strictly before or after the date; at either end the state is unchanged."""
    stops = (date(2002, 11, 5), date(2015, 10, 1), date(2016, 2, 29))
    start = replace(LIMITS.default(), date=date(2015, 10, 1))
    assert move.step_date(start, stops, 1).date == date(2016, 2, 29)
    assert move.step_date(start, stops, -1).date == date(2002, 11, 5)
    last = replace(start, date=date(2016, 2, 29))
    assert move.step_date(last, stops, 1) is last


def test_a_language_switch_in_a_lesson_stays_on_the_chapter() -> None:
    """Only the words change."""
    lesson = move.go_to_chapter(LIMITS.default(), CHAPTERS[1], LIMITS)
    assert move.set_lang(lesson, "fr") == replace(lesson, lang="fr")


def test_chapter_with_blank_layers_and_months_uses_the_defaults_and_leaving_ends_the_presentation() -> None:
    """chapters.csv's empty layers mean every layer; empty months the default; leaving the lesson leaves full screen."""
    lesson = move.set_present(move.go_to_chapter(LIMITS.default(), CHAPTERS[2], LIMITS), True)
    assert (lesson.layers, lesson.months, lesson.window, lesson.chapter) == (LAYERS, 3, "upto", 2)
    left = move.leave_lesson(lesson)
    assert (left.chapter, left.present, left.date) == (0, False, lesson.date)


def test_a_category_filter_is_in_the_link_in_the_legends_order_and_all_of_them_is_left_out() -> None:
    """set_categories keeps the legend's order; every category is the default, so the link does not name them."""
    chosen = move.set_categories(LIMITS.default(), ["death", "demolition", "kayak"])
    assert chosen.categories == ("demolition", "death")
    assert to_query(chosen) == {"date": "2016-01-20", "categories": "demolition,death"}
    assert move.set_categories(chosen, CATEGORIES) == LIMITS.default()
    assert move.set_categories(chosen, []) == LIMITS.default()
    assert "categories" not in to_query(move.set_categories(chosen, CATEGORIES))
