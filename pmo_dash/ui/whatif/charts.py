"""What-if charts (value for cost, funding, capacity, benefits): data in, plotly figure out. No Streamlit."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import polars as pl

from pmo_dash.settings import get_settings
from pmo_dash.ui import theme
from pmo_dash.ui.fmt import money
from pmo_dash.ui.theme import ACCENT, AMBER, GREEN, GREY, RED


def frontier(curve: pl.DataFrame, chosen: tuple[float, float], now: tuple[float, float]) -> go.Figure:
    """Total score against cost: the best each budget could buy, the chosen portfolio and today's."""
    traces = [
        go.Scatter(
            x=curve["cost"].to_numpy(),
            y=curve["value"].to_numpy(),
            name="Best value for each budget",
            mode="lines",
            line={"color": GREY, "width": 2},
            hovertemplate="cost %{x:,.0f}<br>score %{y:.1f}<extra></extra>",
        ),
        go.Scatter(
            x=np.array([now[0]]),
            y=np.array([now[1]]),
            name="Current portfolio",
            mode="markers",
            marker={"color": AMBER, "size": 13, "symbol": "circle"},
            hovertemplate="current portfolio<br>cost %{x:,.0f}<br>score %{y:.1f}<extra></extra>",
        ),
        go.Scatter(
            x=np.array([chosen[0]]),
            y=np.array([chosen[1]]),
            name="This scenario",
            mode="markers",
            marker={"color": ACCENT, "size": 16, "symbol": "star"},
            hovertemplate="this scenario<br>cost %{x:,.0f}<br>score %{y:.1f}<extra></extra>",
        ),
    ]
    symbol = get_settings().currency_symbol
    layout = theme.layout(
        340,
        xaxis=theme.axis(title="cost (EAC of the funded projects)", tickprefix=symbol),
        yaxis=theme.axis(title="total score"),
        legend={"orientation": "h", "y": -0.25},
    )
    return go.Figure(traces, layout)


def department_funding(rows: pl.DataFrame) -> go.Figure:
    """Cost funded per department, now against the scenario, with the counts on the bars."""
    rows = rows.sort("department", descending=True)
    names = theme.safe(rows["department"])
    text_now = np.array(
        [f"{n} · {money(c)}" for n, c in zip(rows["funded_now"], rows["cost_now"], strict=True)]
    )
    text = np.array([f"{n} · {money(c)}" for n, c in zip(rows["funded"], rows["cost"], strict=True)])
    bars = [
        go.Bar(
            y=names,
            x=rows["cost_now"].to_numpy(),
            name="Now",
            orientation="h",
            marker={"color": "#c7c7c7"},
            text=text_now,
            textposition="auto",
            hovertemplate="%{y}: now %{text}<extra></extra>",
        ),
        go.Bar(
            y=names,
            x=rows["cost"].to_numpy(),
            name="Scenario",
            orientation="h",
            marker={"color": ACCENT},
            text=text,
            textposition="auto",
            hovertemplate="%{y}: scenario %{text}<extra></extra>",
        ),
    ]
    height = max(240, 60 + 46 * rows.height)
    layout = theme.layout(
        height,
        barmode="group",
        xaxis=theme.axis(title="cost funded (projects · EAC)", tickprefix=get_settings().currency_symbol),
        legend=theme.LEGEND_ABOVE,
    )
    return go.Figure(bars, layout)


def capacity(rows: pl.DataFrame) -> go.Figure:
    """Demand as a share of capacity, per role and month; a cell is red when any department is over."""
    rows = rows.filter(pl.col("capacity_fte").is_not_null())
    roles = sorted(rows["role"].unique().to_list())
    months = sorted(rows["month"].unique().to_list())
    grid = np.full((len(roles), len(months)), np.nan)
    text = np.full((len(roles), len(months)), "", dtype=object)
    at_role = {r: i for i, r in enumerate(roles)}
    at_month = {m: j for j, m in enumerate(months)}
    for role, month, demand, cap in rows.select("role", "month", "demand_fte", "capacity_fte").iter_rows():
        i, j = at_role[role], at_month[month]
        share = demand / cap * 100 if cap else np.nan
        grid[i, j] = share
        text[i, j] = "" if np.isnan(share) else f"{share:.0f}%"
    heat = go.Heatmap(
        z=grid,
        x=theme.period_names(months),
        y=theme.safe(pl.Series(roles)),
        text=text,
        texttemplate="%{text}",
        hovertemplate="%{y}, %{x}: %{text} of capacity<extra></extra>",
        colorscale=[[0, "#e8f5e9"], [0.6, GREEN], [0.8, AMBER], [1, RED]],
        zmin=0,
        zmax=125,
        colorbar={"title": "% of capacity", "ticksuffix": "%"},
    )
    over = rows.filter(pl.col("over"))
    marks = go.Scatter(
        x=theme.period_names(over["month"]),
        y=theme.safe(over["role"]),
        mode="markers",
        marker={"symbol": "square-open", "size": 30, "color": "#000", "line": {"width": 2}},
        name="a department over capacity",
        hoverinfo="skip",
    )
    layout = theme.layout(80 + 44 * max(len(roles), 1), legend={"orientation": "h", "y": -0.3})
    return go.Figure([heat, marks], layout)


def benefits(rows: pl.DataFrame) -> go.Figure:
    """Cumulative expected benefit by month, the current portfolio against the scenario."""
    x = rows["month"].to_numpy()  # real dates: months without a change keep their place on the axis
    lines = [
        go.Scatter(
            x=x, y=rows["now"].to_numpy(), name="Now", line={"color": GREY, "dash": "dash", "shape": "hv"}
        ),
        go.Scatter(
            x=x,
            y=rows["scenario"].to_numpy(),
            name="Scenario",
            line={"color": ACCENT, "width": 3, "shape": "hv"},
        ),
    ]
    symbol = get_settings().currency_symbol
    layout = theme.layout(
        320,
        xaxis=theme.axis(type="date", tickformat=theme.MONTH),
        yaxis=theme.axis(title="cumulative expected benefit", tickprefix=symbol),
    )
    return go.Figure(lines, layout)
