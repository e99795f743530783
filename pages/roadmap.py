"""Roadmap: the portfolio over time, grouped by department, programme or strategic objective (one bar
each, opened to its projects), baseline against forecast; dependencies, the broken ones and the late
projects that delay the most others, and a programme's or department's dependency network."""

import streamlit as st

from pmo_dash import data
from pmo_dash.ui import drill, missing, shell
from pmo_dash.ui.planning import roadmap

shell.guard()
here = drill.insight_page(
    "roadmap", shell.current(), shell.user_scope(), "The portfolio over time, and what waits for what"
)
today = roadmap.today()
by = roadmap.grouping("programme" if len(here.scope) == 1 else "department")
noun = data.planning.GROUPS[by]
groups = data.planning.roadmap_groups(here, by)
grouped = roadmap.grouped(groups)
has_dependencies = missing.returned(("dependencies",), here.scope)

st.subheader("Timeline")
if missing.nothing(groups, "projects with baseline dates", "projects"):
    st.stop()
opened = None
if grouped:
    opened = roadmap.groups(groups, noun, here.as_of, today)
if not grouped or opened is not None:
    within = roadmap.level_filters(here, by, opened)
    rows = roadmap.page_of(data.planning.roadmap_projects(here, by, opened), "roadmap")
    markers = data.planning.roadmap_markers(here.scope, here.as_of, tuple(rows["project_id"]))
    links = data.planning.dependency_network(within)
    roadmap.projects(rows, markers, links, here.as_of, today, "roadmap_projects")

st.subheader("Dependencies")
if not has_dependencies:
    missing.say("dependencies", ("dependencies",))
    st.stop()
left, right = st.columns(2, gap="large")
with left:
    st.markdown("**Broken dependencies**, the longest delay first")
    roadmap.broken(data.planning.dependencies_broken(here))
with right:
    st.markdown("**Late projects that delay the most others**, down their chains")
    roadmap.origins(data.planning.slip_origins(here))
st.markdown("**The dependency network**")
if here.programme is None and len(here.scope) > 1 and opened is None:
    st.caption("Open a department or programme (above, or from its page) to see its network.")
else:
    roadmap.network(
        data.planning.dependency_network(roadmap.level_filters(here, by, opened)), "roadmap_network"
    )
