"""Untrusted text from the CSVs, made safe for each place it is shown."""

from __future__ import annotations

import html
import re
import unicodedata
from urllib.parse import urlsplit

from calais_atlas.data.messages import Message

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:])")


def html_text(value: object, limit: int | None = None) -> str:
    """Text for HTML that folium places inside JS template literals: escapes <>&\"' and also ` $ \\."""
    text = "" if value is None else str(value)
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "…"
    return html.escape(text, quote=True).replace("`", "&#96;").replace("$", "&#36;").replace("\\", "&#92;")


def markdown_text(value: object, limit: int | None = None) -> str:
    """Text for st.markdown: every markdown and HTML control character is backslash-escaped."""
    text = "" if value is None else str(value)
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "…"
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("\n", "  \n")


def literal(value: object, limit: int | None = 120) -> str:
    """Text for st.markdown, st.info, st.warning... shown exactly as it is: an inline code span.

    Backslash escapes are not enough there: Streamlit's markdown (remark-gfm) turns www. and http:// in the text into
    links after the escapes are read, so an escaped URL is still a link. Nothing inside a code span is read as
    markdown, HTML, a link, an image or a formula. Control characters (a line break would end the span) are shown as
    a space, and the fence is longer than any run of backticks inside.
    """
    text = "" if value is None else str(value)
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "…"
    text = "".join(" " if unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp") else char for char in text)
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    return f"{fence} {text} {fence}"  # one space each side is dropped by the reader: a leading backtick stays text


def message_markdown(message: Message, lang: str) -> str:
    """A Message for st.warning and friends: every text value it names (a file, a zip member) shown as a literal.

    The catalogue's own words are ours; the values come from uploads and links. Nested messages and sizes keep
    writing themselves in ``lang``."""
    values = tuple((name, literal(value) if isinstance(value, str) else value) for name, value in message.values)
    return Message(message.key, values, message.count).text(lang)


def safe_url(value: object) -> str | None:
    """The URL if it is http(s) with a host, else None: javascript: and data: are never links."""
    text = "" if value is None else str(value).strip()
    parts = urlsplit(text)
    if parts.scheme.lower() in ("http", "https") and parts.netloc and not any(c in text for c in '"<> \n'):
        return text
    return None
