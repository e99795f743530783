"""Benefit charts (the curve, realisation, the mix of kinds): data in, plotly figure out. No Streamlit."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import polars as pl

from pmo_dash.settings import Thresholds
from pmo_dash.ui import theme


def benefits_curve(curve: pl.DataFrame) -> go.Figure:
    """Cashable benefits, planned against realised, cumulative by period."""
    x = theme.period_names(curve["period"])
    lines = [
        go.Scatter(
            x=x,
            y=curve["planned"].to_numpy(),
            text=theme.money_text(curve["planned"]),
            hovertemplate="Planned, %{x}: %{text}<extra></extra>",
            name="Planned",
            line={"color": "#7f7f7f", "dash": "dash"},
        ),
        go.Scatter(
            x=x,
            y=curve["actual"].to_numpy(),
            text=theme.money_text(curve["actual"]),
            hovertemplate="Realised, %{x}: %{text}<extra></extra>",
            name="Realised",
            line={"color": theme.GREEN, "width": 3},
            fill="tozeroy",
            fillcolor="rgba(44,160,44,0.1)",
        ),
    ]
    yaxis = theme.money_axis(curve["planned"].to_numpy(), curve["actual"].to_numpy(), title="cumulative")
    layout = theme.layout(320, xaxis=theme.axis(nticks=8), yaxis=yaxis)
    return go.Figure(lines, layout)


def realisation_bars(rows: pl.DataFrame, cut: Thresholds) -> go.Figure:
    """Mean realisation (actual / planned to date) per group; 100% is on plan."""
    ordered = rows.sort("name", descending=True)
    share = ordered["realisation"].fill_null(0).to_numpy()
    bar = go.Bar(
        y=theme.safe(ordered["name"]),
        x=share,
        orientation="h",
        text=np.array([f"{s:.0%}" for s in share]),
        textposition="auto",
        marker_color=theme.bands(share, cut.realisation_green, cut.realisation_amber),
        hovertemplate="%{y}: %{x:.0%} of plan<extra></extra>",
    )
    right = max(1.1, float(share.max(initial=0)) * 1.05)
    layout = theme.layout(
        max(160, 40 * ordered.height + 80),
        xaxis=theme.axis(tickformat=theme.SHARE, range=[0, right]),
        shapes=[theme.line("x", 1)],
        bargap=0.35,
    )
    return go.Figure([bar], layout)


def kinds(rows: pl.DataFrame) -> go.Figure:
    """How many benefits of each kind: cashable, non-cashable, non-financial."""
    pie = go.Pie(
        labels=theme.safe(rows["name"]),
        values=rows["benefits"].to_numpy(),
        hole=0.55,
        marker={"colors": [theme.ACCENT, "#6baed6", "#c6dbef"]},
        sort=False,
    )
    return go.Figure([pie], theme.layout(300))
