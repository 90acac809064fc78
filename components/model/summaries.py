"""The words a site's state is shown with: the label's figure and date lines, the figure lines of its popup.

All plain text, unescaped: the page, the CSV export and the map (map/popups.py) escape it where they show it.
"""

from __future__ import annotations

from dataclasses import dataclass

from calais_atlas.model.context import Citation, MapContext
from calais_atlas.model.formatting import date_is_uncertain, format_date, format_figure
from calais_atlas.model.i18n import t
from calais_atlas.model.timeline import SiteState


@dataclass(frozen=True)
class ShownDate:
    """A CSV date in words, and whether the CSV marks it uncertain (shown with "≈")."""

    text: str
    uncertain: bool


def shown_date(text: str, lang: str) -> ShownDate:
    return ShownDate(format_date(text, lang), date_is_uncertain(text))


@dataclass(frozen=True)
class FigureLine:
    """One figure of a site's popup: "4,000" "residents", when, and the source it comes from."""

    amount: str
    what: str
    date: ShownDate
    source: Citation


def figure_lines(state: SiteState, ctx: MapContext) -> list[FigureLine]:
    """Every figure known for a site at its date, head counts first, each with its date and source."""
    return [
        FigureLine(format_figure(figure["count"], figure["qualifier"], figure.get("count_max"), ctx.lang),
                   t(f"what.{figure['what']}", ctx.lang), shown_date(figure["date"], ctx.lang), ctx.cited(figure["source_id"]))
        for figure in state.figures + state.others
    ]


def figure_text(state: SiteState, lang: str) -> str:
    """The figure a site shows at a date, in words: its map label, the text view, the CSV export and the strip."""
    if state.status == "closed":
        return t("status.closed", lang, date=format_date(state.changed_on.split("/")[-1], lang))
    if state.status == "not-yet":
        return t("status.not_yet", lang, date=format_date(state.changed_on.split("/")[0], lang))
    if state.status == "no-figure":
        if not state.others:
            return t("status.no_figure", lang)
        other = state.others[0]
        amount = format_figure(other["count"], other["qualifier"], other.get("count_max"), lang)
        return f"{amount} {t('what.' + other['what'], lang)}"
    first = state.figures[0]
    what = t(f"what.{first['what']}", lang)
    if state.disagree:
        return f"{format_figure(state.low, 'exact', state.high, lang)} {what} ({t('status.disagree', lang)})"
    return f"{format_figure(first['count'], first['qualifier'], first.get('count_max'), lang)} {what}"


def site_summary(state: SiteState, ctx: MapContext) -> tuple[str, str]:
    """(figure text, date and source text) for the permanent label."""
    lang = ctx.lang
    figure = figure_text(state, lang)
    if state.status in ("closed", "not-yet") or (state.status == "no-figure" and not state.others):
        return figure, ""
    if state.status == "no-figure":
        other = state.others[0]
        return figure, f"{format_date(other['date'], lang)} · {ctx.source_short(other['source_id'])}"
    first = state.figures[0]
    if state.disagree:
        sources = ", ".join(dict.fromkeys(ctx.source_short(f["source_id"]) for f in state.figures))
        return figure, f"{format_date(first['date'], lang)} · {sources}"
    return figure, f"{format_date(first['date'], lang)} · {ctx.source_short(first['source_id'])}"
