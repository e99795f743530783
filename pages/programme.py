"""Programme: the roll-up of one programme's projects. With none chosen, every programme in view."""

import streamlit as st

from pmo_dash import boardpack, data
from pmo_dash.ui import drill, missing, plot, shell, toolbar
from pmo_dash.ui.forecast import views as forecast
from pmo_dash.ui.portfolio import cards, charts, index, projects, views

shell.guard()
if (level := drill.programme(shell.current(), shell.user_scope())) is None:
    if not drill.named("programme"):  # nothing chosen yet: every programme in view
        index.programmes(shell.current())
    st.stop()
here, this = level.filters, level.facts

drill.heading(
    level, f"Programme of {this['department']}" + (f", sponsor {this['sponsor']}" if this["sponsor"] else "")
)
downloads = toolbar.reserve()  # the Board pack and every table below, offered once they are drawn
trend = data.portfolio.kpi_trend(here)
cards.kpi_cards(trend, here.as_of, risks=missing.returned(("risks",), here.scope))

if project := views.watermelons(
    data.portfolio.watermelons(here), key="watermelons", judged=cards.judged(trend, here.as_of)
):
    drill.open_project(project)

st.subheader("Projects")
if project := projects.projects_table(
    data.portfolio.projects_table(here), key="projects", file_name=f"{this['programme_id']}-projects"
):
    drill.open_project(project)

st.subheader("Trends over the last 12 periods")
plot.show(charts.trends(trend.tail(12)))

st.subheader("Forecast")
forecast.section(here, by_department=False)

title = f"{level.name}, programme of {this['department']}"
pack = boardpack.on_demand(here, title, toolbar.author(shell.user()))
toolbar.offer(downloads, f"{this['programme_id']}-{here.as_of:%Y-%m}", pack)
