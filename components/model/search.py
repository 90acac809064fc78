"""Find events, captions, places, sources and the IOM's incidents by the words of their texts, in English and French.

Matching rules, in the words a reader would use:
- accents, case and ligatures are ignored: "liniere", "LINIÈRE" and "linière" are the same word, "coeur" finds "cœur";
- a word is a run of letters and digits: "Grande-Synthe" is two words, "Michael's" is "michael" and "s";
- every word of the query must be found (AND), each as the beginning of a word of the row's texts: "wiss" finds
  "Wissant", "synthe grande" finds "Grande-Synthe", but "ssant" finds nothing;
- the query is plain text: dots, stars, brackets and tags are not operators; "<b>" is the word "b";
- an empty query, or one without a letter or digit, finds nothing (not everything);
- a query is cut to MAX_QUERY_CHARS characters and MAX_QUERY_WORDS words, and the cut is reported.

A row is searched in every text it has, whatever the interface language: events by title, description, quote and
quote_en; captions by text and credit; places by name and description; sources by title, publisher and author; the
IOM's incidents by IOM's words for the place, the country, the cause and the sources; plus the
French ``<column>_fr`` of any of these when the table has it (places have ``name_fr``). Where
an event happened is not its text: "Wissant" finds the place Wissant, and the events whose texts say Wissant.

Order: results whose every word is a whole word of the row come first (then those with fewer whole words); then
those whose label (title, name, a caption's whole text, or their French) holds every word; then places (they have no
single date); then by date, oldest first, undated last.

Results carry the data's raw text: whoever shows a label escapes it (components/model/escaping.py).

The index is built once per dataset and language (the language only picks the labels): each row's words go into a
sorted vocabulary whose postings are stored end to end, so the rows of every word starting with a prefix are one
contiguous slice, and a query is a few numpy slices and one sort of the rows found.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import numpy as np
import pandas as pd

from calais_atlas.data import dates
from calais_atlas.model.i18n import translated

MAX_QUERY_CHARS = 200  # longer than any name or title a viewer would type; a pasted page is cut here
MAX_QUERY_WORDS = 12
DEFAULT_LIMIT = 50
LABEL_WORDS = 12  # a caption's label: its first words
KINDS = ("event", "caption", "place", "source", "death")

# (kind, table, id column, place column, date column, label column, searched columns)
_SOURCES_OF_ROWS = (
    ("event", "events", "event_id", "place_id", "date", "title", ("title", "description", "quote", "quote_en")),
    ("caption", "captions", "caption_id", "place_id", "date", "text", ("text", "credit")),
    ("place", "places", "place_id", "place_id", "active", "name", ("name", "description")),
    ("source", "sources", "source_id", "", "published", "title", ("title", "publisher", "author")),
    # The IOM's incidents: by IOM's words for the place ("Wimereux", "Gris-Nez"), the country, the cause and the sources
    ("death", "deaths", "iom_id", "", "date", "location", ("location", "country", "cause", "sources")),
)
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ø": "o", "ł": "l", "đ": "d", "ı": "i"})  # not split by NFKD


@dataclass(frozen=True)
class Hit:
    kind: str  # event | caption | place | source | death (an IOM incident: its id is IOM's, it has no place id)
    id: str
    date: str  # as written in the data: "2015-11-25", "2016-03", "2015-09/2015-11", or "" for a place with no dates
    place_id: str  # "" for a source and an IOM incident
    label: str  # raw text: escape it where it is shown


@dataclass(frozen=True)
class Found:
    hits: tuple[Hit, ...]
    total: int  # every row that matches, of which ``hits`` are the first ``limit``
    words: tuple[str, ...]  # the query's words as matched (normalised)
    cut: bool = False  # the query was longer than MAX_QUERY_CHARS or MAX_QUERY_WORDS


@lru_cache(maxsize=200_000)
def _parts(chunk: str) -> tuple[str, ...]:
    """The normalised words of a whitespace-free chunk; cached because a text's chunks repeat across rows."""
    # Unicode's compatibility caseless match (NFKD, casefold, NFKD again: "№" is "No", then "no"), with ligatures opened
    folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", chunk).casefold().translate(_LIGATURES))
    kept = "".join(char if char.isalnum() else " " for char in folded if not unicodedata.combining(char))
    return tuple(kept.split())


def words(text: str) -> list[str]:
    """The words of ``text`` without accents, case or punctuation: 'La Linière (Grande-Synthe)' -> la liniere grande synthe."""
    return [word for chunk in text.split() for word in _parts(chunk)]


def query_words(query: object) -> tuple[tuple[str, ...], bool]:
    """The distinct words of a query, in order, and whether it had to be cut."""
    text = query if isinstance(query, str) else ""
    cut = len(text) > MAX_QUERY_CHARS
    found = list(dict.fromkeys(words(text[:MAX_QUERY_CHARS])))
    return tuple(found[:MAX_QUERY_WORDS]), cut or len(found) > MAX_QUERY_WORDS


def _text(value: object) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def _label(kind: str, row: Mapping, column: str, lang: str) -> str:
    text = translated(row, column, lang)
    if kind != "caption":
        return text
    first = text.split()
    return " ".join(first[:LABEL_WORDS]) + (" …" if len(first) > LABEL_WORDS else "")


class _Words:
    """Gives each distinct word a number, and each distinct text its words' numbers: texts repeat across rows."""

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}
        self._texts: dict[str, tuple[int, ...]] = {}

    def of(self, text: str) -> tuple[int, ...]:
        known = self._texts.get(text)
        if known is None:
            known = tuple({self.numbers.setdefault(word, len(self.numbers)): None for word in words(text)})
            self._texts[text] = known
        return known


@dataclass(frozen=True)
class _Postings:
    """Which rows hold each word: ``rows[starts[i]:starts[i + 1]]`` for ``vocabulary[i]``, rows in order."""

    vocabulary: tuple[str, ...]
    starts: np.ndarray
    rows: np.ndarray

    @classmethod
    def build(cls, numbers: Mapping[str, int], row_of: list[int], word_of: list[int]) -> _Postings:
        vocabulary = tuple(sorted(numbers))
        rank = np.empty(len(vocabulary), dtype=np.int64)
        rank[np.fromiter((numbers[word] for word in vocabulary), dtype=np.int64, count=len(vocabulary))] = \
            np.arange(len(vocabulary))
        keys = rank[np.asarray(word_of, dtype=np.int64)]
        order = np.argsort(keys, kind="stable")  # stable: each word's rows stay in row order
        starts = np.concatenate(([0], np.cumsum(np.bincount(keys, minlength=len(vocabulary)))))
        return cls(vocabulary, starts, np.asarray(row_of, dtype=np.int32)[order])

    def _range(self, prefix: str, whole: bool) -> tuple[int, int]:
        low = bisect_left(self.vocabulary, prefix)
        if whole:
            return low, low + 1 if low < len(self.vocabulary) and self.vocabulary[low] == prefix else low
        # every word starting with ``prefix`` sorts before prefix + the last code point
        return low, bisect_left(self.vocabulary, prefix + "\U0010ffff", low)

    def mark(self, word: str, size: int, whole: bool = False) -> np.ndarray:
        """A mask of the rows holding a word that starts with ``word`` (or is ``word``, when ``whole``)."""
        low, high = self._range(word, whole)
        mask = np.zeros(size, dtype=bool)
        mask[self.rows[self.starts[low]:self.starts[high]]] = True
        return mask


def _column(frame: pd.DataFrame, name: str) -> list:
    return frame[name].tolist() if name in frame.columns else [None] * len(frame)


def _unite(numbers: Iterable[tuple[int, ...]]) -> Iterable[int]:
    parts = [part for part in numbers if part]
    return parts[0] if len(parts) == 1 else dict.fromkeys(n for part in parts for n in part)


@dataclass
class _Collected:
    hits: list[Hit]
    days: list
    vocabulary: _Words
    pairs: tuple[list[int], list[int], list[int], list[int]]  # (row, word) for texts, then for labels

    def add(self, hit: Hit, day: object, texts: list[str], labels: list[str]) -> None:
        row = len(self.hits)
        self.hits.append(hit)
        self.days.append(day)
        for rows, found, column_texts in ((self.pairs[0], self.pairs[1], texts), (self.pairs[2], self.pairs[3], labels)):
            numbers = _unite(self.vocabulary.of(text) for text in column_texts)
            found.extend(numbers)
            rows.extend([row] * (len(found) - len(rows)))


def _collect(tables: Mapping[str, pd.DataFrame], lang: str) -> _Collected:
    collected = _Collected([], [], _Words(), ([], [], [], []))
    for kind, name, key, place, when, label, searched in _SOURCES_OF_ROWS:
        frame = tables.get(name)
        if frame is None or frame.empty:
            continue
        text_columns = [c for column in searched for c in (column, f"{column}_fr") if c in frame.columns]
        label_columns = [c for c in (label, f"{label}_fr") if c in frame.columns]
        values = {c: [_text(v) for v in _column(frame, c)] for c in {key, place, when, *text_columns, *label_columns} if c}
        starts = _column(frame, f"{when}_start")
        for index in range(len(frame)):
            row = {column: column_values[index] for column, column_values in values.items()}
            hit = Hit(kind, row[key], row.get(when, ""), row[place] if place else "", _label(kind, row, label, lang))
            collected.add(hit, starts[index], [row[c] for c in text_columns], [row[c] for c in label_columns])
    return collected


@dataclass(frozen=True, eq=False)
class SearchIndex:
    hits: tuple[Hit, ...]
    texts: _Postings
    labels: _Postings
    base_order: np.ndarray  # each row's place among rows tied on words: places first, then by date, undated last

    @classmethod
    def build(cls, tables: Mapping[str, pd.DataFrame], lang: str = "en") -> SearchIndex:
        """The index of a loaded data folder (``load_dataset(folder).tables``), with labels in ``lang``."""
        collected = _collect(tables, lang)
        hits, (text_rows, text_words, label_rows, label_words) = collected.hits, collected.pairs
        stamps = pd.to_datetime(pd.Series(collected.days, dtype=object), errors="coerce")
        undated = stamps.isna().to_numpy()
        ordinal = np.where(undated, np.iinfo(np.int64).max, stamps.fillna(pd.Timestamp(0)).astype("int64").to_numpy())
        not_place = np.array([hit.kind != "place" for hit in hits], dtype=bool)
        ranks = np.arange(len(hits))
        order = np.lexsort((ranks, ordinal, not_place)) if hits else ranks
        base = np.empty(len(hits), dtype=np.int64)
        base[order] = ranks
        numbers = collected.vocabulary.numbers
        return cls(tuple(hits), _Postings.build(numbers, text_rows, text_words),
                   _Postings.build(numbers, label_rows, label_words), base)

    def __len__(self) -> int:
        return len(self.hits)

    def search(self, query: object, limit: int = DEFAULT_LIMIT) -> Found:
        """The rows matching every word of ``query``, best first, at most ``limit`` of them; never raises."""
        wanted, cut = query_words(query)
        size = len(self.hits)
        if not wanted or not size:
            return Found((), 0, wanted, cut)
        found = np.ones(size, dtype=bool)
        for word in wanted:
            found &= self.texts.mark(word, size)
        rows = np.flatnonzero(found)
        if not rows.size:
            return Found((), 0, wanted, cut)
        whole = sum(self.texts.mark(word, size, whole=True)[rows].astype(np.int64) for word in wanted)
        in_label = np.ones(rows.size, dtype=bool)
        for word in wanted:
            in_label &= self.labels.mark(word, size)[rows]
        best = rows[np.lexsort((self.base_order[rows], ~in_label, -whole))][: max(0, int(limit))]
        return Found(tuple(self.hits[row] for row in best), int(rows.size), wanted, cut)


def first_day(hit: Hit, current: date | None = None) -> date | None:
    """The day a chosen result moves the slider to: the first day of its date ("2016-03" is 1 March); None keeps it.

    A place's dates are when it was active: choosing it keeps the ``current`` day when that is one of them.
    """
    parsed = dates.parse_or_none(hit.date) if hit.date else None
    if parsed is None or (hit.kind == "place" and (current is None or parsed.start <= current <= parsed.end)):
        return None
    return parsed.start
