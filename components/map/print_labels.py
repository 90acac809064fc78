"""Where a printed map's names go: the live map's label placing (static/atlas/live-map.js, declutter), on paper.

Markers are placed first; then the name of the place in focus, which is never hidden and never covered; then each
site's label, moved down below its place if it must be; then the context names, right of their mark or else left.
A label that would cover a marker or another label, or that the map's edge would cut, is left out: on paper a cut
name cannot be panned into view. Text widths are estimated from the font size: paper
has no layout engine to ask, and the estimate is on the wide side, so a kept label never covers its neighbour.
"""

from __future__ import annotations

from dataclasses import dataclass

LINE_HEIGHT = 1.3
PAD_X, PAD_Y = 5, 2
CHAR_EM = {False: 0.56, True: 0.62}  # average width of a character, in ems, regular and bold sans-serif
SHIFT_STEP, SHIFT_MAX, FOCUS_SHIFT_MAX = 6, 36, 96  # live-map.js
MARK_GAP = 12 + 12  # a context name starts 12 px right of its mark; placed left, it ends as far from it

Box = tuple[float, float, float, float]  # left, top, right, bottom


@dataclass(frozen=True)
class Line:
    text: str
    bold: bool = False
    muted: bool = False


@dataclass(frozen=True)
class Label:
    """A label's lines, and its default box: centred under (x, y) for a site, or right of a context mark at (x, y)."""

    lines: tuple[Line, ...]
    x: float
    y: float
    size: float  # font size, px
    beside: bool = False  # a context name, beside its mark (else below its place)
    focus: bool = False
    boxed: bool = True  # on a white backdrop (site labels) or with a halo only (context names)
    gap: float = 0  # below-labels: from the place to the label's top

    @property
    def width(self) -> float:
        return max(len(line.text) * self.size * CHAR_EM[line.bold] for line in self.lines) + 2 * PAD_X

    @property
    def height(self) -> float:
        return len(self.lines) * self.size * LINE_HEIGHT + 2 * PAD_Y

    def box(self, dx: float = 0, dy: float = 0) -> Box:
        if self.beside:
            left, top = self.x + 7 - PAD_X, self.y - self.height / 2
        else:
            left, top = self.x - self.width / 2, self.y + self.gap
        return left + dx, top + dy, left + dx + self.width, top + dy + self.height


@dataclass(frozen=True)
class Placed:
    label: Label
    box: Box


def overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _inside(box: Box, frame: Box) -> bool:
    return box[0] >= frame[0] and box[2] <= frame[2] and box[1] >= frame[1] and box[3] <= frame[3]


def _offsets(label: Label, frame: Box) -> list[tuple[float, float]]:
    if label.beside:
        return [(0, 0), (-(label.width + MARK_GAP - 2 * PAD_X), 0)]
    if not label.focus:
        return [(0, dy) for dy in range(0, SHIFT_MAX + 1, SHIFT_STEP)]
    left, top, right, bottom = label.box()
    dx = max(frame[0] - left, min(0, frame[2] - right))  # sideways as far as the edges need
    below = [(dx, dy) for dy in range(0, FOCUS_SHIFT_MAX + 1, SHIFT_STEP)]
    above = 2 * label.y - top - bottom  # the same box mirrored above the place
    return below + [(dx, above - dy) for dy in range(0, FOCUS_SHIFT_MAX + 1, SHIFT_STEP)]


def _place(label: Label, placed: list[Box], frame: Box) -> Box | None:
    offsets = _offsets(label, frame)
    for dx, dy in offsets:
        box = label.box(dx, dy)
        if any(overlaps(box, other) for other in placed):
            continue
        if _inside(box, frame):
            return box
    if not label.focus:
        return None
    whole = [label.box(dx, dy) for dx, dy in offsets if _inside(label.box(dx, dy), frame)]
    return whole[0] if whole else label.box(*offsets[0])


def place_labels(labels: list[Label], markers: list[Box], width: float, height: float) -> list[Placed]:
    """The labels kept, where they go: focus names first, then the others in the order given."""
    frame = (0, 0, width, height)
    taken = list(markers)
    kept = []
    for label in sorted(labels, key=lambda label: not label.focus):  # stable: the given order within each group
        box = _place(label, taken, frame)
        if box is not None:
            taken.append(box)
            kept.append(Placed(label, box))
    return kept
