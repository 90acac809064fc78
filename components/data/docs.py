"""Render data/README.md from the schema, so the documentation cannot drift from the validator."""

from __future__ import annotations

from components.data.schema import TABLES, Table

INTRO = """# The data of Calais Atlas

<!-- Generated from components/data/schema.py by `calais-atlas docs`. Edit the schema, not this file. -->

Everything the atlas shows comes from the CSV files in this folder. You can edit them in a text
editor, LibreOffice Calc or Excel.

**Saving from a spreadsheet.** Keep the first row (the column names) as it is. Save as
*CSV UTF-8 (comma delimited)*. In LibreOffice: *File → Save As → Text CSV*, character set
*Unicode (UTF-8)*, field delimiter `,`. If you save with semicolons or in another encoding, the
checker reads the file anyway and tells you how to fix it.

**Checking your work.** Run `make validate` (or `calais-atlas validate`). Each problem is one line:

    data/events.csv:14: date: "25/11/2015" is not an ISO date (write 2015-11-25)

That is the file, the row number as your spreadsheet shows it, the column, the value, and what to
write instead. The app also shows these problems in a panel, and still shows every valid row.

**Dates** are written at the precision the source supports, and the atlas keeps that precision:

| you know | write | the atlas shows |
|---|---|---|
| the year | `2015` | 2015 |
| the month | `2015-11` | Nov 2015 |
| the day | `2015-11-25` | 25 Nov 2015 |
| a span ("last fall", in a text of early 2016) | `2015-09/2015-11` | Sep – Nov 2015 |
| a start, still going on | `2021-11/..` | since Nov 2021 |

When the source gives a relative date ("last week", "il y a trois semaines"), work out the interval
from the document's own date, and say how in the `date_note` column.

**Sources.** Every event, figure and caption names a `source_id` from `sources.csv`. Quotes are the
source's exact words, in its own language.
"""


def _allowed(values: tuple[tuple[str, str], ...]) -> str:
    return "<br>".join(f"`{value}`: {meaning}" for value, meaning in values)


def render_table(table: Table) -> str:
    lines = [f"## {table.filename}", "", table.description, ""]
    if table.optional_file:
        lines += ["This file is optional.", ""]
    lines += ["| column | required | what to write | example |", "|---|---|---|---|"]
    for column in table.columns:
        what = column.description
        if column.values:
            what += "<br>" + _allowed(column.values)
        if column.ref:
            what += f"<br>Must exist in `{column.ref.replace('.', '.csv` column `')}`."
        if column.unique:
            what += " Must be unique."
        example = f"`{column.example}`" if column.example else ""
        lines.append(f"| `{column.name}` | {'yes' if column.required else ''} | {what} | {example} |")
    if table.how_to_add:
        lines += ["", f"**To add a row:** {table.how_to_add}"]
    return "\n".join(lines)


def render_readme(tables: tuple[Table, ...] = TABLES) -> str:
    return INTRO + "\n" + "\n\n".join(render_table(table) for table in tables) + "\n"
