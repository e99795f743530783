"""What the board sees of a what-if: the headline numbers, the ranking, what changes, and the charts."""

from __future__ import annotations

import math

import polars as pl
import streamlit as st

from pmo_dash.settings import get_settings
from pmo_dash.ui import fmt, plot, tables
from pmo_dash.ui.whatif import charts
from pmo_dash.whatif.knapsack import NOT_STARTED
from pmo_dash.whatif.outcome import Outcome

NAMED = 5  # projects named in a message; the rest are counted
# Below the headline numbers, one tab open at a time (see pages/whatif.py).
TABS = ("What changes", "Ranking", "Value against cost", "By department", "Capacity", "Benefits")
NO_BENEFITS = "no project in view gives an expected benefit (the projects return's `expected_benefit`)."


def benefits_reported(candidates: pl.DataFrame) -> bool:
    """Whether any candidate brings an expected benefit (the projects return's `expected_benefit`)."""
    return bool(candidates["expected_benefit"].fill_null(0).sum())


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
        **(
            {"delta": f"{fmt.money(selection.over_budget)} over the envelope", "delta_color": "inverse"}
            if selection.over_budget
            else fmt.note(f"{fmt.money(result.levers.budget - selection.total_cost)} left")
        ),
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
    reported = benefits_reported(rows)
    # Short labels: five cards across must read whole at 1280 px; the help says the rest.
    cols[3].metric(
        "Benefit",
        fmt.money(benefit) if reported else "–",
        **(
            fmt.delta(f"{fmt.money(benefit - benefit_now)} on now")
            if reported
            else fmt.note(fmt.NOT_REPORTED)
        ),
        border=True,
        help="Expected benefit of the funded projects (the projects return's `expected_benefit`)"
        if reported
        else NO_BENEFITS,
    )
    over = result.capacity.filter(pl.col("over")).height
    known = not result.capacity.filter(pl.col("capacity_fte").is_not_null()).is_empty()
    cols[4].metric(
        "Overloads",
        f"{over:,}" if known else "–",
        **({} if known else fmt.note("not known")),
        border=True,
        help="Staffing overloads: role-months in which a department needs more people than it has."
        if known
        else "Not known: no department in view returned capacity (the `capacity` return).",
    )
    if selection.over_budget:
        st.warning(
            f"Mandatory and pinned-in projects alone cost {fmt.money(selection.total_cost)}, "
            f"{fmt.money(selection.over_budget)} over the envelope: nothing else is funded."
        )
    unfunded = result.funded < rows.height
    if result.levers.use_capacity and unfunded and selection.total_cost < 0.95 * result.levers.budget:
        st.info(
            f"Capacity, not money, limits this portfolio: "
            f"{fmt.money(result.levers.budget - selection.total_cost)} "
            "of the envelope is left because the people to deliver more are not there. "
            "The Capacity tab shows where, by role and month.",
            icon=":material/groups:",
        )
    st.caption(
        f"{answer(selection)} · {rows.height:,} candidates ({candidates(rows)}) · "
        f"answered in {selection.seconds * 1000:.0f} ms."
    )


def candidates(rows: pl.DataFrame) -> str:
    """The candidates in words: how many are projects and how many approved proposals."""
    proposals = int(rows["is_proposal"].sum()) if "is_proposal" in rows.columns else 0
    said = f"{rows.height - proposals:,} projects"
    return said + (f", {proposals:,} approved proposal{'s' * (proposals != 1)}" if proposals else "")


def answer(selection) -> str:
    """How good the selection is, in words a board uses."""
    if selection.status == "optimal":
        return "The best possible selection (proven)"
    gap = selection.mip_gap
    # Rounded up, never down: "at most 0.01%" when the proven gap is any smaller than that.
    shown = math.ceil(gap * 1e4 - 1e-9) / 100 if gap is not None and gap < 1 else None
    short = f"at most {shown:.2f}% below the best possible" if shown is not None else "not proven best"
    if selection.method == "greedy" and selection.message.startswith(NOT_STARTED):
        return f"A quick selection (too many projects in play to begin the exact search in time), {short}"
    if selection.method == "greedy":
        return f"A quick selection (the exact search found nothing better in time), {short}"
    return f"The best selection found in the time allowed, {short}"


def left_out(uncosted: pl.DataFrame) -> None:
    """Say which projects the what-if leaves out because nothing says what they cost."""
    if uncosted.is_empty():
        return
    count, withheld = uncosted.height, int(uncosted["budget_withheld"].sum())
    names = ", ".join(fmt.plain(n, 60) for n in uncosted["project"].head(NAMED))
    more = f" and {count - NAMED:,} more" if count > NAMED else ""
    why = "withheld" if withheld == count else f"{withheld:,} withheld, {count - withheld:,} not given"
    one = count == 1
    st.info(
        f"{count:,} active or on-hold project{'' if one else 's'} left out: no EAC and no budget ({why}), "
        f"so the what-if cannot cost {'it' if one else 'them'}: {names}{more}.",
        icon=":material/money_off:",
    )


def same_scores(rows: pl.DataFrame) -> None:
    """Say so when every candidate scores the same, and why: nothing in the returns tells them apart."""
    if rows.height <= 1 or rows["score"].round(9).n_unique() > 1:
        return
    lacking = [
        what
        for what, blank in (
            ("strategic fit", rows["strategic_fit"].is_null().all()),
            ("expected benefit", not benefits_reported(rows)),
            ("open risks", not (rows["exposure"].fill_null(0) > 0).any()),
            ("SPI or CPI", rows["spi"].is_null().all() and rows["cpi"].is_null().all()),
        )
        if blank
    ]
    st.info(
        f"Every project scores the same ({rows['score'][0]:.2f}): the returns in view give no "
        + (", ".join(lacking) if lacking else "difference in what the weights count")
        + " to tell them apart (a measure not reported counts as the middle of its scale). With equal "
        "scores the optimiser funds as many projects as the envelope allows.",
        icon=":material/drag_handle:",
    )


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
        *(["is_proposal"] if "is_proposal" in rows.columns else []),
    )
    columns = {
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
        "is_proposal": st.column_config.CheckboxColumn(
            "Proposal", help="A proposal the portfolio board approved to start, not yet a project"
        ),
    }
    tables.show(
        shown,
        {k: v for k, v in columns.items() if k in shown.columns},
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
        "project": st.column_config.TextColumn("Project", width="medium"),
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


def value_against_cost(result: Outcome) -> None:
    """The most score each budget could buy, this scenario and today's portfolio."""
    st.caption(
        "The grey line is the most score each budget could buy (if projects could be part-funded: "
        "an upper bound); the star is this scenario, the circle today's portfolio."
    )
    chosen = (result.selection.total_cost, result.selection.objective)
    plot.show(charts.frontier(result.frontier, chosen, result.today[1:]))


def funding_by_department(result: Outcome, departments: dict[str, str]) -> None:
    """What each department gets in this scenario against today."""
    named = result.departments.with_columns(
        department=pl.col("department_id").replace_strict(departments, default=pl.col("department_id"))
    )
    plot.show(charts.department_funding(named))


def capacity(result: Outcome) -> None:
    """The funded projects' demand for people against capacity, by role and month."""
    if result.capacity.filter(pl.col("capacity_fte").is_not_null()).is_empty():
        st.caption("No department in view returned capacity for the months ahead.")
        return
    st.caption(
        "Demand of the funded projects as a share of capacity, summed over departments; a boxed cell "
        "has at least one department over its own capacity"
        + ("." if result.levers.use_capacity else " (capacity is not a constraint in this scenario).")
    )
    plot.show(charts.capacity(result.capacity))


def benefits(result: Outcome) -> None:
    """The expected benefit of the funded projects over time, against today's."""
    if not benefits_reported(result.candidates):
        st.caption(f"Not reported: {NO_BENEFITS}")
        return
    st.caption("Expected benefit, counted from each project's (shocked) finish month, cumulative.")
    plot.show(charts.benefits(result.benefits))
