"""Load the data folder once per content: the cache key is a hash of the files, so edits show on the next run.

Everything here is a cached resource, shared read-only by every session: a class opening one link at once would
otherwise copy the dataset, and find its span, limits and chapters anew, once per viewer (tests/bench/class_open.py).
Nothing changes a loaded table; what a session derives from one is a new frame.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import streamlit as st

from calais_atlas.data.fingerprint import folder_fingerprint
from calais_atlas.data.loader import Dataset, default_data_dir, load_dataset
from calais_atlas.model.memo import PerObject
from calais_atlas.model.search import SearchIndex
from calais_atlas.model.shown import Prepared
from calais_atlas.model.timeline import Span, data_span
from calais_atlas.model.view_state import Limits, limits_for

T = TypeVar("T")


def _frozen(value):
    """``value``, with every object alive now (it, the imported modules) moved out of the garbage collector's sight.

    The cached data is read-only and lives as long as the server: scanning its objects was most of each collection's
    cost, on every slider step (tests/bench/loadgen.py). Refcounting still frees them when the cache drops an entry.
    """
    gc.freeze()
    return value


@st.cache_resource(show_spinner=False, max_entries=8)
def _load(directory: str, fingerprint: str) -> Dataset:
    # fingerprint is part of the key on purpose: the result depends on the files' bytes. A resource, not data: st.cache_data
    # unpickled a copy of every table for each run of each session.
    return _frozen(load_dataset(Path(directory), by_name=True))  # problems name events.csv, never the server's path


@dataclass(frozen=True, eq=False)
class Basis:
    """What the atlas page reads from the data before drawing, the same for every session and every language."""

    dataset: Dataset
    span: Span
    limits: Limits


@st.cache_resource(show_spinner=False, max_entries=8)
def _basis(directory: str, fingerprint: str) -> Basis:
    dataset = _load(directory, fingerprint)
    span = data_span(dataset.tables)
    return _frozen(Basis(dataset, span, limits_for(dataset.tables, span.first, span.last)))


@st.cache_resource(show_spinner=False, max_entries=8)
def _prepared(directory: str, fingerprint: str, lang: str) -> Prepared:
    # A resource, not data: shared read-only by every session, never copied. Nothing mutates a Prepared's tables.
    return _frozen(Prepared.build(_load(directory, fingerprint).tables, lang))


@st.cache_resource(show_spinner=False, max_entries=8)
def _search(directory: str, fingerprint: str, lang: str) -> SearchIndex:
    # Built on the first query, not with the page: a viewer who never searches never pays for it.
    return _frozen(SearchIndex.build(_load(directory, fingerprint).tables, lang))


def data_key() -> tuple[str, str]:
    """The data folder and a hash of its files: what every cache here is keyed on."""
    directory = default_data_dir()
    return str(directory.resolve()), folder_fingerprint(directory)


def current_dataset(key: tuple[str, str] | None = None) -> Dataset:
    return _load(*(key or data_key()))


def current_basis(key: tuple[str, str] | None = None) -> Basis:
    """The data folder as it is now, with the slider's span and what a link may name (its limits)."""
    return _basis(*(key or data_key()))


def current_prepared(lang: str, key: tuple[str, str] | None = None) -> Prepared:
    """What the map needs at every date, for the data folder as it is now, in ``lang``."""
    return _prepared(*(key or data_key()), lang)


def current_search(lang: str, key: tuple[str, str] | None = None) -> SearchIndex:
    """The search index of the data folder as it is now, with its results' labels in ``lang``."""
    return _search(*(key or data_key()), lang)


# derived()'s bound: a few data folders' worth (the shipped data's tables, a folder edited under a running server).
DERIVED_KEPT = 16
_DERIVED = PerObject(DERIVED_KEPT)


def derived(table: object, name: str, compute: Callable[[], T]) -> T:
    """``compute()``, found once per loaded table and ``name``, for what depends on that table alone (and on what
    ``name`` says, a language): every session is handed the same read-only tables, and new data are new tables."""
    return _DERIVED.get(table, name, compute)


_WARMED: set[tuple[str, str, str]] = set()
_WARMED_LOCK = threading.Lock()


def warm_search(lang: str, key: tuple[str, str] | None = None) -> None:
    """Start building the search index in the background, once per data and language, so the first query finds it.

    100,000 events take seconds to index (make bench); a viewer who types meanwhile waits for the same build (the cache
    computes a key once), never for a second one. Called after the page is drawn, so the first map is not held up.
    """
    directory, fingerprint = key or data_key()
    with _WARMED_LOCK:
        if (directory, fingerprint, lang) in _WARMED:
            return
        _WARMED.add((directory, fingerprint, lang))
    threading.Thread(target=_search, args=(directory, fingerprint, lang), name="atlas-search-index", daemon=True).start()
