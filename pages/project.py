"""Project: a one-page brief, as the project stood in the as-of period. With none chosen, every project
in view."""

import streamlit as st

from pmo_dash import data
from pmo_dash.ui import drill, fmt, plot, shell, toolbar
from pmo_dash.ui.forecast import charts as forecast_charts
from pmo_dash.ui.forecast import project as forecast
from pmo_dash.ui.planning import brief
from pmo_dash.ui.portfolio import index
from pmo_dash.ui.project import charts, lineage, views
from pmo_dash.ui.risks import charts as risk_charts

shell.guard()
f = shell.current()
scope = shell.user_scope()
project = drill.chosen("project", data.portfolio.project_choices(scope), "project_id", "project")
if project is None:
    if not drill.named("project"):  # nothing chosen yet: every project in view
        index.projects_in_view(f, scope)
    st.stop()
facts = data.project.part(scope, project, f.as_of, "brief")
if facts.is_empty():
    record = data.project.part(scope, project, f.as_of, "record")
    views.not_then(record, f.as_of, data.project.part(scope, project, f.as_of, "history"))
    st.stop()
p = facts.row(0, named=True)

st.title(fmt.plain(p["project"]))
drill.breadcrumb(drill.project_trail(p))
downloads = toolbar.reserve()  # every table below, offered once they are drawn

past = f.as_of < data.portfolio.periods(scope)[0]  # then what returns keep only as it is today says so
views.facts(p, past=past)
views.status(p)
fc = data.forecast.project(scope, project, f.as_of)
forecast.show(
    fc, data.forecast.project_warning(scope, project, f.as_of), data.intake.thresholds(), p["evidence_rag"]
)

history = data.project.part(scope, project, f.as_of, "history")
returned = data.intake.returned(scope)
st.subheader("RAG by period")
plot.show(charts.rag_strip(history.tail(24)))

left, right = st.columns(2)
with left:
    st.subheader("Earned value")
    if not views.not_reported(history, views.EARNED_VALUE):
        s_curve = charts.s_curve(history, p["budget"], p["eac"], p["forecast_finish"])
        plot.show(forecast_charts.band(s_curve, history, fc), half=True)
with right:
    st.subheader("Milestones: baseline against forecast")
    milestones = data.project.part(scope, project, f.as_of, "milestones")
    if milestones.is_empty():
        st.caption(views.empty("milestones", p, returned))
    else:
        plot.show(charts.milestones(milestones, data.intake.thresholds()), half=True)
        if past:
            st.caption("Forecast dates as returned today (returns keep no history of them).")

parts = {part: data.project.part(scope, project, f.as_of, part) for part in views.LISTS}
if not parts["risks"].is_empty():
    left, right = st.columns([2, 3], gap="large")
    with left:
        st.subheader("Its risks, as last reviewed")
        grid = risk_charts.risk_grid(
            data.project.risk_cells(parts["risks"]),
            "risks",
            data.intake.thresholds(),
        )
        plot.show(grid, half=True)
    with right:
        st.subheader("Lessons others learned")
        st.caption(
            "From other projects, matched to this project's open risks: 2 for the risk's category, 1 for "
            "each word or two-word phrase they share (filler left out); one line per lesson, best first."
        )
        views.matches(parts["lesson_matches"])
views.lists(parts, p, returned, past)
brief.dependencies(
    data.planning.waits_for(scope, project, f.as_of),
    data.planning.waited_by(scope, project, f.as_of),
    bool(returned.get("dependencies")),
)
lineage.show(data.project.part(scope, project, f.as_of, "lineage"))

toolbar.offer(downloads, f"{project}-{f.as_of:%Y-%m}")
