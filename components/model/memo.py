"""Bounded memos shared by every session: results kept for the most recently used keys, computed once however many
sessions ask (sessions run in threads). The one mechanism behind Prepared.remembered, the derived values of a loaded
table (ui/dataset.derived), the map's date-free items and base part (map/feature_groups, map/step) and the charts'
Arrow bytes (ui/vega.py).

A result is computed outside the lock: two sessions asking at once for the same new key both compute it, and get
equal results.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from typing import TypeVar

T = TypeVar("T")


class Bounded:
    """Results by key, the ``kept`` most recently used; read like a mapping, oldest first."""

    def __init__(self, kept: int):
        self.kept = kept
        self._results: OrderedDict[Hashable, object] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], T], valid: Callable[[object], bool] = lambda _: True) -> T:
        """The result kept for ``key`` (when ``valid`` says it still is), else ``compute()``, kept."""
        with self._lock:
            if key in self._results and valid(self._results[key]):
                self._results.move_to_end(key)
                return self._results[key]  # type: ignore[return-value]
        value = compute()
        with self._lock:
            self._results[key] = value
            self._results.move_to_end(key)
            while len(self._results) > self.kept:
                self._results.popitem(last=False)
        return value

    def __len__(self) -> int:
        return len(self._results)

    def __contains__(self, key: object) -> bool:
        return key in self._results

    def __getitem__(self, key: Hashable) -> object:
        return self._results[key]

    def __iter__(self) -> Iterator[Hashable]:
        return iter(list(self._results))


class PerObject:
    """Results per object, by identity, for what depends on one shared, read-only object alone (a loaded table, a
    MapContext, a list a Prepared remembers). The object is kept with its results, so that its id cannot be reused
    meanwhile; an equal but distinct object (new data) is computed anew."""

    def __init__(self, kept: int):
        self._memo = Bounded(kept)

    def __len__(self) -> int:
        return len(self._memo)

    def get(self, source: object, name: Hashable, compute: Callable[[], T]) -> T:
        """``compute()``, once per ``source`` object and ``name`` while among the most recently used."""
        kept = self._memo.get((id(source), name), lambda: (source, compute()), lambda hit: hit[0] is source)
        return kept[1]
