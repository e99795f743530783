"""Governance charts (gates passed per month; the utilisation map): data in, plotly figure out."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import polars as pl

from pmo_dash.ui import theme

ROW = 24  # pixels per row of the utilisation map


def gates_passed(rows: pl.DataFrame) -> go.Figure:
    """Stage gates passed per month: on or before plan, and late."""
    x = theme.period_names(rows["month"])
    bars = [
        go.Bar(x=x, y=rows["on_time"].to_numpy(), name="On or before plan", marker_color=theme.GREEN),
        go.Bar(x=x, y=rows["late"].to_numpy(), name="After plan", marker_color=theme.AMBER),
    ]
    return go.Figure(
        bars,
        theme.layout(
            280,
            barmode="stack",
            legend=theme.LEGEND_ABOVE,
            xaxis=theme.period_axis(x),
            yaxis=theme.axis(title="gates passed"),
        ),
    )


def utilisation_map(rows: pl.DataFrame, over: float) -> go.Figure:
    """One row per department's role, department or role (whichever `rows` holds; a null is summed
    over) × month, each cell demand as a share of capacity: green to 85%, amber to the over-allocation
    line, red beyond; clickable (a cell's customdata is department|role|month, empty where summed)."""
    months = sorted(set(rows["month"]))
    keys = list(dict.fromkeys(zip(rows["department_id"], rows["department"], rows["role"], strict=True)))
    at = {m: i for i, m in enumerate(months)}
    row_of = {(d, r): i for i, (d, _, r) in enumerate(keys)}
    z = np.full((len(keys), len(months)), np.nan)
    text = np.full(z.shape, "", dtype=object)
    data = np.full(z.shape, "", dtype=object)
    for d, r, m, u, demand, over_allocated in rows.select(
        "department_id", "role", "month", "utilisation", "demand_fte", "over_allocated"
    ).iter_rows():
        i, j = row_of[(d, r)], at[m]
        if u is None:
            # Demand without capacity reads as over-allocated; nothing at all stays blank.
            z[i, j] = np.inf if demand else np.nan
            text[i, j] = "no cap." if demand else ""
        else:
            # Coloured by the query's verdict: exactly full is amber, never the red of over-allocated.
            z[i, j] = u if over_allocated else min(u, over * 0.999)
            text[i, j] = f"{100 * u:.0f}%"
        data[i, j] = f"{d or ''}|{r or ''}|{m.isoformat()}"
    labels = theme.safe(pl.Series([" · ".join(p for p in (name, role) if p) for _, name, role in keys]))
    top = max(2.0, over * 1.5)
    colours = theme.stepped((theme.GREEN, theme.AMBER, theme.RED), (0.85, over), top)
    heat = go.Heatmap(
        z=np.minimum(z, top),
        x=theme.period_names(months),
        y=labels,
        text=text,
        texttemplate="%{text}",
        customdata=data,
        zmin=0,
        zmax=top,
        colorscale=colours,
        showscale=False,
        xgap=1,
        ygap=1,
        hovertemplate="%{y}<br>%{x}: %{text} of capacity<extra></extra>",
    )
    return go.Figure([heat], theme.grid(60 + ROW * len(keys), clickmode="event+select"))


def compliance_map(rows: pl.DataFrame) -> go.Figure:
    """Framework × department, each cell its controls compliant of all: red where any is non-compliant,
    amber where any is in progress or not assessed, green where all are compliant."""
    frameworks = sorted(set(rows["framework"]))
    departments = sorted(set(rows["department"]))
    z = np.full((len(frameworks), len(departments)), np.nan)
    text = np.full(z.shape, "", dtype=object)
    hover = np.full(z.shape, "", dtype=object)
    for f, d, n, c, ip, nc, na in rows.select(
        "framework", "department", "controls", "compliant", "in_progress", "non_compliant", "not_assessed"
    ).iter_rows():
        i, j = frameworks.index(f), departments.index(d)
        z[i, j] = 0 if nc else 1 if c < n else 2
        text[i, j] = f"{c}/{n}"
        hover[i, j] = f"{c} compliant, {ip} in progress, {nc} non-compliant, {na} not assessed"
    colours = theme.stepped((theme.RED, theme.AMBER, theme.GREEN), (0.5, 1.5), 2)  # states 0, 1, 2
    heat = go.Heatmap(
        z=z,
        x=theme.safe(pl.Series(departments), 24),
        y=theme.safe(pl.Series(frameworks), 24),
        text=text,
        customdata=hover,
        texttemplate="%{text}",
        zmin=0,
        zmax=2,
        colorscale=colours,
        showscale=False,
        xgap=2,
        ygap=2,
        hovertemplate="%{y} · %{x}<br>%{customdata}<extra></extra>",
    )
    return go.Figure(
        [heat], theme.grid(80 + 34 * len(frameworks), margin={"l": 10, "r": 10, "t": 40, "b": 10})
    )
