"""The search: truth tables (the query, what it must find, what it must not), accents and case, hostile queries."""

from __future__ import annotations

import pandas as pd
import pytest

from calais_atlas.model.search import DEFAULT_LIMIT, MAX_QUERY_CHARS, MAX_QUERY_WORDS, Hit, SearchIndex, query_words, words


@pytest.fixture(scope="module")
def shipped_index(shipped) -> SearchIndex:
    return SearchIndex.build(shipped, "en")


@pytest.fixture(scope="module")
def minimal_index(minimal) -> SearchIndex:
    return SearchIndex.build(minimal, "en")


def _frame(rows: list[dict], when: str) -> pd.DataFrame:
    frame = pd.DataFrame(rows)
    frame[f"{when}_start"] = pd.to_datetime(frame[when].str.slice(0, 10), errors="coerce", format="mixed")
    return frame


# A tiny atlas with French columns the schema may grow (name_fr, title_fr), built in the test.
TINY = {
    "events": _frame([
        {"event_id": "e-fire", "date": "2017-04-10", "place_id": "liniere", "title": "Fire at La Linière",
         "title_fr": "Incendie à La Linière", "description": "The camp burns.", "quote": "Le camp a brûlé (a.b*c)",
         "quote_en": "The camp burned"},
        {"event_id": "e-coeur", "date": "2016-03", "place_id": "wissant", "title": "A meeting",
         "description": "Volunteers from the Secours Catholique and Cœur de France.", "quote": "", "quote_en": ""},
        {"event_id": "e-campaign", "date": "2010-01", "place_id": "wissant", "title": "Campaign for the camps",
         "description": "", "quote": "", "quote_en": ""},
        {"event_id": "e-html", "date": "2015-09/2015-11", "place_id": "wissant", "title": "<script>alert(1)</script>",
         "description": "", "quote": "", "quote_en": ""},
    ], "date"),
    "captions": _frame([
        {"caption_id": "c-1", "place_id": "liniere", "date": "2016-03-08",
         "text": "Families arrive at the new camp of La Liniere in Grande-Synthe, near Dunkirk, France, in March 2016.",
         "credit": "Jerome Sessini—Magnum Photos"},
    ], "date"),
    "places": _frame([
        {"place_id": "liniere", "name": "La Linière", "name_fr": "Camp de la Linière", "description": "",
         "active": "2016-03/2017-04"},
        {"place_id": "wissant", "name": "Wissant", "description": "A village on the coast.", "active": ""},
        {"place_id": "dunkirk", "name": "Dunkirk", "name_fr": "Dunkerque", "description": "", "active": ""},
    ], "active"),
    "sources": _frame([
        {"source_id": "s-1", "title": "Calais : la vie des migrants", "publisher": "BBC News Afrique", "author": "",
         "published": "2021-11"},
    ], "published"),
}


@pytest.fixture(scope="module")
def tiny() -> SearchIndex:
    return SearchIndex.build(TINY, "en")


def ids(found) -> set[str]:
    return {hit.id for hit in found.hits}


@pytest.mark.parametrize(
    ("query", "found", "not_found"),
    [
        ("linière", {"la-liniere", "liniere-opens-2016-03-07", "liniere-fire-2017-04-10"}, {"wissant"}),
        ("liniere", {"la-liniere", "liniere-opens-2016-03-07", "liniere-fire-2017-04-10"}, {"wissant"}),
        ("LINIÈRE", {"la-liniere"}, set()),
        ("Wissant", {"wissant", "body-found-near-wissant-2021-11", "wikipedia-wissant"}, {"calais"}),
        ("wiss", {"wissant", "body-found-near-wissant-2021-11"}, set()),
        ("ssant", set(), {"wissant"}),  # words match from their start, not in their middle
        ("Utopia 56", {"kayaker-burial-2021-11-24", "kayak-crossing-deaths-2021-11"},
         {"south-zone-eviction-announced-2016-02-12"}),  # it names Utopia, not "56": every word must match
        ("Utopia 57", set(), {"kayaker-burial-2021-11-24"}),
        ("St. Michael's", {"st-michaels-church-2015-11", "time-20", "time-21"}, set()),
        ("Pegida", {"pegida-rally-2016-02-06"}, set()),
        ("démantèlement", {"court-validates-dismantling-2016-10-18"}, set()),  # a French quote
        ("demantelement", {"court-validates-dismantling-2016-10-18"}, set()),
        ("Brachay", {"brachay", "brachay-rally-2016-09-03"}, set()),
        ("Blunkett", {"sangatte-closure-agreed-2002-12-02"}, {"sangatte-centre-empties-2002-12-14"}),
        ("jules ferry", {"jules-ferry-centre", "jules-ferry-first-meals-2015-01-15"}, set()),
        ("Laurent", {"time-2016-lightbox"}, set()),  # a source's author
    ],
)
def test_truth_table_on_the_shipped_data(shipped_index, query: str, found: set[str], not_found: set[str]) -> None:
    result = shipped_index.search(query)
    assert found <= ids(result)
    assert not not_found & ids(result)
    assert result.total >= len(found)


@pytest.mark.parametrize(
    ("query", "found", "not_found"),
    [
        ("liniere", {"liniere", "e-fire", "c-1"}, {"wissant", "e-coeur"}),
        ("incendie", {"e-fire"}, set()),  # a French title
        ("brule", {"e-fire"}, set()),  # a quote, its accent dropped
        ("burned", {"e-fire"}, set()),  # the quote's translation
        ("dunkerque", {"dunkirk"}, {"c-1"}),  # a place's French name, when the table has one
        ("dunk", {"dunkirk", "c-1"}, set()),
        ("coeur", {"e-coeur"}, set()),  # the ligature œ is oe
        ("CŒUR de", {"e-coeur"}, set()),
        ("sessini", {"c-1"}, set()),  # a caption's credit
        ("afrique migrants", {"s-1"}, set()),
        ("a.b*c", {"e-fire"}, {"e-coeur"}),  # dots and stars are plain text: the words a, b, c
        (".*", set(), {"e-fire", "e-coeur", "e-html", "liniere"}),
        ("[", set(), {"e-fire"}),
        ("(a", {"e-fire", "e-coeur"}, set()),
        ("<script>", {"e-html"}, {"e-fire"}),  # the word "script", found in the raw title
        ("script alert", {"e-html"}, set()),
        ("", set(), {"e-fire", "liniere", "wissant"}),
        ("   \t\n", set(), {"e-fire", "liniere"}),
        ("wissant zzz", set(), {"wissant"}),
    ],
)
def test_truth_table_on_a_tiny_atlas(tiny, query: str, found: set[str], not_found: set[str]) -> None:
    result = tiny.search(query)
    assert ids(result) >= found
    assert not ids(result) & not_found
    assert result.total == len(result.hits)


def test_minimal_fixture_finds_across_kinds(minimal_index) -> None:
    """One word, every kind: the place, its events, its captions, its source."""
    result = minimal_index.search("calais")
    assert {(hit.kind, hit.id) for hit in result.hits} >= {
        ("place", "calais"), ("place", "calais-jungle"), ("caption", "time-01"), ("caption", "time-02"),
        ("source", "time"), ("source", "bbc-fr")}
    assert minimal_index.search("corps quatrieme").hits == (
        Hit("event", "kayak-2021", "2021-11", "wissant", "A body is found on a beach near Wissant"),)


def test_a_result_carries_date_place_kind_and_a_short_label(tiny) -> None:
    """Dates as written in the data, at their precision; a caption's label is its first words; a source has no place."""
    by_id = {hit.id: hit for hit in tiny.search("a").hits + tiny.search("calais").hits + tiny.search("sessini").hits}
    assert by_id["e-coeur"] == Hit("event", "e-coeur", "2016-03", "wissant", "A meeting")
    assert by_id["e-html"].date == "2015-09/2015-11"
    assert by_id["e-html"].label == "<script>alert(1)</script>"  # raw: escaping is the page's job
    assert by_id["c-1"].label == "Families arrive at the new camp of La Liniere in Grande-Synthe, near …"
    assert by_id["s-1"] == Hit("source", "s-1", "2021-11", "", "Calais : la vie des migrants")
    assert by_id["wissant"] == Hit("place", "wissant", "", "wissant", "Wissant")


def test_labels_follow_the_language() -> None:
    """In French, a label is the French title or name where the data has one; the words found are the same."""
    french = SearchIndex.build(TINY, "fr")
    assert {hit.id: hit.label for hit in french.search("liniere").hits} == {
        "liniere": "Camp de la Linière", "e-fire": "Incendie à La Linière",
        "c-1": "Families arrive at the new camp of La Liniere in Grande-Synthe, near …"}


def test_order_whole_words_then_labels_then_places_then_dates(tiny, shipped_index) -> None:
    """"camp": whole words first (the place named so in French, the caption saying it, the event describing it), and
    only then "Campaign for the camps", though its title holds the word's beginning and it is the oldest."""
    assert [hit.id for hit in tiny.search("camp").hits] == ["liniere", "c-1", "e-fire", "e-campaign"]
    assert [hit.id for hit in tiny.search("liniere").hits] == ["liniere", "c-1", "e-fire"]  # a caption's text is its label
    # within a tier (here: "jungle" a whole word of the title), oldest first
    jungle = [hit.date[:7] for hit in shipped_index.search("jungle").hits if hit.kind == "event" and "jungle" in words(hit.label)]
    assert len(jungle) > 2 and jungle == sorted(jungle)


def test_results_are_limited_and_the_total_reported(shipped_index) -> None:
    everything = shipped_index.search("a", limit=DEFAULT_LIMIT)
    assert len(everything.hits) == DEFAULT_LIMIT < everything.total
    assert shipped_index.search("a", limit=5).hits == everything.hits[:5]
    assert shipped_index.search("a", limit=0).hits == ()
    assert shipped_index.search("a", limit=-3).hits == ()


@pytest.mark.parametrize(
    "query",
    ["x" * 10_000, "wissant " * 2_000, ".*" * 5_000, "(" * 300, "\\", "%s%n", "\x00\x01", "\ud800", "👍🏽",
     "<img src=x onerror=alert(1)>", "' OR 1=1 --", None, 12, ["wissant"]],
)
def test_hostile_queries_answer_without_raising(shipped_index, query) -> None:
    result = shipped_index.search(query)
    assert result.total >= len(result.hits)
    assert all(isinstance(hit, Hit) for hit in result.hits)
    assert len(result.words) <= MAX_QUERY_WORDS


def test_a_long_query_is_cut_and_says_so(shipped_index) -> None:
    """A pasted page is cut to its first MAX_QUERY_CHARS characters and MAX_QUERY_WORDS words; what is left still searches."""
    long = "wissant " + "x" * 10_000
    assert shipped_index.search(long).cut and ids(shipped_index.search(long)) == set()
    pasted = "Wissant " * 100
    assert shipped_index.search(pasted).cut is True
    assert "wissant" in ids(shipped_index.search(pasted))
    assert query_words("a b c d e f g h i j k l m n")[0] == tuple("abcdefghijkl")
    assert query_words("a " * MAX_QUERY_CHARS)[1] is True
    assert shipped_index.search("Wissant").cut is False


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("La Linière (Grande-Synthe)", ["la", "liniere", "grande", "synthe"]),
        ("ÉGLISE St. Michael’s", ["eglise", "st", "michael", "s"]),
        ("Straße œuvre Æther", ["strasse", "oeuvre", "aether"]),
        ("ﬁre №5 ２０１６", ["fire", "no5", "2016"]),  # compatibility forms folded
        ("a.b*c [d] $e^", ["a", "b", "c", "d", "e"]),
        ("   ", []),
    ],
)
def test_words_ignore_accents_case_and_punctuation(text: str, expected: list[str]) -> None:
    assert words(text) == expected
