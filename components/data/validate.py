"""Validate one table's raw rows against its schema: keep valid rows, list every problem.

A row with a bad required value is rejected (and listed); a bad optional value is blanked
(and listed). Checks run once per distinct value, so 100,000 rows cost little more than 1,000.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from calais_atlas.data import dates
from calais_atlas.data.checks import CHECKS, CellError, closest, looks_garbled
from calais_atlas.data.csvread import RawTable
from calais_atlas.data.messages import Message, msg
from calais_atlas.data.problem import Problem, ProblemLog
from calais_atlas.data.schema import ID_PATTERN, Column, Table

LINE = "_line"
# Every text looks_garbled flags has one of these letters: only the rare values with one are checked in Python.
GARBLED_LETTERS = "[ÃâÒÓÕ]"
GARBLED = msg("cell.garbled")
EMPTY = msg("cell.empty")
HEADER_SEARCH_ROWS = 5  # title lines a spreadsheet may put above the header


@dataclass
class TableResult:
    frame: pd.DataFrame  # kept rows, typed, with a _line column
    rejected: pd.DataFrame  # raw rows that could not be kept, with _line and _reason
    log: ProblemLog = field(default_factory=ProblemLog)
    blanked: dict[str, np.ndarray] = field(default_factory=dict)  # column -> lines whose bad value was blanked

    @property
    def problems(self) -> list[Problem]:
        """The problems listed so far (the log also counts the ones past its cap)."""
        return self.log.listed


def _find_header(table: Table, raw: RawTable, shown: str, log: ProblemLog) -> RawTable:
    """The file from its header on: a spreadsheet's title line above the header is skipped, and reported."""
    known = set(table.column_names)
    if known & set(raw.header):
        return raw
    if raw.columns is not None and raw.lines is not None:
        first = [column[:HEADER_SEARCH_ROWS].to_pylist() for column in raw.columns]
        candidates = list(zip(raw.lines[:HEADER_SEARCH_ROWS].tolist(), map(list, zip(*first, strict=True)), strict=True))
    else:
        candidates = raw.rows[:HEADER_SEARCH_ROWS]
    for position, (line, fields) in enumerate(candidates):
        header = [name.strip() for name in fields]
        if known & set(header):
            log.add(Problem(shown, msg("header.title_row", line=line), line=1))
            if raw.columns is not None and raw.lines is not None:
                return RawTable(header, [], raw.problems, columns=[column[position + 1:] for column in raw.columns],
                                lines=raw.lines[position + 1:])
            return RawTable(header, raw.rows[position + 1:], raw.problems)
    return raw


def _header_problems(table: Table, header: list[str], shown: str, log: ProblemLog) -> bool:
    """List what is wrong with the header; True when it has every required column."""
    known = set(table.column_names)
    if not known & set(header):
        log.add(Problem(shown, msg("header.none_known", columns=", ".join(table.column_names)), line=1))
        return False
    seen: set[str] = set()
    for name in header:
        if name in seen:
            log.add(Problem(shown, msg("header.twice", name=name), line=1))
        seen.add(name)
        if name not in known:
            guess = closest(name.lower(), list(table.column_names))
            hint = msg("hint.did_you_mean", guess=guess) if guess else msg("header.known", columns=", ".join(table.column_names))
            log.add(Problem(shown, msg("header.unknown", name=name, hint=hint), line=1))
    missing = [name for name in table.required_columns if name not in seen]
    for name in missing:
        log.add(Problem(shown, msg("header.missing", name=name), line=1))
    return not missing


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
        elif column.type in ("date", "interval", "day"):
            _add_date_columns(frame, column.name)
    for name in frame.columns:
        if frame[name].dtype == object:
            # Arrow-backed strings: they copy 5x faster than Python objects (every frame a page derives from a table).
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
    Each step costs time in proportion to the rows, and lists at most PROBLEMS_PER_KIND problems of a kind.
    """
    log = ProblemLog()
    log.extend(raw.problems)
    if not raw.readable:
        return TableResult(empty_frame(table), pd.DataFrame(), log)
    raw = _find_header(table, raw, shown, log)
    complete = _header_problems(table, raw.header, shown, log)
    if raw.columns is not None and raw.lines is not None and complete:
        frame, rejected_rows = _frame_of_columns(table, raw.header, raw.columns, raw.lines), []
    else:
        good, rejected_rows = _rows_of_the_right_width(raw, complete, shown, log)
        frame = _frame_of(table, raw.header, good)
    if complete and not raw.row_count() and not log.listed:
        log.add(Problem(shown, msg("table.no_rows")))
    rows = _Rows(frame, shown, log, rejected_rows)
    for column in table.columns:
        _check_column(rows, column)
    for column in table.columns:
        if column.unique:
            _check_unique(rows, column)
    return rows.result(table)


def _rows_of_the_right_width(
    raw: RawTable, complete: bool, shown: str, log: ProblemLog
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
            log.add(Problem(shown, message, line=line))
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
        index=range(len(good)), dtype="object",
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


Positions = np.ndarray  # row positions in the frame being checked, in line order


@dataclass
class _Rows:
    """The rows being checked, which of them are kept and why the others are not, and what was found so far."""

    frame: pd.DataFrame
    shown: str
    log: ProblemLog
    rejected_rows: list[dict[str, object]]  # rows of the wrong width: their fields joined, as read
    blanked: dict[str, np.ndarray] = field(default_factory=dict)
    keep: np.ndarray = field(init=False)
    reasons: np.ndarray = field(init=False)
    lines: np.ndarray = field(init=False)
    as_read: dict[str, pd.Series] = field(init=False)  # the values before stripping and blanking, for rejected rows

    def __post_init__(self) -> None:
        self.keep = np.ones(len(self.frame), dtype=bool)
        self.reasons = np.full(len(self.frame), None, dtype=object)
        self.lines = self.frame[LINE].to_numpy()
        self.as_read = {name: self.frame[name] for name in self.frame.columns if name != LINE}

    def report(self, positions: Positions, column: str, kind: str, messages: Callable[[Positions], list[Message]],
               values: Callable[[Positions], list[str | None]], reject: bool) -> None:
        """Problems of one kind in ``column`` at ``positions``; messages and values are built only for the rows
        listed (and, for rejected rows, the messages once more, as their reasons)."""
        if not len(positions):
            return
        listed = positions[: self.log.room(self.shown, column, kind)]
        for position, message, value in zip(listed, messages(listed), values(listed), strict=True):
            self.log.add(Problem(self.shown, message, line=int(self.lines[position]), column=column, value=value), kind)
        if len(positions) > len(listed):
            rest = self.lines[positions[len(listed):]]
            self.log.skip(self.shown, column, kind, count=len(rest), first=int(rest.min()))
        if reject:
            newly = positions[self.keep[positions]]
            reasons: dict[Message, Message] = {}
            self.reasons[newly] = [reasons.setdefault(message, msg("reason.cell", column=column, message=message))
                                   for message in messages(newly)]
            self.keep[newly] = False

    def result(self, table: Table) -> TableResult:
        kept = self.frame[self.keep].reset_index(drop=True)
        parts = [pd.DataFrame(self.rejected_rows)] if self.rejected_rows else []
        dropped = ~self.keep
        if dropped.any():
            parts.append(pd.DataFrame({LINE: self.lines[dropped], "_reason": self.reasons[dropped],
                                       **{name: values[dropped].to_numpy() for name, values in self.as_read.items()}}))
        rejected = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0] if parts else pd.DataFrame()
        if not rejected.empty:
            rejected = rejected.sort_values(LINE, kind="stable").reset_index(drop=True)
        return TableResult(_typed(table, kept), rejected, self.log, self.blanked)


def _check_column(rows: _Rows, column: Column) -> None:
    """Strip every value of one column, then list spaces around ids, garbled text and values its check refuses."""
    name = column.name
    raw_values = rows.frame[name]
    stripped = raw_values.str.strip()  # Arrow's trim strips exactly the characters str.strip does
    if column.type in ("id", "ref"):
        spaced = np.flatnonzero((raw_values != stripped).to_numpy())
        rows.report(spaced, name, "cell.spaces", lambda at: [msg("cell.spaces", fixed=v) for v in stripped.iloc[at]],
                    lambda at: raw_values.iloc[at].tolist(), reject=False)
    rows.frame[name] = stripped
    verdicts = _verdicts(column, stripped)
    if column.type == "text":
        garbled = np.flatnonzero(stripped.index.isin(_garbled(stripped)))
        rows.report(garbled, name, "cell.garbled", lambda at: [GARBLED] * len(at),
                    lambda at: stripped.iloc[at].tolist(), reject=False)
    if not verdicts:
        return
    kinds: dict[str, list[str]] = {}
    for value, verdict in verdicts.items():
        kinds.setdefault(verdict.key, []).append(value)
    for kind, values in kinds.items():
        rows.report(np.flatnonzero(stripped.isin(values).to_numpy()), name, kind,
                    lambda at: stripped.iloc[at].map(verdicts).tolist(),
                    lambda at: [value or None for value in stripped.iloc[at]], reject=column.required)
    if not column.required:
        bad = stripped.isin(list(verdicts)).to_numpy()
        rows.frame[name] = stripped.mask(bad, "")
        rows.blanked[name] = rows.lines[bad]


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
    kept = np.flatnonzero(rows.keep)
    values = rows.frame[column.name].iloc[kept]
    if pc.count_distinct(pa.array(values), mode="all").as_py() == len(values):
        return
    repeated = values.duplicated(keep="first").to_numpy()
    if not repeated.any():
        return
    first_line = pd.Series(rows.lines[kept], index=values.to_numpy()).groupby(level=0, sort=False).first()
    firsts = np.zeros(len(rows.keep), dtype=np.int64)
    firsts[kept[repeated]] = values[repeated].map(first_line).to_numpy()
    rows.report(kept[repeated], column.name, "cell.twice",
                lambda at: [msg("cell.twice", line=int(line)) for line in firsts[at]],
                lambda at: rows.frame[column.name].iloc[at].tolist(), reject=True)
