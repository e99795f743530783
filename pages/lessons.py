"""Lessons learned: how well each department learns; then, in tabs, its health over time, the categories
and effects, what keeps coming back, and a library to search."""

import streamlit as st

from pmo_dash import data
from pmo_dash.ui import drill, missing, plot, shell, tabs, toolbar
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


def health_trend() -> None:
    plot.show(charts.health_trend(health))


def categories() -> None:
    plot.show(charts.lessons_mix(mix))


def themes() -> None:
    views.themes(data.lessons.themes(here))


def library() -> None:
    words, kinds, effects, departments = views.library_search(
        data.portfolio.departments(here.scope), data.lessons.categories(mix)
    )
    shown = data.lessons.library(here.within(departments) if departments else here, words, kinds, effects)
    views.library(shown)


# Only the open tab is drawn (`ui.tabs`), each a link of its own.
tabs.lazy(views.TABS, (health_trend, categories, themes, library))

toolbar.offer(downloads, f"lessons-{here.as_of:%Y-%m}")
