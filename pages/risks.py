"""Risks: the heat map as last reviewed; then, in tabs, what is overdue, what worsened, the trends and where
risk concentrates."""

import streamlit as st

from pmo_dash import data, periods
from pmo_dash.ui import drill, header, missing, plot, shell, tables, tabs, toolbar
from pmo_dash.ui.risks import charts, views

shell.guard()
here = drill.insight_page("risks", shell.current(), shell.user_scope(), "Risks and issues, as last reviewed")
downloads = toolbar.reserve()  # every table below, offered once they are drawn
missing.page_needs("risks or issues", ("risks", "issues"), here.scope)
cut = data.intake.thresholds()
past = header.is_past(here)  # a risk's owner, response and action date are today's

left, right = st.columns(2, gap="large")
with left:
    st.subheader("Heat map")
    heat = views.heat_map(here, cut)
with right:
    views.heat_list(here, heat, past)


def overdue() -> None:
    tables.titled_table(
        "Overdue risk actions",
        data.risks.overdue_actions(here),
        views.risk_columns(
            "title",
            "project",
            "days_overdue",
            "exposure",
            "owner",
            "action_due",
            "department",
            "risk_id",
            past=past,
        ),
    )


def worsened() -> None:
    # Since the period the movement map compares with, else the period before.
    if since := heat.since or periods.previous(data.portfolio.periods(here.scope), here.as_of):
        tables.titled_table(
            f"Risks that worsened since {since:%b %Y}",
            data.risks.worsened(here, since),
            views.risk_columns(
                "title", "project", "was", "now", "rise", "department", "owner", "risk_id", past=past
            ),
        )
    else:
        st.caption("No earlier review in view to compare with: nothing can be said to have worsened.")


def trends() -> None:
    left, right = st.columns(2, gap="large")
    with left:
        st.subheader("Exposure over the last 13 periods")
        trend = data.risks.trend(here)
        if not missing.nothing(trend, "open risks", "risks", counted="open_risks"):
            plot.show(charts.risk_trend(trend), half=True)
    with right:
        st.subheader("Open issues by severity and age")
        issues = data.risks.open_issues(here)
        if not missing.nothing(issues, "open issues", "issues"):
            plot.show(charts.issues_by_severity(issues), half=True)


def concentration() -> None:
    st.subheader("Where risk concentrates: category by department")
    rows = data.risks.concentration(here)
    if not missing.nothing(rows, "open risks", "risks"):
        plot.show(charts.concentration(rows))


# The rest in tabs, only the open one drawn (`ui.tabs`).
tabs.lazy(views.TABS, (overdue, worsened, trends, concentration))

toolbar.offer(downloads, f"risks-{here.as_of:%Y-%m}")
