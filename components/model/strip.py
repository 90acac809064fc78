"""The timeline strip under the slider, as a plain Vega-Lite spec (like model/population_chart.py: no Altair).

Two rows share one design: the whole span on top, and below it a focus row zoomed on the window, where the dense
months of 2015–16 spread out. When the data records deaths at the border, a third row between them counts the dead
and missing per month on the top row's scale (death_months), so the years with the most dead and missing read at a
glance. Events are marks coloured and shaped as on the map (model/palette.py, model/shapes.py); a site's population,
or every site's together, is a step line and band read from the map's own rule (timeline.SiteIndex.history), with a
dot at the date saying it in the label's words; the window is shaded and the date is a rule.

What does not depend on the date (the marks, the lines) is built once per data and language (Strip, StripLine, kept
by Prepared.remembered); a slider step only slices the focus row's marks and writes the rule and the shading.
Beyond MAX_MARKS events, marks are counted per category and time bucket instead of drawn one by one, so the spec
stays small at 100,000 events.
"""

from __future__ import annotations

import json
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import numpy as np
import pandas as pd
from babel.dates import get_month_names

from calais_atlas.model.chart_locale import vega_locale
from calais_atlas.model.context import texts
from calais_atlas.model.filters import CATEGORIES
from calais_atlas.model.formatting import format_date, format_figure
from calais_atlas.model.i18n import t
from calais_atlas.model.palette import CATEGORY_COLOURS, HIGHLIGHT, INK_MUTED, OUTLINE, RULE, SITE_STROKE
from calais_atlas.model.population_chart import QUALIFIER_SHAPES
from calais_atlas.model.shapes import CATEGORY_SHAPES, SHAPES, unit_path
from calais_atlas.model.summaries import figure_text
from calais_atlas.model.timeline import SiteIndex, SiteState

MAX_MARKS = 400  # events drawn one by one up to this; beyond, counted per bucket
OVERVIEW_BUCKETS = 90  # about four months each over 1999–2026
FINE_DAYS = 7  # the focus row's buckets: weeks
FOCUS_MIN = timedelta(days=15)  # a window of 0 months (the date alone) still shows this much either side of it
FOCUS_MAX = timedelta(days=366)  # a wider window (everything up to the date) shows this much of it before the date
PICKS = ("pick_all", "pick_focus")  # the selection of each row; a click on a mark fills one
LINE_POINTS = 200  # the top row's population line is thinned to about this many steps
CATEGORY_INDEX = {category: index for index, category in enumerate(CATEGORIES)}  # a mark names its category by number


@dataclass(frozen=True)
class Mark:
    """Where a click on a mark leads: the first event it stands for."""

    day: date
    place_id: str


@dataclass(frozen=True, eq=False)
class Strip:
    """The event marks of the two rows, date-free; ``fine`` is oldest first with its days as ordinals, for slicing."""

    overview: list[dict]
    overview_marks: list[Mark]
    fine: list[dict]
    fine_marks: list[Mark]
    fine_days: list[int]
    aggregated: bool

    def mark(self, pick: str, index: int) -> Mark | None:
        marks = self.overview_marks if pick == PICKS[0] else self.fine_marks
        return marks[index] if 0 <= index < len(marks) else None

    def focus_rows(self, first: date, last: date) -> list[dict]:
        low, high = bisect_left(self.fine_days, first.toordinal()), bisect_right(self.fine_days, last.toordinal())
        return self.fine[low:high]


def _iso(day: date) -> str:
    return day.isoformat()


def _raw(events: pd.DataFrame, place_name, lang: str) -> tuple[list[dict], list[Mark]]:
    rows, marks = [], []
    for index, (start, category, place_id, title, text) in enumerate(zip(
            events["date_start"], events["category"], events["place_id"], texts(events, "title", lang), events["date"],
            strict=True)):
        day = start.date()
        tip = (f"{format_date(text, lang)} · {t(f'category.{category}', lang)} · {place_name(place_id)}{t('colon', lang)}"
               f"{str(title)[:120]}")
        rows.append({"x": _iso(day), "c": CATEGORY_INDEX.get(category, -1), "n": 1, "i": index, "t": tip})
        marks.append(Mark(day, str(place_id or "")))
    return rows, marks


def _bucketed(events: pd.DataFrame, days: int, origin: date) -> tuple[list[dict], list[Mark]]:
    """One mark per (bucket, category), at its first event, counting them: the first event is where a click leads."""
    ordinals = np.fromiter((stamp.toordinal() for stamp in events["date_start"].dt.date), dtype=np.int64, count=len(events))
    frame = pd.DataFrame({"bucket": (ordinals - origin.toordinal()) // days, "day": ordinals,
                          "c": events["category"].to_numpy(), "p": events["place_id"].to_numpy()})
    grouped = frame.groupby(["bucket", "c"], sort=False).agg(day=("day", "first"), p=("p", "first"), n=("day", "size"))
    grouped = grouped.reset_index().sort_values(["day", "c"], kind="stable")
    rows, marks = [], []
    for index, (ordinal, category, place_id, count) in enumerate(zip(
            grouped["day"], grouped["c"], grouped["p"], grouped["n"], strict=True)):
        day = date.fromordinal(int(ordinal))
        rows.append({"x": _iso(day), "c": CATEGORY_INDEX.get(category, -1), "n": int(count), "i": index})
        marks.append(Mark(day, str(place_id or "")))
    return rows, marks


def build_strip(events: pd.DataFrame, first: date, last: date, place_name, lang: str) -> Strip:
    """The marks of ``events`` (sorted oldest first) for a span ``first``..``last``."""
    dated = events[events["date_start"].notna()].sort_values("date_start", kind="stable")
    if len(dated) <= MAX_MARKS:
        rows, marks = _raw(dated, place_name, lang)
        return Strip(rows, marks, rows, marks, [m.day.toordinal() for m in marks], aggregated=False)
    bucket = max(FINE_DAYS, (last - first).days // OVERVIEW_BUCKETS + 1)
    overview, overview_marks = _bucketed(dated, bucket, first)
    fine, fine_marks = _bucketed(dated, FINE_DAYS, first)
    return Strip(overview, overview_marks, fine, fine_marks, [m.day.toordinal() for m in fine_marks], aggregated=True)


def _site_rows(history: list[tuple[date, SiteState]], lang: str) -> list[dict]:
    """One site's line: from its first count, the range the map shows (its lowest figure's qualifier); 0 once closed."""
    rows: list[dict] = []
    for day, state in history:
        if state.status == "counted":
            lowest = min(state.figures, key=lambda figure: figure["count"])
            row = {"x": _iso(day), "y": state.low, "y2": state.high, "q": lowest["qualifier"], "f": figure_text(state, lang)}
        elif rows:
            row = {"x": _iso(day), "y": 0, "y2": 0, "q": state.status, "f": figure_text(state, lang)}
        else:
            continue
        if not rows or any(rows[-1][key] != row[key] for key in ("y", "y2", "q", "f")):
            rows.append(row)
    return rows


def _total_rows(sites: SiteIndex, last: date, lang: str) -> list[dict]:
    """Every site together: the sum of the lowest and of the highest figures the map shows, day by day."""
    deltas: dict[date, list[int]] = {}
    for place in sites.places:
        previous = (0, 0)
        for day, state in sites.history(place):
            now = (state.low, state.high) if state.status == "counted" else (0, 0)
            delta = deltas.setdefault(day, [0, 0])
            delta[0] += now[0] - previous[0]
            delta[1] += now[1] - previous[1]
            previous = now
    low = high = 0
    rows = []
    for day in sorted(deltas):
        if day > last:
            break
        low, high = low + deltas[day][0], high + deltas[day][1]
        if not rows or (rows[-1]["y"], rows[-1]["y2"]) != (low, high):
            rows.append({"x": _iso(day), "y": low, "y2": high, "q": "",
                         "f": format_figure(low, "exact", high if high != low else None, lang)})
    return rows


@dataclass(frozen=True, eq=False)
class StripLine:
    """A population step line: every step for the focus row (sliced by date), a thinned copy for the top row.

    Each step is what the map shows from its day on (timeline.SiteIndex.history): y the lowest figure, y2 the highest,
    q the lowest's qualifier, f the figure in the map label's words.
    """

    rows: list[dict]
    days: list[int]
    overview: list[dict]
    qualified: bool  # one site's figures, whose qualifiers are drawn; not the sum of every site

    def between(self, first: date, last: date) -> list[dict]:
        """The steps drawn from ``first`` to ``last``: the one in force at ``first`` too."""
        low, high = bisect_right(self.days, first.toordinal()), bisect_right(self.days, last.toordinal())
        return self.rows[max(low - 1, 0):high]

    def at(self, day: date) -> dict | None:
        """The step in force on ``day``, or None before the line begins."""
        index = bisect_right(self.days, day.toordinal()) - 1
        return self.rows[index] if index >= 0 else None


def _line(rows: list[dict], qualified: bool) -> StripLine:
    days = [date.fromisoformat(row["x"]).toordinal() for row in rows]
    overview = rows
    if len(rows) > LINE_POINTS:  # the last step of each stretch: the line keeps its shape at the top row's width
        stride = (days[-1] - days[0]) // LINE_POINTS + 1
        kept = {(day - days[0]) // stride: index for index, day in enumerate(days)}
        overview = [rows[index] for index in sorted(kept.values())]
    return StripLine(rows, days, overview, qualified)


def population_line(sites: SiteIndex, place_id: str, last: date, lang: str) -> StripLine:
    """The step line of one site (``place_id``), with its qualifiers, or of every site summed when it is ''; up to ``last``.

    Read from the same rule as the map (timeline.SiteIndex), so on any day the line and the map's label agree."""
    if place_id:
        place = next((place for place in sites.places if place["place_id"] == place_id), None)
        rows = _site_rows(sites.history(place), lang) if place else []
        return _line([row for row in rows if row["x"] <= _iso(last)], True)
    return _line(_total_rows(sites, last, lang), False)


def focus_range(at: date, start: date, end: date, first: date, last: date) -> tuple[date, date]:
    """What the focus row shows: the window ``start``..``end`` within the data's span ``first``..``last``.

    Only two cases change it: a window wider than FOCUS_MAX on a side (everything up to the date) is cut to FOCUS_MAX
    there, and a side shorter than FOCUS_MIN (the date's own side of "everything up to", a window of 0 months) is
    widened to FOCUS_MIN, so the date's rule is never on the row's edge. Nothing else (the population line's steps,
    the window's shading) decides the span: strip_spec cuts them to it.
    """
    low = min(max(start, at - FOCUS_MAX), at - FOCUS_MIN)
    high = max(min(end, at + FOCUS_MAX), at + FOCUS_MIN)
    return max(low, first), min(high, last)


def death_months(monthly: pd.DataFrame, lang: str) -> list[dict]:
    """The deaths row's bars, from deaths.monthly_totals: one per month with incidents, from its first day (x) to the
    next month's (x2), as high as its dead and missing (y), and what it counts in words (t), for its tooltip and its
    accessible name."""
    rows = []
    for month, total, incidents, dead, missing in zip(
            monthly["month"], monthly["total"], monthly["incidents"],
            _counted(monthly, "dead", lambda n: t("strip.dead", lang, count=n),
                     lambda n: t("strip.dead_at_least", lang, count=n), t("strip.dead_unknown", lang)),
            _counted(monthly, "missing", lambda n: t("strip.missing", lang, count=n),
                     lambda n: t("strip.missing_at_least", lang, count=n), t("strip.missing_unknown", lang)),
            strict=True):
        first = pd.Timestamp(month).date().replace(day=1)
        after = (first + timedelta(days=32)).replace(day=1)
        words = t("strip.deaths_month", lang, month=format_date(first.isoformat()[:7], lang),
                  total=t("strip.dead_or_missing", lang, count=int(total)), dead=dead, missing=missing,
                  incidents=t("strip.incidents", lang, count=int(incidents)))
        rows.append({"x": _iso(first), "x2": _iso(after), "y": int(total), "t": words})
    return rows


def _counted(monthly: pd.DataFrame, column: str, known, at_least, unknown: str) -> list[str]:
    """A month's dead (or missing) in words: ``known(3)``, "3 dead"; ``at_least(3)`` when some of its incidents' counts
    are unknown; ``unknown`` when all are, or when the known ones add up to none. IOM leaves a count empty when it is
    not known, which is not 0."""
    words = []
    for count, empty, incidents in zip(monthly[column], monthly[f"{column}_unknown"], monthly["incidents"], strict=True):
        words.append(unknown if empty == incidents or (empty and not count) else (at_least if empty else known)(int(count)))
    return words


def _ms(day: date) -> int:
    return (day.toordinal() - date(1970, 1, 1).toordinal()) * 86_400_000


@lru_cache(maxsize=8)
def _month_labels(lang: str) -> str:
    """The abbreviated month names as a Vega array literal, as the language writes them: "janv." keeps its full stop."""
    names = get_month_names("abbreviated", locale=lang)
    return json.dumps([names[month] for month in range(1, 13)], ensure_ascii=False)


def _x(domain: tuple[date, date], axis: dict | None) -> dict:
    margin = (_ms(domain[1]) - _ms(domain[0])) // 150  # marks at either end are drawn whole
    return {"field": "x", "type": "temporal",
            "scale": {"type": "utc", "domain": [_ms(domain[0]) - margin, _ms(domain[1]) + margin]},
            "axis": axis, "title": None}


@lru_cache(maxsize=8)
def _category_scales(lang: str) -> tuple[dict, dict, str]:
    domain = list(range(len(CATEGORIES)))
    shape = {"field": "c", "type": "ordinal", "legend": None,
             "scale": {"domain": domain, "range": [unit_path(SHAPES[CATEGORY_SHAPES[c]]) for c in CATEGORIES]}}
    fill = {"field": "c", "type": "ordinal", "legend": None,
            "scale": {"domain": domain, "range": [CATEGORY_COLOURS[c] for c in CATEGORIES]}}
    labels = json.dumps([t(f"category.{c}", lang) for c in CATEGORIES], ensure_ascii=False)
    return shape, fill, f"{labels}[datum.c]"


def _event_layer(rows: str, x: dict, pick: str, aggregated: bool, size: int, height: int, lang: str) -> dict:
    shape, fill, label = _category_scales(lang)
    encoding = {"x": x, "y": {"value": height / 2}, "shape": shape, "fill": fill}
    if aggregated:
        encoding["size"] = {"field": "n", "type": "quantitative", "legend": None,
                            "scale": {"type": "sqrt", "range": [size // 2, size * 4]}}
        encoding["tooltip"] = [{"field": "x", "type": "temporal", "format": "%d/%m/%Y", "formatType": "utc",
                                "title": t("strip.from", lang)},
                               {"field": "label", "title": t("col.category", lang)},
                               {"field": "n", "title": t("strip.events", lang)}]
        transform = [{"calculate": label, "as": "label"}]
    else:
        encoding["size"] = {"value": size}
        encoding["tooltip"] = {"field": "t"}
        transform = []
    return {
        "data": {"name": rows}, "transform": transform,
        "params": [{"name": pick, "select": {"type": "point", "fields": ["i"], "on": "click", "toggle": False,
                                             "clear": False}}],
        "mark": {"type": "point", "filled": True, "stroke": OUTLINE, "strokeWidth": 0.8, "opacity": 0.95, "cursor": "pointer",
                 "clip": True},
        "encoding": encoding,
    }


Y = {"field": "y", "type": "quantitative", "axis": None, "scale": {"zero": True, "nice": False}}


def _line_layers(line: str, x: dict, points: str | None) -> list[dict]:
    """The population as steps (dataset ``line``): the lowest figure a line, up to the highest a band; one site's
    figures also as points shaped by qualifier (``points``)."""
    y = Y
    layers = [{"data": {"name": line},
               "mark": {"type": "area", "interpolate": "step-after", "clip": True, "color": SITE_STROKE, "opacity": 0.15},
               "encoding": {"x": x, "y": y, "y2": {"field": "y2"}}},
              {"data": {"name": line},
               "mark": {"type": "line", "interpolate": "step-after", "clip": True, "color": SITE_STROKE, "strokeWidth": 1.3,
                        "opacity": 0.75},
               "encoding": {"x": x, "y": y}}]
    if points:
        layers.append({"data": {"name": points},
                       "mark": {"type": "point", "size": 16, "filled": True, "color": SITE_STROKE, "clip": True},
                       "encoding": {"x": x, "y": y, "shape": {
                           "field": "q", "type": "nominal", "legend": None,
                           "scale": {"domain": list(QUALIFIER_SHAPES), "range": list(QUALIFIER_SHAPES.values())}}}})
    return layers


def _from(steps: list[dict], first: date) -> list[dict]:
    """The steps, the one in force at ``first`` moved to it: an earlier day would widen the focus row's scale to it."""
    if steps and steps[0]["x"] < _iso(first):
        return [{**steps[0], "x": _iso(first), "q": ""}, *steps[1:]]
    return steps


def _held(line: list[dict], until: date) -> list[dict]:
    """The steps, the last one held to the row's end."""
    if line and line[-1]["x"] < _iso(until):
        return [*line, {**line[-1], "x": _iso(until), "q": ""}]
    return line


def _now_layer(x: dict) -> dict:
    """The population in force at the date, a dot on the rule; its tooltip and accessible name say it as the map does."""
    return {"data": {"name": "now"},
            "mark": {"type": "point", "filled": True, "size": 30, "color": HIGHLIGHT, "stroke": OUTLINE, "strokeWidth": 0.8,
                     "clip": True},
            "encoding": {"x": x, "y": Y, "tooltip": {"field": "f"}, "description": {"field": "f"}}}


def _window_layer(x: dict, window: str) -> dict:
    return {"data": {"name": window}, "mark": {"type": "rect", "color": INK_MUTED, "opacity": 0.1, "clip": True},
            "encoding": {"x": x, "x2": {"field": "x2"}}}


def _rule_layer(x: dict) -> dict:
    return {"data": {"name": "now"}, "mark": {"type": "rule", "color": HIGHLIGHT, "strokeWidth": 2, "clip": True},
            "encoding": {"x": x}}


def _bounds_layer(x: dict) -> dict:
    """Two invisible rules at the focus row's ends: its scale spans its data, so these set what it shows."""
    return {"data": {"name": "focus_bounds"}, "mark": {"type": "rule", "opacity": 0}, "encoding": {"x": x}}


def _deaths_row(x: dict, deaths: list[dict], height: int, lang: str) -> dict:
    """The dead and missing per month on the top row's scale, under it: a sober bar per month (its height in proportion,
    from zero), the window shaded and the date's rule as on the other rows, and what it counts written at its start."""
    top = max(row["y"] for row in deaths)
    bars = {"data": {"name": "deaths"},
            "mark": {"type": "rect", "color": INK_MUTED, "opacity": 0.8, "clip": True},
            "encoding": {"x": x, "x2": {"field": "x2"},
                         "y": {"field": "y", "type": "quantitative", "axis": None,
                               "scale": {"domain": [0, top], "nice": False, "zero": True}},
                         "y2": {"datum": 0}, "tooltip": {"field": "t"}, "description": {"field": "t"}}}
    label = {"data": {"values": [{}]},
             "mark": {"type": "text", "text": t("strip.deaths_label", lang), "align": "left", "baseline": "top",
                      "x": 2, "y": 1, "fontSize": 10, "color": INK_MUTED}}
    return {"height": height, "layer": [_window_layer(x, "overview_window"), bars, label, _rule_layer(x)]}


def _now(line: StripLine, at: date) -> dict:
    step = line.at(at)
    return {"x": _iso(at), "y": step and step["y"], "f": step and step["f"]}


def strip_spec(strip: Strip, line: StripLine, at: date, window: tuple[date, date], span: tuple[date, date],
               lang: str, *, deaths: list[dict] | None = None, overview_height: int = 30, focus_height: int = 40,
               deaths_height: int = 22) -> dict:
    """The strip at ``at``: ``window`` (its shading) and ``span`` (the top row's range) are days; ``deaths`` the bars of
    death_months, drawn as a row under the top one when there are any.

    Everything that moves with the date is a named dataset, never the spec: Streamlit sends datasets apart, and when
    only they change (a slider step) the browser updates the drawn strip instead of embedding a new one. So the focus
    row has no fixed domain: its scale spans its data, which holds two invisible bounds.
    """
    focus = focus_range(at, window[0], window[1], span[0], span[1])
    shown = (max(window[0], span[0]), min(window[1], span[1]))
    months = _month_labels(lang)
    top_axis = {"orient": "top", "format": "%Y", "labelFontSize": 10, "tickCount": 12, "grid": False, "domain": False,
                "labelPadding": 1, "ticks": False}
    # A window of a month or two has weekly ticks: they name their day ("8 Nov"), a month's first day only its month.
    focus_axis = {"orient": "bottom", "labelFontSize": 10, "grid": False, "domain": False, "tickCount": 8, "labelPadding": 1,
                  "labelExpr": "(utcdate(datum.value) == 1 ? '' : utcdate(datum.value) + ' ')"
                               f" + {months}[utcmonth(datum.value)]"
                               " + (utcmonth(datum.value) == 0 && utcdate(datum.value) == 1 ? ' ' + utcyear(datum.value) : '')"}
    overview_x = _x(span, top_axis)
    focus_x = {"field": "x", "type": "temporal", "scale": {"type": "utc"}, "axis": focus_axis, "title": None}
    margin = (_ms(focus[1]) - _ms(focus[0])) // 150  # marks at either end are drawn whole
    qualified = line.qualified
    steps = _from(line.between(*focus), focus[0])
    datasets = {
        "overview_events": strip.overview, "focus_events": strip.focus_rows(*focus),
        "overview_line": _held(line.overview, span[1]), "focus_line": _held(steps, focus[1]),
        "overview_points": [row for row in line.overview if row["q"] in QUALIFIER_SHAPES] if qualified else [],
        "focus_points": [row for row in steps if row["q"] in QUALIFIER_SHAPES] if qualified else [],
        "overview_window": [{"x": _iso(shown[0]), "x2": _iso(shown[1])}],
        "focus_window": [{"x": _iso(max(shown[0], focus[0])), "x2": _iso(min(shown[1], focus[1]))}],
        "now": [_now(line, at)],
        "focus_bounds": [{"x": _ms(focus[0]) - margin}, {"x": _ms(focus[1]) + margin}],
    }

    def row(x: dict, part: str, pick: str, height: int, size: int, bounded: bool) -> dict:
        layers = [_window_layer(x, f"{part}_window"), *_line_layers(f"{part}_line", x, f"{part}_points" if qualified else None),
                  _event_layer(f"{part}_events", x, pick, strip.aggregated, size, height, lang), _rule_layer(x)]
        # The qualifiers' shapes and the categories' shapes are two scales: merged, one row's marks took the other's.
        return {"height": height, "layer": [*layers, _now_layer(x), _bounds_layer(x)] if bounded else layers,
                "resolve": {"scale": {"shape": "independent"}}}

    rows = [row(overview_x, "overview", PICKS[0], overview_height, 30, False)]
    if deaths:
        datasets["deaths"] = deaths
        rows.append(_deaths_row(_x(span, None), deaths, deaths_height, lang))
    return {
        "datasets": datasets,
        "vconcat": [*rows, row(focus_x, "focus", PICKS[1], focus_height, 70, True)],
        "spacing": 2,
        "config": {"view": {"stroke": RULE}, "axis": {"labelColor": INK_MUTED}, "locale": vega_locale(lang)},
        "autosize": {"type": "fit-x", "contains": "padding"},
    }
