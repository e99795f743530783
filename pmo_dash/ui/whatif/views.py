"""What the board sees of a what-if: the headline numbers, the ranking, what changes, and the charts."""

from __future__ import annotations

import math

import polars as pl
import streamlit as st

from pmo_dash.settings import get_settings
from pmo_dash.ui import fmt, tables
from pmo_dash.ui.whatif import charts
from pmo_dash.whatif.outcome import Outcome

NO_BENEFITS = "no project in view gives an expected benefit (the projects return's `expected_benefit`)."


def benefits_reported(result) -> bool:
    """Whether any project, funded now or in the scenario, brings an expected benefit to count."""
    return bool(result.benefits["now"].max() or result.benefits["scenario"].max())


def headline(result: Outcome) -> None:
    """The numbers the board reads first: funded, cost against the envelope, score, benefits, capacity."""
    rows = result.candidates
    now_count, now_cost, now_score = result.today
    selection = result.selection
    cols = st.columns(5)
    cols[0].metric(
        "Funded projects",
        f"{result.funded:,}",
        **fmt.delta(f"{result.funded - now_count:+,} on now"),
        border=True,
    )
    cols[1].metric(
        "Cost (EAC)",
        fmt.money(selection.total_cost),
        delta=(
            f"{fmt.money(selection.over_budget)} over the envelope"
            if selection.over_budget
            else f"{fmt.money(result.levers.budget - selection.total_cost)} left"
        ),
        delta_color="inverse" if selection.over_budget else "off",
        border=True,
        help=f"Envelope {fmt.money(result.levers.budget)}; the current portfolio: {fmt.money(now_cost)}.",
    )
    cols[2].metric(
        "Total score",
        f"{selection.objective:,.1f}",
        **fmt.delta(f"{selection.objective - now_score:+,.1f} on now"),
        border=True,
        help="The sum of the funded projects' weighted scores: what the optimiser maximises.",
    )
    benefit_now, benefit = (float(result.benefits[c].max() or 0.0) for c in ("now", "scenario"))
    cols[3].metric(
        "Expected benefit",
        fmt.money(benefit) if benefits_reported(result) else "not reported",
        **fmt.delta(f"{fmt.money(benefit - benefit_now)} on now" if benefits_reported(result) else None),
        border=True,
        help=None if benefits_reported(result) else NO_BENEFITS,
    )
    over = result.capacity.filter(pl.col("over")).height
    known = not result.capacity.filter(pl.col("capacity_fte").is_not_null()).is_empty()
    cols[4].metric(
        "Staffing overloads",
        f"{over:,}" if known else "–",
        border=True,
        help="Role-months in which a department needs more people than it has."
        if known
        else "Not known: no department in view returned capacity (the `capacity` return).",
    )
    if selection.over_budget:
        st.warning(
            f"Mandatory and pinned-in projects alone cost {fmt.money(selection.total_cost)}, "
            f"{fmt.money(selection.over_budget)} over the envelope: nothing else is funded."
        )
    if result.levers.use_capacity and selection.total_cost < 0.95 * result.levers.budget:
        st.info(
            f"Capacity, not money, limits this portfolio: "
            f"{fmt.money(result.levers.budget - selection.total_cost)} "
            "of the envelope is left because the people to deliver more are not there. "
            "See capacity by role and month below.",
            icon=":material/groups:",
        )
    st.caption(
        f"{answer(selection)} · {rows.height:,} candidate projects · "
        f"answered in {selection.seconds * 1000:.0f} ms."
    )


def answer(selection) -> str:
    """How good the selection is, in words a board uses."""
    if selection.status == "optimal":
        return "The best possible selection (proven)"
    gap = selection.mip_gap
    # Rounded up, never down: "at most 0.01%" when the proven gap is any smaller than that.
    shown = math.ceil(gap * 1e4 - 1e-9) / 100 if gap is not None and gap < 1 else None
    short = f"at most {shown:.2f}% below the best possible" if shown is not None else "not proven best"
    if selection.method == "greedy":
        return f"A quick selection (the exact search found nothing better in time), {short}"
    return f"The best selection found in the time allowed, {short}"


def ranked(result: Outcome) -> None:
    """Every candidate by score, with the decision; the funded line is where the first one misses out."""
    rows = result.candidates
    missed = rows.filter(~pl.col("funded"))
    line = int(missed["rank"].min()) if missed.height else rows.height + 1
    below = rows.filter((pl.col("rank") > line) & pl.col("funded")).height
    if line > rows.height:
        text = "Every project is funded."
    elif line == 1:
        text = "The top-ranked project is not funded"
    else:
        text = f"Every project down to rank {line - 1:,} is funded; the first one left out is ranked {line:,}"
    if below:
        text += (
            f". Below it, {below:,} more are funded because they fit what is left: "
            "the optimiser buys the most "
            "total score the envelope allows, so cost counts as well as rank."
        )
    st.caption(text if text.endswith(".") else text + ".")
    shown = rows.select(
        "rank",
        "decision",
        "funded",
        "project_id",
        "project",
        "department",
        "score",
        "fit_part",
        "benefit_part",
        "health_part",
        "risk_part",
        "eac",
        "funded_now",
    )
    tables.show(
        shown,
        {
            "rank": st.column_config.NumberColumn("Rank", width="small"),
            "decision": "Decision",
            "funded": st.column_config.CheckboxColumn("Funded"),
            "project_id": "ID",
            "project": "Project",
            "department": "Department",
            "score": st.column_config.NumberColumn("Score", format="%.2f"),
            "fit_part": _part("Fit"),
            "benefit_part": _part("Benefit"),
            "health_part": _part("Health"),
            "risk_part": _part("Risk"),
            "eac": tables.money("EAC"),
            "funded_now": st.column_config.CheckboxColumn("Funded now"),
        },
        height=min(420, 38 + 35 * shown.height),
    )


def _part(label: str) -> st.column_config.Column:
    """One part of a score, from 0 to 1, as a bar."""
    return st.column_config.ProgressColumn(label, min_value=0, max_value=1, format="%.2f")


def changes(result: Outcome) -> None:
    """The projects newly funded and newly cut against today, with why."""
    funded = result.changes.filter(pl.col("change") == "funded")
    cut = result.changes.filter(pl.col("change") == "cut")
    st.caption(
        "The optimiser buys the most total score the envelope allows, so what counts is the score each "
        f"{get_settings().currency_symbol}m buys: a good project can be cut when it costs a lot "
        "for its score."
    )
    columns = {
        "project_id": "ID",
        "project": st.column_config.TextColumn("Project", width="large"),
        "department": "Department",
        "score": st.column_config.NumberColumn("Score", format="%.2f"),
        "eac": tables.money("Cost (EAC)"),
        "per_million": st.column_config.NumberColumn(
            f"Score per {get_settings().currency_symbol}m", format="%.3f"
        ),
        "why": st.column_config.TextColumn("Why", width="large"),
    }
    for title, frame, empty in (
        ("Newly funded", funded, "Nothing that is not funded today."),
        ("Newly cut", cut, "Every project funded today stays funded."),
    ):
        st.markdown(f"**{title} ({frame.height})**")
        if frame.is_empty():
            st.caption(empty)
        else:
            tables.show(frame, columns, height=min(320, 38 + 35 * frame.height))


def effects(result: Outcome, departments: dict[str, str]) -> None:
    """What the scenario does: value against cost, funding by department, capacity, benefits."""
    left, right = st.columns(2, gap="large")
    with left:
        st.subheader("Value against cost")
        st.caption(
            "The grey line is the most score each budget could buy (if projects could be part-funded: "
            "an upper bound); the star is this scenario, the circle today's portfolio."
        )
        chosen = (result.selection.total_cost, result.selection.objective)
        st.plotly_chart(charts.frontier(result.frontier, chosen, result.today[1:]))
    with right:
        st.subheader("Funding by department")
        named = result.departments.with_columns(
            department=pl.col("department_id").replace_strict(departments, default=pl.col("department_id"))
        )
        st.plotly_chart(charts.department_funding(named))
    st.subheader("Capacity by role and month")
    if result.capacity.filter(pl.col("capacity_fte").is_not_null()).is_empty():
        st.caption("No department in view returned capacity for the months ahead.")
    else:
        st.caption(
            "Demand of the funded projects as a share of capacity, summed over departments; a boxed cell "
            "has at least one department over its own capacity"
            + ("." if result.levers.use_capacity else " (capacity is not a constraint in this scenario).")
        )
        st.plotly_chart(charts.capacity(result.capacity))
    st.subheader("Benefits over time")
    if not benefits_reported(result):
        st.caption(f"Not reported: {NO_BENEFITS}")
        return
    st.caption("Expected benefit, counted from each project's (shocked) finish month, cumulative.")
    st.plotly_chart(charts.benefits(result.benefits))
