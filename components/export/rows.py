"""The rows the map shows at a date, as one CSV a spreadsheet opens safely."""

from __future__ import annotations

import csv
import io
import re
from datetime import date

import pandas as pd

from calais_atlas.model.context import MapContext
from calais_atlas.model.death_texts import DEATHS_CREDIT_URL, credit_text, known, quality_text, text_of, total_text
from calais_atlas.model.i18n import t
from calais_atlas.model.summaries import site_summary
from calais_atlas.model.timeline import SiteState

_FORMULA = re.compile(r"^[=+\-@\t\r]")


def _cell(value: object) -> str:
    """A CSV cell a spreadsheet will not run as a formula."""
    text = "" if pd.isna(value) else str(value)
    return "'" + text if _FORMULA.match(text) else text


def _write(writer, values) -> None:
    """One row, every cell safe, as wide as the header (the IOM's columns are empty on the atlas's own rows)."""
    cells = [_cell(value) for value in values]
    writer.writerow(cells + [""] * (len(COLUMNS) - len(cells)))


def shown_rows_name(at: date, categories: tuple[str, ...] = ()) -> str:
    """The CSV's file name: its date, and the categories when only some are shown, so two downloads do not collide."""
    return f"calais-atlas-{at.isoformat()}{''.join('-' + name for name in categories)}.csv"


COLUMNS = ("layer", "date", "place_id", "place", "what", "count", "count_max", "qualifier", "detail", "source",
           "dead", "missing", "survivors", "credit")
# The IOM's counts have their own columns: "count" adds up head counts, and an empty cell is IOM's "not known", not 0.


def site_count(site: SiteState) -> tuple[int | str, int | str, str]:
    """(count, count_max, qualifier) of a site the map sizes: the lowest head count, the highest when it differs, and
    the lowest's qualifier (exact, about, over, under, planned), as the map's circle and dashed ring. Empty otherwise:
    a capacity or a plan is not a head count, and a closed camp has none, so summing the column sums the map."""
    if site.status != "counted":
        return "", "", ""
    lowest = min(site.figures, key=lambda figure: figure["count"])
    return site.low, site.high if site.high != site.low else "", lowest["qualifier"]


def _death_row(row: dict, lang: str) -> list[object]:
    """An IOM incident: its place in IOM's words, its counts (empty when IOM gives none), its cause, IOM's sources and
    quality score and id, and the credit the licence asks for."""
    source = f"IOM {text_of(row, 'iom_id')}: {text_of(row, 'sources')}".rstrip(": ")
    if quality_text(row):
        source += f" ({t('death.quality', lang)}{t('colon', lang)}{quality_text(row)})"
    counts = [known(row.get(name)) for name in ("dead", "missing", "survivors")]
    return ["death", text_of(row, "date"), "", text_of(row, "location"), total_text(row, lang), "", "", "",
            text_of(row, "cause"), source, *("" if n is None else n for n in counts),
            f"{credit_text(lang)} ({DEATHS_CREDIT_URL})"]


def shown_rows_csv(at: date, states: dict[str, SiteState], events: pd.DataFrame, captions: pd.DataFrame, ctx: MapContext,
                   deaths: pd.DataFrame | None = None) -> str:
    """The sites, events, captions and IOM incidents the map shows at ``at``, one CSV, each row with its date and source
    cited.

    A site's figure is in words (``what``, as on the map) and as numbers a spreadsheet can add (``count``,
    ``count_max``, ``qualifier``: site_count). ``events`` are the ones shown: already filtered by category
    (model/shown.py), like the map's. ``deaths`` (the IOM's incidents in the window) have their counts in ``dead``,
    ``missing`` and ``survivors``, empty when IOM gives none, and the credit its licence asks for in ``credit``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for place_id, site in states.items():
        figure, detail = site_summary(site, ctx)
        sources = "; ".join(dict.fromkeys(ctx.citation(f["source_id"]) for f in site.figures))
        _write(writer, ("site", at.isoformat(), place_id, ctx.place_name(place_id), figure, *site_count(site), detail,
                        sources))
    for row in events.to_dict("records"):
        _write(writer, ("event", row["date"], row["place_id"], ctx.place_name(row["place_id"]), ctx.text(row, "title"),
                        "", "", "", ctx.text(row, "description"), ctx.citation(row["source_id"])))
    for row in captions.to_dict("records"):
        _write(writer, ("caption", row["date"], row["place_id"], ctx.place_name(row["place_id"]), row["text"], "", "",
                        "", row["credit"], ctx.citation(row["source_id"])))
    for row in ([] if deaths is None else deaths.to_dict("records")):
        _write(writer, _death_row(row, ctx.lang))
    return out.getvalue()
