"""How the Roadmap page reads: the grouping, the group opened, a page of projects at a time, the
timelines and the dependency lists, each click opening its project."""

from __future__ import annotations

import datetime as dt

import polars as pl
import streamlit as st

from pmo_dash.data import Filters, planning
from pmo_dash.ui import drill, fmt, tables
from pmo_dash.ui.governance.views import clickable
from pmo_dash.ui.planning import charts
from pmo_dash.ui.planning import network as network_chart

PAGE_ROWS = 25  # projects drawn at once: a timeline of thousands of rows helps nobody
GROUP_ROWS = 40  # bars of departments, programmes or objectives at once
DIRECT_LIMIT = 40  # up to this many projects in view, the timeline shows them without grouping
RAGS = ("Red", "Amber", "Green", "Not reported")


def today() -> dt.date:
    return dt.date.today()


def grouped(groups: pl.DataFrame) -> bool:
    """Whether the timeline shows one bar per group first: more projects in view than read at once."""
    return bool(groups.height) and int(groups["projects"].sum()) > DIRECT_LIMIT


def grouping(default: str) -> str:
    chosen = st.segmented_control(
        "One bar per",
        list(planning.GROUPS),
        format_func=planning.GROUPS.get,
        default=default,
        key="roadmap_by",
    )
    return chosen or default


def groups(rows: pl.DataFrame, noun: str, as_of: dt.date, today: dt.date) -> str | None:
    """The groups' timeline; the id of the group clicked (or chosen below it), to expand."""
    st.caption(
        f"One bar per {noun.lower()}: its baseline span in grey, to its latest forecast finish coloured by "
        "its projects' RAG (on the evidence, else as reported: Red when a third of those rated are Red; "
        "Amber when a third are Red or Amber). Click a bar to open its projects."
    )
    names = dict(zip(rows["group_id"], rows["group_name"], strict=True))
    pages = max(1, -(-rows.height // GROUP_ROWS))
    if pages > 1:
        number = int(
            st.number_input(
                f"Page (of {pages}, {GROUP_ROWS} bars each)", 1, pages, 1, key="roadmap_groups_page"
            )
        )
        rows = rows.slice(GROUP_ROWS * (number - 1), GROUP_ROWS)
    picked = drill.clicked(charts.group_timeline(rows, noun, as_of, today), "roadmap_groups")
    # A click opens its group once; the chart keeps its selection, so the same click seen again on a
    # later run must not undo a choice made in the list since.
    if picked in names and picked != st.session_state.get("roadmap_group_clicked"):
        st.session_state["roadmap_group_clicked"] = picked
        st.session_state["roadmap_group_choice"] = picked
    options = [None, *names]
    if st.session_state.get("roadmap_group_choice") not in options:
        st.session_state["roadmap_group_choice"] = None
    return st.selectbox(
        f"{noun} opened below",
        options,
        format_func=lambda g: "none" if g is None else fmt.clip(str(names[g]), 80),
        key="roadmap_group_choice",
    )


def page_of(rows: pl.DataFrame, key: str) -> pl.DataFrame:
    """The projects of one page of the timeline, filtered by evidence RAG, with a pager when needed."""
    shown = st.pills("RAG", RAGS, selection_mode="multi", default=list(RAGS), key=f"{key}_rag")
    rows = rows.filter(pl.col("rag").fill_null("Not reported").is_in(list(shown or RAGS)))
    pages = max(1, -(-rows.height // PAGE_ROWS))
    number = 1
    if pages > 1:
        number = int(
            st.number_input(f"Page (of {pages}, {PAGE_ROWS} projects each)", 1, pages, 1, key=f"{key}_page")
        )
    st.caption(
        f"{rows.height:,} projects, the earliest start first"
        + (
            f"; {PAGE_ROWS * (number - 1) + 1}-{min(rows.height, PAGE_ROWS * number)} shown"
            if pages > 1
            else ""
        )
    )
    return rows.slice(PAGE_ROWS * (number - 1), PAGE_ROWS)


def projects(
    rows: pl.DataFrame, markers: pl.DataFrame, network: pl.DataFrame, as_of: dt.date, today: dt.date, key: str
) -> None:
    """The projects' timeline with their milestones, gates and dependencies among them; a click opens one."""
    if rows.is_empty():
        st.caption("No project in view has that RAG.")
        return
    shown = set(rows["project_id"])
    links = network.filter(
        pl.col("project_id").is_in(shown)
        & pl.col("predecessor_project_id").is_in(shown)
        & pl.col("delay_days").is_not_null()
    )
    st.caption(
        "Grey: the baseline (after any re-baseline); coloured: to the forecast finish, by RAG (on the "
        "evidence, else as reported). Diamonds are milestones, triangles stage gates; a line joins a "
        "predecessor's finish to when the project waiting for it needs it, red when broken. Click a bar to "
        "open the project."
        + ("" if not markers.is_empty() else " No milestones or gates returned for these projects.")
    )
    if project := drill.clicked(charts.project_timeline(rows, markers, links, as_of, today), key, "project"):
        drill.open_project(project)


def broken(rows: pl.DataFrame) -> None:
    clickable(
        rows,
        {
            "project": st.column_config.TextColumn("Waiting project", width=200),
            "predecessor": st.column_config.TextColumn("Waits for", width=200),
            "type": st.column_config.TextColumn("Type", width=110),
            "criticality": st.column_config.TextColumn("Criticality", width=80),
            "needed_on": tables.date("Needed by", width=100),
            "predecessor_finish": tables.date("Delivers", width=100),
            "delay_days": st.column_config.NumberColumn("Delay (days)", format="%d", width=90),
            "broken_by_knock_on": st.column_config.CheckboxColumn(
                "By knock-on", width=90, help="The predecessor is on time itself, but delayed by its own"
            ),
            "project_id": st.column_config.TextColumn("ID"),
        },
        "broken_dependencies",
        "No dependency in view is broken in this period.",
    )


def origins(rows: pl.DataFrame) -> None:
    clickable(
        rows.with_columns(tables.rag_cell("evidence_rag")),
        {
            "project": st.column_config.TextColumn("Project", width=220),
            "evidence_rag": tables.rag_column("Evidence"),
            "slip_days": st.column_config.NumberColumn("Slip (days)", format="%d", width=80),
            "projects_delayed": st.column_config.NumberColumn("Delays", format="%d", width=65),
            "other_departments_delayed": st.column_config.NumberColumn(
                "In other depts", format="%d", width=95
            ),
            "longest_delay_days": st.column_config.NumberColumn("Longest (days)", format="%d", width=100),
            "project_id": st.column_config.TextColumn("ID"),
        },
        "slip_origins",
        "No late project delays another in this period.",
    )


def network(rows: pl.DataFrame, key: str) -> None:
    if rows.is_empty():
        st.caption("No open dependency among the projects in view.")
        return
    st.caption(
        "Each project a dot, its predecessors to its left; red lines are broken dependencies. Click a dot."
    )
    if project := drill.clicked(network_chart.network(rows), key, "project"):
        drill.open_project(project)


def level_filters(here: Filters, group_by_: str, group: str | None) -> Filters:
    """The filters narrowed to a group opened (a department, programme or objective)."""
    if group is None:
        return here
    if group_by_ == "department":
        return here.within((group,))
    if group_by_ == "programme":
        return Filters(here.scope, here.as_of, group or None, here.objective)
    return Filters(here.scope, here.as_of, here.programme, group or None)
