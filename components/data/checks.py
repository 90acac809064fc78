"""Checks for one cell, by column type. Each returns the cleaned value, or raises CellError saying what to write."""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Callable
from urllib.parse import urlsplit

from calais_atlas.data import dates
from calais_atlas.data.messages import Message, msg
from calais_atlas.data.schema import ID_PATTERN, IOM_ID_PATTERN, LAYER_NAMES, Column

_ID = re.compile(ID_PATTERN)
_IOM_ID = re.compile(IOM_ID_PATTERN)
_IOM_ID_INSIDE = re.compile(r"\d{4}\.?\s*MMP\s*\d+", re.IGNORECASE)
_SCORES = re.compile(r"[1-5]( [1-5])*")
_SCORES_RUN_TOGETHER = re.compile(r"[1-5]{2,5}")
_LINK_SEPARATORS = re.compile(r"\s*[,;]\s*(?=[Hh][Tt][Tt][Pp])|\s{2,}")
# What people write for "unknown" in a spreadsheet: in a count, unknown is an empty cell.
_UNKNOWN = frozenset({"na", "n/a", "nan", "unknown", "?", "-", "none", "null"})
_DECIMAL_COMMA = re.compile(r"^-?\d+,\d+$")
_THOUSANDS = re.compile(r"^\d{1,3}(?:[ ,.\u00a0\u202f]\d{3})+$")
_GARBLED = re.compile(r"Ã[\x80-\xbf]|â€|[ÒÓÕ]")


class CellError(ValueError):
    """What is wrong with a value and what to write instead, as a Message (``str()`` is its English text)."""

    def __init__(self, message: Message) -> None:
        super().__init__(message)  # str() writes it in English, only when asked
        self.message = message


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def check_id(value: str, column: Column) -> str:
    if not _ID.match(value):
        example = _slug(value) or "calais-jungle"
        raise CellError(msg("id.invalid", example=example))
    return value


def check_text(value: str, column: Column) -> str:
    return value


def check_integer(value: str, column: Column) -> str:
    if value.lower() in _UNKNOWN:
        raise CellError(msg("integer.unknown"))
    if _THOUSANDS.match(value):
        digits = re.sub(r"\D", "", value)
        raise CellError(msg("integer.thousands", fixed=digits))
    if not re.fullmatch(r"-?\d+", value):
        raise CellError(msg("integer.not_whole"))
    _check_range(int(value), column)
    return value


def check_number(value: str, column: Column) -> str:
    if _DECIMAL_COMMA.match(value):
        raise CellError(msg("number.decimal_comma", fixed=value.replace(",", ".")))
    try:
        number = float(value)
    except ValueError:
        raise CellError(msg("number.not_number")) from None
    if not math.isfinite(number):  # float() reads "nan" and "inf", which no map or sum can use
        raise CellError(msg("number.not_number"))
    _check_range(number, column)
    return value


def _check_range(number: float, column: Column) -> None:
    low, high = column.minimum, column.maximum
    if (low is not None and number < low) or (high is not None and number > high):
        if low is not None and high is not None:
            bounds = msg("range.between", low=f"{low:g}", high=f"{high:g}")
        else:
            bounds = msg("range.at_least", low=f"{low:g}") if low is not None else msg("range.at_most", high=f"{high:g}")
        raise CellError(msg("range.out", column=column.name, bounds=bounds))


def check_date(value: str, column: Column) -> str:
    try:
        dates.parse(value)
    except dates.DateError as err:
        raise CellError(err.message) from None
    return value


def check_enum(value: str, column: Column) -> str:
    if value in column.allowed:
        return value
    lowered = value.lower().replace("_", "-").replace(" ", "-")
    if lowered in column.allowed:
        raise CellError(msg("enum.case", fixed=lowered))
    close = difflib.get_close_matches(lowered, column.allowed, n=1)
    hint = msg("hint.did_you_mean", guess=close[0]) if close else ""
    raise CellError(msg("enum.choose", allowed=", ".join(column.allowed), hint=hint))


def check_url(value: str, column: Column) -> str:
    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise CellError(msg("url.invalid"))
    return value


def check_day(value: str, column: Column) -> str:
    try:
        parsed = dates.parse(value)
    except dates.DateError as err:
        raise CellError(err.message) from None
    if parsed.precision != "day":
        raise CellError(msg("day.not_day"))
    return value


def check_iom_id(value: str, column: Column) -> str:
    if _IOM_ID.match(value):
        return value
    inside = _IOM_ID_INSIDE.search(value)
    fixed = re.sub(r"(\d{4})\.?\s*MMP\s*(\d+)", r"\1.MMP\2", inside.group(), flags=re.IGNORECASE) if inside else ""
    raise CellError(msg("iom_id.invalid", example=fixed or "2021.MMP0189"))


def check_links(value: str, column: Column) -> str:
    if _LINK_SEPARATORS.search(value):
        fixed = " ".join(part for part in _LINK_SEPARATORS.split(value) if part)
        raise CellError(msg("links.separator", fixed=fixed))
    for link in value.split(" "):
        parts = urlsplit(link)
        if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
            raise CellError(msg("links.invalid", link=link))
    return value


def check_scores(value: str, column: Column) -> str:
    if _SCORES.fullmatch(value):
        return value
    if _SCORES_RUN_TOGETHER.fullmatch(value):
        raise CellError(msg("scores.run_together", fixed=" ".join(value)))
    raise CellError(msg("scores.invalid"))


def check_layers(value: str, column: Column) -> str:
    allowed = [name for name, _ in LAYER_NAMES]
    unknown = [part.strip() for part in value.split(",") if part.strip() not in allowed]
    if unknown:
        raise CellError(msg("layers.unknown", unknown=", ".join(unknown), allowed=", ".join(allowed)))
    return value


CHECKS: dict[str, Callable[[str, Column], str]] = {
    "layers": check_layers,
    "id": check_id,
    "ref": check_text,
    "text": check_text,
    "integer": check_integer,
    "number": check_number,
    "date": check_date,
    "interval": check_date,
    "enum": check_enum,
    "url": check_url,
    "day": check_day,
    "iom_id": check_iom_id,
    "links": check_links,
    "scores": check_scores,
}


def looks_garbled(value: str) -> bool:
    """True for text that went through the wrong encoding: 'Ã©' for 'é', 'Ò…Ó' for curly quotes."""
    return bool(_GARBLED.search(value))


def closest(value: str, candidates: list[str]) -> str | None:
    """A likely intended value, for "did you mean". Typos keep their first letters, so only those candidates are compared."""
    if len(candidates) > 500:
        candidates = [c for c in candidates if c[:3] == value[:3]][:2000]
    matches = difflib.get_close_matches(value, candidates, n=1, cutoff=0.75)
    return matches[0] if matches else None
