"""The project page's brief: its facts, its status, and short lists of what surrounds it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl
import streamlit as st

from pmo_dash import periods
from pmo_dash.ui import fmt, tables
from pmo_dash.ui.forecast import project as forecast
from pmo_dash.ui.header import TODAY

LISTS = ("risks", "benefits", "lessons", "lesson_matches", "changes", "gates", "controls")
EARNED_VALUE = ("planned_value", "earned_value", "actual_cost")
ENDED = ("Closed", "Cancelled")  # states in which a project no longer runs


def not_reported(history: pl.DataFrame, columns: tuple[str, ...]) -> bool:
    """True, saying which return would supply it, when no return of the project carries `columns`."""
    if all(history[c].is_null().all() for c in columns):
        st.caption(f"Not reported: its status returns carry no {', '.join(columns)}.")
        return True
    return False


def not_then(record: pl.DataFrame, as_of: dt.date, earlier: pl.DataFrame) -> None:
    """Why a project has no brief for the period: it had already ended, or it had not started yet.
    `record` is the project as returned, `earlier` its history up to the period; a project that
    finished before any period the warehouse holds has no history at all, yet had not "not started"."""
    when = periods.label(as_of)
    row = record.row(0, named=True)
    name = fmt.plain(row["project"])
    if not earlier.is_empty():
        last = periods.label(earlier["period"].max())
        st.warning(f"{name} had ended by {when} (its last period was {last}): choose an earlier period.")
    elif row["actual_finish"] is not None and row["actual_finish"] <= as_of:
        st.warning(
            f"{name} had ended by {when}: it finished on {fmt.day(row['actual_finish'])}, "
            "before any period its returns cover."
        )
    elif row["state"] in ENDED and (row["baseline_start"] is None or row["baseline_start"] <= as_of):
        st.warning(f"{name} is {row['state'].lower()}, and no return up to {when} covers it.")
    else:
        starts = f" (its baseline start is {fmt.day(row['baseline_start'])})" if row["baseline_start"] else ""
        st.warning(f"{name} had not started by {when}{starts}: choose a later period.")


def facts(p: dict[str, Any], past: bool = False) -> None:
    """Who and what: the people, the method, where it stands in its lifecycle. Returns keep no
    history of stage and state, so on an earlier period they are labelled as today's."""
    now = " (today)" if past else ""
    cells = [
        ("Department", p["department"]),
        ("Programme", p["programme"] or "none"),
        ("Sponsor", p["sponsor"] or "not given"),
        ("Project manager", p["project_manager"] or "not given"),
        ("Stage" + now, p["stage"] or fmt.NOT_REPORTED),
        ("State" + now, p["state"]),
        ("Methodology", p["methodology"] or fmt.NOT_REPORTED),
        ("Objective", p["objective"] or "none"),
    ]
    columns = st.columns(len(cells))
    for column, (label, value) in zip(columns, cells, strict=True):
        column.caption(label)
        column.markdown(f"**{fmt.plain(value)}**")
    tags = [t for t in (p["compliance_tags"] or "").split(";") if t]
    notes = []
    if p["mandatory"]:
        notes.append("mandatory (regulatory)")
    if tags:
        notes.append("compliance: " + ", ".join(tags))
    notes.append(f"baseline {fmt.day(p['baseline_start'])} – {fmt.day(p['current_baseline_finish'])}")
    if p["current_baseline_finish"] != p["baseline_finish"]:
        notes.append(f"re-baselined: originally to finish {fmt.day(p['baseline_finish'])}")
    notes.append(f"forecast finish {fmt.reported(p['forecast_finish'], fmt.day)}")
    if p["profile"] != "Delivery" or p["cadence"] != "Monthly":
        notes.append(f"{p['profile'].lower()} returns, {p['cadence'].lower()}")
    st.caption(fmt.plain(" · ".join(notes)))


def status(p: dict[str, Any]) -> None:
    """The status in the period: reported beside evidence, and the earned-value figures behind it."""
    if p["report_as_of"] is None:
        st.info("No status return yet for this project.")
        return
    stale = (
        ""
        if p["reported_this_period"]
        else f" (no return this period; last return {fmt.day(p['report_as_of'])})"
    )
    if p["is_watermelon"]:
        st.error(
            f"Watermelon: reported Green, Red on evidence: {p['evidence']}{stale}", icon=":material/warning:"
        )
    else:
        st.markdown(
            f"Reported **{fmt.badge(p['delivery_confidence'] or p['reported_rag'])}**"
            + (f" (as three colours, {p['reported_rag']})" if p["delivery_confidence"] else "")
            + f" · evidence **{fmt.badge(p['evidence_rag'])}**"
            + (f" ({fmt.plain(p['evidence'])})" if p["evidence"] else "")
            + stale
        )
    budget = "withheld" if p["budget_withheld"] else fmt.reported(p["budget"], fmt.money)
    shown = [
        ("Complete", fmt.reported(p["percent_complete"], "{:.0f}%".format), None),
        ("SPI", fmt.reported(p["spi"], fmt.ratio), "Earned value / planned value"),
        ("CPI", fmt.reported(p["cpi"], fmt.ratio), "Earned value / actual cost"),
        ("Slip (days)", fmt.reported(p["slip_days"], "{:+,}".format), _slip_help(p)),
        (
            "Budget",
            budget,
            "Budget at completion (BAC), as at the latest return, after any re-baseline",
        ),
        ("EAC", fmt.reported(p["eac"], fmt.money), "Estimate at completion: budget / CPI"),
        ("Open high risks", f"{p['open_high_risks']}", None),
    ]
    shown += forecast.earned_schedule_cards(p)
    metric_rows(shown)
    if p["slip_days"] is not None and p["current_baseline_finish"] != p["baseline_finish"]:
        st.caption(
            f"Re-baselined: {p['slip_days']:+,} days against the current baseline finish "
            f"({fmt.day(p['current_baseline_finish'])}), {p['original_slip_days']:+,} against the original "
            f"({fmt.day(p['baseline_finish'])})."
        )


def metric_rows(cards: list[tuple[str, str, str | None]], per_row: int = 4) -> None:
    """Cards in rows of `per_row`: seven in one row cut "£1.06m" to "£1.…" at 1440 px."""
    for start in range(0, len(cards), per_row):
        row = cards[start : start + per_row]
        for cell, (label, value, explained) in zip(st.columns(per_row), row, strict=False):
            cell.metric(label, value, border=True, help=explained)


def _slip_help(p: dict[str, Any]) -> str:
    """What the slip is measured against: the current baseline, and the original when they differ."""
    if p["slip_days"] is None:
        return "Forecast finish against baseline finish: no forecast finish reported"
    if p["current_baseline_finish"] == p["baseline_finish"]:
        return "Forecast finish against baseline finish"
    return (
        f"Forecast finish against the current baseline finish; against the original, "
        f"{p['original_slip_days']:+,} days"
    )


# Which return supplies each list of the brief.
RETURNS = {
    "risks": "risks",
    "changes": "change_requests",
    "controls": "compliance_controls",
    "benefits": "benefits",
    "lessons": "lessons",
    "gates": "stage_gates",
    "milestones": "milestones",
}


def empty(part: str, p: dict[str, Any], returned: dict[str, frozenset[str]]) -> str:
    """What an empty list of the brief means: none for this project, or nothing returned at all."""
    table = RETURNS[part]
    if p["department_id"] in returned.get(table, frozenset()):
        return "None recorded for this project."
    return f"Not returned: {fmt.plain(p['department'])} has sent no `{table}` return, which supplies these."


def lists(
    parts: dict[str, pl.DataFrame], p: dict[str, Any], returned: dict[str, frozenset[str]], past: bool = False
) -> None:
    """Top risks, benefits, lessons, change requests, gates and compliance controls, side by side. In a
    view of an earlier period (`past`), what returns keep only as it is today is labelled so."""
    now = TODAY if past else ""
    left, right = st.columns(2)
    with left:
        tables.titled_table(
            "Top risks (as last reviewed)",
            parts["risks"].head(10),
            {
                "title": st.column_config.TextColumn("Risk", width=150 if past else 170),
                "likelihood": st.column_config.NumberColumn("L", width=35, help="Likelihood (1-5)"),
                "impact": st.column_config.NumberColumn("I", width=35, help="Impact (1-5)"),
                "exposure": st.column_config.NumberColumn("L × I", width=50),
                "owner": st.column_config.TextColumn("Owner" + now, width=110),
                "action_due": tables.date("Action due" + now, width=125 if past else 95),
                "action_overdue": st.column_config.CheckboxColumn("Overdue", width=70),
                "response": st.column_config.TextColumn("Response" + now),
                "risk_id": st.column_config.TextColumn("ID"),
            },
            empty=empty("risks", p, returned),
        )
        tables.titled_table(
            "Change requests",
            parts["changes"],
            {
                "title": st.column_config.TextColumn("Change request", width=190),
                "decision": st.column_config.TextColumn("Decision", width=80),
                "cost_impact": tables.money("Cost", width=75),
                "schedule_impact_days": st.column_config.NumberColumn("Days", width=55),
                "raised_on": tables.date("Raised", width=95),
                "change_id": st.column_config.TextColumn("ID"),
            },
            empty=empty("changes", p, returned),
        )
        tables.titled_table(
            "Compliance controls",
            parts["controls"],
            {
                "framework": st.column_config.TextColumn("Framework", width=90),
                "control": st.column_config.TextColumn("Control", width=140),
                "state": st.column_config.TextColumn("State", width=125),
                "due_on": tables.date("Due", width=95),
                "overdue": st.column_config.CheckboxColumn("Overdue", width=70),
            },
            empty=empty("controls", p, returned),
        )
        if past and not parts["controls"].is_empty():
            st.caption(
                f"States as returned today (returns keep no history of them); a control evidenced after "
                f"{periods.label(p['period'])} shows as not yet evidenced."
            )
    with right:
        tables.titled_table(
            "Benefits (measured to date)",
            parts["benefits"],
            {
                "name": st.column_config.TextColumn("Benefit", width=160),
                "realisation": tables.share("Realised", width=90),
                "planned_value": tables.quantity("Planned", width=70),
                "actual_value": tables.quantity("Actual", width=70),
                "unit": st.column_config.TextColumn("Unit", width=70),
                "kind": st.column_config.TextColumn("Kind", width=100),
                "owner": st.column_config.TextColumn("Owner"),
                "benefit_id": st.column_config.TextColumn("ID"),
            },
            empty=empty("benefits", p, returned),
        )
        tables.titled_table(
            "Its own lessons",
            parts["lessons"],
            {
                "title": st.column_config.TextColumn("Lesson", width=180),
                "effect": st.column_config.TextColumn("Effect", width=75),
                "state": st.column_config.TextColumn("State", width=80),
                "category": st.column_config.TextColumn("Category", width=100),
                "logged_on": tables.date("Logged", width=95),
                "lesson_id": st.column_config.TextColumn("ID"),
            },
            empty=empty("lessons", p, returned),
        )
        tables.titled_table(
            "Stage gates",
            parts["gates"],
            {
                "gate": st.column_config.TextColumn("Gate", width=50),
                "decision": st.column_config.TextColumn("Decision", width=80),
                "planned_on": tables.date("Planned", width=95),
                "passed_on": tables.date("Passed", width=95),
                "overdue": st.column_config.CheckboxColumn("Overdue", width=70),
            },
            empty=empty("gates", p, returned),
        )


def matches(rows: pl.DataFrame) -> None:
    """Lessons from other projects that match this one's open risks: one line per lesson, the best
    match first, with why it matched and how many projects logged it."""
    tables.titled_table(
        "Matching lessons",
        rows,
        {
            "title": st.column_config.TextColumn("Lesson", width=190),
            "why": st.column_config.TextColumn("Why it matches", width=130),
            "risk": st.column_config.TextColumn("Speaks to risk", width=150),
            "projects": st.column_config.NumberColumn(
                "Logged by", format="%d projects", width=85, help="Projects that logged this lesson"
            ),
            "recommendation": st.column_config.TextColumn("Recommendation", width="medium"),
            "effect": st.column_config.TextColumn("Effect", width=75),
            "department": st.column_config.TextColumn("From"),
            "lesson_id": st.column_config.TextColumn("ID"),
        },
        empty="No lesson from another project matches its open risks.",
    )
