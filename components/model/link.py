"""The view in and out of a link (the query string): pure, so any link whatsoever can be tried in milliseconds.

Reading never raises. Each part of a link is parsed on its own: a bad part is named in the notice, with the reason,
and falls back to its default, while the rest of the link still applies.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from calais_atlas.model.filters import CATEGORIES, in_legend_order
from calais_atlas.model.i18n import LANGS
from calais_atlas.model.view_state import (
    BASEMAPS,
    LAYERS,
    MAX_MONTHS,
    VIEW_NAMES,
    WINDOW_MODES,
    AtlasState,
    Limits,
    chapter_state,
)

QUERY_FIELDS = ("date", "window", "months", "layers", "site", "caption", "view", "basemap", "lang", "chapter", "present",
                "categories")
NO_LAYERS = "none"  # an empty value would read back as "every layer"
# A value longer than any real one is an accident or an attack: it is dropped, and shown cut short in the notice.
MAX_VALUE_CHARS = 200
SHOWN_VALUE_CHARS = 40
# Streamlit's own parameters (embedding options) are not ours to judge.
FOREIGN_PARAMS = frozenset({"embed", "embed_options"})
REASONS = ("unknown", "invalid", "outside", "missing", "repeated", "too_long", "no_chapter")
# A lesson link sets everything but these: they are the viewer's, not the chapter's (a chapter has no category filter).
VIEWER_FIELDS = ("lang", "basemap", "present", "categories")

Params = Mapping[str, str | Sequence[str]] | Iterable[tuple[str, str]]


@dataclass(frozen=True)
class Ignored:
    """One part of a link that was not applied: its name, the value as given (cut short) and why."""

    name: str
    value: str
    reason: str  # one of REASONS


class _Refused(Exception):
    def __init__(self, reason: str = "invalid"):
        super().__init__(reason)
        self.reason = reason


def _shown(value: str) -> str:
    return value if len(value) <= SHOWN_VALUE_CHARS else value[: SHOWN_VALUE_CHARS - 1] + "…"


def _whole(text: str, low: int, high: int) -> int:
    if text.isascii() and text.isdigit() and low <= int(text) <= high:
        return int(text)
    raise _Refused


def _date(text: str, limits: Limits) -> date:
    try:
        day = date.fromisoformat(text) if len(text) == 10 else None
    except ValueError:
        day = None
    if day is None:
        raise _Refused
    if not limits.first <= day <= limits.last:
        raise _Refused("outside")
    return day


def _one_of(allowed: tuple[str, ...]) -> Callable[[str, Limits], str]:
    def parse(text: str, limits: Limits) -> str:
        if text not in allowed:
            raise _Refused
        return text

    return parse


def _site(text: str, limits: Limits) -> str:
    if text not in limits.place_ids:
        raise _Refused("missing")
    return text


def _chapter(text: str, limits: Limits) -> int:
    try:
        number = _whole(text, 1, max(limits.chapters, default=0))
    except _Refused:
        raise _Refused("missing") from None
    if number not in limits.chapters:
        raise _Refused("missing")
    return number


def _present(text: str, limits: Limits) -> bool:
    return _one_of(("0", "1"))(text, limits) == "1"


# Layers and the caption are read apart: a layer list is kept in part, and a caption depends on the site.
PARSERS: dict[str, Callable[[str, Limits], object]] = {
    "date": _date,
    "window": _one_of(WINDOW_MODES),
    "months": lambda text, limits: _whole(text, 0, MAX_MONTHS),
    "site": _site,
    "view": _one_of(VIEW_NAMES),
    "basemap": _one_of(BASEMAPS),
    "lang": _one_of(LANGS),
    "chapter": _chapter,
    "present": _present,
}


def _values(params: Params) -> dict[str, list[str]]:
    pairs = params.items() if isinstance(params, Mapping) else params
    values: dict[str, list[str]] = {}
    for name, value in pairs:
        given = [value] if isinstance(value, str) else list(value)
        values.setdefault(str(name), []).extend(str(v) for v in given)
    return values


def _usable_parts(params: Params, ignored: list[Ignored]) -> dict[str, str]:
    """One value per known name: unknown names, repeats and absurd lengths are noted and left out."""
    taken = {}
    for name, values in _values(params).items():
        if name in FOREIGN_PARAMS:
            continue
        if name not in QUERY_FIELDS:
            ignored.append(Ignored(_shown(name), _shown(values[0]), "unknown"))
        elif len(values[0]) > MAX_VALUE_CHARS:
            ignored.append(Ignored(name, _shown(values[0]), "too_long"))
        else:
            taken[name] = values[0]
        if name in QUERY_FIELDS and len(values) > 1:
            ignored.append(Ignored(name, _shown(values[-1]), "repeated"))  # the first one is used
    return taken


def _layers(text: str, ignored: list[Ignored]) -> tuple[str, ...] | None:
    """The layers named, in their order; None (the default stays) when the link names none it knows."""
    if text == NO_LAYERS:
        return ()
    parts = [part.strip() for part in text.split(",") if part.strip()]
    ignored.extend(Ignored("layers", _shown(part), "invalid") for part in parts if part not in LAYERS)
    return tuple(layer for layer in LAYERS if layer in parts) or None


def _categories(text: str, ignored: list[Ignored]) -> tuple[str, ...]:
    """Known categories in the legend's order; unknown ones are named. Every category, like none, is ()."""
    parts = [part.strip() for part in text.split(",") if part.strip()]
    ignored.extend(Ignored("categories", _shown(part), "invalid") for part in parts if part not in CATEGORIES)
    return in_legend_order(parts)


def _caption(text: str, changes: dict, limits: Limits, ignored: list[Ignored]) -> None:
    place = limits.caption_places.get(text)
    if place is None:
        ignored.append(Ignored("caption", _shown(text), "missing"))
    elif changes.get("site", place) != place:
        ignored.append(Ignored("caption", _shown(text), "invalid"))  # a caption belongs to one place; the link named another
    else:
        changes["caption"], changes["site"] = text, place


def from_query(params: Params, limits: Limits) -> tuple[AtlasState, list[Ignored]]:
    """The view a link asks for, and what in it was ignored.

    A chapter in the link opens the chapter as written in the lesson, unless the link also sets the date (a link
    copied mid-lesson, after the slider moved): then the link's own fields win and the chapter is only remembered.
    A link naming a site opens centred on it, unless it names another view. Presenting needs a chapter: without one
    the presentation is ignored (and named), since nothing would be left on screen to end it.
    """
    ignored: list[Ignored] = []
    taken = _usable_parts(params, ignored)
    changes: dict[str, object] = {}
    for name, parse in PARSERS.items():
        if name in taken:
            try:
                changes[name] = parse(taken[name], limits)
            except _Refused as refused:
                ignored.append(Ignored(name, _shown(taken[name]), refused.reason))
    if "layers" in taken and (layers := _layers(taken["layers"], ignored)) is not None:
        changes["layers"] = layers
    if "categories" in taken:
        changes["categories"] = _categories(taken["categories"], ignored)
    if "caption" in taken:
        _caption(taken["caption"], changes, limits, ignored)

    state = limits.default()
    if "chapter" in changes and "date" not in changes:
        state = chapter_state(state, limits.chapters[changes["chapter"]], limits)
        changes = {name: value for name, value in changes.items() if name in VIEWER_FIELDS}
    elif "site" in changes:
        changes.setdefault("view", "site")
    if changes.get("view", state.view) == "site" and not changes.get("site", state.site):
        if "view" in taken:
            ignored.append(Ignored("view", _shown(taken["view"]), "missing"))
        changes["view"] = "coast"
    if changes.get("present") and not changes.get("chapter", state.chapter):
        # Presenting hides the sidebar and the header: only a lesson's panel has the way back (its toggle and Leave).
        ignored.append(Ignored("present", _shown(taken["present"]), "no_chapter"))
        changes["present"] = False
    return replace(state, **changes), ignored


def to_query(state: AtlasState) -> dict[str, str]:
    """The link for ``state``: the date always, so a reload never jumps; every other field where it is not the default.

    The default view follows the site, as from_query reads it.
    """
    query = {"date": state.date.isoformat()}
    default = AtlasState(date=state.date)
    for name in QUERY_FIELDS[1:]:
        value = getattr(state, name)
        usual = ("site" if state.site else "coast") if name == "view" else getattr(default, name)
        if value == usual:
            continue
        if name == "layers":
            query[name] = ",".join(value) if value else NO_LAYERS
        elif name == "categories":
            query[name] = ",".join(value)
        elif name == "present":
            query[name] = "1"
        else:
            query[name] = str(value)
    return query
