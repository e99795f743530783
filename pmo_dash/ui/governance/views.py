"""How the governance pages read: the decisions needed (gates, changes, escalations, tolerances) and
made, the compliance matrix and its exceptions, and utilisation with what drives it. Each list of
projects drills to the project on a click."""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl
import streamlit as st

from pmo_dash.settings import Thresholds
from pmo_dash.ui import download, drill, tables

PROJECT = {
    "project": st.column_config.TextColumn("Project", width=190),
    "department": st.column_config.TextColumn("Department", width=130),
}


def clickable(
    rows: pl.DataFrame,
    columns: dict[str, Any],
    key: str,
    empty: str,
    height: int = 360,
    *,
    title: str | None = None,
) -> None:
    """A list whose row, clicked, opens its project; `empty` says what no row means; `title` names its
    sheet in the page's workbook, where the page offers one."""
    if rows.is_empty():
        st.caption(empty)
        return
    event = tables.show(
        rows,
        columns,
        title=title,
        height=tables.fitted_height(rows.height, height),
        on_select="rerun",
        selection_mode="single-row",
        key=key,
    )
    if project := tables.selected_row(event, rows, "project_id", key=key, opens="project"):
        drill.open_project(project)


def needed_cards(
    gates: pl.DataFrame,
    changes: pl.DataFrame,
    escalations: pl.DataFrame,
    tolerance: pl.DataFrame,
    has: dict[str, bool],
) -> None:
    """The four counts of what needs deciding; "not reported" where no department returned the table."""
    overdue = int(gates["overdue"].sum() or 0) if gates.height else 0

    def count(value: int, table: str) -> str:
        return f"{value:,}" if has.get(table, True) else "not reported"

    cells = st.columns(4)
    cells[0].metric(
        "Gates overdue",
        count(overdue, "stage_gates"),
        help=f"Stage gates planned before the period's end and not passed; {gates.height - overdue} more "
        "fall due within the horizon",
    )
    cells[1].metric(
        "Changes pending",
        count(changes.height, "change_requests"),
        help="Change requests raised, not decided",
    )
    cells[2].metric(
        "Escalations",
        count(escalations.height, "escalations"),
        help="Critical or high issues open too long, and red-zone risks with overdue actions",
    )
    cells[3].metric(
        "Outside tolerance",
        f"{tolerance.height:,}",
        help="Active projects beyond the cost or schedule tolerance",
    )


TABS = ("Stage gates", "Escalations", "Outside tolerance", "Changes pending", "The agenda")
# What has been decided and what came of it: a second row of tabs, its own link parameter.
MADE = (
    "Gates passed",
    "Change control",
    "Satisfaction and seed KPIs",
    "Post-implementation reviews",
    "Proposals",
)
MADE_KEY = "made"


def _count(rows: pl.DataFrame, noun: str) -> str:
    """ "1 gate", "12 gates": how many a tab lists, first in its caption (the tabs' names are links)."""
    return f"{rows.height:,} {noun}{'' if rows.height == 1 else 's'}"


def gates(rows: pl.DataFrame, cut: Thresholds, as_of: dt.date) -> None:
    st.caption(
        f"{_count(rows, 'gate')} not passed by {as_of:%-d %b %Y}, planned before it (overdue) or within "
        f"{cut.gate_horizon_days} days after; a Hold or Recycle is the gate's last decision. Click a row "
        "to open the project."
    )
    clickable(
        rows.with_columns(tables.rag_cell("evidence_rag"), tables.rag_cell("reported_rag")),
        PROJECT
        | {
            "gate": st.column_config.TextColumn("Gate", width=55),
            "planned_on": tables.date("Planned", width=100),
            "days_overdue": st.column_config.NumberColumn(
                "Days overdue", format="%d", width=95, help="Negative: due in that many days"
            ),
            "last_decision": st.column_config.TextColumn("Last decision", width=95),
            "evidence_rag": tables.rag_column("Evidence"),
            "reported_rag": tables.rag_column("Reported"),
            "evidence": st.column_config.TextColumn("Why"),
        },
        "gates_due",
        f"No stage gate is overdue or due within {cut.gate_horizon_days} days.",
        title="Stage gates due",
    )


def changes(rows: pl.DataFrame) -> None:
    st.caption(f"{_count(rows, 'change request')} raised and not decided by the period's end, oldest first.")
    clickable(
        rows,
        {
            "title": st.column_config.TextColumn("Change", width=220),
            **PROJECT,
            "raised_on": tables.date("Raised", width=100),
            "age_days": st.column_config.NumberColumn("Days waiting", format="%d", width=90),
            "cost_impact": tables.money("Cost impact", width=95),
            "schedule_impact_days": st.column_config.NumberColumn("Schedule (days)", format="%d", width=100),
            "change_id": st.column_config.TextColumn("ID"),
        },
        "changes_pending",
        "No change request is waiting for a decision.",
        title="Changes pending",
    )


def escalations(rows: pl.DataFrame, cut: Thresholds) -> None:
    st.caption(
        f"{_count(rows, 'escalation')}: critical and high issues open more than {cut.escalation_days} "
        f"days, and risks with exposure {cut.high_risk_exposure} or more whose action is overdue; longest "
        "waiting first."
    )
    clickable(
        rows,
        {
            "kind": st.column_config.TextColumn("Kind", width=60),
            "title": st.column_config.TextColumn("Issue or risk", width=230),
            **PROJECT,
            "level": st.column_config.TextColumn("Severity", width=90),
            "since": tables.date("Since", width=100, help="Issue raised, or risk action due"),
            "days": st.column_config.NumberColumn("Days", format="%d", width=60),
            "item_id": st.column_config.TextColumn("ID"),
        },
        "escalations",
        "Nothing to escalate.",
        title="Escalations",
    )


def tolerance(rows: pl.DataFrame, cut: Thresholds) -> None:
    st.caption(
        f"{_count(rows, 'active project')} whose forecast cost (EAC) exceeds budget by more than "
        f"{cut.tolerance_cost:.0%}, or whose forecast finish slips more than {cut.tolerance_schedule_days} "
        "days past baseline."
    )
    clickable(
        rows.with_columns(tables.rag_cell("evidence_rag"), tables.rag_cell("reported_rag")),
        PROJECT
        | {
            "outside": st.column_config.TextColumn("Outside", width=120),
            "overrun": st.column_config.NumberColumn("Cost over", format="percent", width=80),
            "slip_days": st.column_config.NumberColumn("Days late", format="%d", width=75),
            "budget": tables.money("Budget", width=85),
            "eac": tables.money("EAC", width=85),
            "evidence_rag": tables.rag_column("Evidence"),
            "reported_rag": tables.rag_column("Reported"),
            "project_id": st.column_config.TextColumn("ID"),
        },
        "outside_tolerance",
        "Every active project is within tolerance.",
        title="Outside tolerance",
    )


def agenda(rows: pl.DataFrame, as_of: dt.date, scope_name: str) -> None:
    """The decisions needed as one list to download for the steering committee: what it holds, then
    the buttons (the lists themselves are in the tabs beside)."""
    if rows.is_empty():
        st.caption("Nothing for the steering committee to decide.")
        return
    counts = rows.group_by("item", maintain_order=True).len()
    st.markdown(" · ".join(f"**{n}** {item.lower()}" for item, n in counts.iter_rows()))
    name = f"steering-agenda-{scope_name}-{as_of:%Y-%m}"
    headers = {
        "item": "Item",
        "project_id": "Project ID",
        "project": "Project",
        "department": "Department",
        "what": "What",
        "since": "Since",
        "detail": "Detail",
    }
    export = rows.select(list(headers)).rename(headers)
    with st.container(horizontal=True, gap="small"):
        download.csv_button(export, name, key="agenda_csv", label="Agenda as CSV")
        download.xlsx_button({"Agenda": export}, name, key="agenda_xlsx", label="Agenda as XLSX")


def gate_decisions(rows: pl.DataFrame) -> None:
    tables.show(
        rows,
        {
            "department": st.column_config.TextColumn("Department", width=120),
            "passed": st.column_config.NumberColumn("Passed", format="%d", width=58),
            "passed_late": st.column_config.NumberColumn(
                "Late", format="%d", width=55, help="Passed after the planned date"
            ),
            "median_days_late": st.column_config.NumberColumn(
                "Days late",
                format="%.0f",
                width=68,
                help="Median days from planned to passed (negative: early)",
            ),
            "held": st.column_config.NumberColumn("Hold", format="%d", width=50),
            "recycled": st.column_config.NumberColumn("Recycle", format="%d", width=62),
            "stopped": st.column_config.NumberColumn("Stop", format="%d", width=50),
        },
        key="gate_decisions",
        title="Gate decisions",
    )


def scope_creep(rows: pl.DataFrame) -> None:
    tables.show(
        rows,
        {
            "department": st.column_config.TextColumn("Department", width=150),
            "creep": st.column_config.NumberColumn(
                "Scope creep",
                format="percent",
                width=95,
                help="Approved change cost / budget of active projects",
            ),
            "approved_cost": tables.money("Approved cost", width=95),
            "budget": tables.money("Budget", width=90),
            "decided": st.column_config.NumberColumn("Decided", format="%d", width=65),
            "approved": st.column_config.NumberColumn("Approved", format="%d", width=70),
            "by_ccb": st.column_config.NumberColumn("By CCB", format="%d", width=65),
            "by_steering": st.column_config.NumberColumn("By steering", format="%d", width=80),
            "median_cycle_days": st.column_config.NumberColumn(
                "Median days", format="%.0f", width=85, help="Raised to decided"
            ),
        },
        key="scope_creep",
        title="Scope creep",
    )


def change_log(rows: pl.DataFrame) -> None:
    clickable(
        rows,
        {
            "decided_on": tables.date("Decided", width=100),
            "title": st.column_config.TextColumn("Change", width=220),
            "decision": st.column_config.TextColumn("Decision", width=80),
            "decided_by": st.column_config.TextColumn("By", width=120),
            "cycle_days": st.column_config.NumberColumn(
                "Days", format="%d", width=55, help="Raised to decided"
            ),
            "cost_impact": tables.money("Cost impact", width=90),
            **PROJECT,
            "change_id": st.column_config.TextColumn("ID"),
        },
        "change_log",
        "No change request decided yet.",
        title="Change-control log",
    )
