"""How a run ends: a GeocodeError when it cannot go on, else a GeocodeReport place by place."""

from __future__ import annotations

from dataclasses import dataclass, field


class GeocodeError(Exception):
    """A problem that stops the whole run; ``str(error)`` is meant for the user as is."""


@dataclass
class GeocodeReport:
    found: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    flagged: list[tuple[str, str]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    written: bool = False
    dry_run: bool = False
    file_name: str = "places.csv"

    def ok(self) -> bool:
        return not self.failed and not self.flagged

    def summary(self) -> str:
        counts = (
            f"{len(self.found)} found, {len(self.unchanged)} unchanged, "
            f"{len(self.flagged)} flagged, {len(self.failed)} failed"
        )
        if self.dry_run:
            outcome = f"dry run, {self.file_name} not changed"
        elif self.written:
            outcome = f"{self.file_name} updated"
        else:
            outcome = f"{self.file_name} not changed"
        return f"{counts} — {outcome}"
