"""Risks: the heat map as last reviewed, what moved, what is overdue, and where risk concentrates."""

import streamlit as st

from pmo_dash import data
from pmo_dash.ui import drill, header, missing, shell, tables, toolbar
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

if since := heat.since:
    tables.titled_table(
        f"Risks that worsened since {since:%b %Y}",
        data.risks.worsened(here, since),
        views.risk_columns(
            "title", "project", "was", "now", "rise", "department", "owner", "risk_id", past=past
        ),
    )

left, right = st.columns(2, gap="large")
with left:
    st.subheader("Exposure over the last 13 periods")
    trend = data.risks.trend(here)
    if not missing.nothing(trend, "open risks", "risks", counted="open_risks"):
        st.plotly_chart(charts.risk_trend(trend))
with right:
    st.subheader("Open issues by severity and age")
    issues = data.risks.open_issues(here)
    if not missing.nothing(issues, "open issues", "issues"):
        st.plotly_chart(charts.issues_by_severity(issues))

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

st.subheader("Where risk concentrates: category by department")
concentration = data.risks.concentration(here)
if not missing.nothing(concentration, "open risks", "risks"):
    st.plotly_chart(charts.concentration(concentration))

toolbar.offer(downloads, f"risks-{here.as_of:%Y-%m}")
