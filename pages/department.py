"""Department: one department's PMO, its programmes and projects; a click drills further in."""

import streamlit as st

from pmo_dash import data
from pmo_dash.data import Filters
from pmo_dash.ui import components, drill, fmt, header, shell
from pmo_dash.ui.portfolio import charts

shell.guard()
f = shell.current()
departments = data.portfolio.departments(shell.user_scope())
department = drill.chosen("department", departments, "department_id", "name", "department")
if department is None:
    st.stop()
name = departments.filter(departments["department_id"] == department)["name"][0]
here = Filters(scope=(department,), as_of=f.as_of, programme=f.programme, objective=f.objective)

st.title(fmt.plain(name))
header.caption(here, "Department PMO")
components.breadcrumb(
    [
        ("Enterprise", shell.page("enterprise"), {}),
        (name, shell.page("department"), {"department": department}),
    ]
)
drill.insight_links({"department": department})
components.kpi_cards(data.portfolio.kpi_trend(here), here.as_of)

if project := components.watermelons(data.portfolio.watermelons(here), key="watermelons"):
    drill.open_project(project)

st.subheader("Programmes")
if programme := components.programme_table(data.portfolio.programme_summary(here), key="programmes"):
    drill.open_programme(programme)

st.subheader("Projects")
if project := components.projects_table(
    data.portfolio.projects_table(here), key="projects", file_name=f"{department}-projects"
):
    drill.open_project(project)

left, right = st.columns([3, 2])
with left:
    st.subheader("Trends over the last 12 periods")
    st.plotly_chart(charts.trends(data.portfolio.kpi_trend(here).tail(12)))
with right:
    st.subheader("Schedule and cost performance")
    chart = charts.spi_cpi_scatter(data.portfolio.project_scatter(here))
    if project := components.chart_pick(st.plotly_chart(chart, on_select="rerun", key="scatter")):
        drill.open_project(project)

st.subheader("Changed since")
if since := components.since_picker(data.portfolio.periods(here.scope), here.as_of):
    components.changed_since(
        data.portfolio.changed_projects(here, since), data.risks.into_red(here, since), since
    )
