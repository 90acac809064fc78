"""Dates at the precision the source supports: a year, a month, a day, or an interval.

A figure known only as "2015" covers the whole of 2015; it is never shown as a day.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from calais_atlas.data.messages import Message, MonthName, msg

_PART = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_DAY_FIRST = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_MONTH_FIRST_TEXT = re.compile(r"^(\d{1,2})[/.-](\d{4})$")
OPEN_END = ".."


class DateError(ValueError):
    """A date string that is not ISO 8601 at year, month or day precision; the message says what to write."""

    def __init__(self, message: Message) -> None:
        super().__init__(message)  # str() writes it in English, only when asked
        self.message = message


@dataclass(frozen=True)
class Part:
    start: date
    end: date
    precision: str


@dataclass(frozen=True)
class FuzzyDate:
    text: str
    start: date
    end: date
    precision: str  # year | month | day | interval
    open_end: bool = False

    @property
    def is_interval(self) -> bool:
        return self.precision == "interval"

    def overlaps(self, other: FuzzyDate) -> bool:
        return self.start <= other.end and other.start <= self.end


def _suggest(text: str) -> str | None:
    day_first = _DAY_FIRST.match(text)
    if day_first:
        day, month, year = (int(g) for g in day_first.groups())
        if 1 <= month <= 12 and 1 <= day <= 31:
            return f"{year:04d}-{month:02d}-{day:02d}"
    month_year = _MONTH_FIRST_TEXT.match(text)
    if month_year:
        month, year = (int(g) for g in month_year.groups())
        if 1 <= month <= 12:
            return f"{year:04d}-{month:02d}"
    return None


def _parse_part(text: str) -> Part:
    match = _PART.match(text)
    if not match:
        suggestion = _suggest(text)
        raise DateError(msg("date.write", fixed=suggestion) if suggestion else msg("date.not_iso"))
    year_s, month_s, day_s = match.groups()
    year = int(year_s)
    if month_s is None:
        return Part(date(year, 1, 1), date(year, 12, 31), "year")
    if len(month_s) != 2 or (day_s is not None and len(day_s) != 2):
        padded = f"{year:04d}-{int(month_s):02d}" + (f"-{int(day_s):02d}" if day_s else "")
        raise DateError(msg("date.write", fixed=padded))
    month = int(month_s)
    if not 1 <= month <= 12:
        raise DateError(msg("date.no_month", month=month))
    last_day = calendar.monthrange(year, month)[1]
    if day_s is None:
        return Part(date(year, month, 1), date(year, month, last_day), "month")
    day = int(day_s)
    if not 1 <= day <= last_day:
        raise DateError(msg("date.no_day", month=MonthName(month), year=year, days=last_day))
    return Part(date(year, month, day), date(year, month, day), "day")


@lru_cache(maxsize=65536)
def parse(text: str) -> FuzzyDate:
    """Parse "2015", "2015-11", "2015-11-25", or "start/end" (end may be ".." for open)."""
    text = text.strip()
    if not text:
        raise DateError(msg("date.empty"))
    if "/" in text and not _DAY_FIRST.match(text) and not _MONTH_FIRST_TEXT.match(text):
        first, _, second = text.partition("/")
        start = _parse_part(first.strip())
        if second.strip() == OPEN_END:
            return FuzzyDate(text, start.start, date.max, "interval", open_end=True)
        end = _parse_part(second.strip())
        if end.end < start.start:
            raise DateError(msg("date.backwards", fixed=f"{second.strip()}/{first.strip()}"))
        return FuzzyDate(text, start.start, end.end, "interval")
    part = _parse_part(text)
    return FuzzyDate(text, part.start, part.end, part.precision)


def parse_or_none(text: str) -> FuzzyDate | None:
    try:
        return parse(text)
    except DateError:
        return None
