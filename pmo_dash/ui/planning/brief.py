"""A project's dependencies on its brief: what it waits for and who waits for it, each row opening the
other project (one of a department outside the user's scope is named by its department, and opens nothing)."""

from __future__ import annotations

import polars as pl
import streamlit as st

from pmo_dash.ui import tables
from pmo_dash.ui.governance.views import clickable


def dependencies(waits_for: pl.DataFrame, waited_by: pl.DataFrame, returned: bool) -> None:
    st.subheader("Dependencies")
    if not returned:
        st.caption("No dependencies in view: a department's `dependencies` return would supply them.")
        return
    left, right = st.columns(2, gap="large")
    with left:
        st.markdown(f"**What it waits for** ({waits_for.height})")
        _listed(waits_for, "Waits for", "waits_for", "It waits for no other project.", "What it waits for")
    with right:
        st.markdown(f"**Who waits for it** ({waited_by.height})")
        _listed(waited_by, "Waiting project", "waited_by", "No project waits for it.", "Who waits for it")


def _listed(rows: pl.DataFrame, noun: str, key: str, empty: str, title: str) -> None:
    clickable(
        rows.rename({"other_project_id": "project_id"}),
        {
            "other_project": st.column_config.TextColumn(noun, width=200),
            "is_broken": st.column_config.CheckboxColumn("Broken", width=60),
            "delay_days": st.column_config.NumberColumn("Delay (days)", format="%d", width=85),
            "needed_on": tables.date("Needed by", width=100),
            "predecessor_finish": tables.date("Delivers", width=100),
            "type": st.column_config.TextColumn("Type", width=110),
            "criticality": st.column_config.TextColumn("Criticality", width=80),
        },
        key,
        empty,
        height=250,
        title=title,
    )
