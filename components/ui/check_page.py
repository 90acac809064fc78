"""'Check your data': upload a CSV or a zip, see the report, the changes and a map preview. Writes nothing."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.data.check_run import check_uploads
from components.data.diff import diff_tables
from components.data.loader import default_data_dir
from components.data.messages import msg
from components.data.upload import KNOWN
from components.map.feature_groups import layer_items
from components.map.framing import frame_for
from components.model.escaping import literal, message_markdown
from components.model.i18n import t
from components.model.shown import shown_at
from components.model.timeline import data_span
from components.model.view_state import DEFAULT_DATE, LAYERS
from components.ui import state
from components.ui.dataset import current_dataset
from components.ui.map_panel import map_panel
from components.ui.problems_panel import config_notice, problems_frame
from components.ui.style import apply_style

UPLOAD_LABEL = "upload"


def _report(candidate, lang: str) -> None:
    counts = ", ".join(f"{count} {name}" for name, count in candidate.row_counts().items())
    if candidate.ok:
        st.success(t("check.clean", lang, counts=counts))
        return
    st.error(t("check.problems", lang, count=candidate.problem_count, counts=counts))
    st.dataframe(problems_frame(candidate, lang), hide_index=True, width="stretch", key="check-problems-table")
    report = "\n".join(problem.text(lang) for problem in candidate.problems) + "\n"
    st.download_button(t("check.download_report", lang), report, file_name="validation-report.txt", mime="text/plain",
                       key="check.report")


def _changes(current, candidate, lang: str) -> None:
    st.subheader(t("check.changes", lang))
    diffs = [d for d in diff_tables(current.tables, candidate.tables) if not d.empty]
    if not diffs:
        st.info(t("check.no_changes", lang))
        return
    for diff in diffs:
        title = t("check.diff_line", lang, name=diff.name, added=t("check.diff_added", lang, count=len(diff.added)),
                  removed=t("check.diff_removed", lang, count=len(diff.removed)),
                  changed=t("check.diff_changed", lang, count=len(diff.changed)))
        with st.expander(title, expanded=len(diffs) == 1):
            if diff.added:
                st.markdown(f"**{t('check.added', lang)}:** " + ", ".join(literal(i, 80) for i in diff.added[:200]))
            if diff.removed:
                removed = ", ".join(literal(i, 80) for i in diff.removed[:200])
                st.markdown(f"**{t('check.removed', lang)}:** " + removed)
            if diff.changed:
                rows = [{"id": key, t("col.column", lang): column, t("check.before", lang): before[:300],
                         t("check.after", lang): after[:300]}
                        for key, changes in list(diff.changed.items())[:500] for column, before, after in changes]
                st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", key=f"check-diff-{diff.name}")


def _preview(candidate, lang: str) -> None:
    st.subheader(t("check.preview", lang))
    tables = candidate.tables
    span = data_span(tables)
    default = min(max(DEFAULT_DATE, span.first), span.last)
    at = st.slider(t("ui.date", lang), min_value=span.first, max_value=span.last, value=default, key="check.date",
                   format="YYYY-MM-DD")
    shown = shown_at(tables, at, "upto", 0, lang)
    items = layer_items(shown.ctx, shown.states, shown.events, shown.captions, list(LAYERS))
    map_panel(shown.ctx, items, key="check.map", view=frame_for(shown.ctx, "coast"), clickable=False, height=480)


def render() -> None:
    lang = state.lang()
    apply_style()
    st.title(t("check.title", lang))
    st.markdown(t("check.intro", lang))
    config_notice(lang)
    uploads = st.file_uploader(t("check.upload", lang), type=["csv", "zip"], accept_multiple_files=True, key="check.upload")
    if not uploads:
        st.info(t("check.waiting", lang))
        return
    # The whole check runs in a child process with a time and memory budget (components/data/check_run.py).
    outcome = check_uploads([(upload.name, upload.getvalue()) for upload in uploads], default_data_dir(), UPLOAD_LABEL)
    for note in outcome.notes:  # the one place upload notes are shown: every file and member name stays text
        st.warning(message_markdown(note, lang))
    if outcome.stopped is not None:
        st.error(message_markdown(outcome.stopped, lang))
        return
    if outcome.candidate is None:
        st.warning(message_markdown(msg("upload.nothing", known=", ".join(sorted(KNOWN))), lang))
        return
    st.caption(t("check.replacing", lang, count=len(outcome.files), files=", ".join(outcome.files)))
    candidate = outcome.candidate
    _report(candidate, lang)
    _changes(current_dataset(), candidate, lang)
    _preview(candidate, lang)
