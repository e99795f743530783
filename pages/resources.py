"""Resources: capacity against planned demand by department, role and month (the utilisation map),
the bottleneck roles, the projects that drive a chosen cell, and the demand of projects not yet started."""

import polars as pl
import streamlit as st

from pmo_dash import data
from pmo_dash.ui import drill, fmt, missing, shell, tables
from pmo_dash.ui.governance import charts, views

shell.guard()
here = drill.insight_page(
    "resources", shell.current(), shell.user_scope(), "Capacity against planned demand, the next 12 months"
)
cut = data.intake.thresholds()
missing.page_needs("capacity or demand", ("capacity", "demand"), here.scope)
ROWS = {"department": "Department", "role": "Role", "department_role": "Department · role"}

st.subheader("Utilisation by month")
rows = st.segmented_control(
    "One row per",
    list(ROWS),
    format_func=ROWS.get,
    default="department_role" if len(here.scope) <= 2 else "department",
    key="utilisation_rows",
)
usage = data.governance.utilisation(here, rows or "department")
st.caption(
    "Planned demand of the active and on-hold projects in view as a share of the department's capacity, "
    f"from {here.as_of:%b %Y}: green to 85%, amber to {cut.over_allocation:.0%}, red beyond "
    "(over-allocated; 'no cap.' is demand where no capacity was returned). Capacity is the "
    "department's whatever the programme filter; a department or role row sums its cells. Click a cell to "
    "see which projects drive it."
)
picked = None
if not missing.nothing(usage, "capacity or demand in these months", "capacity"):
    event = st.plotly_chart(
        charts.utilisation_map(usage, cut.over_allocation),
        on_select="rerun",
        key="utilisation",
        selection_mode="points",
    )
    picked = views.parse_cell(drill.chart_pick(event))

if picked:
    department, role, month = picked
    where = " · ".join(fmt.plain(p) for p in (department, role) if p)
    st.markdown(f"**What drives demand in {month:%b %Y}: {where}**")
    views.clickable(
        data.governance.demand_drivers(here, department, role, month),
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
    )

left, right = st.columns(2, gap="large")
with left:
    st.markdown("**Bottleneck roles across the portfolio**")
    roles = data.governance.bottlenecks(here).with_columns(pl.col("peak_utilisation") * 100)
    if not missing.nothing(roles, "roles", "demand"):
        st.caption("Department-months over-allocated in each role, its peak utilisation and the shortfall.")
        tables.show(
            roles,
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
with right:
    st.markdown("**Demand from projects not yet started**")
    views.clickable(
        data.governance.unstarted_demand(here),
        {
            "project": st.column_config.TextColumn("Project", width=190),
            "baseline_start": tables.date("Starts", width=100),
            "demand_fte_months": st.column_config.NumberColumn("FTE-months", format="%.1f", width=85),
            "roles": st.column_config.TextColumn("Roles"),
            "department": st.column_config.TextColumn("Department", width=120),
        },
        "unstarted_demand",
        "No project starting after the period plans demand in these months.",
    )
