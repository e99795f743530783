"""Saved what-if scenarios: save, open, compare, export and delete, through the app-state store."""

from __future__ import annotations

import json
from typing import Any

import polars as pl
import streamlit as st

from pmo_dash import data, exports
from pmo_dash.auth.roles import User
from pmo_dash.data import Filters
from pmo_dash.intake import Scenario, ScenarioError, ScenarioStore, labelled
from pmo_dash.settings import get_settings
from pmo_dash.ui import fmt, tables
from pmo_dash.ui.whatif import export, levers
from pmo_dash.ui.whatif.views import benefits_reported
from pmo_dash.whatif.outcome import Outcome, mean_fit


def store() -> ScenarioStore:
    return ScenarioStore(get_settings().scenarios)


def _restore(scenario: Scenario) -> None:
    """Button callback: put a saved scenario's levers back in the widgets before they are drawn."""
    for key, value in scenario.levers.get("ui", {}).items():
        st.session_state[key] = value
    st.session_state[levers.OPENED] = f"Opened '{scenario.name}': the levers are as it was saved."


def save_form(result: Outcome, user: User, f: Filters, user_scope: tuple[str, ...]) -> None:
    """A name and a Save button for the scenario on screen."""
    with st.form("save_scenario", clear_on_submit=True, border=False):
        left, right = st.columns([3, 1], vertical_alignment="bottom")
        left.text_input("Save this scenario as", placeholder="e.g. Board option B: 90% budget", key="wi_name")
        right.form_submit_button(
            "Save",
            icon=":material/save:",
            key="wi_save",
            on_click=_save,
            args=(user, f.scope, user_scope, result, levers.ui_state()),
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


def _weights(scenario: Scenario) -> tuple[float, ...]:
    return tuple(float(scenario.levers["levers"][k]) for k in ("fit", "benefit", "health", "risk"))


def _fit(scenario: Scenario, candidates: pl.DataFrame) -> str:
    """The funded projects' mean strategic fit, as saved (a scenario saved before it was kept: from
    today's returns)."""
    fit = scenario.summary["fit"] if "fit" in scenario.summary else mean_fit(candidates, scenario.funded)
    return fmt.NOT_REPORTED if fit is None else f"{fit:.2f}"


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
                "benefit": s.summary.get("benefits"),
                "warehouse": s.warehouse_version,
            }
            for label, s in by_label.items()
        ]
    )
    # No score here: each is on its own scenario's weights (see compare).
    columns = {
        "scenario": st.column_config.TextColumn("Scenario", width="medium"),
        "author": st.column_config.TextColumn("Author"),
        "saved": st.column_config.DatetimeColumn("Saved (UTC)", format="D MMM YYYY, HH:mm"),
        "funded": st.column_config.NumberColumn("Funded"),
        "cost": tables.money("Cost"),
        "benefit": tables.money("Expected benefit"),
        "warehouse": st.column_config.TextColumn("Made on warehouse"),
    }
    if not benefits_reported(candidates):
        del columns["benefit"]
    tables.show(table, columns)
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
            lambda: export.scenario_csv(chosen, candidates),
            f"{exports.file_stem(chosen.name)}.csv",
            "text/csv",
            icon=":material/download:",
        )
        buttons.download_button(
            "XLSX",
            lambda: export.scenario_xlsx(chosen, candidates),
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
    """The chosen scenarios side by side on what means the same in each (count, cost, benefit, strategic
    fit, staffing), then the levers that made them, then the projects they disagree on. A total score
    is on its own scenario's weights, so it is compared only between scenarios of the same weights."""
    weights = {label: _weights(s) for label, s in scenarios.items()}
    same_weights = len(set(weights.values())) == 1
    benefits = benefits_reported(candidates)
    figures = {
        "Funded projects": lambda s: f"{s.summary['funded']:,}",
        "Cost (EAC)": lambda s: fmt.money(s.summary["cost"]),
        "Envelope": lambda s: fmt.money(s.summary["budget"]),
        "Expected benefit": lambda s: fmt.money(s.summary["benefits"]) if benefits else fmt.NOT_REPORTED,
        "Strategic fit (mean of funded, 1-5)": lambda s: _fit(s, candidates),
        "Staffing overloads": lambda s: f"{s.summary['over_allocated_cells']:,}",
        **({"Total score (same weights)": lambda s: f"{s.summary['value']:,.1f}"} if same_weights else {}),
        "Weights: fit, benefit, health, risk": lambda s: ", ".join(f"{w:g}" for w in _weights(s)),
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
    st.caption(
        "Compared on what means the same in every scenario: projects funded, their cost and expected "
        "benefit, their mean strategic fit as reported, and staffing overloads. "
        + (
            "Their weights are the same, so their total scores compare too."
            if same_weights
            else "Total scores are left out: each is summed on its own scenario's weights, so they do not "
            "compare."
        )
    )
    side = pl.DataFrame(
        {"": list(figures)}
        | {label: [shown(s) for shown in figures.values()] for label, s in scenarios.items()}
    )
    tables.show(
        side,
        {"": st.column_config.TextColumn("", width="medium")} | {s: s for s in scenarios},
        height=tables.fitted_height(side.height, 720),
    )
    funded = {label: set(s.funded) for label, s in scenarios.items()}
    differ = sorted(set.union(*funded.values()) - set.intersection(*funded.values()))
    st.markdown(f"**Projects funded in some but not all ({len(differ)})**")
    if not differ:
        st.caption("They fund the same projects.")
    else:
        names = dict(zip(candidates["project_id"], candidates["project"], strict=True))
        tables.show(
            pl.DataFrame(
                {"project_id": differ, "project": [names.get(p, "(no longer a candidate)") for p in differ]}
                | {name: [p in ids for p in differ] for name, ids in funded.items()}
            ),
            {"project_id": "ID", "project": st.column_config.TextColumn("Project", width="medium")}
            | {name: st.column_config.CheckboxColumn(name) for name in funded},
        )
