"""Programme: the roll-up of one programme's projects."""

import streamlit as st

from pmo_dash import data
from pmo_dash.data import Filters
from pmo_dash.ui import components, drill, fmt, header, shell
from pmo_dash.ui.portfolio import charts

shell.guard()
f = shell.current()
programmes = data.portfolio.programmes(shell.user_scope())
programme = drill.chosen("programme", programmes, "programme_id", "name", "programme")
if programme is None:
    st.stop()
this = programmes.filter(programmes["programme_id"] == programme).row(0, named=True)
here = Filters(scope=(this["department_id"],), as_of=f.as_of, programme=programme, objective=f.objective)

st.title(fmt.plain(this["name"]))
header.caption(
    here, f"Programme of {this['department']}" + (f", sponsor {this['sponsor']}" if this["sponsor"] else "")
)
components.breadcrumb(
    [
        ("Enterprise", shell.page("enterprise"), {}),
        (this["department"], shell.page("department"), {"department": this["department_id"]}),
        (this["name"], shell.page("programme"), {"programme": programme}),
    ]
)
drill.insight_links({"programme": programme})
components.kpi_cards(data.portfolio.kpi_trend(here), here.as_of)

if project := components.watermelons(data.portfolio.watermelons(here), key="watermelons"):
    drill.open_project(project)

st.subheader("Projects")
if project := components.projects_table(
    data.portfolio.projects_table(here), key="projects", file_name=f"{programme}-projects"
):
    drill.open_project(project)

st.subheader("Trends over the last 12 periods")
st.plotly_chart(charts.trends(data.portfolio.kpi_trend(here).tail(12)))
