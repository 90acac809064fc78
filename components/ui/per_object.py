"""Results kept per object, by identity: for what depends on one shared, read-only object alone (a loaded table, a
dataset list a Prepared remembers), found once however many sessions ask.

Keyed on the object itself, which is kept with its results so that its id cannot be reused meanwhile; equal but
distinct objects (new data) are computed anew. Bounded: the most recently used are kept.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


class PerObject:
    def __init__(self, kept: int):
        self.kept = kept
        self._results: OrderedDict[tuple[int, str], tuple[object, object]] = OrderedDict()
        self._lock = threading.Lock()  # sessions run in threads

    def __len__(self) -> int:
        return len(self._results)

    def get(self, source: object, name: str, compute: Callable[[], T]) -> T:
        """``compute()``, once per ``source`` object and ``name`` while among the ``kept`` most recently used. Computed
        outside the lock: two sessions asking at once for a new one both compute it, and get equal results."""
        key = (id(source), name)
        with self._lock:
            hit = self._results.get(key)
            if hit is not None and hit[0] is source:
                self._results.move_to_end(key)
                return hit[1]
        value = compute()
        with self._lock:
            self._results[key] = (source, value)
            self._results.move_to_end(key)
            while len(self._results) > self.kept:
                self._results.popitem(last=False)
        return value
