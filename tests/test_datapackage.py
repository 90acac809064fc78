"""data/datapackage.json is a Frictionless data package that the standard tools accept, reject where the validator
rejects (as far as the standard can say), and the app's data zip reads back the same way."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import frictionless
import pytest
from hypothesis import given
from hypothesis import strategies as st

from calais_atlas.cli import main
from calais_atlas.data import dates
from calais_atlas.data.checks import CellError, check_url
from calais_atlas.data.datapackage import FILENAME, KEYWORDS, LICENCE, folder_descriptor
from calais_atlas.data.docs import FRICTIONLESS_DIVERGENCES
from calais_atlas.data.loader import load_dataset
from calais_atlas.data.schema import DATE_PATTERN, TABLES, URL_PATTERN, Column
from calais_atlas.export.datazip import data_zip
from datafolders import DEFECTS, ROOT, build_data_folder

DATA = ROOT / "data"
PACKAGE = DATA / FILENAME

# What frictionless says of each folder of the defect corpus, with the shipped descriptor next to its CSV files:
# the error types it reports ("valid" when none), and, where that is not a rejection for the validator's own reason,
# why. Every divergence is listed in data/README.md (docs.FRICTIONLESS_DIVERGENCES).
VALID = frozenset()
CORPUS: dict[str, tuple[frozenset[str], str]] = {
    "backwards-interval": (VALID, "the order of an interval's two ends is beyond a pattern"),
    "chapter-bad-window": (frozenset({"constraint-error"}), ""),  # enum
    "chapter-duplicate-number": (frozenset({"primary-key"}), ""),
    "chapter-unknown-layer": (frozenset({"constraint-error"}), ""),  # the layers pattern
    "count-max-below-count": (VALID, "no constraint compares two columns"),
    "day-first-date": (frozenset({"constraint-error"}), ""),  # the date pattern
    "decimal-comma": (frozenset({"type-error"}), ""),
    "duplicate-id": (frozenset({"primary-key"}), ""),
    "empty-file": (frozenset({"source-error", "foreign-key"}), ""),
    "everything-missing": (frozenset({"scheme-error"}), ""),  # files not found
    "garbled-text": (VALID, "mojibake is valid UTF-8; the validator's guess is no rule of the format"),
    "header-only": (frozenset({"foreign-key"}), "no rows is valid; only captions' references to events fail"),
    "impossible-date": (frozenset({"constraint-error"}), ""),  # the pattern knows each month's length
    "javascript-url": (frozenset({"constraint-error"}), ""),  # the url pattern
    "latitude-out-of-range": (frozenset({"constraint-error"}), ""),  # maximum
    "missing-column": (frozenset({"missing-label", "incorrect-label", "constraint-error"}), ""),
    "missing-coordinates": (VALID, "lat and lon are optional: a place may wait for the geocoder"),
    "missing-file": (frozenset({"scheme-error"}), ""),
    "missing-places-file": (frozenset({"scheme-error"}), ""),
    "reference-to-broken-row": (frozenset({"constraint-error"}), ""),  # name is required
    "reference-to-rejected-event": (frozenset({"foreign-key"}), ""),  # the event's place_id
    "semicolons": (frozenset({"missing-label", "incorrect-label", "constraint-error", "foreign-key"}), ""),
    "shared-point": (VALID, "unique applies to one column, not to lat and lon together"),
    "stray-whitespace-id": (frozenset({"constraint-error", "foreign-key"}), ""),  # the id pattern, then the references
    "thousands-separator": (frozenset({"type-error"}), ""),
    "too-few-fields": (frozenset({"missing-cell", "type-error", "constraint-error"}), ""),
    "too-many-fields": (frozenset({"extra-cell", "constraint-error"}), ""),
    "unclosed-quote": (frozenset({"missing-cell", "constraint-error"}), ""),
    "unknown-category": (frozenset({"constraint-error"}), ""),
    "unknown-column": (frozenset({"incorrect-label"}), ""),
    "unknown-event-link": (frozenset({"foreign-key"}), ""),
    "unknown-place": (frozenset({"foreign-key"}), ""),
    "unknown-source": (frozenset({"foreign-key"}), ""),
    "windows-1252": (frozenset({"encoding-error"}), ""),
}


def error_types(report: frictionless.Report) -> frozenset[str]:
    return frozenset(error.type for task in report.tasks for error in task.errors) | {e.type for e in report.errors}


def describe(report: frictionless.Report) -> list[str]:
    return [f"{task.name}: {error.message}" for task in report.tasks for error in task.errors][:10]


def write_shipped_descriptor(folder: Path) -> None:
    """The shipped descriptor next to ``folder``'s files, less the optional files the folder leaves out (deaths.csv:
    the corpus is built on the minimal folder, which has none), as `calais-atlas docs` would write it there."""
    package = json.loads(PACKAGE.read_text(encoding="utf-8"))
    package["resources"] = [resource for resource in package["resources"]
                            if not resource.get("calais:optionalFile") or (folder / resource["path"]).is_file()]
    (folder / FILENAME).write_text(json.dumps(package, ensure_ascii=False, indent=2), encoding="utf-8")


def copy_of_the_data(target: Path) -> Path:
    shutil.copytree(DATA, target)
    return target


def test_shipped_package_validates_with_no_error() -> None:
    report = frictionless.validate(str(PACKAGE))
    assert report.valid, describe(report)
    assert {task.name for task in report.tasks} == {table.name for table in TABLES}
    assert all(task.stats["rows"] > 0 for task in report.tasks)


def test_frictionless_cli_validates_the_shipped_package() -> None:
    """What a fresh clone's reader types, from the repository root."""
    cli = Path(sys.executable).parent / "frictionless"
    done = subprocess.run([cli, "validate", "data/datapackage.json"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]


def test_package_says_what_the_standard_asks() -> None:
    """Keys for every file, a foreign key for every reference of the schema, types and constraints for every column."""
    package = json.loads(PACKAGE.read_text(encoding="utf-8"))
    assert package["licenses"] == [LICENCE] and "quoted with attribution" in package["calais:rights"]
    assert package["contributors"] and len(package["sources"]) == len(load_dataset(DATA)["sources"])
    resources = {resource["name"]: resource for resource in package["resources"]}
    for table in TABLES:
        schema = resources[table.name]["schema"]
        assert resources[table.name]["path"] == table.filename and resources[table.name]["encoding"] == "utf-8"
        assert schema["primaryKey"] == [table.key]
        references = {(c.name, c.ref) for c in table.columns if c.ref}
        declared = {(fk["fields"][0], f"{fk['reference']['resource']}.{fk['reference']['fields'][0]}")
                    for fk in schema.get("foreignKeys", [])}
        assert declared == references
        fields = {field["name"]: field for field in schema["fields"]}
        assert list(fields) == list(table.column_names)
        for column in table.columns:
            assert_field_matches(fields[column.name], column)
    used = {key for resource in package["resources"] for field in resource["schema"]["fields"] for key in field
            if key.startswith("calais:")}
    assert used <= set(KEYWORDS)


def assert_field_matches(field: dict, column: Column) -> None:
    constraints = field.get("constraints", {})
    assert constraints.get("required", False) == column.required, column.name
    assert constraints.get("enum", []) == list(column.allowed), column.name
    assert (constraints.get("minimum"), constraints.get("maximum")) == (column.minimum, column.maximum), column.name
    patterned = ("id", "date", "interval", "url", "layers", "day", "iom_id", "links", "scores")
    assert ("pattern" in constraints) == (column.type in patterned), column.name
    assert ("calais:dateFormat" in field) == (column.type in ("date", "interval")), column.name
    assert (field.get("calais:rights") == "quoted") == column.quoted, column.name


def test_an_event_at_an_unknown_place_is_a_foreign_key_error(tmp_path: Path) -> None:
    folder = copy_of_the_data(tmp_path / "data")
    events = folder / "events.csv"
    rows = list(csv.reader(io.StringIO(events.read_text(encoding="utf-8"), newline="")))
    rows[3][rows[0].index("place_id")] = "atlantis"
    with events.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    report = frictionless.validate(str(folder / FILENAME))
    errors = [(task.name, error) for task in report.tasks for error in task.errors]
    assert [(name, error.type, error.row_number) for name, error in errors] == [("events", "foreign-key", 4)]


@pytest.mark.parametrize("defect", DEFECTS)
def test_corpus_verdicts(defect: str, tmp_path: Path) -> None:
    """The validator rejects every folder of the corpus; frictionless gives the verdict of CORPUS."""
    folder = build_data_folder(tmp_path / "data", defect)
    write_shipped_descriptor(folder)
    assert load_dataset(folder).problems, "the corpus holds defects the validator reports"
    expected, _ = CORPUS[defect]
    report = frictionless.validate(str(folder / FILENAME))
    assert (report.valid, error_types(report)) == (not expected, expected), describe(report)


def test_corpus_table_covers_the_corpus_and_the_readme_lists_its_divergences() -> None:
    assert sorted(CORPUS) == DEFECTS, "add the new corpus folder to CORPUS with frictionless's verdict"
    divergent = {defect for defect, (_, why) in CORPUS.items() if why}
    assert divergent == {folder for folder, _, _ in FRICTIONLESS_DIVERGENCES}
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    assert all(f"| `{folder}` |" in readme for folder in divergent)


def test_a_folder_without_chapters_describes_five_files(minimal_data: Path) -> None:
    """chapters.csv is optional: a package for a folder without it lists no such resource, and still validates."""
    (minimal_data / "chapters.csv").unlink()
    (minimal_data / FILENAME).write_text(json.dumps(folder_descriptor(minimal_data)), encoding="utf-8")
    report = frictionless.validate(str(minimal_data / FILENAME))
    assert report.valid, describe(report)
    assert "chapters" not in {task.name for task in report.tasks}


# Candidate dates: right forms, wrong forms (one-digit months, month 13, day 31 of a short month), open ends.
_PART = st.builds(lambda y, m, d: f"{y}{m}{d}", st.sampled_from(["2015", "2016", "1999"]),
                  st.sampled_from(["", "-01", "-02", "-04", "-9", "-12", "-13", "-00"]),
                  st.sampled_from(["", "-01", "-28", "-29", "-30", "-31", "-1", "-32"]))
_CANDIDATE = st.one_of(_PART, st.builds(lambda a, b: f"{a}/{b}", _PART, st.one_of(_PART, st.just(".."))))


def _needs_the_validator(text: str) -> bool:
    """What the pattern cannot see: 29 February of a common year, and an interval that ends before it starts."""
    if re.search(r"(1999|2015)-02-29", text):
        return True
    start, _, end = text.partition("/")
    return bool(end) and end != ".." and dates.parse_or_none(start) is not None \
        and dates.parse_or_none(end) is not None and dates.parse(end).end < dates.parse(start).start


@given(_CANDIDATE)
def test_date_pattern_accepts_what_the_validator_accepts(text: str) -> None:
    """The package's date pattern and dates.parse agree, except where the README says the validator checks more."""
    by_pattern = re.fullmatch(DATE_PATTERN, text) is not None
    by_validator = dates.parse_or_none(text) is not None
    assert by_pattern == by_validator or (by_pattern and _needs_the_validator(text)), text


@pytest.mark.parametrize("url", ["https://time.com/x", "http://a.b/c?d#e", "HTTPS://BBC.COM", "javascript:alert(1)",
                                 "ftp://x.org", "https://", "www.bbc.com", "http:///path"])
def test_url_pattern_agrees_with_the_validator(url: str) -> None:
    try:
        check_url(url, Column("url", "url", ""))
        accepted = True
    except CellError:
        accepted = False
    assert (re.fullmatch(URL_PATTERN, url) is not None) == accepted


def test_data_zip_reads_back_with_frictionless(tmp_path: Path) -> None:
    """The zip holds the package, every CSV byte for byte and both notes, and frictionless validates it as it is."""
    archive = tmp_path / "calais-atlas-data.zip"
    archive.write_bytes(data_zip(DATA))
    with zipfile.ZipFile(archive) as opened:
        names = set(opened.namelist())
        assert names == {FILENAME, "README.md", "CURATION.md"} | {table.filename for table in TABLES}
        assert all(opened.read(table.filename) == (DATA / table.filename).read_bytes() for table in TABLES)
        assert opened.read("README.md") == (DATA / "README.md").read_bytes()
        assert json.loads(opened.read(FILENAME)) == json.loads(PACKAGE.read_text(encoding="utf-8"))
    report = frictionless.validate(str(archive))
    assert report.valid, describe(report)
    assert {task.name for task in report.tasks} == {table.name for table in TABLES}


def test_data_zip_of_a_broken_folder_is_rejected_by_frictionless(tmp_path: Path) -> None:
    """The zip's contents are what frictionless checks: a bad reference in the folder is a bad reference in the zip."""
    folder = build_data_folder(tmp_path / "data", "unknown-place")
    archive = tmp_path / "data.zip"
    archive.write_bytes(data_zip(folder))
    assert error_types(frictionless.validate(str(archive))) == {"foreign-key"}


def test_docs_command_writes_both_files_and_check_names_the_stale_one(minimal_data: Path, capsys) -> None:
    """`calais-atlas docs` writes README.md and datapackage.json; --check fails once sources.csv gains a row."""
    assert main(["docs", str(minimal_data)]) == 0
    assert main(["docs", "--check", str(minimal_data)]) == 0
    assert frictionless.validate(str(minimal_data / FILENAME)).valid
    with (minimal_data / "sources.csv").open("a", encoding="utf-8") as sources:
        sources.write("new-doc,A new document,A publisher,,2020,,en,\n")
    capsys.readouterr()
    assert main(["docs", "--check", str(minimal_data)]) == 1
    assert capsys.readouterr().err.strip() == f"{minimal_data / FILENAME} is out of date: run `calais-atlas docs`"
