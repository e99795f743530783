"""The drill path: which department, programme or project a page is about, and how to open one.

The level's id travels in the URL (`?department=FIN`), beside the global filters, so a drill-down
view is a link a colleague can open. An id outside the user's scope is treated as unknown.
"""

from __future__ import annotations

import polars as pl
import streamlit as st

from pmo_dash.ui.shell import page


def open_department(department_id: str) -> None:
    st.switch_page(page("department"), query_params={"department": department_id})


def open_programme(programme_id: str) -> None:
    st.switch_page(page("programme"), query_params={"programme": programme_id})


def open_project(project_id: str) -> None:
    st.switch_page(page("project"), query_params={"project": project_id})


def chosen(level: str, options: pl.DataFrame, id_column: str, label_column: str, noun: str) -> str | None:
    """The id named by the URL for this level, if the user may see it; otherwise a picker to choose one."""
    wanted = st.query_params.get(level)
    known = dict(zip(options[id_column], options[label_column], strict=True))
    if wanted in known:
        return wanted
    if wanted:
        st.warning(
            f"The link names {noun} '{wanted}', which is not one you can see here.",
            icon=":material/link_off:",
        )
    if not known:
        st.info(f"There is no {noun} to show.")
        return None
    pick = st.selectbox(
        f"Choose a {noun}", list(known), format_func=known.get, index=None, placeholder=f"Choose a {noun}"
    )
    if pick:
        st.query_params[level] = pick
        st.rerun()
    return None
