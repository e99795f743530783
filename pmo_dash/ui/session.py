"""The warehouse the session reads: built on first start if there is none."""

from __future__ import annotations

import streamlit as st

from pmo_dash.settings import get_settings
from pmo_dash.warehouse.build import BuildError, build_if_missing


def ensure_warehouse() -> None:
    """On first start there is no warehouse: build it from the configured returns, or say why not."""
    settings = get_settings()
    if settings.warehouse.exists():
        return
    try:
        with st.spinner(f"First start: building the warehouse from {settings.source_dir} ..."):
            build_if_missing(settings)
    except BuildError as err:
        st.error(f"No warehouse yet, and none could be built: {err}")
        st.stop()
