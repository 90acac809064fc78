"""A problem found in the data, located the way a spreadsheet user would look for it.

It holds a Message, not a text, so the loader's results are the same in every language; ``text(lang)`` writes it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from calais_atlas.data.messages import Message, Number, msg

# Problems listed per file, column and kind; the rest are counted in one "... and N more like this". A maintainer fixes
# the first hundred and checks again; a list of 250,000 costs the server a gigabyte and nobody reads it.
PROBLEMS_PER_KIND = 100


@dataclass(frozen=True)
class Problem:
    file: str
    what: Message
    line: int | None = None  # spreadsheet row: the header is line 1
    column: str | None = None
    value: str | None = None

    @property
    def count(self) -> int:
        """How many problems this one stands for: a summary ("... and 249,000 more like this") for its count."""
        return (self.what.count or 1) if self.what.key == "problems.more" else 1

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


@dataclass
class ProblemLog:
    """The problems of one file, at most ``limit`` of each (column, kind), with the count of the others.

    ``kind`` is the message's key unless the caller groups otherwise (all bad references of a column are one kind).
    A caller about to build many messages asks ``room`` first, and tells ``skip`` the lines it did not build.
    """

    limit: int = PROBLEMS_PER_KIND
    listed: list[Problem] = field(default_factory=list)
    _counts: dict[tuple[str, str | None, str], int] = field(default_factory=dict)
    _more: dict[tuple[str, str | None, str], tuple[int, int | None]] = field(default_factory=dict)

    def room(self, file: str, column: str | None, kind: str) -> int:
        return max(self.limit - self._counts.get((file, column, kind), 0), 0)

    def add(self, problem: Problem, kind: str | None = None) -> None:
        key = (problem.file, problem.column, kind or problem.what.key)
        if self._counts.get(key, 0) < self.limit:
            self._counts[key] = self._counts.get(key, 0) + 1
            self.listed.append(problem)
        else:
            self.skip(problem.file, problem.column, key[2], count=1, first=problem.line)

    def extend(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            self.add(problem)

    def skip(self, file: str, column: str | None, kind: str, *, count: int, first: int | None) -> None:
        """Count ``count`` problems not listed, the first of them on line ``first``."""
        key = (file, column, kind)
        counted, earliest = self._more.get(key, (0, None))
        if first is not None and (earliest is None or first < earliest):
            earliest = first
        self._more[key] = (counted + count, earliest)

    def problems(self) -> list[Problem]:
        """The listed problems, then one summary per (column, kind) that had more, at the first line not listed."""
        summaries = [Problem(file, msg("problems.more", amount=Number(count), count=count), line=first, column=column)
                     for (file, column, _), (count, first) in self._more.items()]
        return self.listed + summaries
