"""Vega-Lite charts whose named datasets go to Streamlit as Arrow bytes, built with pyarrow directly.

Streamlit turns each named dataset into a pandas DataFrame and then into Arrow; the strip and the population chart
send eleven on every slider step, so that round trip was a large share of the step's server time (BENCHMARKS.md).
Streamlit passes datasets that are already bytes through unchanged (streamlit/elements/vega_charts.py). A dataset that
does not move with the date (the strip's marks and deaths, a site's figures) is the same list at every step, remembered
by the page's Prepared: its bytes are made once, not at each step of each session.
"""

from __future__ import annotations

import pyarrow as pa
from streamlit import dataframe_util

from calais_atlas.model.memo import PerObject

# A step's lists: two charts' worth of stable ones, and those made anew at each step, which push out only each other.
_BYTES = PerObject(64)


def arrow_bytes(rows: list[dict]) -> bytes:
    return _BYTES.get(rows, "arrow", lambda: dataframe_util.convert_arrow_table_to_arrow_bytes(pa.Table.from_pylist(rows)))


def with_arrow_datasets(spec: dict) -> dict:
    """``spec`` with its named datasets (lists of records) as Arrow IPC bytes; the spec itself is not copied deeply."""
    if "datasets" not in spec:
        return spec
    return {**spec, "datasets": {name: arrow_bytes(rows) for name, rows in spec["datasets"].items()}}
