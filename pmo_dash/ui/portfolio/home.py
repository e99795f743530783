"""The tabs of the home page and of a department's page, below what needs attention: each draws one view
of the portfolio in view and drills in on a click. Only the open tab runs (`ui.tabs`)."""

from __future__ import annotations

from functools import partial

import polars as pl
import streamlit as st

from pmo_dash import data
from pmo_dash.data import Filters
from pmo_dash.ui import drill, filters, plot, tabs
from pmo_dash.ui.forecast import views as forecast_views
from pmo_dash.ui.portfolio import cards, charts, projects, views

SHARED = ("Schedule and cost", "Forecast", "Trends", "What changed")
# The home page opens on the departments table, not on RAG by department: at 40 departments the chart is
# 1,210 px of 160 bars below the fold, and Streamlit's Plotly draws a chart twice as it mounts (once more
# when its width is known); logging in to a drawn page took 1.58 s with it and 1.21 s without, in 12
# paired fresh Chromium browsers. The table holds each department's Red counts, sortable, in 420 px.
TABS = ("Departments", "RAG by department", *SHARED)
DEPARTMENT_TABS = ("Programmes", "Projects", *SHARED)


def show(f: Filters, trend: pl.DataFrame) -> None:
    """The home page's tabs; the one open is drawn."""
    draws = (departments, rag_by_department, schedule_and_cost, forecast, trends, what_changed)
    tabs.lazy(TABS, [partial(draw, f, trend) for draw in draws])


def show_department(here: Filters, trend: pl.DataFrame, department: str) -> None:
    """A department's tabs: its programmes first, then its projects; the one open is drawn."""
    every_project = partial(projects_of, department=department)
    draws = (programmes, every_project, projects_by_performance, department_forecast, trends, what_changed)
    tabs.lazy(DEPARTMENT_TABS, [partial(draw, here, trend) for draw in draws])


def departments(f: Filters, trend: pl.DataFrame) -> None:
    """The departments table, with each one's Red counts and reporting compliance; a row opens one."""
    st.subheader("Departments")
    summary = data.portfolio.department_summary(f)
    if department := views.departments(summary, data.intake.thresholds(), key="department_table"):
        drill.open_department(department)


def rag_by_department(f: Filters, trend: pl.DataFrame) -> None:
    """Each department's projects by RAG, on the evidence or as reported; a bar opens its department."""
    st.subheader("RAG by department")
    # Opens on the evidence, unless no return in view carries any: then on the ratings as reported.
    first = "Evidence" if cards.judged(trend, f.as_of) else "Reported"
    basis = st.segmented_control("Judged on", ["Evidence", "Reported"], default=first, key="rag_basis")
    mix = data.portfolio.rag_mix(f)
    views.rating_note(mix, basis or first)
    if department := drill.clicked(charts.rag_mix(mix, basis or first), key="rag_mix", opens="department"):
        drill.open_department(department)


def schedule_and_cost(f: Filters, trend: pl.DataFrame) -> None:
    """Slip and cost variance by department, and every project by SPI and CPI."""
    st.subheader("Schedule slip and cost variance by department")
    variance = data.portfolio.department_variance(f)
    if not views.not_reported(variance, ("median_slip_days", "cost_variance"), views.NO_VARIANCE):
        chart = charts.department_variance(variance, data.intake.thresholds())
        if department := drill.clicked(chart, key="variance", opens="department"):
            drill.open_department(department)
    projects_by_performance(f, trend)


def projects_by_performance(f: Filters, trend: pl.DataFrame) -> None:
    """Every project in view by SPI and CPI; a click opens it."""
    st.subheader("Projects by schedule and cost performance")
    scatter = data.portfolio.project_scatter(f)
    if not views.not_reported(scatter, ("spi",), views.NO_SCATTER):
        st.caption(
            "Below and left of the dotted lines: behind schedule and over cost. Click a project to open it."
        )
        if project := drill.clicked(charts.spi_cpi_scatter(scatter), key="scatter", opens="project"):
            drill.open_project(project)


def programmes(f: Filters, trend: pl.DataFrame) -> None:
    """A department's programmes; a row opens one."""
    if programme := views.programme_table(data.portfolio.programme_summary(f), key="programmes"):
        drill.open_programme(programme)


def projects_of(f: Filters, trend: pl.DataFrame, *, department: str) -> None:
    """A department's projects, to search, filter and download; a row opens one. A tab of its own: with
    its search, filters and sparklines it took a third of the time the department page took to draw."""
    if project := projects.projects_table(
        data.portfolio.projects_table(f), key="projects", file_name=f"{department}-projects"
    ):
        drill.open_project(project)


def forecast(f: Filters, trend: pl.DataFrame) -> None:
    """Where the portfolio will land (P80 cost against budget) and which projects are likely to turn Red."""
    st.subheader("Forecast")
    forecast_views.section(f, by_department=True)


def department_forecast(f: Filters, trend: pl.DataFrame) -> None:
    """Where the department will land and which of its projects are likely to turn Red."""
    st.subheader("Forecast")
    forecast_views.section(f, by_department=False)


def trends(f: Filters, trend: pl.DataFrame) -> None:
    st.subheader("Trends over the last 12 periods")
    plot.show(charts.trends(trend.tail(12)))


def what_changed(f: Filters, trend: pl.DataFrame) -> None:
    """What moved since an earlier period, the previous one unless another is chosen."""
    if since := filters.since_picker(data.portfolio.periods(f.scope), f.as_of):
        views.changed_since(data.portfolio.changed_projects(f, since), data.risks.into_red(f, since), since)
