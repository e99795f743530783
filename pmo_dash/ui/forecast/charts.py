"""Forecast charts: P80 cost against budget by department, and the P50-P80 band on a project's S-curve."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import plotly.graph_objects as go
import polars as pl

from pmo_dash.ui import fmt, theme
from pmo_dash.ui.theme import ACCENT, AMBER, GREY

MONEY_HOVER = "%{y}: %{text}<extra></extra>"


SHOWN_DEPARTMENTS = 12


def exposure_by_department(rows: pl.DataFrame) -> go.Figure:
    """Budget of the projects forecast and their P80 final cost, per department (a bar clicked drills):
    the SHOWN_DEPARTMENTS with most to hold, most at the top."""
    rows = rows.filter(pl.col("forecast") > 0).sort("contingency", descending=True, nulls_last=True)
    rows = rows.head(SHOWN_DEPARTMENTS).reverse()
    names = theme.safe(rows["department"])
    ids = rows["department_id"].to_numpy()
    budget, p80 = rows["budget"].to_numpy(), rows["p80_cost"].to_numpy()
    contingency = rows["contingency"].to_numpy()
    bars = [
        go.Bar(
            y=names,
            x=budget,
            orientation="h",
            name="Budget",
            customdata=ids,
            marker_color=GREY,
            text=theme.money_text(budget),
            textfont={"size": 12},
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: budget %{text}<extra></extra>",
        ),
        go.Bar(
            y=names,
            x=p80,
            orientation="h",
            name="P80 final cost",
            customdata=ids,
            marker_color=AMBER,
            text=np.array(
                [f"{fmt.money(p)} ({fmt.money(c)} to hold)" for p, c in zip(p80, contingency, strict=True)]
            ),
            textfont={"size": 12},
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: P80 %{text}<extra></extra>",
        ),
    ]
    layout = theme.layout(
        max(240, 44 * rows.height + 90),
        barmode="group",
        # Labels outside the bars, at one size; room for them past the longest bar.
        xaxis=theme.money_axis(budget, p80, range=[0, 1.4 * float(np.nanmax([*p80, *budget, 1.0]))]),
        legend=theme.LEGEND_ABOVE,
    )
    layout["xaxis"].pop("title", None)
    return go.Figure(bars, layout)


def band(figure: go.Figure, history: pl.DataFrame, forecast: dict[str, Any] | None) -> go.Figure:
    """The S-curve with the reference class's P50 and P80 final cost at their finishes: a shaded band from
    the latest actual cost (nothing added when the project has no forecast or no actual cost)."""
    last = history.drop_nulls("actual_cost").tail(1)
    if not forecast or forecast.get("p80_cost") is None or last.height == 0:
        return figure
    start: dt.date = last["period"][0]
    cost = float(last["actual_cost"][0])
    p50, p80 = forecast["p50_cost"], forecast["p80_cost"]
    early, late = forecast["p50_finish"], forecast["p80_finish"]
    # Where it lands: between its P50 and P80 cost and finish, reached from the latest actual cost.
    figure.add_trace(
        go.Scatter(
            x=[start, early, late, late, early, start],
            y=[cost, p50, p50, p80, p80, cost],
            fill="toself",
            mode="lines",
            line={"width": 0},
            fillcolor="rgba(255, 159, 28, 0.28)",
            name="Reference class P50–P80",
            hoverinfo="skip",
        )
    )
    figure.add_trace(
        go.Scatter(
            x=[early, late],
            y=[p50, p80],
            mode="markers+text",
            marker={"color": AMBER, "size": 10, "line": {"color": ACCENT, "width": 1}},
            text=np.array(["P50", "P80"]),
            textposition=["bottom center", "top center"],
            cliponaxis=False,
            customdata=theme.money_text([p50, p80]),
            hovertemplate="%{text}: %{customdata} by %{x|%-d %b %Y}<extra></extra>",
            name="P50 and P80 (cost, finish)",
        )
    )
    # The budget's label moves to the left, out of the band's way.
    figure.update_annotations(x=0, xanchor="left")
    # The amount axis's ticks were fixed for the curves: set again to reach the P80 too.
    amounts = [np.asarray(trace.y, dtype=float) for trace in figure.data if trace.y is not None]
    budget = np.array([forecast["budget"]], dtype=float)
    figure.layout.yaxis = theme.money_axis(*amounts, budget, title="cumulative")
    return figure
