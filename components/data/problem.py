"""A problem found in the data, located the way a spreadsheet user would look for it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    file: str
    message: str
    line: int | None = None  # spreadsheet row: the header is line 1
    column: str | None = None
    value: str | None = None

    def __str__(self) -> str:
        location = self.file if self.line is None else f"{self.file}:{self.line}"
        parts = [location]
        if self.column:
            parts.append(self.column)
        detail = self.message if self.value is None else f'"{_shorten(self.value)}" {self.message}'
        parts.append(detail)
        return ": ".join(parts)

    def as_dict(self) -> dict[str, object]:
        return {"file": self.file, "line": self.line, "column": self.column, "value": self.value, "message": self.message}


def _shorten(value: str, limit: int = 80) -> str:
    flat = value.replace("\n", "\\n")
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
