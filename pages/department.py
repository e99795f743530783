"""Department: one department's PMO. What needs attention and the headline numbers first, then the
watermelons; the rest in tabs (programmes, projects, schedule and cost, forecast, trends, what
changed), each a link of its own. A click drills further in. With none chosen, every department in
view."""

import streamlit as st

from pmo_dash import boardpack, data
from pmo_dash.ui import drill, missing, shell, toolbar
from pmo_dash.ui.portfolio import cards, home, index, views

shell.guard()
if (level := drill.department(shell.current(), shell.user_scope())) is None:
    if not drill.named("department"):  # nothing chosen yet: every department in view
        index.departments(shell.current())
    st.stop()
here, department = level.filters, level.facts["department_id"]

drill.heading(level, "Department PMO")
downloads = toolbar.reserve()  # the Board pack and every table below, offered once they are drawn
trend = data.portfolio.kpi_trend(here)
cards.kpi_cards(trend, here.as_of, risks=missing.returned(("risks",), here.scope))

if project := views.watermelons(
    data.portfolio.watermelons(here), key="watermelons", judged=cards.judged(trend, here.as_of)
):
    drill.open_project(project)

st.divider()
home.show_department(here, trend, department)

pack = boardpack.on_demand(here, level.name, toolbar.author(shell.user()))
toolbar.offer(downloads, f"{department}-{here.as_of:%Y-%m}", pack)
