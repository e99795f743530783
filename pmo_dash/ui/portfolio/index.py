"""The Department, Programme and Project pages before one is chosen: an index of every one in view,
with its RAG and key figures, sortable, and a click on a row opens it."""

from __future__ import annotations

from collections.abc import Callable

import polars as pl
import streamlit as st

from pmo_dash import data
from pmo_dash.data import Filters, Scope
from pmo_dash.periods import label
from pmo_dash.ui import drill, fmt, tables, toolbar
from pmo_dash.ui.portfolio import projects

FOUND = 50  # projects a search by name lists at most
# How an index reads a RAG roll-up: the evidence RAG of its active projects, counted.
RAG_COUNTS = "Red, Amber and Green count the active projects by evidence RAG (SPI, CPI, slip, high risks)."


def departments(f: Filters) -> None:
    """Every department in view; a click opens one."""
    columns = {
        "department": st.column_config.TextColumn("Department", width=160),
        "active_projects": st.column_config.NumberColumn("Projects", format="%d", width=70),
        **_rag_counts("evidence_red", "evidence_amber", "evidence_green"),
        **_figures(),
        "reporting_compliance": tables.share("Reported on time", width=120),
        "department_id": st.column_config.TextColumn("ID", width=70),
    }
    _index(f, data.portfolio.department_summary(f), "department", columns, drill.open_department)


def programmes(f: Filters) -> None:
    """Every programme in view; a click opens one."""
    columns = {
        "programme": st.column_config.TextColumn("Programme", width=220),
        "department": st.column_config.TextColumn("Department", width=150),
        "active_projects": st.column_config.NumberColumn("Projects", format="%d", width=70),
        **_rag_counts("red", "amber", "green"),
        **_figures(),
        "programme_id": st.column_config.TextColumn("ID"),
    }
    rows = data.portfolio.programme_summary(f).filter(pl.col("programme_id").is_not_null())
    _index(f, rows, "programme", columns, drill.open_programme)


def _index(f: Filters, rows: pl.DataFrame, noun: str, columns: dict, open_one: Callable[[str], None]) -> None:
    """The heading, the table of `rows` (one per `noun`, with `columns`) and the drill on a click."""
    drill.index_heading(f"{noun.capitalize()}s", f, _count(rows.height, noun) + " with active projects")
    if rows.is_empty():
        st.info(f"No {noun} in view has an active project in {label(f.as_of)}.")
        return
    downloads = toolbar.reserve()  # the table below, as a workbook
    st.caption(f"{RAG_COUNTS} Click a column to sort, a row to open the {noun}.")
    event = tables.show(
        rows,
        columns,
        title=f"{noun.capitalize()}s",
        height=tables.fitted_height(rows.height, 720),
        key=f"{noun}_index",
        on_select="rerun",
        selection_mode="single-row",
    )
    toolbar.offer(downloads, f"{noun}s-{f.as_of:%Y-%m}")
    if chosen := tables.selected_row(event, rows, f"{noun}_id", key=f"{noun}_index", opens=noun):
        open_one(chosen)


def projects_in_view(f: Filters, user_scope: Scope) -> None:
    """Every project active in view, as the department page lists them; and any other, closed ones
    included, by name."""
    rows = data.portfolio.projects_table(f)
    drill.index_heading("Projects", f, _count(rows.height, "active project"))
    downloads = toolbar.reserve()  # the projects found, as a workbook
    project = projects.projects_table(rows, key="project_index", file_name="projects")
    toolbar.offer(downloads, f"projects-{f.as_of:%Y-%m}")
    if project:
        drill.open_project(project)
    if pick := any_project(user_scope):
        drill.open_project(pick)


def any_project(user_scope: Scope) -> str | None:
    """Any project in scope, closed ones included, found by a part of its name or ID: the matches, up to
    FOUND, to choose from. (A picker of every project sent the browser 0.4 MB at the enterprise tier.)"""
    needle = st.text_input(
        "Or find any project, closed ones included",
        key="project_any_find",
        placeholder="Type a part of its name or ID",
        width=520,
    ).strip()
    if not needle:
        return None
    matches = data.portfolio.find_choices(data.portfolio.project_choices(user_scope), needle)
    if matches.is_empty():
        st.caption(f"No project you can see has {fmt.plain(needle)} in its name or ID.")
        return None
    names = dict(zip(matches["project_id"], matches["label"], strict=True))
    more = f", the first {FOUND} listed: type more to narrow" if len(names) > FOUND else ""
    return st.selectbox(
        f"{len(names):,} found{more}",
        list(names)[:FOUND],
        format_func=lambda p: fmt.clip(names[p], 120),
        index=None,
        placeholder="Choose one to open it",
        key="project_any",
        width=520,
    )


def _figures() -> dict[str, st.column_config.Column]:
    """What an index shows of each row's projects beside their RAG."""
    return {
        "watermelons": st.column_config.NumberColumn(
            "Watermelons", format="%d", width=90, help="Reported Green, Red on evidence"
        ),
        "spi": tables.ratio("SPI", width=55),
        "cpi": tables.ratio("CPI", width=55),
        "budget": tables.money("Budget", width=85),
        "eac": tables.money("EAC", width=85),
    }


def _rag_counts(red: str, amber: str, green: str) -> dict[str, st.column_config.Column]:
    return {
        red: st.column_config.NumberColumn("Red", format="%d", width=55),
        amber: st.column_config.NumberColumn("Amber", format="%d", width=60),
        green: st.column_config.NumberColumn("Green", format="%d", width=60),
    }


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"
