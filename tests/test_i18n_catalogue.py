"""The interface catalogue and the code agree: every key used exists in every language, with the same placeholders
and the plural forms its language needs, and no key is left unused.

The keys used are read from the code with ``ast``: ``t("literal", ...)`` calls, both branches of ``t("a" if x else "b")``,
and keys built from a prefix, ``t(f"category.{c}")`` or ``t("what." + w)``, whose values come from DYNAMIC below:
the schema's enums or the constants the code iterates over.
"""

from __future__ import annotations

import ast
import string
from collections.abc import Iterator
from pathlib import Path

import pytest

from apptest_helpers import run_app
from calais_atlas.data import schema
from calais_atlas.map.symbols import CATEGORY_SYMBOLS
from calais_atlas.model.formatting import format_figure
from calais_atlas.model.i18n import LANGS, MESSAGES, plural_form, plural_forms, t
from calais_atlas.model.link import REASONS
from calais_atlas.model.view_state import BASEMAPS, LAYERS, WINDOW_MODES
from datafolders import MINIMAL

COMPONENTS = Path(__file__).resolve().parent.parent / "components"


def _values(pairs: tuple[tuple[str, str], ...]) -> tuple[str, ...]:
    return tuple(value for value, _ in pairs)


# Every key built at run time: its prefix, and every value the code can complete it with.
DYNAMIC: dict[str, tuple[str, ...]] = {
    "category.": _values(schema.EVENT_CATEGORIES),  # events.category (legend and markers iterate CATEGORY_SYMBOLS)
    "what.": _values(schema.POPULATION_WHAT),  # population.what
    # population.qualifier; format_figure writes an "exact" figure bare, without a message (test_every_qualifier_formats).
    "qualifier.": tuple(value for value in _values(schema.QUALIFIERS) if value != "exact"),
    "location.": _values(schema.PRECISION),  # places.location_precision
    "wording.": _values(schema.QUALIFIERS),  # the population chart's legend (population_chart.QUALIFIER_SHAPES)
    "layer.": LAYERS,  # the sidebar's layer checkboxes
    "basemap.": BASEMAPS,  # the basemap radio
    "window.": WINDOW_MODES,  # the window radio
    "url.": REASONS,  # why a part of a link was ignored (view_state.Ignored)
}


def _placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


def _forms(key: str, lang: str) -> dict[str, str]:
    """A message's texts by plural form; a message without plural forms has one, under ""."""
    text = MESSAGES[key][lang]
    return text if isinstance(text, dict) else {"": text}


def _is_plural(key: str) -> bool:
    return isinstance(MESSAGES[key]["en"], dict)


def _keys_of(node: ast.expr, where: str) -> Iterator[tuple[str, bool]]:
    """(key, False) for a literal key, (prefix, True) for a key built from a prefix."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value, False
    elif isinstance(node, ast.IfExp):
        yield from _keys_of(node.body, where)
        yield from _keys_of(node.orelse, where)
    elif (isinstance(node, ast.JoinedStr) and len(node.values) == 2 and isinstance(node.values[0], ast.Constant)
          and isinstance(node.values[1], ast.FormattedValue)):
        yield node.values[0].value, True
    elif (isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add) and isinstance(node.left, ast.Constant)
          and isinstance(node.left.value, str)):
        yield node.left.value, True
    else:
        pytest.fail(f"{where}: t({ast.unparse(node)}, ...) is neither a literal key nor a prefix and a value; "
                    "write the key out, or add its prefix to DYNAMIC")


def _calls() -> list[tuple[str, ast.Call]]:
    calls = []
    for path in sorted(COMPONENTS.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == "calais_atlas.model.i18n":
                renamed = [alias.name for alias in node.names if alias.asname]
                assert not renamed, f"{path}: import t under its own name, so this test finds the calls ({renamed})"
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "t":
                calls.append((f"{path.relative_to(COMPONENTS.parent)}:{node.lineno}", node))
    return calls


CALLS = _calls()


def _used() -> tuple[set[str], set[str]]:
    """(keys used, prefixes used)."""
    literal, prefixes = set(), set()
    for where, call in CALLS:
        for key, dynamic in _keys_of(call.args[0], where):
            (prefixes if dynamic else literal).add(key)
    return literal, prefixes


def test_the_scan_finds_the_calls() -> None:
    """A guard on the guard: the ast scan sees the calls it must see."""
    literal, prefixes = _used()
    assert len(CALLS) > 100
    assert {"app.title", "check.current_problems", "photos", "ui.play", "ui.pause", "page.map"} <= literal
    assert {"category.", "what.", "qualifier."} <= prefixes


def test_every_key_built_at_run_time_is_declared() -> None:
    """A new t(f"prefix.{x}") needs its values in DYNAMIC, and a prefix no code builds any more leaves it."""
    _, prefixes = _used()
    assert prefixes == set(DYNAMIC)


def test_every_key_used_exists() -> None:
    literal, _ = _used()
    dynamic = {prefix + value for prefix, values in DYNAMIC.items() for value in values}
    missing = sorted((literal | dynamic) - set(MESSAGES))
    assert not missing, f"used but not in the catalogue: {missing}"


def test_no_key_is_unused() -> None:
    literal, _ = _used()
    dynamic = {prefix + value for prefix, values in DYNAMIC.items() for value in values}
    unused = sorted(set(MESSAGES) - literal - dynamic)
    assert not unused, f"in the catalogue but used nowhere: {unused}"


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_message_is_in_every_language_with_the_same_placeholders(key: str) -> None:
    entry = MESSAGES[key]
    assert set(entry) == set(LANGS), f"{key}: languages {sorted(entry)}, expected {list(LANGS)}"
    plural = _is_plural(key)
    expected = _placeholders(_forms(key, "en")["other" if plural else ""]) - {"count"}
    for lang in LANGS:
        assert isinstance(entry[lang], dict) == plural, f"{key}: plural forms in some languages only"
        if plural:
            needs = sorted(plural_forms(lang))
            assert set(entry[lang]) == set(needs), f"{key} [{lang}]: forms {sorted(entry[lang])}, CLDR needs {needs}"
        for form, text in _forms(key, lang).items():
            assert text.strip(), f"{key} [{lang}] {form}: empty"
            assert _placeholders(text) - {"count"} == expected, f"{key} [{lang}] {form}: placeholders differ from English"


def test_every_call_passes_what_its_message_needs() -> None:
    """count= exactly for plural messages, and the placeholders by name: a call can't fail on format()."""
    for where, call in CALLS:
        names = {keyword.arg for keyword in call.keywords}
        if None in names:  # t(..., **values): not checkable here
            continue
        for key, dynamic in _keys_of(call.args[0], where):
            for full in [key + value for value in DYNAMIC.get(key, ())] if dynamic else [key]:
                if full not in MESSAGES:
                    continue  # test_every_key_used_exists names it
                plural = _is_plural(full)
                assert ("count" in names) == plural, f"{where}: {full} {'needs' if plural else 'takes no'} count="
                needed = set().union(*(_placeholders(text) for text in _forms(full, "en").values())) - {"count"}
                given = names - {"count"}
                assert given == needed, f"{where}: {full} has placeholders {sorted(needed)}, the call gives {sorted(given)}"


def test_data_keys_cover_every_value_the_code_iterates() -> None:
    """The categories the legend and the markers draw are the schema's; the layers the sidebar lists are the chapters'."""
    assert tuple(CATEGORY_SYMBOLS) == _values(schema.EVENT_CATEGORIES)
    assert tuple(LAYERS) == _values(schema.LAYER_NAMES)
    assert tuple(WINDOW_MODES) == _values(schema.WINDOWS)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("qualifier", _values(schema.QUALIFIERS))
def test_every_qualifier_formats(qualifier: str, lang: str) -> None:
    assert "1" in format_figure(1500, qualifier, lang=lang)


def test_plural_forms_follow_cldr() -> None:
    """English: 0 and 2 are plural; French: 0 and 1 are singular, whole millions take "de"."""
    def problems(n: int, lang: str) -> str:
        return t("check.current_problems", lang, count=n, counts="").split(" in " if lang == "en" else " dans ")[0]

    assert [problems(n, "en") for n in (0, 1, 2)] == ["0 problems", "1 problem", "2 problems"]
    assert [problems(n, "fr") for n in (0, 1, 2)] == ["0 problème", "1 problème", "2 problèmes"]
    assert plural_form(1_000_000, "fr") == "many"
    assert t("photos", "fr", count=1_000_000) == "1\u202f000\u202f000 de légendes photo"
    assert t("photos", "en", count=12_345) == "12,345 photo captions"
    assert t("check.diff_line", "fr", name="events", added=t("check.diff_added", "fr", count=0),
             removed=t("check.diff_removed", "fr", count=1), changed=t("check.diff_changed", "fr", count=2),
             not_valid=t("check.diff_not_valid", "fr", count=3)) == (
        "events.csv : 0 ajoutée, 1 supprimée, 2 modifiées, 3 non valides")


def test_an_unknown_key_is_an_error_not_the_key() -> None:
    with pytest.raises(KeyError, match="category.kayak"):
        t("category.kayak", "en")
    with pytest.raises(KeyError, match="'de'"):
        t("app.title", "de")


def test_count_is_required_for_plurals_and_refused_otherwise() -> None:
    with pytest.raises(TypeError, match="pass count="):
        t("photos", "en")
    with pytest.raises(TypeError, match="no plural forms"):
        t("app.title", "en", count=2)


def _page_titles(app) -> dict[str, str]:
    # AppTest keeps what st.navigation registered (no public accessor): page name by url path ("" is the default page).
    return {info["url_pathname"]: info["page_name"] for info in app._registered_pages.values()}


def test_page_titles_follow_the_language(monkeypatch) -> None:
    """?lang=fr titles the pages in French; switching the language re-titles them; the url paths stay."""
    app = run_app(monkeypatch, MINIMAL, {"lang": "fr"})
    assert _page_titles(app) == {"": "Carte", "check": "Vérifier vos données"}
    app.radio(key="atlas.lang").set_value("en").run()
    assert _page_titles(app) == {"": "Map", "check": "Check your data"}
