"""Department: one department's PMO, its programmes and projects; a click drills further in. With
none chosen, every department in view."""

import streamlit as st

from pmo_dash import boardpack, data
from pmo_dash.ui import drill, filters, missing, shell, toolbar
from pmo_dash.ui.forecast import views as forecast
from pmo_dash.ui.portfolio import cards, charts, index, projects, views

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

st.subheader("Programmes")
if programme := views.programme_table(data.portfolio.programme_summary(here), key="programmes"):
    drill.open_programme(programme)

st.subheader("Projects")
if project := projects.projects_table(
    data.portfolio.projects_table(here), key="projects", file_name=f"{department}-projects"
):
    drill.open_project(project)

left, right = st.columns([3, 2])
with left:
    st.subheader("Trends over the last 12 periods")
    st.plotly_chart(charts.trends(trend.tail(12)))
with right:
    st.subheader("Schedule and cost performance")
    scatter = data.portfolio.project_scatter(here)
    reported = not views.not_reported(scatter, ("spi",), views.NO_SCATTER)
    if reported and (
        project := drill.clicked(charts.spi_cpi_scatter(scatter), key="scatter", opens="project")
    ):
        drill.open_project(project)

st.subheader("Forecast")
forecast.section(here, by_department=False)

st.subheader("Changed since")
if since := filters.since_picker(data.portfolio.periods(here.scope), here.as_of):
    views.changed_since(data.portfolio.changed_projects(here, since), data.risks.into_red(here, since), since)

pack = boardpack.on_demand(here, level.name, toolbar.author(shell.user()))
toolbar.offer(downloads, f"{department}-{here.as_of:%Y-%m}", pack)
