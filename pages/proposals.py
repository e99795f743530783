"""Proposals: the initiatives proposed but not yet projects (the demand pipeline), ranked by return on
investment, risk and strategic fit, with the portfolio board's decisions."""

import streamlit as st

from pmo_dash import data
from pmo_dash.ui import drill, missing, plot, shell, toolbar
from pmo_dash.ui.planning import proposals

shell.guard()
here = drill.insight_page(
    "proposals", shell.current(), shell.user_scope(), "Proposed initiatives, by return, risk and fit"
)
downloads = toolbar.reserve()
missing.page_needs("proposals", ("proposals",), here.scope)
cut = data.intake.thresholds()
rows = data.planning.proposals(here)
if missing.nothing(rows, "proposals", "proposals"):
    st.stop()

proposals.cards(rows)
st.subheader("Value against strategic fit")
st.caption(
    f"Net present value at {cut.discount_rate:.1%} a year (the benefit at each year's end, the cost up "
    "front); benefit/cost is the discounted benefit over the cost (right of the line, it repays more than "
    "its cost); a bubble's size is its cost. Approved proposals are candidates on the What-if page."
)
plot.show(proposals.value_map(rows), key="value_map")
st.subheader("Ranked")
proposals.listing(proposals.ranked(rows))
proposals.demand(data.planning.proposal_demand(here))
proposals.decisions(data.planning.proposal_decisions(here))
toolbar.offer(downloads, f"proposals-{here.as_of:%Y-%m}")
