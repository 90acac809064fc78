"""Validate one table's raw rows against its schema: keep valid rows, list every problem.

A row with a bad required value is rejected (and listed); a bad optional value is blanked
(and listed). Checks run once per distinct value, so 100,000 rows cost little more than 1,000.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from components.data import dates
from components.data.checks import CHECKS, CellError, closest, looks_garbled
from components.data.csvread import RawTable
from components.data.messages import Message, msg
from components.data.problem import Problem
from components.data.schema import ID_PATTERN, Column, Table

LINE = "_line"
# Every text looks_garbled flags has one of these letters: only the rare values with one are checked in Python.
GARBLED_LETTERS = "[ÃâÒÓÕ]"
GARBLED = msg("cell.garbled")
EMPTY = msg("cell.empty")


@dataclass
class TableResult:
    frame: pd.DataFrame  # kept rows, typed, with a _line column
    rejected: pd.DataFrame  # raw rows that could not be kept, with _line and _reason
    problems: list[Problem] = field(default_factory=list)


def _header_problems(table: Table, header: list[str], shown: str) -> tuple[list[Problem], bool]:
    problems: list[Problem] = []
    known = set(table.column_names)
    seen: set[str] = set()
    for name in header:
        if name in seen:
            problems.append(Problem(shown, msg("header.twice", name=name), line=1))
        seen.add(name)
        if name not in known:
            guess = closest(name.lower(), list(table.column_names))
            hint = msg("hint.did_you_mean", guess=guess) if guess else msg("header.known", columns=", ".join(table.column_names))
            problems.append(Problem(shown, msg("header.unknown", name=name, hint=hint), line=1))
    missing = [name for name in table.required_columns if name not in seen]
    for name in missing:
        problems.append(Problem(shown, msg("header.missing", name=name), line=1))
    return problems, not missing


def empty_frame(table: Table) -> pd.DataFrame:
    frame = pd.DataFrame({name: pd.Series(dtype="object") for name in table.column_names})
    frame[LINE] = pd.Series(dtype="int64")
    return _typed(table, frame)


def _typed(table: Table, frame: pd.DataFrame) -> pd.DataFrame:
    for column in table.columns:
        if column.type == "integer":
            frame[column.name] = _numbers(frame[column.name]).astype("Int64")
        elif column.type == "number":
            frame[column.name] = _numbers(frame[column.name]).astype("float64")
        elif column.type in ("date", "interval"):
            _add_date_columns(frame, column.name)
    for name in frame.columns:
        if frame[name].dtype == object:
            # Arrow-backed strings: st.cache_data copies the dataset on every rerun, and these copy 5x faster.
            frame[name] = frame[name].astype("str")
    return frame


def _numbers(values: pd.Series) -> pd.Series:
    # As plain Python strings, numbers parse exactly as they did when they were checked.
    return pd.to_numeric(values.astype(object).replace("", None), errors="coerce")


def _add_date_columns(frame: pd.DataFrame, name: str) -> None:
    """Start, end and precision of each date, worked out once per distinct text and spread to its rows."""
    codes, texts = pd.factorize(frame[name], use_na_sentinel=False)
    distinct = pd.Series(np.asarray(texts, dtype=object), dtype=object)
    parsed = {text: dates.parse_or_none(text) for text in distinct if isinstance(text, str) and text}
    starts = {text: d.start for text, d in parsed.items() if d}
    ends = {text: (pd.Timestamp.max.date() if d.open_end else d.end) for text, d in parsed.items() if d}
    precisions = {text: d.precision for text, d in parsed.items() if d}
    for suffix, values in (("start", starts), ("end", ends)):
        spread = pd.to_datetime(distinct.map(values))
        frame[f"{name}_{suffix}"] = pd.Series(spread.to_numpy()[codes], index=frame.index, dtype=spread.dtype)
    named = pa.array(distinct.map(precisions).fillna("").tolist(), pa.large_string())
    frame[f"{name}_precision"] = pd.Series(pd.arrays.ArrowStringArray(named.take(codes)), index=frame.index, dtype="str")


def validate_table(table: Table, raw: RawTable, shown: str) -> TableResult:
    """Header, then row widths, then each column's values, then unique columns.

    The problems of one line come in that order (the loader sorts by line and keeps it), so keep the steps in order.
    """
    if not raw.readable:
        return TableResult(empty_frame(table), pd.DataFrame(), list(raw.problems))
    header_problems, complete = _header_problems(table, raw.header, shown)
    problems = list(raw.problems) + header_problems
    if raw.columns is not None and raw.lines is not None and complete:
        frame, rejected_rows = _frame_of_columns(table, raw.header, raw.columns, raw.lines), []
    else:
        good, rejected_rows = _rows_of_the_right_width(raw, complete, shown, problems)
        frame = _frame_of(table, raw.header, good)
    if complete and not raw.row_count() and not problems:
        problems.append(Problem(shown, msg("table.no_rows")))
    rows = _Rows(frame, shown, problems, rejected_rows)
    for column in table.columns:
        _check_column(rows, column)
    for column in table.columns:
        if column.unique:
            _check_unique(rows, column)
    return rows.result(table)


def _rows_of_the_right_width(
    raw: RawTable, complete: bool, shown: str, problems: list[Problem]
) -> tuple[list[tuple[int, list[str]]], list[dict[str, object]]]:
    """The rows with as many fields as the header; the others are listed and rejected (all of them if a column is missing)."""
    width = len(raw.header)
    good: list[tuple[int, list[str]]] = []
    rejected_rows: list[dict[str, object]] = []
    for line, fields in raw.row_list():
        if not complete:
            rejected_rows.append({LINE: line, "_reason": msg("reason.no_column"), "_raw": ",".join(fields)})
        elif len(fields) != width:
            many = len(fields) > width
            message = msg("row.too_many" if many else "row.too_few", count=len(fields), width=width)
            problems.append(Problem(shown, message, line=line))
            reason = msg("reason.too_many" if many else "reason.too_few")
            rejected_rows.append({LINE: line, "_reason": reason, "_raw": ",".join(fields)})
        else:
            good.append((line, fields))
    return good, rejected_rows


def _frame_of(table: Table, header: list[str], good: list[tuple[int, list[str]]]) -> pd.DataFrame:
    """The good rows as text, one column per schema column (empty when the header lacks it), plus their line numbers."""
    width = len(header)
    positions: dict[str, int] = {}
    for index, name in enumerate(header):
        positions.setdefault(name, index)
    if good:
        matrix = pd.DataFrame([fields for _, fields in good], columns=range(width), dtype="object")
    else:
        matrix = pd.DataFrame(columns=range(width))
    frame = pd.DataFrame(
        {column.name: matrix[positions[column.name]] if column.name in positions else "" for column in table.columns},
        dtype="object",
    )
    frame = frame.astype("str")  # as the fast reader's columns are
    frame[LINE] = pd.Series([line for line, _ in good], dtype="int64")
    return frame


def _frame_of_columns(table: Table, header: list[str], columns: list[pa.Array], lines: np.ndarray) -> pd.DataFrame:
    """The fast reader's columns as a frame like _frame_of's, without a Python string per cell."""
    positions: dict[str, int] = {}
    for index, name in enumerate(header):
        positions.setdefault(name, index)
    frame = pd.DataFrame(
        {column.name: _strings(columns[positions[column.name]]) if column.name in positions
         else pd.Series("", index=range(len(lines)), dtype="str") for column in table.columns}
    )
    frame[LINE] = pd.Series(lines, dtype="int64")
    return frame


def _strings(array: pa.Array) -> pd.Series:
    return pd.Series(pd.arrays.ArrowStringArray(array), dtype="str")


@dataclass
class _Rows:
    """The rows being checked, which of them are kept, and what was found so far."""

    frame: pd.DataFrame
    shown: str
    problems: list[Problem]
    rejected_rows: list[dict[str, object]]
    keep: pd.Series = field(init=False)

    def __post_init__(self) -> None:
        self.keep = pd.Series(True, index=self.frame.index)

    def report(self, index: int, column: str, value: str | None, message: Message, reject: bool) -> None:
        frame = self.frame
        self.problems.append(Problem(self.shown, message, line=int(frame.at[index, LINE]), column=column, value=value))
        if reject and self.keep[index]:
            self.keep[index] = False
            row = frame.loc[index].to_dict()
            reason = msg("reason.cell", column=column, message=message)
            self.rejected_rows.append({LINE: int(frame.at[index, LINE]), "_reason": reason, **row})

    def result(self, table: Table) -> TableResult:
        kept = self.frame[self.keep].reset_index(drop=True)
        rejected = pd.DataFrame(self.rejected_rows)
        if not rejected.empty:
            rejected = rejected.sort_values(LINE).reset_index(drop=True)
        return TableResult(_typed(table, kept), rejected, self.problems)


def _check_column(rows: _Rows, column: Column) -> None:
    """Strip every value of one column, then list spaces around ids, garbled text and values its check refuses."""
    raw_values = rows.frame[column.name]
    stripped = raw_values.str.strip()  # Arrow's trim strips exactly the characters str.strip does
    if column.type in ("id", "ref"):
        for index in raw_values.index[raw_values != stripped]:
            rows.report(index, column.name, raw_values[index], msg("cell.spaces", fixed=stripped[index]),
                        reject=False)
    rows.frame[column.name] = stripped
    verdicts = _verdicts(column, stripped)
    if column.type == "text":
        for index in _garbled(stripped):
            rows.report(index, column.name, stripped[index], GARBLED, reject=False)
    if not verdicts:
        return
    bad = stripped.isin(list(verdicts))
    for index in stripped.index[bad]:
        value = stripped[index]
        rows.report(index, column.name, value or None, verdicts[value], reject=column.required)
        if not column.required:
            rows.frame.at[index, column.name] = ""


def _garbled(values: pd.Series) -> pd.Index:
    """The rows whose text looks_garbled, in order."""
    text = pa.array(values)
    # All five letters are outside ASCII, and most texts are ASCII: those are skipped before any regex runs.
    maybe = values[pc.invert(pc.string_is_ascii(text)).to_numpy(zero_copy_only=False)]
    maybe = maybe[pc.match_substring_regex(pa.array(maybe), GARBLED_LETTERS).to_numpy(zero_copy_only=False)]
    garbled = {value for value in maybe.unique() if looks_garbled(value)}
    return maybe.index[maybe.isin(list(garbled))] if garbled else maybe.index[:0]


def _verdicts(column: Column, values: pd.Series) -> dict[str, Message]:
    """What is wrong with each distinct value that is wrong, each checked once."""
    if CHECKS[column.type] is CHECKS["text"]:  # takes any text: only an empty required value is wrong
        return {"": EMPTY} if column.required and values.eq("").any() else {}
    if column.type == "id":
        # What RE2 matches, Python's re matches too (its $ also allows a final newline): only the rest are checked.
        values = values[~pc.match_substring_regex(pa.array(values), ID_PATTERN).to_numpy(zero_copy_only=False)]
    verdicts: dict[str, Message] = {}
    for value in values.unique():
        verdict = _verdict(value, column)
        if verdict is not None:
            verdicts[value] = verdict
    return verdicts


def _verdict(value: str, column: Column) -> Message | None:
    if not value:
        return EMPTY if column.required else None
    try:
        CHECKS[column.type](value, column)
    except CellError as err:
        return err.message
    return None


def _check_unique(rows: _Rows, column: Column) -> None:
    """Reject every kept row that repeats a value of a unique column, naming the line that has it first."""
    candidates = rows.frame.loc[rows.keep, [column.name, LINE]]
    if pc.count_distinct(pa.array(candidates[column.name]), mode="all").as_py() == len(candidates):
        return
    repeated = candidates[candidates[column.name].duplicated(keep="first")]
    if repeated.empty:
        return
    first_line = candidates.drop_duplicates(column.name).set_index(column.name)[LINE]
    for index, value in zip(repeated.index, repeated[column.name], strict=True):
        rows.report(index, column.name, value, msg("cell.twice", line=int(first_line[value])), reject=True)
