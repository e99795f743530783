"""Lessons learned: how well each department learns, what keeps coming back, and a library to search."""

import streamlit as st

from pmo_dash import data
from pmo_dash.ui import components, drill, fmt, header, shell
from pmo_dash.ui.lessons import charts

shell.guard()
f = shell.current()
if (found := drill.level(f, shell.user_scope(), "lessons")) is None:
    st.stop()
here, label, trail = found

st.title(f"Lessons learned · {fmt.plain(label)}")
header.caption(here, "Lessons-learned health and library")
components.breadcrumb([*trail, ("Lessons learned", shell.page("lessons"), {})])

health = data.lessons.health(here)
st.subheader("Health by department")
components.health_table(health, here.as_of)

left, right = st.columns([3, 2], gap="large")
with left:
    st.subheader("Health score over the last 13 periods")
    st.plotly_chart(charts.health_trend(health))
with right:
    st.subheader("Categories and effects")
    mix = data.lessons.mix(here)
    st.plotly_chart(charts.lessons_mix(mix))

st.subheader("Recurring themes")
components.themes(data.lessons.themes(here))

st.subheader("Library")
words, categories, effects, departments = components.library_search(
    data.portfolio.departments(here.scope), sorted(set(mix["category"]))
)
shown = data.lessons.library(here.within(departments) if departments else here, words, categories, effects)
components.library(shown)
