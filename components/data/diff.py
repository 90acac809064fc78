"""What an upload changes against the current data: rows added, removed and changed, by id."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from components.data.schema import TABLES


@dataclass
class TableDiff:
    name: str
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)  # id -> [(column, before, after)]

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


def _rows(frame: pd.DataFrame, key: str, columns: tuple[str, ...]) -> dict[str, dict[str, str]]:
    if frame.empty:
        return {}
    present = [c for c in columns if c in frame.columns]
    values = frame[present].astype(object)
    text = values.where(values.notna(), "").map(str)  # a missing count_max is "", never NaN (NaN != NaN)
    return {row[key]: row for row in text.to_dict("records")}


def diff_tables(before: dict[str, pd.DataFrame], after: dict[str, pd.DataFrame]) -> list[TableDiff]:
    """Compare the valid rows of two datasets, table by table, on each table's id column."""
    diffs = []
    for table in TABLES:
        if table.key is None or table.name not in after:
            continue
        old = _rows(before.get(table.name, pd.DataFrame()), table.key, table.column_names)
        new = _rows(after[table.name], table.key, table.column_names)
        result = TableDiff(table.name, added=sorted(set(new) - set(old)), removed=sorted(set(old) - set(new)))
        for key in sorted(set(old) & set(new)):
            changes = [(column, old[key].get(column, ""), new[key].get(column, "")) for column in table.column_names
                       if old[key].get(column, "") != new[key].get(column, "")]
            if changes:
                result.changed[key] = changes
        diffs.append(result)
    return diffs
