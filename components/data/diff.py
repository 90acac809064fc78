"""What an upload changes against the current data, by id: rows added, removed, changed, and rows not valid.

A row of the upload that the loader rejected is "not valid", never "removed": it is still in the file, with a
problem to fix. A row is "changed" only when what was written in it changed: a reference the loader blanked because
the row it names is not valid (a caption of a rejected event) is compared as written.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from calais_atlas.data.loader import Dataset
from calais_atlas.data.messages import Message
from calais_atlas.data.schema import TABLES
from calais_atlas.data.validate import LINE


@dataclass(frozen=True)
class NotValid:
    """A row of the upload the atlas would not show: its id (empty when the id itself is missing), line and reason."""

    key: str
    line: int
    reason: Message


@dataclass
class TableDiff:
    name: str
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)  # id -> [(column, before, after)]
    not_valid: list[NotValid] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed or self.not_valid)


def _rows(dataset: Dataset, name: str, key: str, columns: tuple[str, ...]) -> dict[str, dict[str, str]]:
    """The valid rows by id, each as the text written in its columns."""
    frame = dataset.tables.get(name, pd.DataFrame())
    if frame.empty:
        return {}
    present = [c for c in columns if c in frame.columns]
    values = frame[present].astype(object)
    text = values.where(values.notna(), "").map(str)  # a missing count_max is "", never NaN (NaN != NaN)
    rows = {row[key]: row for row in text.to_dict("records")}
    for column, written in dataset.unlinked.get(name, {}).items():
        for row_id, value in written.items():
            if row_id in rows:
                rows[row_id][column] = value
    return rows


def _not_valid(dataset: Dataset, name: str, key: str) -> list[NotValid]:
    frame = dataset.rejected.get(name)
    if frame is None or frame.empty:
        return []
    keys = frame[key] if key in frame.columns else pd.Series("", index=frame.index)
    return [NotValid(value.strip() if isinstance(value, str) else "", int(line), reason)
            for value, line, reason in zip(keys, frame[LINE], frame["_reason"], strict=True)]


def diff_datasets(before: Dataset, after: Dataset) -> list[TableDiff]:
    """Compare two loaded datasets table by table, on each table's id column: ``after`` is the upload."""
    diffs = []
    for table in TABLES:
        if table.key is None or table.name not in after.tables:
            continue
        old = _rows(before, table.name, table.key, table.column_names)
        new = _rows(after, table.name, table.key, table.column_names)
        not_valid = _not_valid(after, table.name, table.key)
        invalid_keys = {row.key for row in not_valid}
        result = TableDiff(table.name, added=sorted(set(new) - set(old)),
                           removed=sorted(set(old) - set(new) - invalid_keys), not_valid=not_valid)
        for key in sorted(set(old) & set(new)):
            changes = [(column, old[key].get(column, ""), new[key].get(column, "")) for column in table.column_names
                       if old[key].get(column, "") != new[key].get(column, "")]
            if changes:
                result.changed[key] = changes
        diffs.append(result)
    return diffs
