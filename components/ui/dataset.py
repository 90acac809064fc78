"""Load the data folder once per content: the cache key is a hash of the files, so edits show on the next run."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from components.data.fingerprint import folder_fingerprint
from components.data.loader import Dataset, default_data_dir, load_dataset


@st.cache_data(show_spinner=False, max_entries=8)
def _load(directory: str, fingerprint: str) -> Dataset:
    # fingerprint is part of the key on purpose: the result depends on the files' bytes.
    return load_dataset(Path(directory))


def current_dataset() -> Dataset:
    directory = default_data_dir()
    return _load(str(directory.resolve()), folder_fingerprint(directory))
