"""The drill path: which department, programme or project a page is about, and how to open one.

The level's id travels in the URL (`?department=FIN`), beside the global filters, so a drill-down
view is a link a colleague can open. An id outside the user's scope is treated as unknown.
"""

from __future__ import annotations

import polars as pl
import streamlit as st

from pmo_dash import data
from pmo_dash.data import Filters, Scope
from pmo_dash.ui import fmt
from pmo_dash.ui.shell import PAGES, page


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
            f"The link names {noun} '{fmt.plain(wanted)}', which is not one you can see here.",
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


def level(f: Filters, user_scope: Scope, page_name: str) -> tuple[Filters, str, list] | None:
    """For a page that follows the drill path (risks, benefits, lessons): the filters of the level the
    link names (`?programme=` or `?department=`, else the enterprise under the global filters), a
    label for it, and the breadcrumb to it. None when the link names something the user cannot see."""
    trail = [("Enterprise", page("enterprise"), {})]
    programme_id, department_id = st.query_params.get("programme"), st.query_params.get("department")
    if programme_id:
        programmes = data.portfolio.programmes(user_scope)
        found = programmes.filter(pl.col("programme_id") == programme_id)
        if found.is_empty():
            st.warning(
                f"The link names programme '{fmt.plain(programme_id)}', which is not one you can see here."
            )
            return None
        p = found.row(0, named=True)
        trail += [
            (p["department"], page("department"), {"department": p["department_id"]}),
            (p["name"], page("programme"), {"programme": programme_id}),
        ]
        here = Filters(
            scope=(p["department_id"],), as_of=f.as_of, programme=programme_id, objective=f.objective
        )
        return here, p["name"], trail
    if department_id:
        departments = data.portfolio.departments(user_scope)
        found = departments.filter(pl.col("department_id") == department_id)
        if found.is_empty():
            st.warning(
                f"The link names department '{fmt.plain(department_id)}', which is not one you can see here."
            )
            return None
        name = found["name"][0]
        trail.append((name, page("department"), {"department": department_id}))
        here = Filters(scope=(department_id,), as_of=f.as_of, programme=f.programme, objective=f.objective)
        return here, name, trail
    return f, "Enterprise", trail


def insight_links(params: dict[str, str]) -> None:
    """Links from a department or programme to its risks, benefits and lessons."""
    row = st.container(horizontal=True, gap="small")
    for name in ("risks", "benefits", "lessons"):
        row.page_link(page(name), label=f"{name.capitalize()} here", icon=PAGES[name][2], query_params=params)
