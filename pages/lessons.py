"""Lessons learned: how well each department learns, what keeps coming back, and a library to search."""

import streamlit as st

from pmo_dash import data
from pmo_dash.ui import drill, missing, shell, toolbar
from pmo_dash.ui.lessons import charts, views

shell.guard()
here = drill.insight_page(
    "lessons", shell.current(), shell.user_scope(), "Lessons-learned health and library"
)
downloads = toolbar.reserve()  # every table below, offered once they are drawn

missing.page_needs("lessons", ("lessons",), here.scope)
health = data.lessons.health(here)
st.subheader("Health by department")
views.health_table(health, here.as_of)
mix = data.lessons.mix(here)
if missing.nothing(mix, "lessons", "lessons", alert=True):
    st.stop()

left, right = st.columns([3, 2], gap="large")
with left:
    st.subheader("Health score over the last 13 periods")
    st.plotly_chart(charts.health_trend(health))
with right:
    st.subheader("Categories and effects")
    st.plotly_chart(charts.lessons_mix(mix))

st.subheader("Recurring themes")
views.themes(data.lessons.themes(here))

st.subheader("Library")
words, categories, effects, departments = views.library_search(
    data.portfolio.departments(here.scope), data.lessons.categories(mix)
)
shown = data.lessons.library(here.within(departments) if departments else here, words, categories, effects)
views.library(shown)

toolbar.offer(downloads, f"lessons-{here.as_of:%Y-%m}")
