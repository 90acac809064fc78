"""Downloads: the map as a standalone offline HTML file, the rows shown as CSV, the lesson handout (built on click),
and the data zip (built once per data folder content)."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from calais_atlas.export.datazip import CURATION, ZIP_NAME, data_zip
from calais_atlas.export.handout import handout_html
from calais_atlas.export.rows import shown_rows_csv, shown_rows_name
from calais_atlas.export.standalone import standalone_map
from calais_atlas.map.protocol import Frame
from calais_atlas.model.i18n import t
from calais_atlas.model.shown import Prepared, Shown
from calais_atlas.ui.dataset import data_key


@st.cache_resource(show_spinner=False, max_entries=8)
def _data_zip(directory: str, fingerprint: str, curation: tuple[int, int] | None) -> bytes:
    # fingerprint (the CSVs) and curation (CURATION.md's size and time) are the key on purpose: the zip is of those
    # files' bytes. A resource: bytes are never mutated, so every session shares one copy.
    return data_zip(Path(directory))


def _curation_stamp(directory: str) -> tuple[int, int] | None:
    try:
        stat = (Path(directory) / CURATION).stat()
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns


def data_download_button(lang: str, key: str) -> None:
    """The data folder the app shows, as one zip (a Frictionless data package with the notes).

    The zip's bytes, not a function that makes them on click: Streamlit names a file by a hash of its bytes, so every
    run offers the same file, and a click on the button a run before drew (the page reruns just after it opens, when
    the map says its first step is drawn) still downloads it. A deferred file gets a new name on each run, and the old name is
    dropped when the run ends: that click brought nothing.
    """
    directory, fingerprint = data_key()
    st.download_button(t("export.data", lang), _data_zip(directory, fingerprint, _curation_stamp(directory)),
                       file_name=ZIP_NAME, mime="application/zip",
                       key=key, on_click="ignore", help=t("export.data_licence", lang))


def export_panel(shown: Shown, prepared: Prepared, items: dict[str, list[dict]], frame: Frame, lang: str,
                 categories: tuple[str, ...] = ()) -> None:
    """``items`` are the layers' marker items the live map draws (map/feature_groups.layer_items): the file draws them,
    framed as the live map is (``frame``). ``prepared`` is the page's data in its language: the handout draws each
    chapter's map from it.

    ``shown``'s events are those the category filter shows (``categories``, () for all), which the file names say; its
    deaths, the IOM's incidents in the same window, are rows of the CSV too, with their credit. Its rows are made into
    frames only when the CSV is asked for: a slider step would otherwise make three frames it never sends.
    """
    at = shown.at
    rows_name = shown_rows_name(at, categories)
    with st.expander(t("export.title", lang), key="atlas-export"):  # in the fragment: a download is of the date shown
        st.download_button(t("export.map", lang), lambda: standalone_map(items, frame, lang),
                           file_name=f"calais-atlas-{at.isoformat()}.html", mime="text/html", key="atlas-export-map",
                           on_click="ignore")
        def rows() -> str:
            return shown_rows_csv(at, shown.states, shown.events, shown.captions, shown.ctx, shown.deaths)

        st.download_button(t("export.rows", lang), rows,
                           file_name=rows_name, mime="text/csv", key="atlas-export-rows",
                           on_click="ignore")
        if not prepared.tables["chapters"].empty:
            st.download_button(t("export.handout", lang), lambda: handout_html(prepared),
                               file_name=f"calais-atlas-lesson-{lang}.html", mime="text/html", key="atlas-export-handout",
                               on_click="ignore")
            st.download_button(t("export.handout_teacher", lang), lambda: handout_html(prepared, teacher=True),
                               file_name=f"calais-atlas-lesson-teacher-{lang}.html", mime="text/html",
                               key="atlas-export-handout-teacher", on_click="ignore")
        data_download_button(lang, "atlas-export-data")
