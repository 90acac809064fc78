"""The rows the map shows at a date, as one CSV a spreadsheet opens safely."""

from __future__ import annotations

import csv
import io
import re
from datetime import date

import pandas as pd

from components.model.context import MapContext
from components.model.summaries import site_summary
from components.model.timeline import SiteState

_FORMULA = re.compile(r"^[=+\-@\t\r]")


def _cell(value: object) -> str:
    """A CSV cell a spreadsheet will not run as a formula."""
    text = "" if pd.isna(value) else str(value)
    return "'" + text if _FORMULA.match(text) else text


def shown_rows_name(at: date, categories: tuple[str, ...] = ()) -> str:
    """The CSV's file name: its date, and the categories when only some are shown, so two downloads do not collide."""
    return f"calais-atlas-{at.isoformat()}{''.join('-' + name for name in categories)}.csv"


def shown_rows_csv(at: date, states: dict[str, SiteState], events: pd.DataFrame, captions: pd.DataFrame, ctx: MapContext) -> str:
    """The sites, events and captions the map shows at ``at``, one CSV, each row with its date and source cited.

    ``events`` are the ones shown: already filtered by category (model/shown.py), like the map's."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["layer", "date", "place_id", "place", "what", "detail", "source"])
    for place_id, site in states.items():
        figure, detail = site_summary(site, ctx)
        sources = "; ".join(dict.fromkeys(ctx.citation(f["source_id"]) for f in site.figures))
        writer.writerow([_cell(v) for v in ("site", at.isoformat(), place_id, ctx.place_name(place_id), figure, detail, sources)])
    for row in events.to_dict("records"):
        writer.writerow([_cell(v) for v in ("event", row["date"], row["place_id"], ctx.place_name(row["place_id"]),
                                            ctx.text(row, "title"), ctx.text(row, "description"),
                                            ctx.citation(row["source_id"]))])
    for row in captions.to_dict("records"):
        writer.writerow([_cell(v) for v in ("caption", row["date"], row["place_id"], ctx.place_name(row["place_id"]), row["text"],
                                            row["credit"], ctx.citation(row["source_id"]))])
    return out.getvalue()
