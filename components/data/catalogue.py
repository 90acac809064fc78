"""The one mechanism behind every text the atlas shows in a language: a catalogue of messages by key and language,
with Babel's CLDR plural forms. The interface's texts (components/model/i18n.py) and the maintainers' messages
(components/data/messages.py) are two catalogues of this kind; both layers can use it because it lives here, in the
lowest one.

A message that counts something has its plural forms instead of one text: ``{"one": ..., "other": ...}`` for
English and ``{"one": ..., "many": ..., "other": ...}`` for French, the categories of each language's CLDR rule
(French "one" covers 0 and 1; "many" is for whole millions: "1 000 000 de lignes").
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

from babel import Locale
from babel.numbers import format_decimal

LANGS = ("en", "fr")

Text = str | dict[str, str]  # one text, or its plural forms by CLDR category


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(lang)


def plural_forms(lang: str) -> frozenset[str]:
    """The CLDR plural categories ``lang`` distinguishes: {'one', 'other'} for English, {'one', 'many', 'other'} for French."""
    return _locale(lang).plural_form.tags | {"other"}


def plural_form(count: int, lang: str) -> str:
    """'one', 'many' or 'other' for ``count`` in ``lang``, by CLDR rules: French says "0 problème", English "0 problems"."""
    return _locale(lang).plural_form(count)


def lookup(messages: Mapping[str, Mapping[str, Text]], what: str, home: str, key: str, lang: str,
           count: int | None, values: dict[str, object]) -> str:
    """The message for ``key`` in ``lang`` from ``messages``, its placeholders filled from ``values``.

    A message with plural forms needs ``count``: it picks the form and fills ``{count}``, written as a number of
    ``lang`` ("1,500" in English, "1 500" in French). ``count`` for a message without plural forms is a TypeError.
    An unknown key, or a language a message lacks, is a KeyError naming ``what`` and the ``home`` module to add it to:
    a missing text must fail loudly, not show its key to a reader.
    """
    try:
        text = messages[key][lang]
    except KeyError:
        raise KeyError(f"no {what} {key!r} in {lang!r}: add it to {home} in every language") from None
    if isinstance(text, dict):
        if count is None:
            raise TypeError(f"{what} {key!r} has plural forms: pass count=")
        text = text[plural_form(count, lang)]
        values["count"] = format_decimal(count, locale=lang)
    elif count is not None:
        raise TypeError(f"{what} {key!r} has no plural forms: count= is only for messages that have them")
    return text.format(**values)
