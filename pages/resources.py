"""Resources: capacity against planned demand by department, role and month (the utilisation map),
the bottleneck roles, the projects that drive a chosen cell, and the demand of projects not yet started."""

import streamlit as st

from pmo_dash import data
from pmo_dash.ui import drill, missing, plot, shell
from pmo_dash.ui.governance import charts, resources

shell.guard()
here = drill.insight_page(
    "resources", shell.current(), shell.user_scope(), "Capacity against planned demand, the next 12 months"
)
cut = data.intake.thresholds()
missing.page_needs("capacity or demand", ("capacity", "demand"), here.scope)

st.subheader("Utilisation by month")
usage = data.governance.utilisation(here, resources.rows_per(here.scope))
st.caption(
    "Planned demand of the active and on-hold projects in view as a share of the department's capacity, "
    f"from {here.as_of:%b %Y}: green to {charts.NEAR_FULL:.0%}, amber to {cut.over_allocation:.0%}, red "
    "beyond (over-allocated; 'no cap.' is demand where no capacity was returned). Amber and red cells show "
    "their share; hover any cell for its own. Capacity is the department's whatever the programme filter; "
    "a department or role row sums its cells. Click a cell to see which projects drive it."
)
picked = None
if not missing.nothing(usage, "capacity or demand in these months", "capacity"):
    event = plot.show(
        charts.utilisation_map(usage, cut.over_allocation),
        on_select="rerun",
        key="utilisation",
        selection_mode="points",
    )
    picked = resources.parse_cell(drill.chart_pick(event))
if picked:
    department, role, month = picked
    resources.drivers(
        data.governance.demand_drivers(here, department, role, month), usage, department, role, month
    )

left, right = st.columns(2, gap="large")
with left:
    st.markdown("**Bottleneck roles in view**")
    roles = data.governance.bottlenecks(here)
    if not missing.nothing(roles, "roles", "demand"):
        resources.bottlenecks(roles)
with right:
    st.markdown("**Demand from projects not yet started**")
    resources.unstarted(data.governance.unstarted_demand(here))
