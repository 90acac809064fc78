"""The event categories' shapes, as SVG paths in a 20×20 box: the map's symbols (map/symbols.py), the legend and the
timeline strip (model/strip.py) draw the same ones, so a category is recognised by its shape as well as its colour.
"""

from __future__ import annotations

import re

SHAPES = {
    "square": "M4 4H16V16H4Z",
    "cross": "M5 2L10 7L15 2L18 5L13 10L18 15L15 18L10 13L5 18L2 15L7 10L2 5Z",
    "triangle": "M10 2L18.5 17H1.5Z",
    "triangle-down": "M1.5 3H18.5L10 18Z",
    "diamond": "M10 1L19 10L10 19L1 10Z",
    "pentagon": "M10 1.5L18.5 7.7L15.3 17.8H4.7L1.5 7.7Z",
    "dagger": "M8 1H12V6H17V10H12V19H8V10H3V6H8Z",
    "plus": "M7 2H13V7H18V13H13V18H7V13H2V7H7Z",
    "circle": "M10 2.5A7.5 7.5 0 1 1 9.99 2.5Z",
}

CATEGORY_SHAPES = {
    "camp": "square",
    "demolition": "cross",
    "clash": "triangle",
    "protest": "triangle-down",
    "politics": "diamond",
    "policy": "pentagon",
    "death": "dagger",
    "humanitarian": "plus",
    "daily-life": "circle",
}

_COMMAND = re.compile(r"([MLHVAZ])([^MLHVAZ]*)")


def _unit(value: float) -> str:
    return f"{(value - 10) / 10:.3g}"


def unit_path(path: str) -> str:
    """``path`` moved from the 20×20 box to Vega's symbol box, [-1, 1] around the origin (M, L, H, V, A and Z only)."""
    parts = []
    for command, body in _COMMAND.findall(path):
        numbers = [float(n) for n in body.replace(",", " ").split()]
        if command in "ML":
            coords = [_unit(n) for n in numbers]
        elif command in "HV":
            coords = [_unit(numbers[0])]
        elif command == "A":  # radii scale, the rotation and flags stay, the end point moves
            rx, ry, rotation, large, sweep, x, y = numbers
            coords = [f"{rx / 10:.3g}", f"{ry / 10:.3g}", f"{rotation:g}", f"{large:g}", f"{sweep:g}", _unit(x), _unit(y)]
        else:
            coords = []
        parts.append(command + " ".join(coords))
    return "".join(parts)
