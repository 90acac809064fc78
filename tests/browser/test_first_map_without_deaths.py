"""The first map comes first on data with no deaths table: the strip's held place is the strip's own height without
its deaths row."""

from __future__ import annotations

from datafolders import MINIMAL
from first_map_support import assert_map_stays_put, load_and_watch

DATA_FOLDER = MINIMAL


def test_the_map_stays_put_when_the_strip_without_deaths_arrives(page) -> None:
    assert_map_stays_put(load_and_watch(page))
