"""What importing IOM's incidents does to deaths.csv: add new incidents, update changed ones, keep hand corrections.

A row carries, in ``iom_fingerprint``, a fingerprint of its IOM columns as last imported. A row whose columns no longer
match it was corrected by a maintainer: the import keeps it, unless ``refresh``. ``note`` is never touched. The result
is validated before anything is written, and written atomically (a temporary file, then os.replace), so a failed or
refused import leaves the file as it was.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from calais_atlas.data.csvread import display_path, parse_csv, read_csv
from calais_atlas.data.iom import IOM_COLUMNS, Incidents, IomFileError, fingerprint
from calais_atlas.data.messages import Message, msg
from calais_atlas.data.problem import Problem
from calais_atlas.data.schema import DEATHS, FINGERPRINT_COLUMN
from calais_atlas.data.validate import validate_table


@dataclass
class Update:
    """What an import changes: the rows to write, and each incident added, changed, kept or replaced."""

    rows: list[dict[str, str]]
    added: list[str] = field(default_factory=list)
    changed: list[tuple[str, list[str]]] = field(default_factory=list)  # (iom_id, columns IOM changed)
    kept: list[tuple[str, list[str]]] = field(default_factory=list)  # corrected by hand: (iom_id, columns IOM differs in)
    replaced: list[tuple[str, list[str]]] = field(default_factory=list)  # corrected by hand, replaced by --refresh
    unchanged: int = 0
    not_in_file: int = 0  # rows of deaths.csv the imported file does not have: left as they are

    @property
    def writes(self) -> bool:
        return bool(self.added or self.changed or self.replaced)


def read_deaths(path: Path) -> list[dict[str, str]]:
    """deaths.csv's rows as text by column (none when the file does not exist yet); IomFileError when it cannot be
    merged into: unreadable, a column missing or unknown, a row of the wrong width, a Main ID twice."""
    shown = display_path(path)
    raw = read_csv(path, required=False, width=len(DEATHS.columns), shown=shown)
    if not raw.readable:
        if raw.problems:
            raise IomFileError(raw.problems)
        return []
    problems: list[Problem] = []
    for name in DEATHS.column_names:
        if name not in raw.header:
            problems.append(Problem(shown, msg("header.missing", name=name), line=1))
    for name in raw.header:
        if name not in DEATHS.column_names:
            problems.append(Problem(shown, msg("import.unknown_column", name=name), line=1))
    rows: list[dict[str, str]] = []
    first_line: dict[str, int] = {}
    for line, fields in raw.row_list():
        if len(fields) != len(raw.header):
            many = len(fields) > len(raw.header)
            problems.append(Problem(shown, msg("row.too_many" if many else "row.too_few", count=len(fields),
                                               width=len(raw.header)), line=line))
            continue
        row = {name: value for name, value in zip(raw.header, fields, strict=True)}
        key = row.get("iom_id", "").strip()
        if key in first_line:
            problems.append(Problem(shown, msg("cell.twice", line=first_line[key]), line=line, column="iom_id", value=key))
        first_line.setdefault(key, line)
        rows.append({name: row.get(name, "") for name in DEATHS.column_names})
    if problems:
        raise IomFileError(problems)
    return rows


def plan_update(existing: list[dict[str, str]], incidents: Incidents, *, refresh: bool = False) -> Update:
    """The rows after importing ``incidents`` into ``existing``, and what changed; nothing is written."""
    by_id = {row["iom_id"]: row for row in existing}
    update = Update(rows=[])
    provides_country = "country" in incidents.form.columns
    incoming: dict[str, dict[str, str]] = {}
    for new in incidents.rows:
        old = by_id.get(new["iom_id"])
        if old is None:
            update.added.append(new["iom_id"])
            incoming[new["iom_id"]] = _row(new, note="")
            continue
        if not provides_country and old["country"]:  # an export has no country column: the row's stays
            new = {**new, "country": old["country"]}
        differs = [name for name in IOM_COLUMNS if old[name] != new[name]]
        corrected = old[FINGERPRINT_COLUMN] != fingerprint(old)
        if corrected and not differs and not provides_country:
            # The file agrees with every value it has, but has no country: the correction may be the country, which
            # must not become IOM's by a new fingerprint. The row stays as the maintainer left it.
            update.unchanged += 1
            incoming[new["iom_id"]] = old
        elif corrected and not refresh and differs:
            update.kept.append((new["iom_id"], differs))
            incoming[new["iom_id"]] = old
        elif corrected and differs:
            update.replaced.append((new["iom_id"], differs))
            incoming[new["iom_id"]] = _row(new, note=old["note"])
        elif differs or corrected:  # corrected to what IOM now says itself: the row is IOM's again
            update.changed.append((new["iom_id"], differs))
            incoming[new["iom_id"]] = _row(new, note=old["note"])
        else:
            update.unchanged += 1
            incoming[new["iom_id"]] = old
    untouched = [row for row in existing if row["iom_id"] not in incoming]
    update.not_in_file = len(untouched)
    update.rows = sorted([*incoming.values(), *untouched], key=lambda row: (row["date"], row["iom_id"]))
    return update


def report_lines(update: Update, shown: str) -> list[Message]:
    """What an import says: each incident added, changed, replaced or kept, then the counts."""
    rows = {row["iom_id"]: row for row in update.rows}
    lines = [msg("import.added", iom_id=iom_id, date=rows[iom_id]["date"], location=rows[iom_id]["location"])
             for iom_id in update.added]
    lines += [msg("import.changed", iom_id=iom_id, columns=_columns(columns)) for iom_id, columns in update.changed]
    lines += [msg("import.replaced", iom_id=iom_id, columns=_columns(columns)) for iom_id, columns in update.replaced]
    lines += [msg("import.kept", iom_id=iom_id, columns=_columns(columns)) for iom_id, columns in update.kept]
    lines.append(msg("import.summary", file=shown, added=len(update.added), changed=len(update.changed),
                     kept=len(update.kept), replaced=len(update.replaced), unchanged=update.unchanged,
                     others=update.not_in_file))
    return lines


def _columns(columns: list[str]) -> str | Message:
    return ", ".join(columns) if columns else msg("import.fingerprint_only")


def _row(values: dict[str, str], *, note: str) -> dict[str, str]:
    row = {name: values[name] for name in IOM_COLUMNS}
    return {**row, "note": note, FINGERPRINT_COLUMN: fingerprint(row)}


def render(rows: list[dict[str, str]]) -> bytes:
    """deaths.csv's bytes: UTF-8, the schema's columns in order, a comma between fields, a line feed after each row."""
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=list(DEATHS.column_names), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return text.getvalue().encode("utf-8")


def validation_problems(data: bytes, shown: str) -> list[Problem]:
    """What the validator says of ``data`` as deaths.csv (nothing: it may be written)."""
    return validate_table(DEATHS, parse_csv(data, shown, width=len(DEATHS.columns)), shown).log.problems()


def write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` by ``data`` in one step: a reader sees the old file or the new one, never half of it."""
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o777)
        else:
            os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
