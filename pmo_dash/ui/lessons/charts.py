"""Lessons charts (health over time, the mix of categories): data in, plotly figure out. No Streamlit."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import polars as pl

from pmo_dash.ui import theme

LINES = 8  # departments drawn one line each; with more, their spread and the lowest few
LOWEST = 3  # departments drawn as lines beside the spread


def health_trend(health: pl.DataFrame) -> go.Figure:
    """Each department's lessons health score over the periods: a line each for a few departments;
    for many (the enterprise has 40), the range and the median across them, and a line for each of
    the `LOWEST` lowest at the latest period, so that the chart and its legend stay readable."""
    departments = sorted(set(health["department"]))
    periods = theme.period_names(sorted(set(health["period"])))
    if len(departments) <= LINES:
        lines = [_line(health, d) for d in departments]
    else:
        spread = (
            health.group_by("period")
            .agg(
                pl.col("score").min().alias("low"),
                pl.col("score").median().alias("median"),
                pl.col("score").max().alias("high"),
            )
            .sort("period")
        )
        x = theme.period_names(spread["period"])
        lines = [
            go.Scatter(
                x=x,
                y=spread["high"].to_numpy(),
                mode="lines",
                line={"width": 0},
                showlegend=False,
                hoverinfo="skip",
            ),
            go.Scatter(
                x=x,
                y=spread["low"].to_numpy(),
                mode="lines",
                line={"width": 0},
                fill="tonexty",
                fillcolor="rgba(31, 78, 121, 0.15)",
                name=f"Range of {len(departments)} departments",
            ),
            go.Scatter(
                x=x,
                y=spread["median"].to_numpy(),
                mode="lines",
                name="Median",
                line={"color": theme.ACCENT, "width": 3},
            ),
            *(_line(health, d, dash="dot") for d in _lowest(health)),
        ]
    layout = theme.layout(
        360,
        xaxis=theme.period_axis(periods),
        yaxis=theme.axis(title="health score", range=[0, 100]),
        legend=theme.LEGEND_ABOVE | {"traceorder": "normal"},
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
    )
    return go.Figure(lines, layout)


def _lowest(health: pl.DataFrame) -> list[str]:
    """The departments with the lowest score at the latest period."""
    latest = health.filter(pl.col("period") == health["period"].max()).drop_nulls("score")
    return latest.sort("score", "department")["department"].head(LOWEST).to_list()


def _line(health: pl.DataFrame, department: str, dash: str | None = None) -> go.Scatter:
    rows = health.filter(pl.col("department") == department).sort("period")
    return go.Scatter(
        x=theme.period_names(rows["period"]),
        y=rows["score"].to_numpy(),
        name=theme.label(department) + (" (lowest now)" if dash else ""),
        mode="lines",
        line={"dash": dash} if dash else {},
    )


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
