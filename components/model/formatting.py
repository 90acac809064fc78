"""Dates, numbers and figures as a reader sees them, in English or French, at their true precision."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from babel.dates import format_date as _babel_date
from babel.numbers import format_decimal

from calais_atlas.data import dates
from calais_atlas.model.i18n import t

_PATTERN = {"day": "d MMM y", "month": "MMM y", "year": "y"}


def _part(day: date, precision: str, lang: str) -> str:
    return _babel_date(day, _PATTERN[precision], locale=lang)


def _precision_of(text: str) -> str:
    return dates.parse(text).precision


@lru_cache(maxsize=16384)
def format_date(text: str, lang: str = "en") -> str:
    """'2015' → '2015'; '2015-11' → 'Nov 2015'; '2015-09/2015-11' → 'Sep – Nov 2015'; never an invented day."""
    if not text:
        return ""
    parsed = dates.parse_or_none(text)
    if parsed is None:
        return text
    if not parsed.is_interval:
        return _part(parsed.start, parsed.precision, lang)
    first, _, second = text.partition("/")
    first_precision = _precision_of(first)
    start = _part(parsed.start, first_precision, lang)
    if parsed.open_end:
        return t("since", lang, date=start)
    second_precision = _precision_of(second)
    end = _part(parsed.end, second_precision, lang)
    if first_precision == second_precision == "month" and parsed.start.year == parsed.end.year:
        start = _babel_date(parsed.start, "MMM", locale=lang)
    return f"{start} – {end}"


def format_day(day: date, lang: str = "en") -> str:
    return _part(day, "day", lang)


@lru_cache(maxsize=16384)
def date_is_uncertain(text: str) -> bool:
    """True when the date is not a single known day: a month, a year or a span."""
    parsed = dates.parse_or_none(text)
    return parsed is None or parsed.precision != "day"


@lru_cache(maxsize=65536)
def format_count(number: int, lang: str = "en") -> str:
    return format_decimal(int(number), locale=lang)


@lru_cache(maxsize=65536)
def format_figure(count: int, qualifier: str, count_max: int | None = None, lang: str = "en") -> str:
    """'over 6,000', 'about 5,000', '1,500–2,000', 'planned: 1,500'."""
    amount = format_count(count, lang)
    if count_max is not None and count_max != count:
        amount = f"{amount}–{format_count(count_max, lang)}"
    if qualifier == "exact":
        return amount
    return t(f"qualifier.{qualifier}", lang, amount=amount)


def cut_text(value: object, limit: int, lang: str) -> str:
    """A long text for a table cell on screen, plain: whole up to ``limit`` characters, else its start, an ellipsis and
    its full length ("(text cut: 1,204 characters in all)"); escaped where it is shown, like any text."""
    text = "" if value is None else str(value)
    if len(text) <= limit:
        return text
    return f"{text[: limit - 1]}… {t('text.cut', lang, count=len(text))}"
