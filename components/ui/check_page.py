"""'Check your data': the current data's report, and an upload's report, changes and map preview. Writes nothing."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from calais_atlas.data.check_run import check_uploads
from calais_atlas.data.diff import TableDiff, diff_datasets
from calais_atlas.data.loader import Dataset, default_data_dir
from calais_atlas.data.messages import msg
from calais_atlas.data.upload import KNOWN
from calais_atlas.map.feature_groups import layer_items
from calais_atlas.map.framing import frame_for
from calais_atlas.model.escaping import literal, message_markdown
from calais_atlas.model.formatting import cut_text
from calais_atlas.model.i18n import t
from calais_atlas.model.shown import shown_at
from calais_atlas.model.timeline import data_span
from calais_atlas.model.view_state import LAYERS
from calais_atlas.ui import state
from calais_atlas.ui.dataset import current_dataset
from calais_atlas.ui.map_panel import map_panel
from calais_atlas.ui.problems_panel import config_notice, problems_report
from calais_atlas.ui.style import apply_style

UPLOAD_LABEL = "upload"
LISTED = 200  # ids listed in one line of the diff; the counts above say how many there are


def _counts(dataset: Dataset) -> str:
    return ", ".join(f"{count} {name}" for name, count in dataset.row_counts().items())


def _current(lang: str) -> None:
    """The data the atlas shows now, checked as the upload is: what viewers are told "maintainers can see why" about."""
    st.subheader(t("check.current", lang))
    current = current_dataset()
    if current.ok:
        st.success(t("check.current_clean", lang, counts=_counts(current)))
        return
    st.warning(t("check.current_problems", lang, count=current.problem_count, counts=_counts(current)))
    problems_report(current, lang, "current")


def _report(candidate: Dataset, lang: str) -> None:
    if candidate.ok:
        st.success(t("check.clean", lang, counts=_counts(candidate)))
        return
    st.error(t("check.problems", lang, count=candidate.problem_count, counts=_counts(candidate)))
    problems_report(candidate, lang, "check")


def _ids(label: str, ids: list[str]) -> None:
    # Code spans: an id is shown as written, never read as markdown (no backslashes, no links).
    st.markdown(f"**{label}** " + ", ".join(literal(i, 80) for i in ids[:LISTED]))


def _diff(diff: TableDiff, lang: str) -> None:
    if diff.added:
        _ids(t("check.added", lang), diff.added)
    if diff.removed:
        _ids(t("check.removed", lang), diff.removed)
    if diff.not_valid:
        st.markdown(f"**{t('check.not_valid', lang)}**")
        rows = pd.DataFrame({"id": [row.key for row in diff.not_valid], t("col.line", lang): [row.line for row in diff.not_valid],
                             t("col.problem", lang): [row.reason.text(lang) for row in diff.not_valid]})
        st.dataframe(rows.head(LISTED * 5), hide_index=True, width="stretch", key=f"check-invalid-{diff.name}")
    if diff.changed:
        rows = [{"id": key, t("col.column", lang): column, t("check.before", lang): cut_text(before, 300, lang),
                 t("check.after", lang): cut_text(after, 300, lang)}
                for key, changes in list(diff.changed.items())[:500] for column, before, after in changes]
        st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", key=f"check-diff-{diff.name}")


def _changes(current: Dataset, candidate: Dataset, lang: str) -> None:
    st.subheader(t("check.changes", lang))
    diffs = [d for d in diff_datasets(current, candidate) if not d.empty]
    if not diffs:
        st.info(t("check.no_changes", lang))
        return
    for diff in diffs:
        title = t("check.diff_line", lang, name=diff.name, added=t("check.diff_added", lang, count=len(diff.added)),
                  removed=t("check.diff_removed", lang, count=len(diff.removed)),
                  changed=t("check.diff_changed", lang, count=len(diff.changed)),
                  not_valid=t("check.diff_not_valid", lang, count=len(diff.not_valid)))
        with st.expander(title, expanded=len(diffs) == 1):
            _diff(diff, lang)


def _preview(candidate: Dataset, lang: str) -> None:
    st.subheader(t("check.preview", lang))
    tables = candidate.tables
    span = data_span(tables)
    # Where the maintainer was on the map: the preview is of the same moment, so a change shows where they looked.
    opening = min(max(state.current().date, span.first), span.last)
    at = st.slider(t("ui.date", lang), min_value=span.first, max_value=span.last, value=opening, key="check.date",
                   format="YYYY-MM-DD")
    shown = shown_at(tables, at, "upto", 0, lang)
    items = layer_items(shown.ctx, shown.states, shown.events, shown.captions, list(LAYERS), deaths=shown.death_records)
    map_panel(shown.ctx, items, key="check.map", view=frame_for(shown.ctx, "coast"), clickable=False, height=480,
              sites=shown.states)


def render() -> None:
    lang = state.lang()
    apply_style()
    st.title(t("check.title", lang))
    config_notice(lang)
    _current(lang)
    st.subheader(t("check.upload_title", lang))
    st.markdown(t("check.intro", lang))
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
