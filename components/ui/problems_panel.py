"""The data problems panel: what is wrong, where, and which rows are not shown. Never a traceback."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.data.csvread import DEFAULT_MAX_MB, max_mb_error
from components.data.loader import Dataset
from components.data.messages import msg
from components.model.escaping import markdown_text
from components.model.i18n import t

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


def problems_panel(dataset: Dataset, lang: str) -> None:
    config_notice(lang)
    if dataset.ok:
        return
    st.warning(t("ui.problems", lang, count=dataset.problem_count))
    with st.expander(t("ui.problems_detail", lang), expanded=len(dataset.problems) <= 5):
        st.dataframe(problems_frame(dataset, lang), hide_index=True, width="stretch", key="atlas-problems-table")
        for name, frame in dataset.rejected.items():
            st.markdown(f"**{t('ui.rejected', lang)}: {name}.csv**")
            parsed = [c for c in frame.columns if c.endswith(("_start", "_end", "_precision"))]  # date columns the loader adds
            shown = frame.drop(columns=parsed, errors="ignore")
            if len(shown) > REJECTED_SHOWN:
                st.caption(t("ui.rejected_first", lang, shown=REJECTED_SHOWN, total=len(shown)))
                shown = shown.head(REJECTED_SHOWN)
            cells = rejected_cells(shown, lang)
            st.dataframe(cells, hide_index=True, width="stretch", key=f"atlas-rejected-{name}")
