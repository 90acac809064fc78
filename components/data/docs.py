"""Render data/README.md from the schema, so the documentation cannot drift from the validator."""

from __future__ import annotations

from calais_atlas.data.datapackage import FILENAME, LICENCE, RIGHTS
from calais_atlas.data.schema import TABLES, Table

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

# Where `calais-atlas validate` and `frictionless validate` part ways on the defect corpus (tests/fixtures/broken):
# (folder, what frictionless says, why). tests/test_datapackage.py holds frictionless to exactly this list.
FRICTIONLESS_DIVERGENCES: tuple[tuple[str, str, str], ...] = (
    ("backwards-interval", "valid",
     "an interval that ends before it starts (`2015-11/2015-09`): a pattern checks the form of each end, "
     "not their order"),
    ("count-max-below-count", "valid",
     "`count_max` smaller than `count`: the standard has no constraint comparing two columns"),
    ("garbled-text", "valid",
     "text saved in the wrong encoding ('Ã©' for 'é') is still valid UTF-8; the validator's check is a guess from "
     "telltale sequences, and it keeps the row. As a pattern on every text column, that guess would refuse text "
     "outright"),
    ("missing-coordinates", "valid",
     "a place without `lat` and `lon`: the standard could require them, but the row is valid data waiting for "
     "`calais-atlas geocode`; the validator flags it only because the place cannot be on the map yet"),
    ("shared-point", "valid",
     "two places at the same point: the validator compares `lat` and `lon` together, rounded to 5 decimals; "
     "the standard's `unique` is for one column"),
    ("header-only", "invalid, for another reason",
     "a file with a header and no rows is valid in the standard; frictionless rejects the folder only because "
     "`captions.csv` then refers to events that are not there"),
)


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


def render_licence() -> str:
    return "\n".join([
        "## Licence",
        "",
        f"[{LICENCE['title']}]({LICENCE['path']}) (`{LICENCE['name']}`), the project's choice for its data. {RIGHTS}",
    ])


def render_package_note() -> str:
    lines = [
        f"## {FILENAME}",
        "",
        f"`{FILENAME}` describes these files as a [Frictionless Data Package](https://datapackage.org/) (version 2), "
        "so that other tools (frictionless, CKAN, Datasette, R and pandas readers) can read and check them: every "
        "column with its type and constraints, the primary key of each file, and a foreign key for every reference "
        "between files. It lists `sources.csv`'s documents as the package's sources, so after editing `sources.csv` "
        "or the schema, run `make docs` (a test fails while it is out of date). Check the folder with the standard "
        f"tools: `frictionless validate data/{FILENAME}`.",
        "",
        "The standard has no date of reduced precision: `date`, `published` and `active` are strings with a pattern "
        "and the keyword `\"calais:dateFormat\": \"reduced-precision\"`. `chapters.csv`'s `layers` is a list of "
        "names, a string with a pattern and the keyword `calais:list`. No list-valued column refers to another file, "
        "so every reference is a foreign key. The package's `calais:keywords` explains each keyword.",
        "",
        "`calais-atlas validate` checks more than the standard can say. On the defect corpus of the tests "
        "(`tests/fixtures/broken`), frictionless rejects every folder the validator rejects, except:",
        "",
        "| folder | frictionless | why |",
        "|---|---|---|",
    ]
    lines += [f"| `{folder}` | {verdict} | {why} |" for folder, verdict, why in FRICTIONLESS_DIVERGENCES]
    lines += ["", "Where both reject a folder, the validator's message says what to write; frictionless names the "
                  "rule that failed."]
    return "\n".join(lines)


def render_readme(tables: tuple[Table, ...] = TABLES) -> str:
    parts = [render_licence(), *(render_table(table) for table in tables), render_package_note()]
    return INTRO + "\n" + "\n\n".join(parts) + "\n"
