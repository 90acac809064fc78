"""A problem found in the data, located the way a spreadsheet user would look for it.

It holds a Message, not a text, so the loader's results are the same in every language; ``text(lang)`` writes it.
"""

from __future__ import annotations

from dataclasses import dataclass

from components.data.messages import Message, msg


@dataclass(frozen=True)
class Problem:
    file: str
    what: Message
    line: int | None = None  # spreadsheet row: the header is line 1
    column: str | None = None
    value: str | None = None

    @property
    def message(self) -> str:
        """What is wrong, in English (the reference the defect corpus checks)."""
        return self.what.text("en")

    def detail(self, lang: str = "en") -> str:
        """What is wrong, in ``lang``."""
        return self.what.text(lang)

    def text(self, lang: str = "en") -> str:
        """One line: ``file:line: column: "value" what is wrong``, in ``lang``."""
        location = self.file if self.line is None else f"{self.file}:{self.line}"
        detail = self.what if self.value is None else msg("problem.value", value=_shorten(self.value), message=self.what)
        if self.column:
            detail = msg("problem.column", column=self.column, detail=detail)
        return f"{location}: {detail.text(lang)}"

    def __str__(self) -> str:
        return self.text("en")

    def as_dict(self, lang: str = "en") -> dict[str, object]:
        return {"file": self.file, "line": self.line, "column": self.column, "value": self.value,
                "message": self.detail(lang)}


def _shorten(value: str, limit: int = 80) -> str:
    flat = value.replace("\n", "\\n")
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
