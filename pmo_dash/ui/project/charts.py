"""Project charts (one project's brief): data in, plotly figure out. No Streamlit."""

from __future__ import annotations

import datetime as dt

import numpy as np
import plotly.graph_objects as go
import polars as pl

from pmo_dash.settings import Thresholds
from pmo_dash.ui import theme
from pmo_dash.ui.theme import ACCENT, GREEN, INK, RAG_COLOURS, RATING_ORDER, RED


def rag_strip(history: pl.DataFrame) -> go.Figure:
    """Two rows of coloured cells, reported over evidence, one column per period. The reported row is
    the rating as reported: five colours where a return gave a five-point delivery confidence."""
    codes = {rating: i for i, rating in enumerate(RATING_ORDER[:5])}
    reported = history["delivery_confidence"].fill_null(history["reported_rag"])
    x = [p.strftime(theme.PERIOD) for p in history["period"]]
    z = [[codes.get(v) for v in reported], [codes.get(v) for v in history["evidence_rag"]]]
    text = [[v or "no return" for v in reported], [v or "not reported" for v in history["evidence_rag"]]]
    scale = [[i / 4, RAG_COLOURS[rating]] for i, rating in enumerate(RATING_ORDER[:5])]
    cells = go.Heatmap(
        x=x,
        y=["Reported", "Evidence"],
        z=z,
        text=text,
        zmin=0,
        zmax=4,
        showscale=False,
        xgap=3,
        ygap=3,
        colorscale=scale,
        hovertemplate="%{x} %{y}: %{text}<extra></extra>",
    )
    return go.Figure([cells], theme.layout(150, margin={"l": 10, "r": 10, "t": 10, "b": 10}))


MONEY_HOVER = "%{fullData.name}, %{x|%b %Y}: %{text}<extra></extra>"


def s_curve(
    history: pl.DataFrame, budget: float | None, eac: float | None, forecast_finish: dt.date | None
) -> go.Figure:
    """PV, EV and AC to date, with the cost projected to EAC at the forecast finish."""
    x = history["period"].to_numpy()
    lines = [
        go.Scatter(
            x=x,
            y=history["planned_value"].to_numpy(),
            text=theme.money_text(history["planned_value"]),
            hovertemplate=MONEY_HOVER,
            name="Planned value (PV)",
            line={"color": "#7f7f7f", "dash": "dash"},
        ),
        go.Scatter(
            x=x,
            y=history["earned_value"].to_numpy(),
            text=theme.money_text(history["earned_value"]),
            hovertemplate=MONEY_HOVER,
            name="Earned value (EV)",
            line={"color": ACCENT, "width": 3},
        ),
        go.Scatter(
            x=x,
            y=history["actual_cost"].to_numpy(),
            text=theme.money_text(history["actual_cost"]),
            hovertemplate=MONEY_HOVER,
            name="Actual cost (AC)",
            line={"color": RED, "width": 3},
        ),
    ]
    last = history.drop_nulls("actual_cost").tail(1)
    if eac is not None and forecast_finish is not None and last.height:
        lines.append(
            go.Scatter(
                x=[last["period"][0], forecast_finish],
                y=[last["actual_cost"][0], eac],
                text=theme.money_text([last["actual_cost"][0], eac]),
                hovertemplate=MONEY_HOVER,
                name="Projected to EAC",
                mode="lines+markers",
                line={"color": RED, "dash": "dot"},
            )
        )
    amounts = [history[c].to_numpy() for c in ("planned_value", "earned_value", "actual_cost")]
    yaxis = theme.money_axis(*amounts, np.array([eac, budget], dtype=float), title="cumulative")
    if budget is None:  # withheld: no line, never a line at 0
        return go.Figure(lines, theme.layout(340, yaxis=yaxis))
    budget_line = theme.line("y", budget) | {"line": {"color": GREEN, "dash": "dot"}}
    label = {
        "text": "Budget (BAC)",
        "xref": "paper",
        "x": 1,
        "xanchor": "right",
        "y": budget,
        "yanchor": "bottom",
        "showarrow": False,
    }
    layout = theme.layout(340, yaxis=yaxis, shapes=[budget_line], annotations=[label])
    return go.Figure(lines, layout)


def milestones(rows: pl.DataFrame, cut: Thresholds) -> go.Figure:
    """Each milestone on a line from its baseline date to its forecast (or actual) date."""
    names = theme.safe(rows["name"])
    ends = [
        a or f or b
        for a, f, b in zip(rows["actual_date"], rows["forecast_date"], rows["baseline_date"], strict=True)
    ]
    traces = []
    for name, base, end, slip in zip(names, rows["baseline_date"], ends, rows["slip_days"], strict=True):
        colour = theme.slip_colour(slip or 0, cut)
        traces.append(
            go.Scatter(
                x=[base, end],
                y=[name, name],
                mode="lines",
                line={"color": colour, "width": 4},
                showlegend=False,
                hoverinfo="skip",
            )
        )
    done = [a is not None for a in rows["actual_date"]]
    traces += [
        go.Scatter(
            x=rows["baseline_date"].to_numpy(),
            y=names,
            mode="markers",
            name="Baseline",
            marker={"symbol": "line-ns-open", "size": 16, "color": INK},
        ),
        go.Scatter(
            x=ends,
            y=names,
            mode="markers",
            name="Achieved / forecast",
            marker={"symbol": ["circle" if d else "circle-open" for d in done], "size": 11, "color": ACCENT},
            customdata=rows["slip_days"].to_numpy(),
            hovertemplate="%{y}: %{x} (%{customdata:+d} days)<extra></extra>",
        ),
    ]
    layout = theme.layout(
        max(220, 34 * rows.height + 90), legend=theme.LEGEND_ABOVE, yaxis=theme.axis(autorange="reversed")
    )
    return go.Figure(traces, layout)
