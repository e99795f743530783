"""Risk charts (heat map, exposure, issues, concentration): data in, plotly figure out. No Streamlit."""

from __future__ import annotations

import math

import numpy as np
import plotly.graph_objects as go
import polars as pl

from pmo_dash.settings import Thresholds
from pmo_dash.ui import theme
from pmo_dash.ui.theme import INK, RED

PALE = "#5f6b78"  # an empty cell's text: readable on red, quieter than a count


def risk_grid(
    cells: pl.DataFrame,
    value: str,
    cut: Thresholds,
    moves: pl.DataFrame | None = None,
    picked: tuple[int, int] | None = None,
) -> go.Figure:
    """The 5 x 5 likelihood x impact matrix, zones coloured by exposure. Each cell shows `value` (risks
    or exposure), or with `moves` how many risks moved into it and out of it; an empty cell says so
    with a paler 0 or dash, never blank. The `picked` (likelihood, impact) cell is outlined; a click
    on a cell selects it."""
    known = {(r["likelihood"], r["impact"]): r for r in cells.iter_rows(named=True)}
    moved = {
        (r["likelihood"], r["impact"]): r for r in (moves.iter_rows(named=True) if moves is not None else [])
    }
    levels = range(1, 6)
    keys = [(likelihood, impact) for likelihood in levels for impact in levels]
    labels = [
        _move_label(moved.get(k)) if moves is not None else _count_label(known.get(k), value) for k in keys
    ]
    zones = [[theme.risk_zone(li * im, cut) for im in levels] for li in levels]
    grid = go.Heatmap(
        x=list(levels),
        y=list(levels),
        z=zones,
        zmin=0,
        zmax=2,
        colorscale=[[zone / 2, colour] for zone, colour in enumerate(theme.ZONE_COLOURS)],
        showscale=False,
        xgap=4,
        ygap=4,
        hoverinfo="skip",
    )
    # Plotly selects points, not heat-map cells: a point over each cell carries its label and takes
    # the click (its marker invisible, so a selection dims nothing).
    cell_points = go.Scatter(
        x=np.array([im for _, im in keys]),
        y=np.array([li for li, _ in keys]),
        mode="markers+text",
        text=np.array([text for text, _ in labels]),
        textfont={"size": 13 if moves is not None else 20, "color": np.array([ink for _, ink in labels])},
        marker={"size": 60, "symbol": "square", "opacity": 0},
        selected={"marker": {"opacity": 0}},
        unselected={"marker": {"opacity": 0}},
        customdata=np.array([f"{li}-{im}" for li, im in keys]),
        hovertemplate="likelihood %{y} × impact %{x}<extra></extra>",
        showlegend=False,
    )
    ticks = {"tickmode": "array", "tickvals": list(levels), "showgrid": False}
    layout = theme.layout(
        430,
        xaxis=theme.axis(title="impact", constrain="domain", **ticks),
        yaxis=theme.axis(title="likelihood", scaleanchor="x", constrain="domain", **ticks),
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        shapes=[_outline(*picked)] if picked else [],
    )
    return go.Figure([grid, cell_points], layout)


def _count_label(cell: dict | None, value: str) -> tuple[str, str]:
    """A cell's count (or exposure), or a paler 0 where it holds no risk."""
    return (f"{cell[value]:,}", INK) if cell and cell[value] else ("0", PALE)


def _move_label(moves: dict | None) -> tuple[str, str]:
    """How many risks moved into a cell and out of it, one line each; a paler dash where none did."""
    if not moves or not (moves["moved_in"] or moves["moved_out"]):
        return "–", PALE
    parts = [
        f"{moves['moved_in']:,} in" if moves["moved_in"] else "",
        f"{moves['moved_out']:,} out" if moves["moved_out"] else "",
    ]
    return "<br>".join(p for p in parts if p), INK


def _outline(likelihood: int, impact: int) -> dict:
    """A thick frame around the chosen cell."""
    return {
        "type": "rect",
        "x0": impact - 0.5,
        "x1": impact + 0.5,
        "y0": likelihood - 0.5,
        "y1": likelihood + 0.5,
        "line": {"color": INK, "width": 4},
    }


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
        xaxis=theme.period_axis(x),
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
    """Departments against risk categories: how much exposure sits where. Departments run down the
    side, so that forty of them read as forty rows, not forty squeezed columns."""
    categories = sorted(set(rows["category"]))
    departments = sorted(set(rows["department"]), reverse=True)
    value = {(r["category"], r["department"]): r["exposure"] for r in rows.iter_rows(named=True)}
    z = [[value.get((c, d)) for c in categories] for d in departments]
    cells = go.Heatmap(
        x=theme.safe(pl.Series(categories)),
        y=theme.safe(pl.Series(departments)),
        z=z,
        colorscale="Reds",
        hovertemplate="%{x} in %{y}: exposure %{z}<extra></extra>",
        colorbar={"title": "exposure"},
        text=[["" if v is None else f"{v:,}" for v in row] for row in z],
        texttemplate="%{text}",
        xgap=1,
        ygap=1,
    )
    layout = theme.layout(max(300, 26 * len(departments) + 110), xaxis=theme.axis(side="top", tickangle=0))
    return go.Figure([cells], layout)


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
