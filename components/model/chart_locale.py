"""The interface language as Vega sees it: month and day names and the number format, from Babel's CLDR data.

Vega formats axis dates and numbers with d3's locale (en-US unless told otherwise), so a French page would read
"January" and "6,000". A Vega-Lite spec carries its own in ``config.locale`` (``{"number": ..., "time": ...}``, the
forms of d3-format's formatLocale and d3-time-format's timeFormatLocale), which Vega applies to that chart alone.
"""

from __future__ import annotations

import copy
from functools import cache

from babel.dates import get_day_names, get_month_names, get_period_names
from babel.numbers import get_decimal_symbol, get_group_symbol

_SUNDAY_FIRST = (6, 0, 1, 2, 3, 4, 5)  # Babel numbers days from Monday (0); d3 lists them from Sunday


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
