"""Untrusted text from the CSVs, made safe for each place it is shown."""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

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


def safe_url(value: object) -> str | None:
    """The URL if it is http(s) with a host, else None: javascript: and data: are never links."""
    text = "" if value is None else str(value).strip()
    parts = urlsplit(text)
    if parts.scheme.lower() in ("http", "https") and parts.netloc and not any(c in text for c in '"<> \n'):
        return text
    return None
