"""A printed map of one view, as inline SVG markup: the live map's basemap and marker items (map/layers.py), on paper.

No browser draws it: the view's frame (map/framing.py) becomes a Web Mercator viewport (map/projection.py), the
basemap is clipped to it (map/print_basemap.py), each marker item is drawn where Leaflet would put it, with the same
symbols, and the names are placed as the live map places them (map/print_labels.py), the place in focus first.
Every text is escaped here; the markup carries no script and no link.
"""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass

from calais_atlas.map.basemap import LAYERS
from calais_atlas.map.legend import DETAIL_ZOOM, MINOR_ZOOM
from calais_atlas.map.print_basemap import basemap_paths
from calais_atlas.map.print_labels import LINE_HEIGHT, PAD_X, PAD_Y, Box, Label, Line, Placed, place_labels
from calais_atlas.map.projection import Viewport, centred, fitted, panned_inside
from calais_atlas.map.step import SYMBOLS
from calais_atlas.model import palette
from calais_atlas.model.context import MapContext
from calais_atlas.model.death_texts import credit_text
from calais_atlas.model.formatting import format_count
from calais_atlas.model.i18n import t
from calais_atlas.model.summaries import site_summary
from calais_atlas.model.timeline import SiteState

WIDTH, HEIGHT = 640, 400  # px of the live map at the view's zoom; the page scales the SVG to its width
MARGIN_PX = 40  # live-map.js: fitted bounds and the place in focus stay this far inside the edges
FONT = "system-ui,-apple-system,'Segoe UI',sans-serif"
LABEL_PX, CONTEXT_PX, COUNT_PX, CREDIT_PX = 12, 11, 10, 8
SCALE_TARGET_PX = 100
LABEL_REACH_PX = 250  # the farthest a label, an icon or its count reaches from its place: a point farther out is not drawn
_PLACE = re.compile(r"\batlas-place-(\S+)")
_COUNT = re.compile(r'class="atlas-(?:count|group)">(\d+)<')
_SIZE = re.compile(r'width="(\d+)"')
_SYMBOL_NAMES = {markup: name for name, markup in SYMBOLS.items()}


@dataclass(frozen=True)
class Drawing:
    prefix: str  # of the ids of this map's symbols: ids are the page's, and a handout holds several maps
    markup: list[str]
    markers: list[Box]
    labels: list[Label]
    symbols: set[str]  # SYMBOLS drawn, defined once each


def viewport(frame: dict, width: int = WIDTH, height: int = HEIGHT) -> Viewport:
    """Where the live map would look for ``frame``: its bounds fitted, or its centre and zoom; then the focus inside."""
    focus = frame.get("focus")
    if "bounds" in frame:
        # Paper is narrower than most screens: fit the focus too, rather than pan the frame's far side out of sight.
        corners = [*frame["bounds"], *([focus] if focus else [])]
        bounds = [[min(lat for lat, _ in corners), min(lon for _, lon in corners)],
                  [max(lat for lat, _ in corners), max(lon for _, lon in corners)]]
        view = fitted(bounds, width, height, MARGIN_PX, frame.get("maxZoom", MINOR_ZOOM))
    else:
        view = centred(*frame["center"], frame["zoom"], width, height)
    return panned_inside(view, *focus, MARGIN_PX) if focus else view


def _n(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _attrs(**attributes) -> str:
    """Attributes with underscores as dashes (class_ is class); values are the program's own (numbers, palette colours,
    dash patterns), never data."""
    return " ".join(f'{name.rstrip("_").replace("_", "-")}="{_n(value) if isinstance(value, float) else value}"'
                    for name, value in attributes.items() if value is not None)


def _classes(item: dict) -> list[str]:
    return (item.get("icon") or item.get("options") or {}).get("className", "").split()


def _hidden_at(classes: list[str], zoom: int) -> bool:
    """legend.py's zoom rules: minor places' and details' labels appear only when the map is close enough."""
    return ("atlas-minor" in classes and zoom < MINOR_ZOOM) or ("atlas-detail" in classes and zoom < DETAIL_ZOOM)


def _circle(item: dict, view: Viewport, x: float, y: float) -> str:
    options = item["options"]
    radius = options["radius"] / view.metres_per_px(item["lat"]) if item["type"] == "ring" else options["radius"]
    fill = options.get("fillColor", options.get("color")) if options.get("fill", True) else "none"
    classes = _classes(item)
    return "<circle " + _attrs(
        class_="map-ring" if "atlas-highlight" in classes else None, cx=float(x), cy=float(y), r=float(radius),
        fill=fill, fill_opacity=options.get("fillOpacity") if fill != "none" else None, stroke=options.get("color"),
        stroke_width=options.get("weight"), stroke_dasharray=options.get("dashArray")) + "/>"


def _badge(count: int, left: float, top: float) -> str:
    width = 8 + 6 * len(str(count))
    return (f'<rect {_attrs(x=float(left + 13), y=float(top - 7), width=width, height=14, rx=7, fill=palette.INK)}/>'
            f'<text {_attrs(x=float(left + 13 + width / 2), y=float(top + 3.5), fill=palette.PAPER, font_size=COUNT_PX)}'
            f' font-weight="bold" text-anchor="middle">{count}</text>')


def _symbol(icon: dict, left: float, top: float, drawing: Drawing) -> str:
    """The icon's symbol (map/symbols.py, as the live map draws it), used from the map's definitions, and its count."""
    markup = icon["html"]
    end = markup.find("</svg>") + len("</svg>") if markup.startswith("<svg") else 0
    name = _SYMBOL_NAMES.get(markup[:end], "")
    count = _COUNT.search(markup[end:])
    out = ""
    if name:
        drawing.symbols.add(name)
        size = _SIZE.search(markup).group(1)
        out = f'<use href="#{drawing.prefix}{_symbol_id(name)}" {_attrs(x=float(left), y=float(top), width=size, height=size)}/>'
    return out + (_badge(int(count.group(1)), left, top) if count and int(count.group(1)) > 1 else "")


def _symbol_id(name: str) -> str:
    return name.replace("~", "-dashed")


def _definitions(drawing: Drawing) -> str:
    symbols = []
    for name in sorted(drawing.symbols):
        markup = SYMBOLS[name]
        inner = markup[markup.index(">") + 1:-len("</svg>")]
        symbols.append(f'<symbol id="{drawing.prefix}{_symbol_id(name)}" viewBox="0 0 20 20">{inner}</symbol>')
    return f"<defs>{''.join(symbols)}</defs>" if symbols else ""


def _group(icon: dict, x: float, y: float) -> str:
    count = _COUNT.search(icon["html"])
    return (f'<circle {_attrs(cx=float(x), cy=float(y), r=11, fill=palette.GROUP, stroke=palette.PAPER, stroke_width=2)}/>'
            f'<text {_attrs(x=float(x), y=float(y + 3.5), fill=palette.PAPER, font_size=COUNT_PX)} font-weight="bold" '
            f'text-anchor="middle">{int(count.group(1)) if count else ""}</text>')


def _place_id(classes: list[str]) -> str:
    match = _PLACE.search(" ".join(classes))
    return match.group(1) if match else ""


def _label(item: dict, classes: list[str], x: float, y: float, ctx: MapContext, states: dict[str, SiteState]) -> Label:
    place_id = _place_id(classes)
    focus = "atlas-focus" in classes
    name = Line(ctx.place_name(place_id), bold=True)
    if "atlas-context" in classes:
        return Label((name if focus else Line(name.text, muted=True),), x, y, CONTEXT_PX, beside=True, focus=focus,
                     boxed=focus)
    lines = [name]
    if "atlas-site-label" in classes and place_id in states:
        figure, detail = site_summary(states[place_id], ctx)
        lines += [Line(figure, bold=focus)] + ([Line(detail, muted=True)] if detail else [])
    return Label(tuple(lines), x, y, LABEL_PX, focus=focus, gap=-item["icon"]["iconAnchor"][1])


def _icon(item: dict, classes: list[str], x: float, y: float, drawing: Drawing, ctx: MapContext,
          states: dict[str, SiteState]) -> None:
    icon = item["icon"]
    (width, height), (anchor_x, anchor_y) = icon["iconSize"], icon["iconAnchor"]
    left, top = x - anchor_x, y - anchor_y
    if "atlas-event-grouped" in classes:
        drawing.markup.append(_group(icon, x, y))
        drawing.markers.append((x - 12, y - 12, x + 12, y + 12))
    elif "atlas-event" in classes or "atlas-caption" in classes:
        drawing.markup.append(_symbol(icon, left, top, drawing))
        drawing.markers.append((left, top, left + width, top + height))
    elif "atlas-context" in classes:
        drawing.markup.append(f'<rect {_attrs(x=float(x - 4.5), y=float(y - 4.5), width=9, height=9, fill=palette.CONTEXT_MARK)}'
                              f' {_attrs(stroke=palette.PAPER, stroke_width=1)}/>')
        drawing.labels.append(_label(item, classes, x, y, ctx, states))
    elif "atlas-site-label" in classes or "atlas-focus-label" in classes:
        drawing.labels.append(_label(item, classes, x, y, ctx, states))


def _reach(item: dict, view: Viewport) -> float:
    """How far from its place an item draws: a circle's radius, or an icon's, its label's or its badge's extent."""
    options = item.get("options") or {}
    if item["type"] == "ring":
        return options["radius"] / view.metres_per_px(item["lat"])
    return options.get("radius", 0) + LABEL_REACH_PX


def _near(view: Viewport, x: float, y: float, reach: float) -> bool:
    return -reach < x < view.width + reach and -reach < y < view.height + reach


def _draw_items(items: dict[str, list[dict]], view: Viewport, ctx: MapContext, states: dict[str, SiteState],
                prefix: str) -> Drawing:
    drawing = Drawing(prefix, [], [], [], set())
    zoom = math.floor(view.zoom + 1e-9)
    for layer in items.values():
        for item in layer:
            classes = _classes(item)
            if _hidden_at(classes, zoom):
                continue
            x, y = view.xy(item["lat"], item["lon"])
            if not _near(view, x, y, _reach(item, view)):
                continue
            if item["type"] in ("circle", "ring"):
                drawing.markup.append(_circle(item, view, x, y))
                if "atlas-site" in classes:
                    radius = item["options"]["radius"]
                    drawing.markers.append((x - radius, y - radius, x + radius, y + radius))
            else:
                _icon(item, classes, x, y, drawing, ctx, states)
    return drawing


def _text_lines(placed: Placed) -> str:
    label, (left, top, right, _) = placed.label, placed.box
    step = label.size * LINE_HEIGHT
    x, anchor = ((left + PAD_X, "start") if label.beside else ((left + right) / 2, "middle"))
    halo = "" if label.boxed else f' {_attrs(stroke=palette.PAPER, stroke_width=3)} paint-order="stroke"'
    spans = []
    for index, line in enumerate(label.lines):
        colour = palette.INK_MUTED if line.muted else palette.INK
        weight = ' font-weight="bold"' if line.bold else ""
        y = top + PAD_Y + index * step + (step + label.size * 0.7) / 2
        spans.append(f'<text {_attrs(x=float(x), y=float(y), fill=colour, font_size=label.size)} text-anchor="{anchor}"'
                     f'{weight}{halo}>{html.escape(line.text)}</text>')
    return "".join(spans)


def _label_markup(placed: Placed) -> str:
    label, (left, top, right, bottom) = placed.label, placed.box
    backdrop = ""
    if label.boxed:
        edge = _attrs(stroke=palette.HIGHLIGHT, stroke_width=2) if label.focus else \
            _attrs(stroke=palette.SHADOW, stroke_opacity=0.15, stroke_width=1)
        backdrop = (f'<rect {_attrs(x=float(left), y=float(top), width=float(right - left), height=float(bottom - top))}'
                    f' rx="3" {_attrs(fill=palette.PAPER, fill_opacity=palette.LABEL_OPACITY)} {edge}/>')
    group_class = ' class="map-focus"' if label.focus else ""
    return f"<g{group_class}>{backdrop}{_text_lines(placed)}</g>"


def _scale_bar(view: Viewport, lang: str) -> str:
    """A bar of a round length (1, 2 or 5 times a power of ten) near SCALE_TARGET_PX long, bottom left."""
    metres_per_px = view.metres_per_px(view.latitude(view.height / 2))
    wanted = SCALE_TARGET_PX * metres_per_px
    power = 10 ** math.floor(math.log10(wanted))
    metres = max((step * power for step in (1, 2, 5) if step * power <= wanted), default=power)
    length = metres / metres_per_px
    words = f"{format_count(metres // 1000, lang)} km" if metres >= 1000 else f"{format_count(metres, lang)} m"
    left, y = 10.0, float(view.height - 12)
    return (f'<rect {_attrs(x=left - 4, y=y - 16, width=float(length + 8), height=22.0, fill=palette.PAPER)} '
            f'{_attrs(fill_opacity=palette.LABEL_OPACITY)}/>'
            f'<path d="M{_n(left)} {_n(y - 4)}v4h{_n(length)}v-4" fill="none" {_attrs(stroke=palette.INK, stroke_width=1.5)}/>'
            f'<text {_attrs(x=float(left + length / 2), y=float(y - 5), fill=palette.INK, font_size=CREDIT_PX + 2)} '
            f'text-anchor="middle">{html.escape(words)}</text>')


def _credit(view: Viewport, lang: str, deaths: bool = False) -> str:
    """The live map's credit line, as text (escaped below, for SVG): the basemap's, and above it the IOM's in full
    when the map draws its incidents (paper has no link to unfold)."""
    texts = [t("credit.basemap", lang)]
    if deaths:
        texts.insert(0, t("death.credit", lang, credit=credit_text(lang)))
    right, out = float(view.width), []
    for index, text in enumerate(reversed(texts)):
        width, bottom = len(text) * CREDIT_PX * 0.5 + 6, float(view.height - 12 * index)
        out.append(f'<rect {_attrs(x=right - width, y=bottom - 12, width=float(width), height=12.0, fill=palette.PAPER)} '
                   f'{_attrs(fill_opacity=palette.LABEL_OPACITY)}/>'
                   f'<text {_attrs(x=right - 3, y=bottom - 3, fill=palette.INK_MUTED, font_size=CREDIT_PX)} '
                   f'text-anchor="end">{html.escape(text)}</text>')
    return "".join(out)


def _basemap(view: Viewport) -> str:
    out = [f'<rect {_attrs(width=view.width, height=view.height, fill=palette.PRINT_SEA)}/>']
    line_width = next(style["weight"] for _, style in LAYERS if style.get("fill") is False)
    for data, fill in basemap_paths(view):
        paint = _attrs(fill=palette.LAND, fill_rule="evenodd") if fill else \
            _attrs(fill="none", stroke=palette.BORDER, stroke_width=line_width, stroke_linejoin="round")
        out.append(f'<path d="{data}" {paint}/>')
    return "".join(out)


def print_map_svg(items: dict[str, list[dict]], frame: dict, ctx: MapContext, states: dict[str, SiteState],
                  label: str, prefix: str = "map-") -> str:
    """The view ``frame`` of the live map's ``items`` as an SVG element; ``label`` (plain text) names it for a reader;
    ``prefix`` starts its ids, unique to the map on its page."""
    view = viewport(frame)
    drawing = _draw_items(items, view, ctx, states, prefix)
    placed = place_labels(drawing.labels, drawing.markers, view.width, view.height)
    placed.sort(key=lambda done: done.label.focus)  # the focus name last: drawn over everything
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {view.width} {view.height}" role="img" '
        f'aria-label="{html.escape(label)}" font-family="{FONT}" class="print-map">'
        + _definitions(drawing) + _basemap(view) + "".join(drawing.markup) + "".join(map(_label_markup, placed))
        + _scale_bar(view, ctx.lang) + _credit(view, ctx.lang, bool(items.get("deaths")))
        + f'<rect {_attrs(width=view.width, height=view.height, fill="none", stroke=palette.BORDER)}/></svg>'
    )
