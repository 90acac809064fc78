"""The interface language as Vega sees it: month and day names and the number format, from Babel's CLDR data.

Vega formats axis dates and numbers with d3's locale (en-US unless told otherwise), so a French page would read
"January" and "6,000". A Vega-Lite spec carries its own in ``config.locale`` (``{"number": ..., "time": ...}``, the
forms of d3-format's formatLocale and d3-time-format's timeFormatLocale), which Vega applies to that chart alone.
"""

from __future__ import annotations

import copy
import re
from functools import cache

from babel import Locale
from babel.dates import get_day_names, get_month_names, get_period_names
from babel.numbers import get_decimal_symbol, get_group_symbol

_SUNDAY_FIRST = (6, 0, 1, 2, 3, 4, 5)  # Babel numbers days from Monday (0); d3 lists them from Sunday
_CLDR_TO_D3 = {"d": "%-d", "dd": "%d", "MMM": "%b", "LLL": "%b", "MMMM": "%B", "LLLL": "%B", "y": "%Y", "yyyy": "%Y"}
_FIELD = re.compile(r"'[^']*'|([dMLy])\1*")


def _months(width: str, lang: str) -> list[str]:
    names = get_month_names(width, context="format", locale=lang)
    return [names[month] for month in range(1, 13)]


def _days(width: str, lang: str) -> list[str]:
    names = get_day_names(width, context="format", locale=lang)
    return [names[day] for day in _SUNDAY_FIRST]


def vega_locale(lang: str) -> dict:
    """``config.locale`` for a chart in ``lang``: "janv.", "janvier" and 6 000 (a narrow no-break space) in French.
    A copy: a spec is the caller's to change."""
    return copy.deepcopy(_locale(lang))


@cache
def _locale(lang: str) -> dict:
    periods = get_period_names(locale=lang)
    return {
        "number": {"decimal": get_decimal_symbol(lang), "thousands": get_group_symbol(lang), "grouping": [3],
                   "currency": ["", ""]},
        "time": {
            # Only %c, %x and %X use these, and no chart of the atlas does: day-first numbers, read alike in both.
            "dateTime": "%x %X", "date": "%d/%m/%Y", "time": "%H:%M:%S",
            "periods": [periods.get("am", "AM"), periods.get("pm", "PM")],
            "days": _days("wide", lang), "shortDays": _days("abbreviated", lang),
            "months": _months("wide", lang), "shortMonths": _months("abbreviated", lang),
        },
    }


def _d3_pattern(cldr: str) -> str:
    """A CLDR date pattern of day, month and year fields ("d MMM") as a d3 time format ("%-d %b")."""
    def field(match: re.Match) -> str:
        text = match.group(0)
        return text[1:-1].replace("%", "%%") if text.startswith("'") else _CLDR_TO_D3[text]
    return _FIELD.sub(field, cldr)


@cache
def _date_axis(lang: str) -> dict:
    day = _d3_pattern(Locale.parse(lang).datetime_skeletons["MMMd"].pattern)  # "19 janv." in French, "Jan 19" in English
    return {"year": "%Y", "quarter": "%B", "month": "%B", "week": day, "date": day}


def date_axis_format(lang: str) -> dict:
    """A date axis's labels in ``lang``: Vega's multi-format object (one form per tick interval), the day and month in
    the language's order ("19 janv.", not d3's "janv. 19"); months and years as Vega writes them, from the locale."""
    return dict(_date_axis(lang))
