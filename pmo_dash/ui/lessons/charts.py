"""Lessons charts (health over time, the mix of categories): data in, plotly figure out. No Streamlit."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import polars as pl

from pmo_dash.ui import theme


def health_trend(health: pl.DataFrame) -> go.Figure:
    """Each department's lessons health score over the periods."""
    lines = []
    for department in sorted(set(health["department"])):
        rows = health.filter(pl.col("department") == department)
        lines.append(
            go.Scatter(
                x=theme.period_names(rows["period"]),
                y=rows["score"].to_numpy(),
                name=theme.label(department),
                mode="lines",
            )
        )
    return go.Figure(lines, theme.layout(320, yaxis=theme.axis(title="health score", range=[0, 100])))


def lessons_mix(rows: pl.DataFrame) -> go.Figure:
    """Lessons per category, positive and negative."""
    categories = sorted(set(rows["category"]), reverse=True)
    bars = []
    for effect, colour in (("Negative", theme.RED), ("Positive", theme.GREEN)):
        of_effect = rows.filter(pl.col("effect") == effect)
        part = dict(zip(of_effect["category"], of_effect["lessons"], strict=True))
        bars.append(
            go.Bar(
                name=effect,
                y=theme.safe(pl.Series(categories)),
                x=np.array([part.get(c, 0) for c in categories]),
                orientation="h",
                marker_color=colour,
            )
        )
    return go.Figure(bars, theme.layout(max(260, 30 * len(categories) + 90), barmode="stack"))
