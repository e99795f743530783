"""The what-if page's parts: the levers, what the board sees, and the saved scenarios.

The levers live in widgets bound to the URL (a scenario on the big screen is a link); the page
turns them into one `Levers` value and evaluates it through a cache, so that dragging back to an
earlier value answers at once.
"""

from __future__ import annotations

import json
import math
from typing import Any

import polars as pl
import streamlit as st

from pmo_dash import data, exports
from pmo_dash.auth.roles import User
from pmo_dash.data import Filters
from pmo_dash.intake import Scenario, ScenarioError, ScenarioStore, labelled
from pmo_dash.settings import get_settings
from pmo_dash.ui import fmt
from pmo_dash.ui import whatif_charts as charts
from pmo_dash.ui.filters import IN_LINK
from pmo_dash.whatif.levers import Levers
from pmo_dash.whatif.outcome import Outcome

# Widget keys: also the URL keys, and what a saved scenario restores.
WEIGHTS = {"wi_fit": "Strategic fit", "wi_benefit": "Expected benefit", "wi_health": "Delivery health"}
RISK = "wi_risk"
BUDGET_MODE, BUDGET_PCT, BUDGET_AMOUNT = "wi_budget_mode", "wi_budget_pct", "wi_budget_amount"
CAPACITY, OVERRUN, DELAY, SHOCKED = "wi_capacity", "wi_overrun", "wi_delay", "wi_shocked"
PIN_IN, PIN_OUT = "wi_pin_in", "wi_pin_out"
MODES = ["% of today's cost", "amount"]
DEFAULTS: dict[str, Any] = {
    "wi_fit": 3,
    "wi_benefit": 3,
    "wi_health": 2,
    RISK: 2,
    BUDGET_MODE: MODES[0],
    BUDGET_PCT: 100,
    CAPACITY: False,
    OVERRUN: 0,
    DELAY: 0,
    SHOCKED: [],
    PIN_IN: [],
    PIN_OUT: [],
}
BOUND = ("wi_fit", "wi_benefit", "wi_health", RISK, BUDGET_MODE, BUDGET_PCT, CAPACITY, OVERRUN, DELAY)


def current_budget(candidates: pl.DataFrame) -> float:
    """What the current portfolio is forecast to cost: the EAC of the projects funded now. Costs are
    EACs everywhere here, so that 100% funds today's portfolio as it stands."""
    return float(candidates.filter(pl.col("funded_now"))["eac"].sum())


def levers(candidates: pl.DataFrame, departments: dict[str, str]) -> Levers:
    """Draw the levers; return what they say."""
    if opened := st.session_state.pop("_wi_opened", None):
        st.toast(fmt.plain(opened), icon=":material/open_in_browser:")
    for key, value in DEFAULTS.items():
        st.session_state.setdefault(key, value)
    labels = dict(
        zip(candidates["project_id"], candidates["project_id"] + " · " + candidates["project"], strict=True)
    )
    weights, money_, shocks = st.columns([4, 4, 4], gap="large")
    with weights:
        st.markdown("**Weights**")
        values = {key: st.slider(label, 0, 10, key=key, **IN_LINK) for key, label in WEIGHTS.items()}
        risk = st.slider("Risk exposure (a penalty)", 0, 10, key=RISK, **IN_LINK)
    with money_:
        st.markdown("**Budget envelope**")
        base = current_budget(candidates)
        mode = st.segmented_control("Set the envelope as", MODES, key=BUDGET_MODE, **IN_LINK)
        if mode == MODES[1]:
            st.session_state.setdefault(BUDGET_AMOUNT, round(base))
            budget = st.number_input(
                f"Envelope ({get_settings().currency_symbol})", min_value=0, step=100_000, key=BUDGET_AMOUNT
            )
        else:
            pct = st.slider(
                "Envelope, % of what today's portfolio will cost",
                0,
                150,
                step=5,
                key=BUDGET_PCT,
                **IN_LINK,
                help=f"100% is {fmt.money(base)}: the forecast cost (EAC) of the projects funded now.",
            )
            budget = base * pct / 100
        capacity = st.toggle("Respect capacity (per department, role, month)", key=CAPACITY, **IN_LINK)
    with shocks:
        st.markdown("**Shocks**")
        overrun = st.slider("Cost overrun (%)", 0, 50, step=5, key=OVERRUN, **IN_LINK)
        delay = st.slider("Delay (months)", 0, 12, key=DELAY, **IN_LINK)
        shocked = st.multiselect(
            "Shock only these departments",
            list(departments),
            format_func=departments.get,
            key=SHOCKED,
            placeholder="The whole portfolio",
            **IN_LINK,
        )
    with st.expander("Pin projects in or out (mandatory projects are always in)"):
        left, right = st.columns(2)
        pin_in = left.multiselect("Always fund", list(labels), format_func=labels.get, key=PIN_IN, **IN_LINK)
        pin_out = right.multiselect(
            "Never fund", list(labels), format_func=labels.get, key=PIN_OUT, **IN_LINK
        )
    return Levers(
        fit=values["wi_fit"],
        benefit=values["wi_benefit"],
        health=values["wi_health"],
        risk=risk,
        budget=float(budget),
        use_capacity=bool(capacity),
        overrun_pct=float(overrun),
        delay_months=int(delay),
        shocked_departments=tuple(shocked),
        pinned_in=frozenset(pin_in),
        pinned_out=frozenset(pin_out),
        time_limit=get_settings().whatif_time_limit_seconds,
    )


def headline(result: Outcome) -> None:
    """The numbers the board reads first: funded, cost against the envelope, score, benefits, capacity."""
    rows = result.candidates
    now_count, now_cost, now_score = result.today
    selection = result.selection
    cols = st.columns(5)
    cols[0].metric(
        "Funded projects", f"{result.funded:,}", delta=f"{result.funded - now_count:+,} on now", border=True
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
        delta=f"{selection.objective - now_score:+,.1f} on now",
        border=True,
        help="The sum of the funded projects' weighted scores: what the optimiser maximises.",
    )
    benefit_now, benefit = (float(result.benefits[c].max() or 0.0) for c in ("now", "scenario"))
    cols[3].metric(
        "Expected benefit",
        fmt.money(benefit),
        delta=f"{fmt.money(benefit - benefit_now)} on now",
        delta_color="normal" if benefit != benefit_now else "off",
        border=True,
    )
    over = result.capacity.filter(pl.col("over")).height
    cols[4].metric(
        "Staffing overloads",
        f"{over:,}" if result.levers.use_capacity or over else "0",
        border=True,
        help="Role-months in which a department needs more people than it has.",
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
    st.dataframe(
        shown,
        hide_index=True,
        height=min(420, 38 + 35 * shown.height),
        column_config={
            "rank": st.column_config.NumberColumn("Rank", width="small"),
            "decision": "Decision",
            "funded": st.column_config.CheckboxColumn("Funded"),
            "project_id": "ID",
            "project": "Project",
            "department": "Department",
            "score": st.column_config.NumberColumn("Score", format="%.2f"),
            "fit_part": st.column_config.ProgressColumn("Fit", min_value=0, max_value=1, format="%.2f"),
            "benefit_part": st.column_config.ProgressColumn(
                "Benefit", min_value=0, max_value=1, format="%.2f"
            ),
            "health_part": st.column_config.ProgressColumn("Health", min_value=0, max_value=1, format="%.2f"),
            "risk_part": st.column_config.ProgressColumn("Risk", min_value=0, max_value=1, format="%.2f"),
            "eac": st.column_config.NumberColumn("EAC", format="compact"),
            "funded_now": st.column_config.CheckboxColumn("Funded now"),
        },
    )


def changes(result: Outcome) -> None:
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
        "eac": st.column_config.NumberColumn("Cost (EAC)", format="compact"),
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
            st.dataframe(
                frame.select(*columns),
                hide_index=True,
                column_config=columns,
                height=min(320, 38 + 35 * frame.height),
            )


def effects(result: Outcome, departments: dict[str, str]) -> None:
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
    st.caption("Expected benefit, counted from each project's (shocked) finish month, cumulative.")
    st.plotly_chart(charts.benefits(result.benefits))


# Scenarios.


def store() -> ScenarioStore:
    return ScenarioStore(get_settings().scenarios)


def ui_state() -> dict[str, Any]:
    """The widget values that restore this what-if on the page."""
    state = {key: st.session_state.get(key, default) for key, default in DEFAULTS.items()}
    if st.session_state.get(BUDGET_MODE) == MODES[1]:
        state[BUDGET_AMOUNT] = st.session_state.get(BUDGET_AMOUNT)
    return state


def _restore(scenario: Scenario) -> None:
    """Button callback: put a saved scenario's levers back in the widgets before they are drawn."""
    for key, value in scenario.levers.get("ui", {}).items():
        st.session_state[key] = value
    st.session_state["_wi_opened"] = f"Opened '{scenario.name}': the levers are as it was saved."


def save_form(result: Outcome, user: User, f: Filters, user_scope: tuple[str, ...]) -> None:
    with st.form("save_scenario", clear_on_submit=True, border=False):
        left, right = st.columns([3, 1], vertical_alignment="bottom")
        left.text_input("Save this scenario as", placeholder="e.g. Board option B: 90% budget", key="wi_name")
        right.form_submit_button(
            "Save",
            icon=":material/save:",
            key="wi_save",
            on_click=_save,
            args=(user, f.scope, user_scope, result, ui_state()),
        )


def _save(
    user: User, scope: tuple[str, ...], user_scope: tuple[str, ...], result: Outcome, ui: dict[str, Any]
) -> None:
    """Button callback: save the scenario on screen when Save was clicked (only then is it serialised).
    Its name must differ only from the scenarios this user can see: a clash with one they cannot see
    would tell them it exists."""
    name = st.session_state.get("wi_name") or ""
    decided = result.candidates.select(
        "project_id", "rank", pl.col("score").round(4), pl.col("eac").round(2), "decision"
    )
    try:
        store().save(
            name,
            user.username,
            user.name,
            data.warehouse_version(),
            scope,
            {"levers": json.loads(result.levers.to_json()), "ui": ui},
            sorted(result.selection.chosen),
            result.summary(),
            decided.to_dicts(),
            seen_by=user_scope,
        )
        st.session_state["_wi_notice"] = f"Saved '{' '.join(name.split())}'."
    except ScenarioError as err:
        st.session_state["_wi_error"] = str(err)


def _delete(scenario: Scenario, user: User, user_scope: tuple[str, ...]) -> None:
    try:
        store().delete(scenario.scenario_id, user_scope, user.username, user.sees_every_department)
        st.session_state["_wi_notice"] = f"Deleted '{scenario.name}'."
    except ScenarioError as err:
        st.session_state["_wi_error"] = str(err)


def saved(user: User, user_scope: tuple[str, ...], candidates: pl.DataFrame) -> None:
    """The saved scenarios this user may see: open, compare, export, delete."""
    if notice := st.session_state.pop("_wi_notice", None):
        st.success(fmt.plain(notice))
    if error := st.session_state.pop("_wi_error", None):
        st.error(fmt.plain(error))
    scenarios = store().list(user_scope)
    if not scenarios:
        st.caption("No saved scenarios yet.")
        return
    # A name may be saved for different departments by people who cannot see each other's: the
    # label tells them apart for those who see both.
    by_label = {label: s for s, label in zip(scenarios, labelled(scenarios), strict=True)}
    table = pl.DataFrame(
        [
            {
                "scenario": label,
                "author": s.author_name,
                "saved": s.created_at,
                "funded": s.summary.get("funded"),
                "cost": s.summary.get("cost"),
                "score": s.summary.get("value"),
                "warehouse": s.warehouse_version,
            }
            for label, s in by_label.items()
        ]
    )
    st.dataframe(
        table,
        hide_index=True,
        column_config={
            "saved": st.column_config.DatetimeColumn("Saved (UTC)", format="D MMM YYYY, HH:mm"),
            "cost": st.column_config.NumberColumn("Cost", format="compact"),
            "score": st.column_config.NumberColumn("Score", format="%.1f"),
            "warehouse": "Made on warehouse",
        },
    )
    left, right = st.columns(2, gap="large")
    with left:
        pick = st.selectbox("Scenario", list(by_label), key="wi_scenario")
        chosen = by_label[pick]
        buttons = st.container(horizontal=True)
        buttons.button(
            "Open", icon=":material/open_in_browser:", on_click=_restore, args=(chosen,), key="wi_open"
        )
        # Made only when clicked (on a thread of its own), not on every move of a lever.
        buttons.download_button(
            "CSV",
            lambda: scenario_csv(chosen, candidates),
            f"{exports.file_stem(chosen.name)}.csv",
            "text/csv",
            icon=":material/download:",
        )
        buttons.download_button(
            "XLSX",
            lambda: scenario_xlsx(chosen, candidates),
            f"{exports.file_stem(chosen.name)}.xlsx",
            icon=":material/download:",
        )
        if not user.read_only:
            buttons.button(
                "Delete",
                icon=":material/delete:",
                key="wi_delete",
                on_click=_delete,
                args=(chosen, user, user_scope),
            )
        if chosen.warehouse_version != data.warehouse_version():
            st.caption(
                f"Made on the warehouse {chosen.warehouse_version}; opening it re-runs its levers on today's."
            )
    with right:
        names = st.multiselect(
            "Compare side by side (two to four)", list(by_label), max_selections=4, key="wi_compare"
        )
    if len(names) >= 2:
        compare({n: by_label[n] for n in names}, candidates)


def compare(scenarios: dict[str, Scenario], candidates: pl.DataFrame) -> None:
    """The chosen scenarios' figures in columns, under their labels, then the projects they disagree on."""
    figures = {
        "Funded projects": lambda s: f"{s.summary['funded']:,}",
        "Cost (EAC)": lambda s: fmt.money(s.summary["cost"]),
        "Envelope": lambda s: fmt.money(s.summary["budget"]),
        "Total score": lambda s: f"{s.summary['value']:,.1f}",
        "Expected benefit": lambda s: fmt.money(s.summary["benefits"]),
        "Staffing overloads": lambda s: f"{s.summary['over_allocated_cells']:,}",
        "Weights: fit, benefit, health, risk": lambda s: ", ".join(
            f"{s.levers['levers'][k]:g}" for k in ("fit", "benefit", "health", "risk")
        ),
        "Capacity respected": lambda s: "yes" if s.levers["levers"]["use_capacity"] else "no",
        "Cost overrun, delay": lambda s: (
            f"{s.levers['levers']['overrun_pct']:g}%, {s.levers['levers']['delay_months']} months"
            + (
                f" ({', '.join(s.levers['levers']['shocked_departments'])})"
                if s.levers["levers"]["shocked_departments"]
                else ""
            )
        ),
        "Pinned in, out": lambda s: (
            f"{len(s.levers['levers']['pinned_in'])}, {len(s.levers['levers']['pinned_out'])}"
        ),
        "Saved by": lambda s: f"{s.author_name}, {s.created_at:%-d %b %Y %H:%M} UTC",
    }
    side = pl.DataFrame(
        {"": list(figures)}
        | {label: [shown(s) for shown in figures.values()] for label, s in scenarios.items()}
    )
    st.dataframe(side, hide_index=True)
    funded = {label: set(s.funded) for label, s in scenarios.items()}
    differ = sorted(set.union(*funded.values()) - set.intersection(*funded.values()))
    st.markdown(f"**Projects funded in some but not all ({len(differ)})**")
    if differ:
        names = dict(zip(candidates["project_id"], candidates["project"], strict=True))
        st.dataframe(
            pl.DataFrame(
                {"project_id": differ, "project": [names.get(p, "(no longer a candidate)") for p in differ]}
                | {name: [p in ids for p in differ] for name, ids in funded.items()}
            ),
            hide_index=True,
            column_config={name: st.column_config.CheckboxColumn(name) for name in funded},
        )


def export_frame(scenario: Scenario, candidates: pl.DataFrame) -> pl.DataFrame:
    """Every candidate of today's warehouse, with the scenario's rank, score, cost (after its shocks)
    and decision as they stood when it was saved, best rank first."""
    funded = set(scenario.funded)
    frame = candidates.select(
        "project_id",
        "project",
        "department_id",
        "department",
        "mandatory",
        "funded_now",
        pl.col("project_id").is_in(list(funded)).alias("funded_in_scenario"),
    )
    if not scenario.decisions:
        return frame
    saved = pl.DataFrame(
        list(scenario.decisions),
        schema={
            "project_id": pl.String,
            "rank": pl.Int64,
            "score": pl.Float64,
            "eac": pl.Float64,
            "decision": pl.String,
        },
    ).rename({"eac": "eac_in_scenario"})
    return (
        saved.join(frame, on="project_id", how="left")
        .select(
            "rank",
            "project_id",
            "project",
            "department_id",
            "department",
            "decision",
            "score",
            "eac_in_scenario",
            "mandatory",
            "funded_now",
            "funded_in_scenario",
        )
        .sort("rank")
    )


def scenario_csv(scenario: Scenario, candidates: pl.DataFrame) -> bytes:
    """The scenario's decisions as a CSV, safe to open in a spreadsheet."""
    return exports.csv_bytes(export_frame(scenario, candidates))


def scenario_xlsx(scenario: Scenario, candidates: pl.DataFrame) -> bytes:
    """The scenario's decisions, and what it was, as a workbook safe to open."""
    about = {
        "scenario": scenario.name,
        "author": scenario.author_name,
        "saved (UTC)": scenario.created_at.isoformat(sep=" "),
        "warehouse": scenario.warehouse_version,
        "departments": ", ".join(scenario.scope),
    }
    about |= {f"lever: {k}": json.dumps(v) for k, v in scenario.levers.get("levers", {}).items()}
    about |= {f"result: {k}": str(v) for k, v in scenario.summary.items()}
    return exports.xlsx_bytes(
        {
            "decisions": export_frame(scenario, candidates),
            "scenario": pl.DataFrame({"item": list(about), "value": [str(v) for v in about.values()]}),
        }
    )
