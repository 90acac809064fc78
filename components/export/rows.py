"""The rows the map shows at a date, as one CSV a spreadsheet opens safely."""

from __future__ import annotations

import csv
import io
import re
from datetime import date

import pandas as pd

from calais_atlas.model.context import MapContext
from calais_atlas.model.summaries import site_summary
from calais_atlas.model.timeline import SiteState

_FORMULA = re.compile(r"^[=+\-@\t\r]")


def _cell(value: object) -> str:
    """A CSV cell a spreadsheet will not run as a formula."""
    text = "" if pd.isna(value) else str(value)
    return "'" + text if _FORMULA.match(text) else text


def shown_rows_name(at: date, categories: tuple[str, ...] = ()) -> str:
    """The CSV's file name: its date, and the categories when only some are shown, so two downloads do not collide."""
    return f"calais-atlas-{at.isoformat()}{''.join('-' + name for name in categories)}.csv"


COLUMNS = ("layer", "date", "place_id", "place", "what", "count", "count_max", "qualifier", "detail", "source")


def site_count(site: SiteState) -> tuple[int | str, int | str, str]:
    """(count, count_max, qualifier) of a site the map sizes: the lowest head count, the highest when it differs, and
    the lowest's qualifier (exact, about, over, under, planned), as the map's circle and dashed ring. Empty otherwise:
    a capacity or a plan is not a head count, and a closed camp has none, so summing the column sums the map."""
    if site.status != "counted":
        return "", "", ""
    lowest = min(site.figures, key=lambda figure: figure["count"])
    return site.low, site.high if site.high != site.low else "", lowest["qualifier"]


def shown_rows_csv(at: date, states: dict[str, SiteState], events: pd.DataFrame, captions: pd.DataFrame, ctx: MapContext) -> str:
    """The sites, events and captions the map shows at ``at``, one CSV, each row with its date and source cited.

    A site's figure is in words (``what``, as on the map) and as numbers a spreadsheet can add (``count``,
    ``count_max``, ``qualifier``: site_count). ``events`` are the ones shown: already filtered by category
    (model/shown.py), like the map's."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for place_id, site in states.items():
        figure, detail = site_summary(site, ctx)
        sources = "; ".join(dict.fromkeys(ctx.citation(f["source_id"]) for f in site.figures))
        writer.writerow([_cell(v) for v in ("site", at.isoformat(), place_id, ctx.place_name(place_id), figure,
                                            *site_count(site), detail, sources)])
    for row in events.to_dict("records"):
        writer.writerow([_cell(v) for v in ("event", row["date"], row["place_id"], ctx.place_name(row["place_id"]),
                                            ctx.text(row, "title"), "", "", "", ctx.text(row, "description"),
                                            ctx.citation(row["source_id"]))])
    for row in captions.to_dict("records"):
        writer.writerow([_cell(v) for v in ("caption", row["date"], row["place_id"], ctx.place_name(row["place_id"]), row["text"],
                                            "", "", "", row["credit"], ctx.citation(row["source_id"]))])
    return out.getvalue()
