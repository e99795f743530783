"""Risks: the heat map as last reviewed, what moved, what is overdue, and where risk concentrates."""

import streamlit as st

from pmo_dash import data
from pmo_dash.ui import drill, filters, missing, shell, tables, toolbar
from pmo_dash.ui.risks import charts, views

shell.guard()
here = drill.insight_page("risks", shell.current(), shell.user_scope(), "Risks and issues, as last reviewed")
downloads = toolbar.reserve()  # every table below, offered once they are drawn
missing.page_needs("risks or issues", ("risks", "issues"), here.scope)
cut = data.intake.thresholds()

left, right = st.columns(2, gap="large")
with left:
    st.subheader("Heat map")
    mode = st.segmented_control("Show", ["Risks", "Exposure", "Movement"], default="Risks", key="heat_mode")
    moves = since = None
    if mode == "Movement":
        since = filters.since_picker(data.portfolio.periods(here.scope), here.as_of)
        moves = data.risks.movement(here, since) if since else None
    cells = data.risks.heatmap(here)
    grid = charts.risk_grid(
        cells,
        "exposure" if mode == "Exposure" else "risks",
        cut,
        moves,
    )
    picked = views.heat_cell(st.plotly_chart(grid, on_select="rerun", key="heatmap"))
    st.caption(
        f"Red zone: likelihood × impact ≥ {cut.high_risk_exposure}; amber from "
        f"{cut.medium_risk_exposure}. Click a cell to list its risks."
    )
with right:
    if picked:
        likelihood, impact = picked
        tables.titled_table(
            f"Risks at likelihood {likelihood} × impact {impact}",
            data.risks.cell(here, likelihood, impact),
            views.risk_columns(
                "title",
                "project",
                "owner",
                "action_due",
                "action_overdue",
                "department",
                "response",
                "risk_id",
            ),
            height=420,
        )
    else:
        tables.titled_table(
            "Top 10 risks by exposure",
            data.risks.top(here),
            views.risk_columns(
                "exposure", "title", "project", "owner", "action_due", "action_overdue", "risk_id"
            ),
            height=420,
        )

if since:
    tables.titled_table(
        f"Risks that worsened since {since:%b %Y}",
        data.risks.worsened(here, since),
        views.risk_columns("title", "project", "was", "now", "rise", "department", "owner", "risk_id"),
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
        "title", "project", "days_overdue", "exposure", "owner", "action_due", "department", "risk_id"
    ),
)

st.subheader("Where risk concentrates: category by department")
concentration = data.risks.concentration(here)
if not missing.nothing(concentration, "open risks", "risks"):
    st.plotly_chart(charts.concentration(concentration))

toolbar.offer(downloads, f"risks-{here.as_of:%Y-%m}")
