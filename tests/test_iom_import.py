"""`calais-atlas import-iom` and the deaths table (issue 22): the MMP's two forms read and merged, hand corrections
kept, a second import idle, a file that is not an MMP export refused with nothing written, and the shipped figures.

The MMP rows are copies from ../shared/sources/iom-mmp (tests/fixtures/iom/README.md), so this runs on a fresh clone.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from calais_atlas.cli import main
from calais_atlas.data.datapackage import FILENAME
from calais_atlas.data.iom import IomFileError, read_incidents
from calais_atlas.data.loader import load_dataset
from calais_atlas.data.schema import DEATHS, DEATHS_CREDIT
from calais_atlas.model.deaths import dead_or_missing, monthly_totals, yearly_totals
from datafolders import ROOT, build_data_folder

IOM = Path(__file__).parent / "fixtures" / "iom"
TABLE = IOM / "route-table.csv"
EXPORT = IOM / "mmp-export.csv"
OLDER = IOM / "constructed-older-export.csv"
DATA = ROOT / "data"


def rows_by_id(path: Path) -> dict[str, dict[str, str]]:
    return {row["iom_id"]: row for row in csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline=""))}


def write_rows(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(DEATHS.column_names), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A valid data folder with no deaths.csv yet."""
    return build_data_folder(tmp_path / "data")


def imported(folder: Path, *files: Path) -> Path:
    for path in files:
        assert main(["import-iom", str(path), str(folder)]) == 0
    return folder / "deaths.csv"


# -- the shipped data -------------------------------------------------------------------------------------------------


def test_shipped_deaths_have_the_issues_figures() -> None:
    """data/deaths.csv: 220 incidents, 27 dead on 24 Nov 2021, Wissant on 4 Nov 2021, yearly dead or missing of 50,
    45 and 85 for 2019, 2021 and 2024, 370 in all; and the folder validates with zero problems."""
    dataset = load_dataset(DATA)
    assert dataset.ok, dataset.problems
    deaths = dataset["deaths"].set_index("iom_id")
    assert len(deaths) == 220
    assert (deaths.at["2021.MMP0189", "date"], deaths.at["2021.MMP0189", "dead"]) == ("2021-11-24", 27)
    assert deaths.at["2021.MMP00943", "date"] == "2021-11-04" and "Wissant" in deaths.at["2021.MMP00943", "location"]
    totals = yearly_totals(dataset["deaths"])
    assert (totals[2019], totals[2021], totals[2024]) == (50, 45, 85)
    assert sum(totals.values()) == 370


def test_shipped_deaths_are_what_the_importer_writes() -> None:
    """Importing the shipped rows' own sources again changes nothing: the file is the importer's, not typed by hand."""
    table = IOM / "mmp-export.csv"
    done = subprocess.run([sys.executable, "-m", "calais_atlas.cli", "import-iom", "--dry-run", str(table), "data"],
                          cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "already up to date; nothing changed" in done.stdout


def test_the_package_credits_iom_and_the_route_table() -> None:
    """The deaths resource carries the licence, the exact credit with its link, and both sources of sources.csv."""
    package = json.loads((DATA / FILENAME).read_text(encoding="utf-8"))
    resource = next(resource for resource in package["resources"] if resource["name"] == "deaths")
    assert resource["calais:credit"] == {"text": DEATHS_CREDIT, "path": "https://missingmigrants.iom.int"}
    assert resource["licenses"][0]["name"] == "CC-BY-4.0"
    assert [source.get("path") for source in resource["sources"]] == [
        "https://missingmigrants.iom.int", "https://github.com/giocopp/Missing-Migrants-Count"]


# -- reading the two forms --------------------------------------------------------------------------------------------


def test_the_route_table_is_read_one_row_per_incident() -> None:
    """The curated table: NA is unknown (empty), run-together scores are split, incident ids listed, "United Kingdom"."""
    rows = {row["iom_id"]: row for row in read_incidents(TABLE).rows}
    assert len(rows) == 18
    assert rows["2021.MMP0189"]["dead"] == "27" and rows["2021.MMP0189"]["location_precision"] == "approximate"
    assert rows["2021.MMP0189"]["incident_ids"].split()[0] == "2021.MMP01891160"
    assert rows["2021.MMP00919"]["dead"] == "" and rows["2021.MMP00919"]["country"] == "United Kingdom"
    assert (rows["2024.MMP1650"]["missing"], rows["2024.MMP1650"]["source_quality"]) == ("", "4 5")
    assert rows["2024.MMP2084"]["source_quality"] == "3 4 5"
    assert sum(int(r["dead"] or 0) + int(r["missing"] or 0) for r in rows.values() if r["date"].startswith("2019")) == 50


def test_the_export_merges_a_split_incident_and_keeps_only_the_route() -> None:
    """The MMP export: 2026.MMP0150's two rows of 1 dead become one row of 2 dead; other routes are left out; the US
    date, the one-string coordinates and the comma-separated links are read."""
    incidents = read_incidents(EXPORT)
    rows = {row["iom_id"]: row for row in incidents.rows}
    assert incidents.read == 6 and sorted(rows) == ["2026.MMP0031", "2026.MMP0118", "2026.MMP0150", "2026.MMP0160",
                                                    "2026.MMP0221"]
    split = rows["2026.MMP0150"]
    assert (split["dead"], split["missing"], split["survivors"]) == ("2", "0", "6")
    assert split["incident_ids"] == "2026.MMP0150176 2026.MMP0150177" and split["source_quality"] == "5"
    assert rows["2026.MMP0031"]["date"] == "2026-01-27" and rows["2026.MMP0031"]["survivors"] == ""
    assert (rows["2026.MMP0031"]["lat"], rows["2026.MMP0031"]["lon"]) == ("50.94777281", "1.943878171")
    assert rows["2026.MMP0031"]["links"].split(" ")[1] == "https://perma.cc/H8TU-FK7Y"
    assert rows["2026.MMP0031"]["country"] == "France"


def test_an_older_export_on_the_routes_old_name_with_a_whole_degree() -> None:
    """`English Channel to the UK` is the route; a whole-degree longitude is approximate; an empty count stays empty."""
    rows = {row["iom_id"]: row for row in read_incidents(OLDER).rows}
    assert rows["2019.MMP90001"]["location_precision"] == "approximate" and rows["2019.MMP90001"]["lon"] == "2"
    assert (rows["2019.MMP90001"]["dead"], rows["2019.MMP90001"]["missing"]) == ("", "1")
    assert rows["2019.MMP90002"]["location_precision"] == "reported"


# -- importing into a data folder ---------------------------------------------------------------------------------------


def test_import_writes_a_valid_table_and_a_second_import_changes_nothing(folder: Path, capsys) -> None:
    """Both forms imported into a folder validate; importing the same files again leaves the bytes alone and says so."""
    deaths = imported(folder, TABLE, EXPORT)
    first = deaths.read_bytes()
    assert load_dataset(folder).ok
    capsys.readouterr()
    assert main(["import-iom", str(EXPORT), str(folder)]) == 0
    assert "already up to date; nothing changed" in capsys.readouterr().out
    assert main(["import-iom", str(TABLE), str(folder)]) == 0
    assert deaths.read_bytes() != first  # the table's 2026.MMP0150 has other incident ids and fewer links than IOM's
    assert main(["import-iom", str(TABLE), str(folder)]) == 0
    again = deaths.read_bytes()
    assert main(["import-iom", str(TABLE), str(folder)]) == 0
    assert deaths.read_bytes() == again


def test_a_hand_correction_is_kept_and_refresh_replaces_it(folder: Path, capsys) -> None:
    """A maintainer's coordinate and note survive an import that would change the row; --refresh puts IOM's values
    back and still keeps the note."""
    deaths = imported(folder, TABLE)
    rows = list(rows_by_id(deaths).values())
    corrected = next(row for row in rows if row["iom_id"] == "2026.MMP0150")
    corrected.update(lat="51.0262", note="Point checked on the beach of Petit-Fort-Philippe")
    write_rows(deaths, rows)
    capsys.readouterr()
    assert main(["import-iom", str(EXPORT), str(folder)]) == 0
    said = capsys.readouterr().out
    assert "kept     2026.MMP0150: corrected by hand; IOM's values differ in lat, links, incident_ids" in said
    kept = rows_by_id(deaths)["2026.MMP0150"]
    assert (kept["lat"], kept["note"]) == ("51.0262", "Point checked on the beach of Petit-Fort-Philippe")
    assert main(["import-iom", "--refresh", str(EXPORT), str(folder)]) == 0
    assert "replaced 2026.MMP0150" in capsys.readouterr().out
    replaced = rows_by_id(deaths)["2026.MMP0150"]
    assert (replaced["lat"], replaced["note"]) == ("51.02604694", "Point checked on the beach of Petit-Fort-Philippe")


def test_a_corrected_country_survives_an_export_which_has_no_country(folder: Path) -> None:
    """The export has no country column: a row whose only correction is its country matches the export in every
    other value, and must stay corrected (not re-fingerprinted as IOM's), so that the next table import keeps it."""
    deaths = imported(folder, TABLE, EXPORT)
    rows = list(rows_by_id(deaths).values())
    next(row for row in rows if row["iom_id"] == "2026.MMP0150")["country"] = "Belgium"
    write_rows(deaths, rows)
    imported(folder, EXPORT)
    imported(folder, TABLE)
    assert rows_by_id(deaths)["2026.MMP0150"]["country"] == "Belgium"


def test_a_note_alone_is_no_correction(folder: Path) -> None:
    """A note is the atlas's own: writing one does not stop the row from following IOM."""
    deaths = imported(folder, TABLE)
    rows = list(rows_by_id(deaths).values())
    next(row for row in rows if row["iom_id"] == "2026.MMP0150")["note"] = "A note"
    write_rows(deaths, rows)
    imported(folder, EXPORT)
    row = rows_by_id(deaths)["2026.MMP0150"]
    assert (row["incident_ids"], row["note"]) == ("2026.MMP0150176 2026.MMP0150177", "A note")


def test_dry_run_writes_nothing(folder: Path, capsys) -> None:
    """--dry-run says what it would add, and neither creates nor changes deaths.csv."""
    assert main(["import-iom", "--dry-run", str(TABLE), str(folder)]) == 0
    said = capsys.readouterr().out
    assert "added    2021.MMP0189: 2021-11-24" in said and "dry run: nothing was written" in said
    assert not (folder / "deaths.csv").exists()
    deaths = imported(folder, TABLE)
    before = deaths.read_bytes()
    assert main(["import-iom", "--dry-run", str(EXPORT), str(folder)]) == 0
    assert "changed  2026.MMP0150: links, incident_ids" in capsys.readouterr().out
    assert deaths.read_bytes() == before


def non_mmp_files(tmp_path: Path) -> dict[str, Path]:
    files = {"events": ROOT / "tests" / "fixtures" / "minimal" / "events.csv"}
    for name, data in (("junk", bytes(range(256)) * 8), ("empty", b""),
                       ("half", b"Main ID,Incident Date,Number Dead\n2026.MMP0001,\"Thu, 01/01/2026 - 12:00\",1\n")):
        files[name] = tmp_path / f"{name}.csv"
        files[name].write_bytes(data)
    return files


@pytest.mark.parametrize("kind", ["events", "junk", "empty", "half"])
def test_a_file_that_is_not_an_mmp_export_is_refused_and_nothing_written(kind: str, folder: Path, tmp_path: Path,
                                                                          capsys) -> None:
    """events.csv, binary junk, an empty file, a file lacking columns: a message naming the file, exit 1, no file."""
    path = non_mmp_files(tmp_path)[kind]
    assert main(["import-iom", str(path), str(folder)]) == 1
    said = capsys.readouterr().err
    assert f"{path.name}: cannot be imported; nothing was written" in said
    assert "is not an MMP export" in said or "is empty" in said
    if kind == "half":
        assert "it lacks the columns Incident ID, Minimum Estimated Number of Missing" in said
    assert not (folder / "deaths.csv").exists()


def test_the_command_line_refuses_junk_in_french_with_a_non_zero_exit(folder: Path, tmp_path: Path) -> None:
    """End to end: the installed module refuses a binary file, in French with --lang fr, and writes nothing."""
    junk = non_mmp_files(tmp_path)["junk"]
    done = subprocess.run([sys.executable, "-m", "calais_atlas.cli", "import-iom", "--lang", "fr", str(junk), str(folder)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert "junk.csv : ne peut pas être importé ; rien n'a été écrit" in done.stderr
    assert not (folder / "deaths.csv").exists()


def test_a_result_that_would_not_validate_is_not_written(folder: Path, capsys) -> None:
    """A hand edit that breaks a row (a link without http) is kept by the importer, so the result would not
    validate: the import says why, exits 1 and leaves the file as it was."""
    deaths = imported(folder, TABLE)
    rows = list(rows_by_id(deaths).values())
    rows[0]["links"] = "archive.vn/USuIs"
    write_rows(deaths, rows)
    before = deaths.read_bytes()
    assert main(["import-iom", str(EXPORT), str(folder)]) == 1
    said = capsys.readouterr().err
    assert "the imported rows would not validate; nothing was written" in said
    assert 'deaths.csv:2: links: "archive.vn/USuIs" holds "archive.vn/USuIs", which is not a web address' in said
    assert deaths.read_bytes() == before


def test_a_bad_cell_in_the_export_is_named_by_file_line_and_column(tmp_path: Path) -> None:
    """A date IOM did not write, or a count that is not one, names the export's line and column; nothing is read."""
    text = EXPORT.read_text(encoding="utf-8").replace('"Tue, 01/27/2026 - 12:00"', "sometime").replace(
        "2026,March,1,0", "2026,March,one,0", 1)
    broken = tmp_path / "export.csv"
    broken.write_text(text, encoding="utf-8")
    with pytest.raises(IomFileError) as refused:
        read_incidents(broken, shown="export.csv")
    said = [str(problem) for problem in refused.value.problems]
    assert said[0].startswith('export.csv:5: Incident Date: "sometime" is not a date as IOM writes it')
    assert said[1] == 'export.csv:6: Number Dead: "one" is not a count (digits, or empty when unknown)'


def test_an_export_with_odd_digits_or_no_finite_point_is_refused_with_its_cells_named(tmp_path: Path) -> None:
    """A count written "²" (a digit to str.isdigit, not to int) and a point at "nan, inf" are named, never a
    traceback."""
    text = EXPORT.read_text(encoding="utf-8").replace("2026,March,1,0", "2026,March,\u00b2,0", 1)
    text = text.replace('"51.02604694, 2.103116102"', '"nan, inf"', 1)
    broken = tmp_path / "export.csv"
    broken.write_text(text, encoding="utf-8")
    with pytest.raises(IomFileError) as refused:
        read_incidents(broken, shown="export.csv")
    said = [str(problem) for problem in refused.value.problems]
    assert any(line.startswith("export.csv:6: Number Dead: \"\u00b2\" is not a count") for line in said), said
    assert any("Coordinates" in line for line in said), said


# -- the validator's new messages -----------------------------------------------------------------------------------------


VALIDATOR_CASES = [
    ("iom_id", "2021-MMP0189", 'deaths.csv:2: iom_id: "2021-MMP0189" is not an IOM Main ID (write it as IOM does: the '
                               'year, a point, MMP and digits, e.g. "2021.MMP0189")'),
    ("source_quality", "45", 'deaths.csv:2: source_quality: "45" runs several scores together (write "4 5": a split '
                             "incident's scores separated by a space, never summed)"),
    ("source_quality", "6", 'deaths.csv:2: source_quality: "6" is not a source-quality score (write a digit from 1 to 5, '
                            'or several separated by a space, e.g. "4 5")'),
    ("links", "https://a.org/x,https://b.org/y", 'deaths.csv:2: links: "https://a.org/x,https://b.org/y" separates its '
                                                 'links with something else than a single space (write '
                                                 '"https://a.org/x https://b.org/y")'),
    ("links", "javascript:alert(1)", 'deaths.csv:2: links: "javascript:alert(1)" holds "javascript:alert(1)", which is '
                                     "not a web address (only http:// and https:// links, separated by a single space)"),
    ("dead", "-1", 'deaths.csv:2: dead: "-1" is out of range (dead must be at least 0)'),
    ("missing", "NA", 'deaths.csv:2: missing: "NA" is not a number; leave the cell empty when the number is unknown '
                      "(never 0 for unknown)"),
    ("lat", "nan", 'deaths.csv:2: lat: "nan" is not a number (write decimal degrees with a point, e.g. 50.9513)'),
    ("lon", "inf", 'deaths.csv:2: lon: "inf" is not a number (write decimal degrees with a point, e.g. 50.9513)'),
    ("date", "2021-11", 'deaths.csv:2: date: "2021-11" is not a day (write the incident\'s day, YYYY-MM-DD, e.g. '
                        "2021-11-24)"),
]


@pytest.mark.parametrize(("column", "value", "expected"), VALIDATOR_CASES)
def test_the_validator_names_file_line_and_column_of_a_bad_deaths_cell(column: str, value: str, expected: str,
                                                                       folder: Path) -> None:
    """Each new cell rule of the deaths table, in the validator's words, at the file, line and column."""
    deaths = imported(folder, TABLE)
    rows = list(rows_by_id(deaths).values())
    rows[0][column] = value
    write_rows(deaths, rows)
    problems = load_dataset(folder, by_name=True).problems
    assert [str(problem) for problem in problems] == [expected]
    assert problems[0].text("fr") != str(problems[0])


def test_a_folder_without_deaths_validates_and_loads_an_empty_table(folder: Path, capsys) -> None:
    """deaths.csv is optional: a folder without it has no problem, an empty deaths table, and no "0 deaths" count."""
    dataset = load_dataset(folder)
    assert dataset.ok and dataset["deaths"].empty
    assert main(["validate", str(folder)]) == 0
    assert capsys.readouterr().out.rstrip().endswith("2 chapters)")


# -- the model ----------------------------------------------------------------------------------------------------------


def test_the_model_counts_unknown_as_zero_by_month_and_says_how_many_are_unknown() -> None:
    """dead_or_missing is a lower bound; monthly_totals has one row per month with incidents, and counts the incidents
    whose dead or missing is unknown (empty), so that a month is never said to have 0 dead when nobody knows."""
    frame = pd.DataFrame({"date": ["2021-11-04", "2021-11-24", "2021-10-25", "2024-01-14"],
                          "dead": pd.array([1, 27, None, 5], dtype="Int64"),
                          "missing": pd.array([0, 0, 1, None], dtype="Int64")})
    assert dead_or_missing(frame).tolist() == [1, 27, 1, 5]
    months = monthly_totals(frame)
    assert months["month"].dt.strftime("%Y-%m").tolist() == ["2021-10", "2021-11", "2024-01"]
    assert months[["dead", "missing", "total", "incidents"]].values.tolist() == [[0, 1, 1, 1], [28, 0, 28, 2],
                                                                                 [5, 0, 5, 1]]
    assert months[["dead_unknown", "missing_unknown"]].values.tolist() == [[1, 0], [0, 0], [0, 1]]
    assert yearly_totals(frame.iloc[:0]) == {} and monthly_totals(frame.iloc[:0]).empty


def test_fixtures_are_unchanged_copies_when_the_sources_are_at_hand() -> None:
    """Every copied row is a line of the stored source file (skipped on a clone without ../shared)."""
    found = [folder / "shared" / "sources" / "iom-mmp" for folder in (ROOT.parent, ROOT.parent.parent)]
    sources = next((folder for folder in found if folder.is_dir()), None)
    if sources is None:
        pytest.skip("no ../shared/sources/iom-mmp next to this clone")
    for fixture, source in ((TABLE, "iom-europe-mainland-europe-to-uk-2014-2026.csv"),
                            (EXPORT, "MissingMigrants-Global-2026-05-06--19_42_11.csv")):
        lines = set((sources / source).read_text(encoding="utf-8").splitlines())
        assert set(fixture.read_text(encoding="utf-8").splitlines()) <= lines
