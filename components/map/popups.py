"""The HTML inside the markers: permanent labels, tooltips and popups. No geometry here (that is layers.py).

Every string from the CSVs goes through html_text before it reaches Leaflet.
"""

from __future__ import annotations

from calais_atlas.model.context import Citation, MapContext
from calais_atlas.model.death_texts import (
    DEATHS_CREDIT_URL,
    count_text,
    credit_text,
    links,
    quality_text,
    text_of,
    total_text,
)
from calais_atlas.model.escaping import html_text
from calais_atlas.model.i18n import t
from calais_atlas.model.summaries import FigureLine, ShownDate, figure_lines, shown_date
from calais_atlas.model.timeline import SiteState

MAX_LISTED = 12  # events or captions listed in one popup; the rest are counted
TOOLTIP_LISTED = 4  # events or captions quoted in a marker's tooltip: it covers the map; the popup has the rest
GROUP_LATEST = 3  # latest events quoted in a grouped place's popup
GROUP_CATEGORIES = 5  # categories named in a grouped place's breakdown


def shown_date_html(date: ShownDate) -> str:
    """A date in words, "(≈)" after it when the CSV marks it uncertain."""
    return f"{html_text(date.text)} <i>(≈)</i>" if date.uncertain else html_text(date.text)


def date_html(text: str, lang: str) -> str:
    """A CSV date, as shown_date_html shows it."""
    return shown_date_html(shown_date(text, lang))


def source_html(source: Citation) -> str:
    """The citation, linked when its address is http(s) (Citation.url is None otherwise)."""
    label = html_text(source.text)
    return _link(source.url, label) if source.url else label


def figure_line_html(line: FigureLine) -> str:
    """One figure of a site's popup: "4,000 residents · 12 May 2016 · <the source, linked>"."""
    return f"{html_text(line.amount)} {html_text(line.what)} · {shown_date_html(line.date)} · {source_html(line.source)}"


def label_html(name: str, figure: str, detail: str) -> str:
    body = f"<b>{html_text(name)}</b><br>{html_text(figure)}"
    if detail:
        body += f"<br><span>{html_text(detail)}</span>"
    return f'<div class="atlas-label">{body}</div>'


def focus_name_html(name: str) -> str:
    """The name of the place a view is about, when no other label names it."""
    return f'<div class="atlas-label atlas-focus-name"><b>{html_text(name)}</b></div>'


def place_tooltip(ctx: MapContext, place_id: str, extra: list[str]) -> str:
    precision = t("location." + ctx.places[place_id]["location_precision"], ctx.lang)
    lines = [f"<b>{html_text(ctx.place_name(place_id))}</b>", *extra, f"<i>{html_text(precision)}</i>"]
    return "<br>".join(lines)


def _figure_is_first_line(state: SiteState) -> bool:
    """Whether the site's figure (summaries.figure_text) is how its first sourced line begins: a single count, or the
    first capacity of a site with no head count. A range of sources that disagree, or a status, is not."""
    return (state.status == "counted" and not state.disagree) or (state.status == "no-figure" and bool(state.others))


def site_text(ctx: MapContext, place_id: str, state: SiteState, figure: str, detail: str) -> dict:
    """The tooltip (figure and its date) and the popup (every figure with its source, the description) of a site.

    The popup says the figure once: "4,000 residents" heads it only when no sourced line begins with it already."""
    lines = [figure_line_html(line) for line in figure_lines(state, ctx)]
    if not _figure_is_first_line(state):
        lines.insert(0, html_text(figure))
    description = ctx.place_description(place_id)
    short = [html_text(figure)] + ([html_text(detail)] if detail else [])
    return {"tooltip": place_tooltip(ctx, place_id, short), "sticky": True,
            "popup": place_tooltip(ctx, place_id, lines + ([html_text(description, 400)] if description else []))}


def event_line(row: dict, ctx: MapContext) -> str:
    source = html_text(ctx.source_short(row["source_id"]))
    colon = t("colon", ctx.lang)
    return f"{date_html(row['date'], ctx.lang)}{colon}{html_text(ctx.text(row, 'title'), 160)} <i>({source})</i>"


def event_popup(rows: list[dict], ctx: MapContext) -> str:
    parts = []
    for row in rows[:MAX_LISTED]:
        block = [f"<b>{html_text(ctx.text(row, 'title'), 200)}</b>", date_html(row["date"], ctx.lang)]
        if row.get("date_note"):
            block.append(f"<i>{html_text(row['date_note'], 300)}</i>")
        description = ctx.text(row, "description")
        if description:
            block.append(html_text(description, 600))
        if row.get("quote"):
            block.append(f"<q>{html_text(row['quote'], 400)}</q>")
        if row.get("quote_en"):
            block.append(f"<i>{html_text(row['quote_en'], 400)}</i>")
        block.append(f"{t('source', ctx.lang)}{t('colon', ctx.lang)}{source_html(ctx.cited(row['source_id']))}")
        parts.append("<br>".join(block))
    if len(rows) > MAX_LISTED:
        parts.append(html_text(f"+ {len(rows) - MAX_LISTED} …"))
    return '<div class="atlas-popup">' + "<hr>".join(parts) + "</div>"


def event_text(ctx: MapContext, place_id: str, category: str, records: list[dict]) -> dict:
    """Tooltip and popup of one place-and-category marker: several events there are listed."""
    label = t(f"category.{category}", ctx.lang)
    count = f" ×{len(records)}" if len(records) > 1 else ""
    head = f"<b>{html_text(label)}{count}</b> · {html_text(ctx.place_name(place_id))}"
    lines = [event_line(row, ctx) for row in records[:TOOLTIP_LISTED]] + _more(len(records), ctx.lang)
    return {"tooltip": "<br>".join([head, *lines]), "popup": event_popup(records, ctx)}


def _more(count: int, lang: str) -> list[str]:
    return [f"<i>{html_text(t('tooltip.more', lang, count=count - TOOLTIP_LISTED))}</i>"] if count > TOOLTIP_LISTED else []


def place_group_text(ctx: MapContext, place_id: str, records: list[dict]) -> dict:
    """Tooltip and popup of a place whose events are grouped: the count, the breakdown, the latest few."""
    counts: dict[str, int] = {}
    for row in records:
        counts[row["category"]] = counts.get(row["category"], 0) + 1
    largest = sorted(counts.items(), key=lambda kv: -kv[1])[:GROUP_CATEGORIES]
    breakdown = ", ".join(f"{n} × {html_text(t('category.' + c, ctx.lang))}" for c, n in largest)
    head = f"<b>{len(records)}</b> · {html_text(ctx.place_name(place_id))}<br>{breakdown}"
    latest = sorted(records, key=lambda row: row["date_start"], reverse=True)[:GROUP_LATEST]
    lines = "<br>".join(event_line(row, ctx) for row in latest)  # compact: descriptions would weigh ~1 kB a place
    return {"tooltip": head, "popup": f'<div class="atlas-popup">{head}<hr>{lines}</div>'}


def caption_text(ctx: MapContext, place_id: str, records: list[dict]) -> dict:
    """Tooltip (the first captions, cut short) and popup (captions with their credits) of a camera marker."""
    count = t("photos", ctx.lang, count=len(records))
    head = f"<b>{html_text(count)}</b> · {html_text(ctx.place_name(place_id))}"
    colon = t("colon", ctx.lang)
    lines = [f"{date_html(row['date'], ctx.lang)}{colon}{html_text(row['text'], 110)}" for row in records[:TOOLTIP_LISTED]]
    lines += _more(len(records), ctx.lang)
    popup = "<hr>".join(
        f"{date_html(row['date'], ctx.lang)}<br>{html_text(row['text'], 500)}<br><i>{html_text(row['credit'])}</i>"
        for row in records[:MAX_LISTED]
    )
    return {"tooltip": "<br>".join([head, *lines]), "popup": f'<div class="atlas-popup">{popup}</div>'}


def context_html(ctx: MapContext, place_id: str) -> str:
    name = html_text(ctx.place_name(place_id))
    return f'<div class="atlas-context-mark"></div><div class="atlas-context-name">{name}</div>'


def context_tooltip(ctx: MapContext, place_id: str, compact: bool) -> str:
    description = ctx.place_description(place_id)
    extra = [html_text(description, 400)] if description and not compact else []
    return place_tooltip(ctx, place_id, extra)


def _link(url: str, label: str) -> str:
    """A link out of the map; ``url`` is safe_url's (http(s) only), ``label`` already escaped."""
    return f'<a href="{html_text(url)}" target="_blank" rel="noopener noreferrer">{label}</a>'


def death_credit_html(lang: str) -> str:
    """The IOM data's credit (model/deaths.py), linked to the Missing Migrants Project."""
    return html_text(t("death.credit", lang, credit="{credit}")).replace(
        "{credit}", _link(DEATHS_CREDIT_URL, html_text(credit_text(lang))))


def _labelled(label: str, value: str, lang: str) -> str:
    """'Label: value'; ``value`` is HTML already escaped."""
    return f"{html_text(label)}{t('colon', lang)}{value}"


def death_text(row: dict, lang: str) -> dict:
    """Tooltip (how many, when, where) and popup (everything IOM says of the incident, with the credit) of an IOM
    incident. Every text of the row is IOM's or the maintainers': escaped here."""
    total, where = html_text(total_text(row, lang)), html_text(text_of(row, "location"), 200)
    approximate = row.get("location_precision") == "approximate"
    precision = [f"<i>{html_text(t('death.approximate', lang))}</i>"] if approximate else []
    head = f"<b>{total}</b> · {date_html(text_of(row, 'date'), lang)}"
    counts = " · ".join(_labelled(label, html_text(count_text(row.get(column), lang)), lang) for label, column in (
        (t("death.dead", lang), "dead"), (t("death.missing", lang), "missing"), (t("death.survivors", lang), "survivors")))
    lines = [head, _labelled(t("death.place", lang), html_text(text_of(row, "location"), 400), lang), *precision, counts]
    if text_of(row, "cause"):
        lines.append(_labelled(t("death.cause", lang), html_text(text_of(row, "cause"), 300), lang))
    if text_of(row, "sources"):
        lines.append(_labelled(t("death.sources", lang), html_text(text_of(row, "sources"), 500), lang))
    found = links(row)
    if found:
        lines.append(_labelled(t("death.links", lang), ", ".join(_link(url, html_text(url, 60)) for url in found), lang))
    if quality_text(row):
        lines.append(_labelled(t("death.quality", lang), html_text(quality_text(row)), lang))
    if text_of(row, "note"):
        lines.append(_labelled(t("death.note", lang), html_text(text_of(row, "note"), 400), lang))
    lines += [_labelled(t("death.id", lang), html_text(text_of(row, "iom_id")), lang),
              f"<small>{death_credit_html(lang)}</small>"]
    return {"tooltip": "<br>".join([head, where, *precision]),
            "popup": '<div class="atlas-popup atlas-death-popup">' + "<br>".join(lines) + "</div>"}
