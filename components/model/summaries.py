"""The words a site's state is shown with: the label's figure and date lines, the figure lines of its popup.

Plain text from site_summary (the page, the CSV export and the map labels escape it where they show it);
date_html and figure_lines return HTML with every CSV string already escaped.
"""

from __future__ import annotations

from calais_atlas.model.context import MapContext
from calais_atlas.model.escaping import html_text
from calais_atlas.model.formatting import date_is_uncertain, format_date, format_figure
from calais_atlas.model.i18n import t
from calais_atlas.model.timeline import SiteState


def date_html(text: str, lang: str) -> str:
    shown = html_text(format_date(text, lang))
    return f"{shown} <i>(≈)</i>" if date_is_uncertain(text) else shown


def figure_lines(state: SiteState, ctx: MapContext) -> list[str]:
    lines = []
    for figure in state.figures + state.others:
        amount = format_figure(figure["count"], figure["qualifier"], figure.get("count_max"), ctx.lang)
        what = t(f"what.{figure['what']}", ctx.lang)
        when = date_html(figure["date"], ctx.lang)
        lines.append(f"{html_text(amount)} {html_text(what)} · {when} · {ctx.source_line(figure['source_id'])}")
    return lines


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
