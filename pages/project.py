"""Project: a one-page brief, as the project stood in the as-of period."""

import streamlit as st

from pmo_dash import data, periods
from pmo_dash.ui import brief, charts, components, drill, shell

shell.guard()
f = shell.current()
scope = shell.user_scope()
project = drill.chosen("project", data.project_choices(scope), "project_id", "label", "project")
if project is None:
    st.stop()
facts = data.project(scope, project, f.as_of, "brief")
if facts.is_empty():
    st.warning(f"Project {project} had not started by {periods.label(f.as_of)}: choose a later period.")
    st.stop()
p = facts.row(0, named=True)

st.title(p["project"])
trail = [
    ("Enterprise", shell.page("enterprise"), {}),
    (p["department"], shell.page("department"), {"department": p["department_id"]}),
]
if p["programme_id"]:
    trail.append((p["programme"], shell.page("programme"), {"programme": p["programme_id"]}))
trail.append((p["project"], shell.page("project"), {"project": project}))
components.breadcrumb(trail)

brief.facts(p)
brief.status(p)

history = data.project(scope, project, f.as_of, "history")
st.subheader("RAG by period")
st.plotly_chart(charts.rag_strip(history.tail(24)))

left, right = st.columns(2)
with left:
    st.subheader("Earned value")
    st.plotly_chart(charts.s_curve(history, p["budget"], p["eac"], p["forecast_finish"]))
with right:
    st.subheader("Milestones: baseline against forecast")
    milestones = data.project(scope, project, f.as_of, "milestones")
    if milestones.is_empty():
        st.caption("No milestones submitted.")
    else:
        st.plotly_chart(charts.milestones(milestones))

brief.lists({part: data.project(scope, project, f.as_of, part) for part in brief.LISTS})
