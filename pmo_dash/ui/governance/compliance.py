"""How the Compliance page's lists read: the controls that need attention and the mandatory projects,
each opening its project on a click."""

from __future__ import annotations

import polars as pl
import streamlit as st

from pmo_dash.ui import tables
from pmo_dash.ui.governance.views import PROJECT, clickable


def mandatory(rows: pl.DataFrame) -> None:
    """The mandatory (regulatory) projects, worst evidence first, each opening on a click."""
    clickable(
        rows.with_columns(tables.rag_cell("evidence_rag"), tables.rag_cell("reported_rag")),
        {
            "project": st.column_config.TextColumn("Project", width=180),
            "compliance_tags": st.column_config.TextColumn("Frameworks", width=90),
            "evidence_rag": tables.rag_column("Evidence"),
            "reported_rag": tables.rag_column("Reported"),
            "forecast_finish": tables.date("Forecast finish", width=105),
            "department": st.column_config.TextColumn("Department", width=120),
        },
        "mandatory_projects",
        "No active project is marked mandatory.",
        title="Mandatory projects",
    )


def controls_attention(rows: pl.DataFrame) -> None:
    """The controls that need attention, with why, each opening its project on a click."""
    clickable(
        rows,
        {
            "framework": st.column_config.TextColumn("Framework", width=90),
            "control": st.column_config.TextColumn("Control", width=140),
            "why": st.column_config.TextColumn("Why", width=170),
            "state": st.column_config.TextColumn("State", width=110),
            "due_on": tables.date("Due", width=100),
            "evidenced_on": tables.date("Evidenced", width=100),
            **PROJECT,
        },
        "controls_attention",
        "Every control is compliant, on time and evidenced.",
        title="Controls needing attention",
    )
