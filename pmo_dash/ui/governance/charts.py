"""Governance charts (gates passed per month; the utilisation map): data in, plotly figure out."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import polars as pl

from pmo_dash.ui import fmt, theme

ROW = 24  # pixels per row of the utilisation map
# A utilisation cell is amber from this share of capacity (red beyond the over-allocation line).
NEAR_FULL = 0.85


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
    over) × month, each cell demand as a share of capacity: green below NEAR_FULL, amber to the
    over-allocation line, red beyond. Only the amber and red cells (and demand with no capacity) carry
    their share as a label, so the numbers mark what needs attention; every cell gives its share on
    hover. A click on a cell selects the point over it, whose customdata is department|role|month
    (empty where summed)."""
    months = sorted(set(rows["month"]))
    keys = list(dict.fromkeys(zip(rows["department_id"], rows["department"], rows["role"], strict=True)))
    names = theme.period_names(months)
    departments = department_labels(rows)
    labels = theme.safe(pl.Series([" · ".join(p for p in (departments.get(d), r) if p) for d, _, r in keys]))
    at = {m: i for i, m in enumerate(months)}
    row_of = {(d, r): i for i, (d, _, r) in enumerate(keys)}
    z = np.full((len(keys), len(months)), np.nan)
    text = np.full(z.shape, "", dtype=object)
    amber = min(NEAR_FULL, over)  # a line set below 85% leaves no amber, never a band upside down
    placed, picks, hover = [], [], []  # each cell with a row in `rows`: (row, column), customdata, hover
    for d, r, m, u, demand, over_allocated in rows.select(
        "department_id", "role", "month", "utilisation", "demand_fte", "over_allocated"
    ).iter_rows():
        i, j = row_of[(d, r)], at[m]
        if u is None:
            # Demand without capacity reads as over-allocated; nothing at all stays blank.
            z[i, j] = np.inf if demand else np.nan
            text[i, j] = "no cap." if demand else ""
            said = "demand, no capacity returned" if demand else "no demand, no capacity returned"
        else:
            # Coloured by the query's verdict: exactly full is amber, never the red of over-allocated.
            z[i, j] = u if over_allocated else min(u, over * 0.999)
            # A label in every cell buries the few that need attention: green cells give their share
            # on hover only.
            text[i, j] = f"{100 * u:.0f}%" if u >= amber or over_allocated else ""
            said = f"{100 * u:.0f}% of capacity"
        placed.append((i, j))
        picks.append(f"{d or ''}|{r or ''}|{m.isoformat()}")
        hover.append(f"{labels[i]}<br>{names[j]}: {said}")
    top = max(2.0, over * 1.5)
    colours = theme.stepped((theme.GREEN, theme.AMBER, theme.RED), (amber, over), top)
    # Rows and months sit at their positions, named by ticks: two rows whose labels read alike stay two.
    ys, xs = np.array([i for i, _ in placed], dtype=int), np.array([j for _, j in placed], dtype=int)
    heat = go.Heatmap(
        z=np.minimum(z, top),
        text=text,
        texttemplate="%{text}",
        zmin=0,
        zmax=top,
        colorscale=colours,
        showscale=False,
        xgap=1,
        ygap=1,
        hoverinfo="skip",
    )
    # Plotly selects points, not heat-map cells (nor does Streamlit pass on a cell's click): a point
    # over each cell takes the click and the hover, invisible until chosen, then a frame round its label.
    points = go.Scatter(
        x=xs,
        y=ys,
        mode="markers",
        marker={
            "size": ROW + 8,
            "symbol": "square-open",
            "color": theme.INK,
            "line": {"width": 2.5},
            "opacity": 0,
        },
        selected={"marker": {"opacity": 1}},
        unselected={"marker": {"opacity": 0}},
        customdata=np.array(picks),
        hovertext=np.array(hover),
        hovertemplate="%{hovertext}<extra></extra>",
        showlegend=False,
    )
    layout = theme.grid(60 + ROW * len(keys), clickmode="event+select")
    # Fixed ranges: the cells fill the plot, which the points' markers would otherwise pad.
    layout["xaxis"] = layout["xaxis"] | _ticks(names) | {"range": [-0.5, len(months) - 0.5]}
    layout["yaxis"] = (
        layout["yaxis"] | _ticks(labels) | {"range": [len(keys) - 0.5, -0.5], "autorange": False}
    )
    return go.Figure([heat, points], layout)


def department_labels(rows: pl.DataFrame) -> dict[str, str]:
    """Department id -> how the map names it: its name, or `name (id)` where two in `rows` share one."""
    named = rows.select("department_id", "department").drop_nulls("department_id").unique("department_id")
    return fmt.unique_labels(named, "department_id", "department")


def _ticks(names: np.ndarray) -> dict:
    """An axis of positions 0, 1, ... named `names`."""
    return {
        "type": "linear",
        "tickmode": "array",
        "tickvals": list(range(len(names))),
        "ticktext": list(names),
    }


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
