"""Data-quality charts (the score of every department over time; one department's components over
time): data in, plotly figure out. No Streamlit."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import polars as pl

from pmo_dash.settings import Thresholds
from pmo_dash.ui import theme

ROW = 26  # pixels per department in the score map: readable at the enterprise tier's 40


def score_map(card: pl.DataFrame, cut: Thresholds) -> go.Figure:
    """Department × period, each cell its score coloured by its RAG band; the best at the latest
    period first. Blank where a department has no score."""
    periods = sorted(set(card["period"]))
    latest = card.filter(pl.col("period") == periods[-1]).sort(
        ["score", "department"], descending=[True, False], nulls_last=True
    )
    order = latest["department_id"].to_list()
    names = dict(zip(card["department_id"], card["department"], strict=False))
    z = np.full((len(order), len(periods)), np.nan)
    at = {p: i for i, p in enumerate(periods)}
    row = {d: i for i, d in enumerate(order)}
    for department, period, score in card.select("department_id", "period", "score").iter_rows():
        if score is not None and department in row:
            z[row[department], at[period]] = score
    text = np.where(np.isnan(z), "", np.char.mod("%.0f", np.nan_to_num(z)))
    # Three bands on 0-100: red below amber, amber below green, green above.
    colours = theme.stepped(
        (theme.RED, theme.AMBER, theme.GREEN), (cut.quality_amber, cut.quality_green), 100
    )
    heat = go.Heatmap(
        z=z,
        x=theme.period_names(periods),
        y=theme.safe(pl.Series([names.get(d, d) for d in order])),
        text=text,
        texttemplate="%{text}",
        zmin=0,
        zmax=100,
        colorscale=colours,
        showscale=False,
        xgap=2,
        ygap=2,
        hovertemplate="%{y}<br>%{x}: score %{text}<extra></extra>",
    )
    return go.Figure([heat], theme.grid(60 + ROW * len(order)))


def components(card: pl.DataFrame, labels: dict[str, str]) -> go.Figure:
    """One department's score and components (0-100) over the periods; a component with nothing to
    measure leaves a gap."""
    x = theme.period_names(card["period"])
    lines = [
        go.Scatter(
            x=x,
            y=card["score"].to_numpy(),
            name="Score",
            mode="lines+markers",
            line={"color": theme.ACCENT, "width": 3},
        )
    ]
    for key, label in labels.items():
        if card[key].is_null().all():
            continue  # nothing measured: no line, and no legend entry promising one
        lines.append(
            go.Scatter(
                x=x,
                y=(card[key] * 100).to_numpy(),
                name=label,
                mode="lines",
                line={"width": 1.5, "dash": "dot"},
            )
        )
    return go.Figure(
        lines,
        theme.layout(
            300,
            yaxis=theme.axis(range=[0, 104], ticksuffix="%", title=None),
            legend=theme.LEGEND_ABOVE,
            margin={"l": 10, "r": 10, "t": 40, "b": 10},
        ),
    )
