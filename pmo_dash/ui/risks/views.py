"""Risk views: which heat-map cell was clicked, and how a list of risks reads."""

from __future__ import annotations

import re
from typing import Any

import streamlit as st

from pmo_dash.ui import drill, tables


def heat_cell(event) -> tuple[int, int] | None:
    """The (likelihood, impact) of the heat-map cell a user clicked, if any."""
    picked = drill.chart_pick(event)
    # The selection comes back from the browser: anything but a cell of the 5 x 5 grid is no cell.
    cell = re.fullmatch(r"([1-5])-([1-5])", picked) if isinstance(picked, str) else None
    if cell is None:
        return None
    return int(cell.group(1)), int(cell.group(2))


def risk_columns(*extra: str) -> dict[str, Any]:
    """How a list of risks reads, whichever list it is."""
    columns = {
        "risk_id": st.column_config.TextColumn("Risk"),
        "title": st.column_config.TextColumn("Title", width="medium"),
        "project": st.column_config.TextColumn("Project"),
        "department": st.column_config.TextColumn("Department"),
        "likelihood": st.column_config.NumberColumn("L"),
        "impact": st.column_config.NumberColumn("I"),
        "exposure": st.column_config.NumberColumn("L × I"),
        "was": st.column_config.TextColumn("Was"),
        "now": st.column_config.TextColumn("Now"),
        "rise": st.column_config.NumberColumn("Rise"),
        "owner": st.column_config.TextColumn("Owner"),
        "response": st.column_config.TextColumn("Response"),
        "action_due": tables.date("Action due"),
        "days_overdue": st.column_config.NumberColumn("Days overdue"),
        "action_overdue": st.column_config.CheckboxColumn("Overdue"),
    }
    return {k: columns[k] for k in extra}
