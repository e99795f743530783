"""How the Resources page reads: the choice of rows for the utilisation map, what drives a chosen cell,
the bottleneck roles and the demand of projects not yet started."""

from __future__ import annotations

import datetime as dt
import re

import polars as pl
import streamlit as st

from pmo_dash.data import Scope
from pmo_dash.ui import fmt, tables
from pmo_dash.ui.governance import charts
from pmo_dash.ui.governance.views import clickable

ROWS = {"department": "Department", "role": "Role", "department_role": "Department · role"}
MOST_DEPARTMENT_ROWS = 12  # beyond this many departments in view, the map opens on a row per role


def rows_per(scope: Scope) -> str:
    """What a row of the utilisation map is, until the user chooses: each department's role when one
    or two departments are in view, each department up to a screen's worth of them, else each role
    (forty department rows are a wall to scroll, and slow to draw). A choice holds while the number
    of departments in view keeps the same opening; widening the view past it opens afresh."""
    opening = "department" if len(scope) <= MOST_DEPARTMENT_ROWS else "role"
    if len(scope) <= 2:
        opening = "department_role"
    # One control per opening: Streamlit keeps a control's value by its key, whatever its default.
    chosen = st.segmented_control(
        "One row per", list(ROWS), format_func=ROWS.get, default=opening, key=f"utilisation_rows_{opening}"
    )
    return chosen or opening


def drivers(
    rows: pl.DataFrame, usage: pl.DataFrame, department: str | None, role: str | None, month: dt.date
) -> None:
    """The projects driving the chosen cell of the map drawn from `usage`, under the map's name for it."""
    named = (charts.department_labels(usage).get(department) or department) if department else None
    where = " · ".join(fmt.plain(p) for p in (named, role) if p)
    st.markdown(f"**What drives demand in {month:%b %Y}: {where}**")
    clickable(
        rows,
        {
            "project": st.column_config.TextColumn("Project", width=220),
            "demand_fte": st.column_config.NumberColumn("FTE", format="%.1f", width=60),
            "role": st.column_config.TextColumn("Role", width=110),
            "stage": st.column_config.TextColumn("Stage", width=90),
            "state": st.column_config.TextColumn("State", width=80),
            "not_started": st.column_config.CheckboxColumn("Not started", width=85),
            "baseline_start": tables.date("Starts", width=100),
            "project_id": st.column_config.TextColumn("ID"),
        },
        "demand_drivers",
        "No project plans demand in that cell.",
        title="Demand drivers",
    )


def bottlenecks(rows: pl.DataFrame) -> None:
    st.caption("Department-months over-allocated in each role, its peak utilisation and the shortfall.")
    tables.show(
        rows.with_columns(pl.col("peak_utilisation") * 100),
        {
            "role": st.column_config.TextColumn("Role", width=120),
            "over_allocated_months": st.column_config.NumberColumn(
                "Months over", format="%d", width=80, help="Department-months over-allocated"
            ),
            "departments": st.column_config.NumberColumn("Depts", format="%d", width=55),
            "peak_utilisation": tables.percent("Peak", width=60),
            "shortfall_fte_months": st.column_config.NumberColumn(
                "Short", format="%.1f", width=65, help="Demand beyond capacity, in FTE-months"
            ),
        },
        key="bottlenecks",
    )


def unstarted(rows: pl.DataFrame) -> None:
    clickable(
        rows,
        {
            "project": st.column_config.TextColumn("Project", width=190),
            "baseline_start": tables.date("Starts", width=100),
            "demand_fte_months": st.column_config.NumberColumn("FTE-months", format="%.1f", width=85),
            "roles": st.column_config.TextColumn("Roles"),
            "department": st.column_config.TextColumn("Department", width=120),
        },
        "unstarted_demand",
        "No project starting after the period plans demand in these months.",
        title="Demand not yet started",
    )


def parse_cell(picked: str | None) -> tuple[str | None, str | None, dt.date] | None:
    """(department, role, month) of the utilisation cell a user clicked, read as untrusted; a department
    or role summed over is None."""
    if not isinstance(picked, str):
        return None
    found = re.fullmatch(r"([A-Za-z0-9_-]{0,64})\|([^|]{0,200})\|(\d{4}-\d{2}-\d{2})", picked)
    if not found:
        return None
    try:
        month = dt.date.fromisoformat(found.group(3))
    except ValueError:
        return None
    return found.group(1) or None, found.group(2) or None, month
