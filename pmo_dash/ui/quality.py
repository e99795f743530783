"""The data-quality scorecard: every department PMO ranked, with its components and the weights."""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl
import streamlit as st

from pmo_dash import data
from pmo_dash.ui import tables

PARTS = {
    "timeliness": ("Timeliness", "quality_weight_timeliness", "Not measured yet: it needs submission times"),
    "completeness": ("Completeness", "quality_weight_completeness", "Optional fields filled"),
    "validity": ("Validity", "quality_weight_validity", "Rows read that were not rejected"),
    "honesty": ("Honesty", "quality_weight_honesty", "Rated returns that are not watermelons"),
    "freshness": ("Freshness", "quality_weight_freshness", "Active projects reported, not carried forward"),
}


def scorecard_table(card: pl.DataFrame, as_of: dt.date) -> None:
    """Each department's score, RAG and components over the 12 periods up to `as_of`, best first."""
    cut = data.intake.thresholds()
    now = data.quality.ranking(card, as_of).with_columns(
        tables.rag_cell("rag"), *(pl.col(k) * 100 for k in PARTS)
    )
    weights = " · ".join(f"{label} {getattr(cut, weight):g}" for label, weight, _ in PARTS.values())
    st.caption(
        f"Over the 12 periods up to {as_of:%b %Y}. Score 0-100 weighs the components: {weights}. "
        "Timeliness is not measured yet; a component with nothing to measure drops out. "
        f"Green from {cut.quality_green:g}, Amber from {cut.quality_amber:g}."
    )
    columns: dict[str, Any] = {
        "department": st.column_config.TextColumn("Department", width=150),
        "score": st.column_config.ProgressColumn(
            "Score", format="%.0f", min_value=0, max_value=100, width=100
        ),
        "rag": tables.rag_column("RAG"),
    }
    for key, (label, weight, help) in PARTS.items():
        columns[key] = tables.percent(f"{label} ({getattr(cut, weight):g})", help=help, width=95)
    tables.show(now, columns, title="Data quality")
