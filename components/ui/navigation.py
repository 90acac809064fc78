"""The app's pages, as st.navigation and st.page_link take them. The check page's modules (the validator's runs, the
diff, the uploads) are imported when a maintainer opens it, never by a viewer's first map."""

from __future__ import annotations

import streamlit as st

from calais_atlas.model.i18n import t

CHECK_PATH = "check"


def _check() -> None:
    from calais_atlas.ui import check_page

    check_page.render()


def check_page(lang: str) -> st.Page:
    """The check page (a page's identity is its url path)."""
    return st.Page(_check, title=t("check.title", lang), url_path=CHECK_PATH)
