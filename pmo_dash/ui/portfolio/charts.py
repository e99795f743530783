"""Portfolio charts (enterprise, department, programme): data in, plotly figure out. No Streamlit."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import polars as pl

from pmo_dash.settings import Thresholds
from pmo_dash.ui import theme
from pmo_dash.ui.theme import GREEN, MIXED, RAG_COLOURS, RAG_ORDER, RATING_ORDER, RED


def rag_mix(mix: pl.DataFrame, basis: str) -> go.Figure:
    """Stacked horizontal bars: projects per RAG for each department; a click selects a department.
    Where returns gave a five-point delivery confidence, the reported ratings show all five colours."""
    chosen = mix.filter(pl.col("basis") == basis)
    names = chosen.select("department_id", "department").unique().sort("department", descending=True)
    labels, ids = theme.safe(names["department"]), names["department_id"].to_numpy()
    present = set(chosen["rag"].to_list())
    bars = []
    for rag in RATING_ORDER:
        if rag in MIXED and rag not in present:
            continue  # a three-colour portfolio keeps its three colours
        rows = chosen.filter(pl.col("rag") == rag)
        counts = dict(zip(rows["department_id"], rows["projects"], strict=True))
        bars.append(
            go.Bar(
                name=rag,
                y=labels,
                x=np.array([counts.get(d, 0) for d in ids]),
                orientation="h",
                marker_color=RAG_COLOURS[rag],
                customdata=ids,
                hovertemplate="%{y}: %{x} " + rag + "<extra></extra>",
            )
        )
    height = max(220, 28 * names.height + 90)
    # In the bars' order: plotly reverses the legend of stacked bars by default.
    legend = theme.LEGEND_ABOVE | {"traceorder": "normal"}
    return go.Figure(
        bars, theme.layout(height, barmode="stack", xaxis=theme.axis(title="active projects"), legend=legend)
    )


def department_variance(variance: pl.DataFrame, cut: Thresholds) -> go.Figure:
    """Median slip (days) and cost variance per department, side by side; a click selects one."""
    rows = variance.sort("department", descending=True)
    labels, ids = theme.safe(rows["department"]), rows["department_id"].to_numpy()
    # What a department did not report is no bar at all, never a bar of 0.
    slip = rows["median_slip_days"].cast(pl.Float64).to_numpy()
    cv = rows["cost_variance"].cast(pl.Float64).to_numpy()
    bars = [
        go.Bar(
            y=labels,
            x=slip,
            orientation="h",
            customdata=ids,
            showlegend=False,
            marker_color=theme.slip_colours(slip, cut),
            hovertemplate="%{y}: median %{x:.0f} days late<extra></extra>",
        ),
        go.Bar(
            y=labels,
            x=cv,
            orientation="h",
            customdata=ids,
            showlegend=False,
            xaxis="x2",
            yaxis="y2",
            marker_color=np.where(cv < 0, RED, GREEN),
            text=theme.money_text(rows["cost_variance"]),
            textposition="none",
            hovertemplate="%{y}: %{text}<extra></extra>",
        ),
    ]
    sides = theme.side_by_side(("Median schedule slip (days)", "Cost variance, EV − AC"), 0.04, shared_y=True)
    sides["xaxis2"] = theme.money_axis(cv, domain=sides["xaxis2"]["domain"], anchor="y2")
    for values, where in ((slip, sides["xaxis"]), (cv, sides["xaxis2"])):
        if np.isnan(values).all():
            sides["annotations"].append(theme.note("not reported", x=sum(where["domain"]) / 2))
    return go.Figure(bars, theme.layout(max(260, 40 * rows.height + 90), **sides))


def spi_cpi_scatter(projects: pl.DataFrame) -> go.Figure:
    """Each project at (SPI, CPI), sized by budget, coloured by evidence RAG; a click selects one."""
    biggest = max(float(projects["budget"].fill_null(0).sqrt().max() or 0), 1.0)
    points = []
    for rag in RAG_ORDER[:3]:
        rows = projects.filter(pl.col("evidence_rag") == rag)
        if rows.is_empty():
            continue
        size = rows["budget"].fill_null(0).sqrt().to_numpy()
        points.append(
            go.Scattergl(
                name=rag,
                x=rows["spi"].to_numpy(),
                y=rows["cpi"].to_numpy(),
                mode="markers",
                marker={"color": RAG_COLOURS[rag], "size": 6 + 22 * size / biggest, "opacity": 0.75},
                customdata=rows["project_id"].to_numpy(),
                text=theme.safe(rows["project"] + " · " + rows["department"]),
                hovertemplate="%{text}<br>SPI %{x:.2f} · CPI %{y:.2f}<extra></extra>",
            )
        )
    layout = theme.layout(
        420,
        xaxis=theme.axis(title="SPI (schedule: earned / planned)"),
        yaxis=theme.axis(title="CPI (cost: earned / actual)"),
        shapes=[theme.line("x", 1), theme.line("y", 1)],
    )
    return go.Figure(points, layout)


def trends(trend: pl.DataFrame) -> go.Figure:
    """SPI and CPI over the periods, above the share Red and reporting compliance (one above the other,
    so that it reads at half width). What no return in view carries is not drawn (no bare axes): without
    SPI or CPI, the lower chart alone, titled with what is missing; without evidence, reporting
    compliance alone."""
    x = theme.period_names(trend["period"])
    earned = not (trend["spi"].is_null().all() and trend["cpi"].is_null().all())
    judged = not trend["share_red"].is_null().all()
    lower = "2" if earned else ""
    shares = [
        *(
            [
                go.Scatter(
                    x=x,
                    y=trend["share_red"].to_numpy(),
                    name="Red on evidence",
                    xaxis=f"x{lower}",
                    yaxis=f"y{lower}",
                    line={"color": RED, "width": 3},
                )
            ]
            if judged
            else []
        ),
        go.Scatter(
            x=x,
            y=trend["reporting_compliance"].to_numpy(),
            name="Reporting compliance",
            xaxis=f"x{lower}",
            yaxis=f"y{lower}",
            line={"color": "#7f7f7f", "width": 2, "dash": "dash"},
        ),
    ]
    share_axis = {"tickformat": theme.SHARE, "range": [0, 1.05]}
    if not earned:
        missing = "SPI and CPI not reported" + ("" if judged else "; no evidence to judge Red on")
        return go.Figure(
            shares,
            theme.layout(
                300,
                title={"text": f"Reporting compliance ({missing})", "font": {"size": 13}},
                xaxis=theme.period_axis(x),
                yaxis=theme.axis(**share_axis),
                legend=theme.LEGEND_ABOVE,
                margin={"l": 10, "r": 10, "t": 60, "b": 10},
            ),
        )
    lines = [
        go.Scatter(x=x, y=trend["spi"].to_numpy(), name="SPI", line={"color": theme.ACCENT, "width": 3}),
        go.Scatter(x=x, y=trend["cpi"].to_numpy(), name="CPI", line={"color": "#8c564b", "width": 3}),
        *shares,
    ]
    panels = theme.stacked(("Schedule and cost performance (SPI, CPI)", "Red on evidence, and reporting"))
    panels["xaxis"] |= theme.period_axis(x, showticklabels=False)
    panels["xaxis2"] |= theme.period_axis(x)
    panels["yaxis2"] |= share_axis
    layout = theme.layout(
        440,
        shapes=[theme.line("y", 1)],
        legend=theme.LEGEND_ABOVE | {"y": 1.08},
        margin={"l": 10, "r": 10, "t": 60, "b": 10},
        **panels,
    )
    return go.Figure(lines, layout)
