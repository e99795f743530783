"""Enterprise: the whole portfolio at a glance, red flags first; every chart drills in."""

import streamlit as st

from pmo_dash import boardpack, data
from pmo_dash.ui import drill, filters, fmt, header, missing, shell, toolbar
from pmo_dash.ui.portfolio import cards, charts, views

shell.guard()
f = shell.current()

title = header.portfolio_title(shell.user(), data.portfolio.departments(shell.user_scope()))
st.title(fmt.plain(title))
header.caption(f, f"{len(f.scope)} department{'' if len(f.scope) == 1 else 's'}")
drill.breadcrumb([drill.enterprise_crumb()])
downloads = toolbar.reserve()  # the Board pack and every table below, offered once they are drawn
trend = data.portfolio.kpi_trend(f)
cards.kpi_cards(trend, f.as_of, risks=missing.returned(("risks",), f.scope))

if project := views.watermelons(
    data.portfolio.watermelons(f), key="watermelons", judged=cards.judged(trend, f.as_of)
):
    drill.open_project(project)

left, right = st.columns(2)
with left:
    st.subheader("RAG by department")
    # Opens on the evidence, unless no return in view carries any: then on the ratings as reported.
    first = "Evidence" if cards.judged(trend, f.as_of) else "Reported"
    basis = st.segmented_control("Judged on", ["Evidence", "Reported"], default=first, key="rag_basis")
    mix = data.portfolio.rag_mix(f)
    views.rating_note(mix, basis or first)
    if department := drill.clicked(charts.rag_mix(mix, basis or first), key="rag_mix"):
        drill.open_department(department)
with right:
    st.subheader("Reporting compliance")
    st.caption(
        "Share of active projects whose latest return falls within their department's cadence: "
        "the period itself (monthly), the quarter or the year ending at it"
    )
    chart = charts.reporting_compliance(data.portfolio.reporting_compliance(f), data.intake.thresholds())
    if department := drill.clicked(chart, key="compliance"):
        drill.open_department(department)

st.subheader("Departments")
if department := views.departments(data.portfolio.department_summary(f), key="department_table"):
    drill.open_department(department)

st.subheader("Schedule slip and cost variance by department")
variance = data.portfolio.department_variance(f)
if not views.not_reported(variance, ("median_slip_days", "cost_variance"), views.NO_VARIANCE):
    chart = charts.department_variance(variance, data.intake.thresholds())
    if department := drill.clicked(chart, key="variance"):
        drill.open_department(department)

st.subheader("Projects by schedule and cost performance")
scatter = data.portfolio.project_scatter(f)
if not views.not_reported(scatter, ("spi",), views.NO_SCATTER):
    st.caption(
        "Below and left of the dotted lines: behind schedule and over cost. Click a project to open it."
    )
    if project := drill.clicked(charts.spi_cpi_scatter(scatter), key="scatter"):
        drill.open_project(project)

st.subheader("Trends over the last 12 periods")
st.plotly_chart(charts.trends(trend.tail(12)))

st.subheader("Changed since")
if since := filters.since_picker(data.portfolio.periods(f.scope), f.as_of):
    views.changed_since(data.portfolio.changed_projects(f, since), data.risks.into_red(f, since), since)

toolbar.offer(
    downloads, f"enterprise-{f.as_of:%Y-%m}", boardpack.on_demand(f, title, toolbar.author(shell.user()))
)
