"""The app's pages and the guard that keeps tracebacks away from viewers."""

from __future__ import annotations

import logging

import streamlit as st

from calais_atlas.model.i18n import t
from calais_atlas.ui import atlas_page, state
from calais_atlas.ui.navigation import check_page
from calais_atlas.ui.page_scripts import page_script

log = logging.getLogger("calais_atlas")


def run() -> None:
    # Titled in the viewer's language; the url paths stay English so links work in both.
    lang = state.lang()
    pages = [
        st.Page(atlas_page.render, title=t("page.map", lang), url_path="map", default=True),
        check_page(lang),
    ]
    page = st.navigation(pages)
    try:
        page.run()
    except Exception:  # noqa: BLE001 - the page must stay usable; the traceback goes to the server log
        log.exception("page failed")
        st.error("Something went wrong while drawing this page. The data were not changed. Reload the page; "
                 "if this persists, run `make validate` and check the server log.")
    page_script(state.lang())  # the atlas page may have changed the language
