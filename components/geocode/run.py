"""Fill lat/lon in places.csv from Nominatim, leaving every other byte of the file alone.

Plain Python, no Streamlit: the ``calais-atlas geocode`` command calls :func:`geocode_places`.

A run asks Nominatim about each row that has a ``geocode_query`` and no coordinates yet (or every
such row with ``refresh``), checks that the answer is in France and, with refresh, near the point
already there, and writes it back into its row at once, so an interrupted run keeps what it found.
"""

from __future__ import annotations

import datetime
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

from calais_atlas.geocode.errors import GeocodeError, GeocodeReport
from calais_atlas.geocode.failures import LookupFailed
from calais_atlas.geocode.judge import new_coordinates, problem_with, same_point
from calais_atlas.geocode.lookup import Clock, Searcher, rate_limited_search, retry_logs_silenced, search
from calais_atlas.geocode.places_file import PlacesFile, Record, read_places, write_coordinates
from calais_atlas.geocode.settings import make_geocoder, resolve_min_delay

MANUAL_PREFIX = "manual:"


def geocode_places(
    places_csv: Path,
    *,
    refresh: bool = False,
    dry_run: bool = False,
    geocoder=None,
    min_delay: float | None = None,
    progress: bool = True,
    today: datetime.date | None = None,
    clock: Clock = time,
) -> GeocodeReport:
    """Look up the rows of ``places_csv`` that have a geocode_query and write what is found back.

    Raises GeocodeError when the file cannot be used or the settings are wrong; problems with
    single places end up in the report instead. KeyboardInterrupt propagates, after which the file
    holds every result obtained before it. ``clock`` spaces the requests (``time``; a test's own clock).
    """
    path = Path(places_csv)
    places = read_places(path)
    if geocoder is None:
        geocoder = make_geocoder()
    run = _Run(
        path=path,
        geocoder=geocoder,
        searcher=rate_limited_search(geocoder, resolve_min_delay(min_delay, geocoder), clock),
        dry_run=dry_run,
        today=today or datetime.date.today(),
        report=GeocodeReport(dry_run=dry_run, file_name=path.name),
    )
    tasks = _plan(places, refresh, run.report)
    with retry_logs_silenced(), tqdm(
        total=len(tasks), desc="geocoding", unit="place", file=sys.stderr, disable=not progress
    ) as bar:
        for position, task in enumerate(tasks):
            bar.set_postfix_str(task.place_id, refresh=False)
            try:
                run.geocode(task)
            except LookupFailed as failure:
                run.report.failed.append((task.place_id, failure.reason))
                if failure.stops_run:
                    run.report.failed.extend((later.place_id, failure.stop_note) for later in tasks[position + 1 :])
                    break
            finally:
                bar.update()
    return run.report


# --- which rows to ask about --------------------------------------------------------------------


@dataclass(frozen=True)
class _Task:
    place_id: str
    query: str
    existing: tuple[float, float] | None


def _plan(places: PlacesFile, refresh: bool, report: GeocodeReport) -> list[_Task]:
    tasks = []
    first_line_of: dict[str, int] = {}
    for record in places.rows():
        place_id = places.value(record, "place_id")
        query = places.value(record, "geocode_query")
        # Any duplicate, queried or not, could make the result land in the wrong row.
        _check_unique(places, record, place_id, first_line_of)
        if not query:
            continue
        if not place_id:
            raise GeocodeError(
                f"{places.path}, line {record.first_line}: the row has a geocode_query but no place_id; give it one"
            )
        lat, lon = places.value(record, "lat"), places.value(record, "lon")
        if not (lat and lon):
            tasks.append(_Task(place_id, query, None))
        elif not refresh:
            report.unchanged.append(place_id)
        elif (existing := _as_point(lat, lon)) is None:
            reason = f'lat/lon "{lat}"/"{lon}" are not numbers; write them with a point (50.96) or clear them'
            report.failed.append((place_id, reason))
        else:
            tasks.append(_Task(place_id, query, existing))
    return tasks


def _check_unique(places: PlacesFile, record: Record, place_id: str, first_line_of: dict[str, int]) -> None:
    if not place_id:
        return
    if place_id in first_line_of:
        raise GeocodeError(
            f'{places.path}, line {record.first_line}: place_id "{place_id}" is also used on line '
            f"{first_line_of[place_id]}; ids must be unique before geocoding"
        )
    first_line_of[place_id] = record.first_line


def _as_point(lat: str, lon: str) -> tuple[float, float] | None:
    try:
        return float(lat), float(lon)
    except ValueError:
        return None


# --- the run ------------------------------------------------------------------------------------


@dataclass
class _Run:
    path: Path
    geocoder: object
    searcher: Searcher
    dry_run: bool
    today: datetime.date
    report: GeocodeReport

    def geocode(self, task: _Task) -> None:
        location = search(self.searcher, task.query, self.geocoder)
        if location is None:
            raise LookupFailed(
                f'not found: Nominatim has no match for "{task.query}"; reword geocode_query, '
                f'or type lat/lon with coord_source "{MANUAL_PREFIX} <where they come from>"'
            )
        problem = problem_with(location, task.existing)
        if problem:
            self.report.flagged.append((task.place_id, problem))
            return
        new = new_coordinates(location, self.today)
        if same_point(new, task.existing):
            self.report.unchanged.append(task.place_id)
            return
        if not self.dry_run:
            write_coordinates(self.path, task.place_id, new)
            self.report.written = True
        self.report.found.append(task.place_id)
