"""Enterprise: the whole portfolio at a glance. What needs attention and the headline numbers first,
then the watermelons; the rest in tabs (departments, RAG by department, schedule and cost, forecast,
trends, what changed), each a link of its own. Every chart and table drills in."""

import streamlit as st

from pmo_dash import boardpack, data, periods
from pmo_dash.ui import drill, fmt, header, missing, shell, toolbar
from pmo_dash.ui.portfolio import cards, home, views

shell.guard()
f = shell.current()

title = header.portfolio_title(shell.user(), data.portfolio.departments(shell.user_scope()))
st.title(fmt.plain(title))
header.caption(f, f"{len(f.scope)} department{'' if len(f.scope) == 1 else 's'}")
drill.breadcrumb([drill.enterprise_crumb()])
downloads = toolbar.reserve()  # the Board pack and every table below, offered once they are drawn
trend = data.portfolio.kpi_trend(f)
watermelons = data.portfolio.watermelons(f)
summary = data.portfolio.department_summary(f)  # its reporting compliance names the late departments
previous = periods.previous(data.portfolio.periods(f.scope), f.as_of)
views.attention(
    watermelons.height,
    data.portfolio.changed_projects(f, previous) if previous else None,
    data.risks.into_red(f, previous) if previous else None,
    summary,
    data.intake.thresholds().compliance_amber,
    previous,
)
cards.kpi_cards(trend, f.as_of, risks=missing.returned(("risks",), f.scope))

if project := views.watermelons(watermelons, key="watermelons", judged=cards.judged(trend, f.as_of)):
    drill.open_project(project)

st.divider()
home.show(f, trend)

toolbar.offer(
    downloads, f"enterprise-{f.as_of:%Y-%m}", boardpack.on_demand(f, title, toolbar.author(shell.user()))
)
