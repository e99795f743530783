"""Risk charts (heat map, exposure, issues, concentration): data in, plotly figure out. No Streamlit."""

from __future__ import annotations

import math

import numpy as np
import plotly.graph_objects as go
import polars as pl

from pmo_dash.settings import Thresholds
from pmo_dash.ui import theme
from pmo_dash.ui.theme import INK, RED


def risk_grid(cells: pl.DataFrame, value: str, cut: Thresholds, moves: pl.DataFrame | None = None):
    """The 5 x 5 likelihood x impact matrix, zones coloured by exposure, each cell showing `value`
    (risks or exposure), or the moves in and out of it; a click on a cell selects it."""
    known = {(r["likelihood"], r["impact"]): r for r in cells.iter_rows(named=True)}
    moved = {
        (r["likelihood"], r["impact"]): r for r in (moves.iter_rows(named=True) if moves is not None else [])
    }
    levels = range(1, 6)
    zones, labels = [], []
    for likelihood in levels:
        zone_row, label_row = [], []
        for impact in levels:
            zone_row.append(theme.risk_zone(likelihood * impact, cut))
            if moves is not None:
                m = moved.get((likelihood, impact))
                label_row.append(f"+{m['moved_in']} / −{m['moved_out']}" if m else "")
            else:
                cell = known.get((likelihood, impact))
                label_row.append(f"{cell[value]:,}" if cell and cell[value] else "")
        zones.append(zone_row)
        labels.append(label_row)
    colours = [[zone / 2, colour] for zone, colour in enumerate(theme.ZONE_COLOURS)]
    grid = go.Heatmap(
        x=list(levels),
        y=list(levels),
        z=zones,
        zmin=0,
        zmax=2,
        colorscale=colours,
        showscale=False,
        xgap=4,
        ygap=4,
        text=labels,
        texttemplate="%{text}",
        textfont={"size": 20, "color": INK},
        hoverinfo="skip",
    )
    # Plotly selects points, not heat-map cells: an invisible point over each cell takes the click.
    keys = [(likelihood, impact) for likelihood in levels for impact in levels]
    clicks = go.Scatter(
        x=np.array([i for _, i in keys]),
        y=np.array([li for li, _ in keys]),
        mode="markers",
        marker={"size": 60, "symbol": "square", "opacity": 0},
        customdata=np.array([f"{li}-{i}" for li, i in keys]),
        hovertemplate="likelihood %{y} × impact %{x}<extra></extra>",
        showlegend=False,
    )
    ticks = {"tickmode": "array", "tickvals": list(levels), "showgrid": False}
    layout = theme.layout(
        430,
        xaxis=theme.axis(title="impact", constrain="domain", **ticks),
        yaxis=theme.axis(title="likelihood", scaleanchor="x", constrain="domain", **ticks),
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
    )
    return go.Figure([grid, clicks], layout)


def risk_trend(trend: pl.DataFrame) -> go.Figure:
    """Summed exposure of the open risks per period, with how many are in the red zone."""
    x = theme.period_names(trend["period"])
    lines = [
        go.Bar(
            x=x,
            y=trend["high_risks"].to_numpy(),
            name="Risks in the red zone",
            marker_color=RED,
            yaxis="y2",
            opacity=0.35,
        ),
        go.Scatter(
            x=x,
            y=trend["exposure"].to_numpy(),
            name="Total exposure (L × I)",
            line={"color": INK, "width": 3},
        ),
    ]
    layout = theme.layout(
        300,
        xaxis=theme.axis(nticks=7),
        yaxis2=theme.axis(
            overlaying="y",
            side="right",
            showgrid=False,
            title="red-zone risks",
            dtick=max(1, math.ceil(float(trend["high_risks"].max() or 0) / 5)),
        ),
    )
    return go.Figure(lines, layout)


def concentration(rows: pl.DataFrame) -> go.Figure:
    """Risk categories against departments: how much exposure sits where."""
    categories = sorted(set(rows["category"]))
    departments = sorted(set(rows["department"]))
    value = {(r["category"], r["department"]): r["exposure"] for r in rows.iter_rows(named=True)}
    z = [[value.get((c, d)) for d in departments] for c in categories]
    cells = go.Heatmap(
        x=theme.safe(pl.Series(departments)),
        y=theme.safe(pl.Series(categories)),
        z=z,
        colorscale="Reds",
        hovertemplate="%{y} in %{x}: exposure %{z}<extra></extra>",
        colorbar={"title": "exposure"},
        text=[["" if v is None else f"{v:,}" for v in row] for row in z],
        texttemplate="%{text}",
    )
    return go.Figure([cells], theme.layout(max(300, 34 * len(categories) + 120)))


def issues_by_severity(rows: pl.DataFrame) -> go.Figure:
    """Open issues per severity, stacked by age."""
    severities = ["Critical", "High", "Medium", "Low"]
    shades = {"0-30 days": "#fdd0a2", "31-90 days": "#fd8d3c", "over 90 days": "#a63603"}
    bars = []
    for age, shade in shades.items():
        aged = rows.filter(pl.col("age") == age)
        part = dict(zip(aged["severity"], aged["issues"], strict=True))
        bars.append(
            go.Bar(
                name=age, x=severities, y=np.array([part.get(s, 0) for s in severities]), marker_color=shade
            )
        )
    return go.Figure(bars, theme.layout(300, barmode="stack", yaxis=theme.axis(title="open issues")))
