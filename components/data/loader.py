"""Load a data folder into typed tables plus the list of every problem found.

Rows that cannot be shown are kept in ``Dataset.rejected`` with the reason, so nothing
disappears without a line in the report.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from calais_atlas.data.checks import closest
from calais_atlas.data.csvread import display_path, parse_csv, read_csv
from calais_atlas.data.messages import Message, msg
from calais_atlas.data.problem import Problem
from calais_atlas.data.schema import TABLES, Table
from calais_atlas.data.validate import LINE, TableResult, validate_table
from calais_atlas.resources import bundled_data_dir

DATA_ENV = "CALAIS_ATLAS_DATA"


def default_data_dir() -> Path:
    """$CALAIS_ATLAS_DATA, else the data shipped with the atlas (the wheel's bundle, or the checkout's data/), from any
    folder: never the current directory's data/, which an installed atlas has no reason to find there."""
    return Path(os.environ.get(DATA_ENV) or bundled_data_dir())


@dataclass
class Dataset:
    directory: Path
    tables: dict[str, pd.DataFrame]
    rejected: dict[str, pd.DataFrame] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # table -> column -> {row id: the reference as written}: optional references the loader blanked because the row
    # they name is missing or not valid. The row itself was kept; the check page's diff compares what was written.
    unlinked: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.tables[name]

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def problem_count(self) -> int:
        """Every problem found, the ones only counted in a summary ("... and 249,000 more like this") included."""
        return sum(problem.count for problem in self.problems)

    def row_counts(self) -> dict[str, int]:
        return {name: len(frame) for name, frame in self.tables.items()}


def _reject(result: TableResult, mask: pd.Series, reason: Message) -> None:
    dropped = result.frame[mask].copy()
    dropped["_reason"] = reason
    result.rejected = pd.concat([result.rejected, dropped], ignore_index=True) if not result.rejected.empty else dropped
    result.frame = result.frame[~mask].reset_index(drop=True)


def _isin(values: pd.Series, targets: pd.Series) -> pd.Series:
    """values.isin(targets) for text columns, in Arrow (pandas' own isin goes through Python strings)."""
    found = pc.is_in(pa.array(values, pa.large_string()), value_set=pa.array(targets, pa.large_string()))
    return pd.Series(found.to_numpy(zero_copy_only=False), index=values.index)


REF_KIND = "ref"  # unknown, unchecked or pointing to a bad row: one kind, listed up to the cap


def _check_references(
    table: Table, result: TableResult, results: dict[str, TableResult], shown: str, raw_keys: dict[str, dict[str, int]],
    unlinked: dict[str, dict[str, str]],
) -> None:
    for column in table.columns:
        if column.type != "ref" or column.ref is None:
            continue
        target_table, target_column = column.ref.split(".")
        if target_table not in results:
            continue
        targets = results[target_table].frame[target_column]
        values = result.frame[column.name]
        missing = values.ne("") & ~_isin(values, targets)
        if not missing.any():
            continue
        suggestions = sorted(set(targets))
        target_file = f"{target_table}.csv"
        positions = result.frame.index[missing]
        room = result.log.room(shown, column.name, REF_KIND)
        for index in positions[:room]:
            value = values[index]
            if results[target_table].frame.empty and results[target_table].problems:
                message = msg("ref.unchecked", file=target_file)
            elif value in raw_keys.get(target_table, {}):
                raw_line = raw_keys[target_table][value]
                message = msg("ref.bad_row", file=target_file, line=raw_line)
            else:
                guess = closest(value, suggestions)
                hint = msg("hint.did_you_mean", guess=guess) if guess else msg("ref.add_first", file=target_file)
                message = msg("ref.missing", file=target_file, hint=hint)
            line = int(result.frame.at[index, LINE])
            result.log.add(Problem(shown, message, line=line, column=column.name, value=value), REF_KIND)
        if len(positions) > room:
            rest = result.frame.loc[positions[room:], LINE]
            result.log.skip(shown, column.name, REF_KIND, count=len(rest), first=int(rest.min()))
        if column.required:
            _reject(result, missing, msg("reason.unknown_ref", column=column.name))
        else:
            if table.key:
                written = result.frame.loc[missing, [table.key, column.name]]
                unlinked.setdefault(column.name, {}).update(zip(written[table.key], written[column.name], strict=True))
            result.frame.loc[missing, column.name] = ""


def _check_places(result: TableResult, shown: str) -> None:
    frame = result.frame
    already = set(result.blanked.get("lat", ())) | set(result.blanked.get("lon", ()))  # told already: a bad value
    for lat, lon, line in zip(frame["lat"].tolist(), frame["lon"].tolist(), frame[LINE].tolist(), strict=True):
        if line in already:
            continue
        if pd.isna(lat) and pd.isna(lon):
            result.log.add(Problem(shown, msg("place.no_point"), line=line, column="lat"))
        elif pd.isna(lat) or pd.isna(lon):
            missing = "lat" if pd.isna(lat) else "lon"
            result.log.add(Problem(shown, msg("place.half_point"), line=line, column=missing))
    _check_shared_points(result, shown)


def _check_shared_points(result: TableResult, shown: str) -> None:
    """Two places on one point cannot be told apart on the map, nor by a click."""
    frame = result.frame.dropna(subset=["lat", "lon"])
    first: dict[tuple[float, float], tuple[str, int]] = {}
    for place_id, lat, lon, line in zip(frame["place_id"], frame["lat"], frame["lon"], frame[LINE], strict=True):
        point = (round(lat, 5), round(lon, 5))
        if point in first:
            other, other_line = first[point]
            message = msg("place.same_point", other=other, line=other_line)
            result.log.add(Problem(shown, message, line=int(line), column="lat", value=f"{lat}, {lon}"))
        else:
            first[point] = (place_id, int(line))


def _check_population(result: TableResult, shown: str) -> None:
    frame = result.frame
    backwards = frame["count_max"].notna() & (frame["count_max"] < frame["count"])
    for index in frame.index[backwards.fillna(False)]:
        result.log.add(
            Problem(shown, msg("population.max_below", figure=str(frame.at[index, "count"])),
                    line=int(frame.at[index, LINE]), column="count_max", value=str(frame.at[index, "count_max"]))
        )
    frame.loc[backwards.fillna(False), "count_max"] = pd.NA


CROSS_CHECKS = {"places": _check_places, "population": _check_population}


def load_dataset(directory: Path | str | None = None, tables: tuple[Table, ...] = TABLES,
                 files: dict[str, bytes | None] | None = None, *, exact: bool = False, by_name: bool = False) -> Dataset:
    """Read and validate every table in ``directory``; never raises for bad data.

    With ``files`` (file name -> bytes, None for missing), the tables come from memory instead, and
    problems name them as ``directory/name``: uploads are checked without writing anything.
    ``by_name`` names each file by its name in the folder (``events.csv``), as the web app shows them: the server's
    path is nobody's business there. Without it a file is named by the path as given (the command line's ``data/...``).
    ``exact`` reads every file with the csv module, never the fast reader (the tests compare the two).
    """
    directory = Path(directory) if directory is not None else default_data_dir()
    results: dict[str, TableResult] = {}
    raw_keys: dict[str, dict[str, int]] = {}
    unlinked: dict[str, dict[str, dict[str, str]]] = {}
    for table in tables:
        path = directory / table.filename
        if files is None:
            shown = table.filename if by_name else display_path(path)
            raw = read_csv(path, required=not table.optional_file, exact=exact, width=len(table.columns), shown=shown)
        else:
            shown = table.filename if by_name else f"{directory}/{table.filename}"
            raw = parse_csv(files.get(table.filename), shown, required=not table.optional_file, exact=exact,
                            width=len(table.columns))
        result = validate_table(table, raw, shown)
        _check_references(table, result, results, shown, raw_keys, unlinked.setdefault(table.name, {}))
        # After the references: a row rejected for one of its own (a place id typo) is a row with problems too.
        if table.key and not result.rejected.empty and table.key in result.rejected:
            keys_and_lines = zip(result.rejected[table.key], result.rejected[LINE], strict=True)
            raw_keys[table.name] = {str(key).strip(): int(line) for key, line in keys_and_lines if isinstance(key, str)}
        if table.name in CROSS_CHECKS:
            CROSS_CHECKS[table.name](result, shown)
        results[table.name] = result
    return Dataset(
        directory=directory,
        tables={name: result.frame for name, result in results.items()},
        rejected={name: result.rejected for name, result in results.items() if not result.rejected.empty},
        problems=[problem for result in results.values()
                  for problem in sorted(result.log.problems(), key=lambda problem: problem.line or 0)],
        unlinked={name: columns for name, columns in unlinked.items() if columns},
    )
