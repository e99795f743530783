"""Risk views: which heat-map cell was clicked, and how a list of risks reads."""

from __future__ import annotations

import re
from typing import Any

import streamlit as st

from pmo_dash.ui import drill, tables
from pmo_dash.ui.header import TODAY


def heat_cell(event) -> tuple[int, int] | None:
    """The (likelihood, impact) of the heat-map cell a user clicked, if any."""
    picked = drill.chart_pick(event)
    # The selection comes back from the browser: anything but a cell of the 5 x 5 grid is no cell.
    cell = re.fullmatch(r"([1-5])-([1-5])", picked) if isinstance(picked, str) else None
    if cell is None:
        return None
    return int(cell.group(1)), int(cell.group(2))


# What a risks return keeps only as it is today: in a view of an earlier period, labelled so.
TODAYS = ("owner", "response", "action_due")


def risk_columns(*extra: str, past: bool = False) -> dict[str, Any]:
    """How a list of risks reads, whichever list it is; in a view of an earlier period (`past`), the
    owner, response and action date are today's, and say so."""
    # Widths that fit a half-width list at 1280 px: the risk, where it is, who owns it, by when.
    columns = {
        "risk_id": st.column_config.TextColumn("ID"),
        "title": st.column_config.TextColumn("Risk", width=170),
        "project": st.column_config.TextColumn("Project", width=130),
        "department": st.column_config.TextColumn("Department", width=130),
        "likelihood": st.column_config.NumberColumn("L", width=35),
        "impact": st.column_config.NumberColumn("I", width=35),
        "exposure": st.column_config.NumberColumn("L × I", width=50, help="Likelihood × impact"),
        "was": st.column_config.TextColumn("Was", width=60),
        "now": st.column_config.TextColumn("Now", width=60),
        "rise": st.column_config.NumberColumn("Rise", width=50),
        "owner": st.column_config.TextColumn("Owner", width=100),
        "response": st.column_config.TextColumn("Response"),
        "action_due": tables.date("Action due", width=95),
        "days_overdue": st.column_config.NumberColumn("Days overdue", width=95),
        "action_overdue": st.column_config.CheckboxColumn("Overdue", width=70),
    }
    if past:
        for key in TODAYS:
            columns[key]["label"] += TODAY
            columns[key]["width"] = (columns[key]["width"] or 100) + 30  # room for " (today)"
    return {k: columns[k] for k in extra}
