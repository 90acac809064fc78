"""Describe a data folder as a Frictionless Data Package (v2), from the schema, so other tools can read and check it.

``calais-atlas docs`` writes the result to ``data/datapackage.json``; the app's data download builds the same descriptor
for the folder it zips. The standard has no reduced-precision date and no list of names: those columns are strings with
a ``pattern``, plus a ``calais:`` keyword saying what they hold (``KEYWORDS`` explains each).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from calais_atlas.data.schema import (
    DATE_PATTERN,
    DAY_PATTERN,
    ID_STANDARD_PATTERN,
    IOM_ID_STANDARD_PATTERN,
    LAYER_NAMES,
    LAYERS_PATTERN,
    LINKS_PATTERN,
    SCORES_PATTERN,
    TABLES,
    URL_PATTERN,
    Column,
    Table,
)

PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
FILENAME = "datapackage.json"
TITLE = ("Calais Atlas: camps, events, population figures and photo captions of the Channel coast, 1999–2021, "
         "and the deaths at the border recorded by IOM, 2014–2026")
DESCRIPTION = (
    "The migrant camps on the Channel coast of northern France, from the Sangatte Red Cross centre (1999) to the "
    "Calais 'Jungle' (2015–2016), Grande-Synthe and the Channel deaths of November 2021: the places, what happened "
    "there and when, how many people lived there according to each source, and the photo captions of Jerome Sessini "
    "(Magnum Photos) tied to the places they show. Every event, figure and caption names its source in sources.csv; "
    "dates keep the precision the source gives, and places say how sure their point is. deaths.csv holds the IOM "
    "Missing Migrants Project's incidents on the route from mainland Europe to the UK, 2014–2026, as imported by the "
    "atlas. README.md describes every column; CURATION.md gives every judgement call."
)
LICENCE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0 International",
}
# What the licence covers and what it does not: said once, here, for the package and for data/README.md.
RIGHTS = (
    "The curation (the choice and arrangement of the rows, the ids, the dates and their precision, the places and "
    "their links), the coordinates, and the texts the project wrote (titles, descriptions, notes, the lesson's "
    "chapters and their French versions) are published under CC BY 4.0: reuse them freely, naming "
    "\"Calais Atlas\" as the source. Quoted text is not the project's: the photo captions (captions.csv column text), "
    "the quotes and their translations (events.csv quote and quote_en, population.csv quote) and the documents' "
    "titles (sources.csv title) stay under their publishers' rights. They are quoted with attribution, each row naming "
    "its source_id, and the licence does not extend to them; such columns carry \"calais:rights\": \"quoted\". "
    "deaths.csv is not the project's curation: it is the IOM Missing Migrants Project's record, under CC BY 4.0, as "
    "compiled by Giorgio Coppola (CC BY 4.0) and changed by the atlas; whoever shows or exports its rows gives the "
    "credit its resource names (\"calais:credit\")."
)
CONTRIBUTORS = ({"title": "Calais Atlas maintainers", "roles": ["creator", "publisher"]},)
KEYWORDS = {
    "calais:dateFormat": (
        "reduced-precision: an ISO 8601 date at the precision the source supports, a year (2015), a month (2015-11) "
        "or a day (2015-11-25), or an interval START/END of those (2015-09/2015-11), where END may be '..' for "
        "'still going on'. A year or a month stands for the whole period, never for its first day. The pattern checks "
        "the form and each month's length; `calais-atlas validate` also checks 29 February and that an interval does "
        "not end before it starts."
    ),
    "calais:list": (
        "the cell is a list, its items separated by 'separator', each one of 'values' where they are named; the "
        "pattern checks it. "
        "No list-valued column refers to another file, so every reference between files is a foreignKey."
    ),
    "calais:rights": "quoted: a publisher's words, quoted with attribution and not covered by the package licence",
    "calais:optionalFile": "true: the file may be left out of a data folder (the package then lists no such resource)",
    "calais:credit": (
        "the attribution a resource that is someone else's data asks for, with its link: give it wherever its rows "
        "are shown or exported"
    ),
}

_TYPES = {"integer": "integer", "number": "number"}  # every other type is a string, checked by its pattern or enum
_EXAMPLE_TYPES = {"integer": int, "number": float}  # an example is a value of the field, not its text
_PATTERNS = {"id": ID_STANDARD_PATTERN, "date": DATE_PATTERN, "interval": DATE_PATTERN, "url": URL_PATTERN,
             "layers": LAYERS_PATTERN, "day": DAY_PATTERN, "iom_id": IOM_ID_STANDARD_PATTERN, "links": LINKS_PATTERN,
             "scores": SCORES_PATTERN}
_LISTS = {"links": {"separator": " "}, "scores": {"separator": " ", "values": ["1", "2", "3", "4", "5"]}}


def _constraints(column: Column, table: Table) -> dict[str, object]:
    constraints: dict[str, object] = {}
    if column.required:
        constraints["required"] = True
    if column.unique and column.name != table.key:  # the primary key says it already
        constraints["unique"] = True
    if column.values:
        constraints["enum"] = list(column.allowed)
    if column.type in _PATTERNS:
        constraints["pattern"] = _PATTERNS[column.type]
    for bound in ("minimum", "maximum"):
        value = getattr(column, bound)
        if value is not None:
            constraints[bound] = int(value) if float(value).is_integer() else value
    return constraints


def field_descriptor(column: Column, table: Table) -> dict[str, object]:
    field: dict[str, object] = {"name": column.name, "type": _TYPES.get(column.type, "string"),
                                "description": column.description}
    if column.type == "url":
        field["format"] = "uri"
    if column.example:
        field["example"] = _EXAMPLE_TYPES.get(column.type, str)(column.example)
    if column.values:
        field["categories"] = [{"value": value, "label": meaning} for value, meaning in column.values]
    constraints = _constraints(column, table)
    if constraints:
        field["constraints"] = constraints
    if column.type in ("date", "interval"):
        field["calais:dateFormat"] = "reduced-precision"
    if column.type == "layers":
        field["calais:list"] = {"separator": ",", "values": [name for name, _ in LAYER_NAMES]}
    elif column.type in _LISTS:
        field["calais:list"] = dict(_LISTS[column.type])
    if column.quoted:
        field["calais:rights"] = "quoted"
    return field


def _foreign_keys(table: Table, present: set[str]) -> list[dict[str, object]]:
    keys = []
    for column in table.columns:
        if column.ref:
            target, target_column = column.ref.split(".")
            if target in present:
                keys.append({"fields": [column.name], "reference": {"resource": target, "fields": [target_column]}})
    return keys


def resource_descriptor(table: Table, present: set[str], sources_csv: bytes | None = None) -> dict[str, object]:
    schema: dict[str, object] = {
        "fields": [field_descriptor(column, table) for column in table.columns],
        "missingValues": [""],
    }
    if table.key:
        schema["primaryKey"] = [table.key]
    foreign_keys = _foreign_keys(table, present)
    if foreign_keys:
        schema["foreignKeys"] = foreign_keys
    resource: dict[str, object] = {
        "name": table.name,
        "type": "table",
        "path": table.filename,
        "scheme": "file",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": {"delimiter": ",", "quoteChar": '"', "doubleQuote": True, "header": True},
        "description": table.description,
        "schema": schema,
    }
    if table.optional_file:
        resource["calais:optionalFile"] = True
    if table.credit:
        resource["licenses"] = [LICENCE]
        resource["sources"] = [source for source_id, source in _sources_by_id(sources_csv) if source_id in table.source_ids]
        resource["calais:credit"] = {"text": table.credit, "path": table.credit_url}
    return resource


def _sources_by_id(sources_csv: bytes | None) -> list[tuple[str, dict[str, str]]]:
    """sources.csv's rows in file order, each as its source_id and a package source."""
    if not sources_csv:
        return []
    rows = csv.DictReader(io.StringIO(sources_csv.decode("utf-8-sig", errors="replace"), newline=""))
    listed = []
    for row in rows:
        title, publisher = (row.get("title") or "").strip(), (row.get("publisher") or "").strip()
        if not title:
            continue
        source = {"title": title if publisher.lower() in title.lower() else f"{publisher}: {title}"}
        if (row.get("url") or "").strip():
            source["path"] = row["url"].strip()
        listed.append(((row.get("source_id") or "").strip(), source))
    return listed


def package_sources(sources_csv: bytes | None) -> list[dict[str, str]]:
    """The documents the curation used, as the package's ``sources``: sources.csv's rows in file order."""
    return [source for _, source in _sources_by_id(sources_csv)]


def package_descriptor(present: set[str] | None = None, sources_csv: bytes | None = None,
                       tables: tuple[Table, ...] = TABLES) -> dict[str, object]:
    """The package for a folder holding the files of ``present`` (table names; default: all), in the schema's order."""
    present = {table.name for table in tables} if present is None else present
    return {
        "$schema": PROFILE,
        "name": "calais-atlas",
        "title": TITLE,
        "description": DESCRIPTION,
        "licenses": [LICENCE],
        "calais:rights": RIGHTS,
        "contributors": [dict(contributor) for contributor in CONTRIBUTORS],
        "keywords": ["migration", "refugees", "Calais", "Channel", "France", "camps", "history", "photography"],
        "sources": package_sources(sources_csv),
        "calais:keywords": KEYWORDS,
        "resources": [resource_descriptor(table, present, sources_csv) for table in tables if table.name in present],
    }


def folder_descriptor(directory: Path, tables: tuple[Table, ...] = TABLES) -> dict[str, object]:
    """The package for the CSV files ``directory`` has (a missing optional file is left out, a missing required one
    kept, so that a validator reports it)."""
    present = {table.name for table in tables if not table.optional_file or (directory / table.filename).is_file()}
    sources = directory / "sources.csv"
    return package_descriptor(present, sources.read_bytes() if sources.is_file() else None, tables)


def render_datapackage(directory: Path, tables: tuple[Table, ...] = TABLES) -> str:
    return json.dumps(folder_descriptor(directory, tables), ensure_ascii=False, indent=2) + "\n"
