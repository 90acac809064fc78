"""The deaths at the border (IOM's Missing Migrants Project), counted: per row, per year, per month, in a window.

Plain pandas on the loaded ``deaths`` table. An unknown count (empty) is counted as 0, so every total is a lower bound,
as IOM's own figures are.
"""

from __future__ import annotations

import pandas as pd

from calais_atlas.data.schema import DEATHS_CREDIT, DEATHS_CREDIT_URL

__all__ = ["DEATHS_CREDIT", "DEATHS_CREDIT_URL", "dead_or_missing", "monthly_totals", "yearly_totals"]

MONTHLY_COLUMNS = ("month", "dead", "missing", "total", "incidents", "dead_unknown", "missing_unknown")


def _count(frame: pd.DataFrame, column: str) -> pd.Series:
    return pd.to_numeric(frame[column], errors="coerce").fillna(0).astype("int64")


def _unknown(frame: pd.DataFrame, column: str) -> pd.Series:
    return pd.to_numeric(frame[column], errors="coerce").isna().astype("int64")


def _days(frame: pd.DataFrame) -> pd.Series:
    """Each incident's day, from the loaded table's ``date`` (ISO text or timestamps alike)."""
    return pd.to_datetime(frame["date"])


def dead_or_missing(frame: pd.DataFrame) -> pd.Series:
    """Dead plus missing for each row, an unknown count as 0 (a lower bound)."""
    return (_count(frame, "dead") + _count(frame, "missing")).rename("dead_or_missing")


def yearly_totals(frame: pd.DataFrame) -> dict[int, int]:
    """Dead plus missing per calendar year, for the years that have incidents."""
    if frame.empty:
        return {}
    totals = dead_or_missing(frame).groupby(_days(frame).dt.year).sum()
    return {int(year): int(total) for year, total in totals.items()}


def monthly_totals(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per month that has incidents, in order: ``month`` (its first day), ``dead``, ``missing``, ``total``
    (dead plus missing, unknown counts as 0), ``incidents``, and how many of them have an unknown (empty) ``dead`` and
    ``missing``: a month whose counts are all unknown is not a month of 0 dead."""
    if frame.empty:
        return pd.DataFrame({"month": pd.Series(dtype="datetime64[ns]"),
                             **{name: pd.Series(dtype="int64") for name in MONTHLY_COLUMNS[1:]}})
    counts = pd.DataFrame({"month": _days(frame).dt.to_period("M").dt.to_timestamp(),
                           "dead": _count(frame, "dead"), "missing": _count(frame, "missing"),
                           "dead_unknown": _unknown(frame, "dead"), "missing_unknown": _unknown(frame, "missing")})
    grouped = counts.groupby("month", sort=True).agg(
        dead=("dead", "sum"), missing=("missing", "sum"), incidents=("dead", "size"),
        dead_unknown=("dead_unknown", "sum"), missing_unknown=("missing_unknown", "sum")).reset_index()
    grouped["total"] = grouped["dead"] + grouped["missing"]
    return grouped[list(MONTHLY_COLUMNS)].astype({name: "int64" for name in MONTHLY_COLUMNS[1:]})
