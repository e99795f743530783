"""Governance: what the steering committee must decide (gates, changes, escalations, projects outside
tolerance) as one agenda, and what it has decided and what came of it (gates passed, change control,
satisfaction and the seed KPIs, post-implementation reviews, proposals), each in tabs of which only the
open one is drawn."""

import streamlit as st

from pmo_dash import data
from pmo_dash.ui import drill, fmt, missing, plot, shell, tabs, toolbar
from pmo_dash.ui.governance import charts, outcomes, views
from pmo_dash.ui.planning import proposals as proposal_view

shell.guard()
here = drill.insight_page(
    "governance",
    shell.current(),
    shell.user_scope(),
    "What the steering committee must decide, and has decided",
)
downloads = toolbar.reserve()  # every table below, offered once they are drawn
cut = data.intake.thresholds()
gates = data.governance.gates_due(here)
changes = data.governance.changes_pending(here)
escalations = data.governance.escalations(here)
tolerance = data.governance.outside_tolerance(here)

has = {t: missing.returned((t,), here.scope) for t in ("stage_gates", "change_requests", "issues", "risks")}
has["escalations"] = has["issues"] or has["risks"]

st.subheader("Decisions needed")
views.needed_cards(gates, changes, escalations, tolerance, has)


def gates_due() -> None:
    if has["stage_gates"]:
        views.gates(gates, cut, here.as_of)
    else:
        missing.say("stage gates", ("stage_gates",))


def escalated() -> None:
    if has["escalations"]:
        views.escalations(escalations, cut)
    else:
        missing.say("issues or risks", ("issues", "risks"))


def outside_tolerance() -> None:
    views.tolerance(tolerance, cut)


def changes_pending() -> None:
    if has["change_requests"]:
        views.changes(changes)
    else:
        missing.say("change requests", ("change_requests",))


def the_agenda() -> None:
    st.caption("Everything in the other tabs as one list for the next steering committee, to download.")
    level = st.query_params.get("programme") or st.query_params.get("department") or "enterprise"
    views.agenda(data.governance.agenda(gates, changes, escalations, tolerance), here.as_of, fmt.plain(level))


# Only the open tab is drawn (`ui.tabs`); the counts are the cards' above and each list's own.
tabs.lazy(views.TABS, (gates_due, escalated, outside_tolerance, changes_pending, the_agenda))


def gates_passed() -> None:
    left, right = st.columns(2, gap="large")
    with left:
        st.markdown("**Stage gates passed, by month**")
        passed = data.governance.gates_passed(here)
        if not missing.nothing(passed, "stage gates passed", "stage_gates"):
            plot.show(charts.gates_passed(passed), key="gates_passed", half=True)
    with right:
        st.markdown("**Gate decisions by department**")
        decisions = data.governance.gate_decisions(here)
        if not missing.nothing(decisions, "stage-gate decisions", "stage_gates"):
            views.gate_decisions(decisions)


def change_control() -> None:
    st.markdown("**Scope creep by department**")
    creep = data.governance.scope_creep(here)
    if not missing.nothing(creep, "decided change requests", "change_requests"):
        st.caption(
            "Approved change cost as a share of the budget of the department's projects on the portfolio "
            "in the period; cycle time from raised to decided."
        )
        views.scope_creep(creep)
    st.markdown("**The change-control log**, decisions of the last 13 months")
    views.change_log(data.governance.change_log(here))


def satisfaction() -> None:
    outcomes.seed_kpis(data.portfolio.kpi_trend(here), here.as_of)
    left, right = st.columns(2, gap="large")
    with left:
        st.markdown("**Satisfaction by department**, lowest first")
        by_department = data.governance.satisfaction_by_department(here)
        if by_department.is_empty():
            st.caption("No return in force gives a stakeholder satisfaction score (`status_reports`).")
        else:
            outcomes.satisfaction_by_department(by_department)
    with right:
        st.markdown("**The ten lowest-scoring projects**")
        outcomes.lowest_satisfaction(data.governance.lowest_satisfaction(here))


def reviews() -> None:
    due = data.governance.pir_status(here)
    if due.is_empty():
        st.caption("No project in view has closed yet: no review is due.")
        return
    st.caption(
        f"A closed project's review is due {cut.pir_due_months} months after it closed. Click a project "
        "to open it."
    )
    outcomes.pir_status(due)
    if not missing.returned(("post_implementation_reviews",), here.scope):
        missing.say("post-implementation reviews", ("post_implementation_reviews",))
    outcomes.pir_list(data.governance.pir_list(here))


def proposals() -> None:
    st.caption("The portfolio board's decisions on proposals.")
    if missing.returned(("proposals",), here.scope):
        proposal_view.decisions(data.planning.proposal_decisions(here))
    else:
        missing.say("proposals", ("proposals",))


st.subheader("Decisions made, and what came of them")
tabs.lazy(views.MADE, (gates_passed, change_control, satisfaction, reviews, proposals), key=views.MADE_KEY)

toolbar.offer(downloads, f"governance-{here.as_of:%Y-%m}")
