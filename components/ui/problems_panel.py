"""What the data's problems look like to whom: one calm line for viewers on the map page, and for maintainers on the
*Check your data* page the full report (every problem with its file, line and column, and the rows not shown).

Files are named as they are in the data folder (``events.csv``), never by the server's path. Never a traceback.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from calais_atlas.data.csvread import DEFAULT_MAX_MB, max_mb_error
from calais_atlas.data.loader import Dataset
from calais_atlas.data.messages import msg
from calais_atlas.model.escaping import markdown_text
from calais_atlas.model.i18n import t
from calais_atlas.ui import state

# The notice's link reads as a link in its sentence (a page link is drawn as a navigation button): static CSS only.
NOTICE_CSS = """<style>
.st-key-atlas-data-notice{margin-top:-.1rem}
.st-key-atlas-data-notice [data-testid="stPageLink-NavLink"]{padding:0 .3rem;margin:0;min-height:0;background:none}
.st-key-atlas-data-notice [data-testid="stPageLink-NavLink"] p{font-size:.875rem;text-decoration:underline}
</style>"""
REJECTED_SHOWN = 1_000  # rows of one table's rejected rows drawn; Dataset.rejected keeps them all


def problems_frame(dataset: Dataset, lang: str) -> pd.DataFrame:
    """One row per problem, its message written in ``lang`` (per problem, at display: the cached dataset has none)."""
    problems = dataset.problems
    return pd.DataFrame({
        t("col.file", lang): [p.file for p in problems],
        t("col.line", lang): [p.line for p in problems],
        t("col.column", lang): [p.column or "" for p in problems],
        t("col.value", lang): [(p.value or "")[:200] for p in problems],
        t("col.problem", lang): [p.detail(lang) for p in problems],
    })


def rejected_cells(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The rejected rows as text, each reason (a Message) written in ``lang``."""
    cells = frame.map(lambda value: "" if pd.isna(value) else str(value)[:200])
    if "_reason" in frame:
        cells["_reason"] = [reason.text(lang) for reason in frame["_reason"]]
    return cells


def config_notice(lang: str) -> None:
    """A wrong CALAIS_ATLAS_MAX_MB is said, and the default limit used (the command line stops on it instead)."""
    setting = max_mb_error()
    if setting is not None:
        st.warning(markdown_text(msg("config.default_used", problem=setting, default=DEFAULT_MAX_MB).text(lang)))


def data_notice(dataset: Dataset, lang: str, check_page: st.Page) -> None:
    """The map page's one line when some rows are not shown: calm, and where maintainers can see why. A viewer can do
    nothing about a bad row, so the table and the files' names are on the check page, not here."""
    if dataset.ok:
        return
    st.html(NOTICE_CSS)
    with st.container(key="atlas-data-notice", horizontal=True, gap=None, vertical_alignment="center"):
        st.caption(t("ui.data_notice", lang), width="content")
        st.page_link(check_page, label=t("check.title", lang), query_params=state.link())


def problems_report(dataset: Dataset, lang: str, key: str) -> None:
    """Every problem of ``dataset`` in a table, the rows not shown by file, and the report as a text download."""
    st.dataframe(problems_frame(dataset, lang), hide_index=True, width="stretch", key=f"{key}-problems-table")
    for name, frame in dataset.rejected.items():
        st.markdown(f"**{t('ui.rejected', lang, file=f'{name}.csv')}**")  # a table's name, from the schema
        parsed = [c for c in frame.columns if c.endswith(("_start", "_end", "_precision"))]  # date columns the loader adds
        shown = frame.drop(columns=parsed, errors="ignore")
        if len(shown) > REJECTED_SHOWN:
            st.caption(t("ui.rejected_first", lang, shown=REJECTED_SHOWN, total=len(shown)))
            shown = shown.head(REJECTED_SHOWN)
        st.dataframe(rejected_cells(shown, lang), hide_index=True, width="stretch", key=f"{key}-rejected-{name}")
    report = "\n".join(problem.text(lang) for problem in dataset.problems) + "\n"
    st.download_button(t("check.download_report", lang), report, file_name="validation-report.txt", mime="text/plain",
                       key=f"{key}.report")
