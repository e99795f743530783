"""Pure chart builders: data in, plotly figure out. No Streamlit here.

Every label that came from a return is escaped: plotly renders a little HTML in its text, and
user text is never HTML.
"""

from __future__ import annotations

import datetime as dt
import html

import plotly.graph_objects as go
import polars as pl

from pmo_dash.ui.fmt import RAG_COLOURS, RAG_ORDER

GRID = "#eee"
INK = "#1f2d3d"
ACCENT = "#1f4e79"


def _safe(values) -> list[str]:
    return [html.escape(str(v)) for v in values]


def _layout(fig: go.Figure, height: int, **more) -> go.Figure:
    settings = {
        "height": height,
        "margin": {"l": 10, "r": 10, "t": 30, "b": 10},
        "plot_bgcolor": "white",
        "legend": {"orientation": "h", "y": -0.15},
        "font": {"color": INK},
    }
    fig.update_layout(**(settings | more))
    fig.update_xaxes(gridcolor=GRID, zeroline=False)
    fig.update_yaxes(gridcolor=GRID, zeroline=False)
    return fig


def rag_mix(mix: pl.DataFrame, basis: str) -> go.Figure:
    """Stacked horizontal bars: projects per RAG for each department; a click selects a department."""
    chosen = mix.filter(pl.col("basis") == basis)
    names = chosen.select("department_id", "department").unique().sort("department", descending=True)
    fig = go.Figure()
    for rag in RAG_ORDER:
        rows = chosen.filter(pl.col("rag") == rag)
        counts = dict(zip(rows["department_id"], rows["projects"], strict=True))
        fig.add_bar(
            name=rag,
            y=_safe(names["department"]),
            x=[counts.get(d, 0) for d in names["department_id"]],
            orientation="h",
            marker_color=RAG_COLOURS[rag],
            customdata=list(names["department_id"]),
            hovertemplate="%{y}: %{x} " + rag + "<extra></extra>",
        )
    _layout(fig, max(260, 40 * names.height + 90), barmode="stack", xaxis_title="active projects")
    return fig


def department_variance(variance: pl.DataFrame) -> go.Figure:
    """Median slip (days) and cost variance per department, side by side; a click selects one."""
    from plotly.subplots import make_subplots

    rows = variance.sort("department", descending=True)
    fig = make_subplots(
        rows=1,
        cols=2,
        shared_yaxes=True,
        horizontal_spacing=0.04,
        subplot_titles=("Median schedule slip (days)", "Cost variance, EV − AC"),
    )
    labels = _safe(rows["department"])
    slip = rows["median_slip_days"].fill_null(0)
    fig.add_bar(
        y=labels,
        x=slip,
        orientation="h",
        customdata=list(rows["department_id"]),
        row=1,
        col=1,
        marker_color=["#d62728" if s > 30 else "#ff9f1c" if s > 0 else "#2ca02c" for s in slip],
        hovertemplate="%{y}: median %{x:.0f} days late<extra></extra>",
        showlegend=False,
    )
    cv = rows["cost_variance"].fill_null(0)
    fig.add_bar(
        y=labels,
        x=cv,
        orientation="h",
        customdata=list(rows["department_id"]),
        row=1,
        col=2,
        marker_color=["#d62728" if v < 0 else "#2ca02c" for v in cv],
        hovertemplate="%{y}: %{x:,.0f}<extra></extra>",
        showlegend=False,
    )
    _layout(fig, max(260, 40 * rows.height + 90))
    fig.update_annotations(font_size=13)
    return fig


def spi_cpi_scatter(projects: pl.DataFrame) -> go.Figure:
    """Each project at (SPI, CPI), sized by budget, coloured by evidence RAG; a click selects one."""
    fig = go.Figure()
    for rag in RAG_ORDER[:3]:
        rows = projects.filter(pl.col("evidence_rag") == rag)
        if rows.is_empty():
            continue
        size = (rows["budget"].fill_null(0) ** 0.5).to_list()
        biggest = max(max(size), 1.0)
        fig.add_scattergl(
            name=rag,
            x=rows["spi"].to_list(),
            y=rows["cpi"].to_list(),
            mode="markers",
            marker={"color": RAG_COLOURS[rag], "size": [6 + 22 * s / biggest for s in size], "opacity": 0.75},
            customdata=list(rows["project_id"]),
            text=_safe(rows["project"] + " · " + rows["department"]),
            hovertemplate="%{text}<br>SPI %{x:.2f} · CPI %{y:.2f}<extra></extra>",
        )
    fig.add_hline(y=1, line_color="#999", line_dash="dot")
    fig.add_vline(x=1, line_color="#999", line_dash="dot")
    _layout(
        fig, 420, xaxis_title="SPI (schedule: earned / planned)", yaxis_title="CPI (cost: earned / actual)"
    )
    return fig


def reporting_compliance(compliance: pl.DataFrame) -> go.Figure:
    """Share of active projects that reported for the period, per department."""
    rows = compliance.sort("department", descending=True)
    share = rows["reporting_compliance"].fill_null(0)
    fig = go.Figure(
        go.Bar(
            y=_safe(rows["department"]),
            x=share,
            orientation="h",
            customdata=list(rows["department_id"]),
            text=[
                f"{s:.0%} ({r}/{a})"
                for s, r, a in zip(share, rows["reported_projects"], rows["active_projects"], strict=True)
            ],
            textposition="auto",
            marker_color=["#2ca02c" if s >= 0.95 else "#ff9f1c" if s >= 0.8 else "#d62728" for s in share],
            hovertemplate="%{y}: %{text}<extra></extra>",
        )
    )
    _layout(fig, max(220, 36 * rows.height + 80))
    fig.update_xaxes(tickformat=".0%", range=[0, 1.05])
    return fig


def trends(trend: pl.DataFrame) -> go.Figure:
    """SPI and CPI over the periods, with the share Red and reporting compliance beneath."""
    from plotly.subplots import make_subplots

    fig = make_subplots(
        rows=1,
        cols=2,
        horizontal_spacing=0.08,
        subplot_titles=("Schedule and cost performance", "Red on evidence, and reporting"),
    )
    x = trend["period"].to_list()
    fig.add_scatter(x=x, y=trend["spi"], name="SPI", line={"color": ACCENT, "width": 3}, row=1, col=1)
    fig.add_scatter(x=x, y=trend["cpi"], name="CPI", line={"color": "#8c564b", "width": 3}, row=1, col=1)
    fig.add_hline(y=1, line_color="#999", line_dash="dot", row=1, col=1)
    fig.add_scatter(
        x=x, y=trend["share_red"], name="Red on evidence", line={"color": "#d62728", "width": 3}, row=1, col=2
    )
    fig.add_scatter(
        x=x,
        y=trend["reporting_compliance"],
        name="Reporting compliance",
        line={"color": "#7f7f7f", "width": 2, "dash": "dash"},
        row=1,
        col=2,
    )
    _layout(fig, 300)
    fig.update_yaxes(tickformat=".0%", row=1, col=2, range=[0, 1.05])
    fig.update_annotations(font_size=13)
    return fig


def rag_strip(history: pl.DataFrame) -> go.Figure:
    """Two rows of coloured cells, reported over evidence, one column per period."""
    codes = {"Red": 0, "Amber": 1, "Green": 2}
    x = [p.strftime("%b %y") for p in history["period"]]
    z = [[codes.get(v) for v in history["reported_rag"]], [codes.get(v) for v in history["evidence_rag"]]]
    text = [[v or "no return" for v in history["reported_rag"]], [v or "" for v in history["evidence_rag"]]]
    scale = [[0, RAG_COLOURS["Red"]], [0.5, RAG_COLOURS["Amber"]], [1, RAG_COLOURS["Green"]]]
    fig = go.Figure(
        go.Heatmap(
            x=x,
            y=["Reported", "Evidence"],
            z=z,
            text=text,
            zmin=0,
            zmax=2,
            colorscale=scale,
            showscale=False,
            xgap=3,
            ygap=3,
            hovertemplate="%{x} %{y}: %{text}<extra></extra>",
        )
    )
    return _layout(fig, 150, margin={"l": 10, "r": 10, "t": 10, "b": 10})


def s_curve(
    history: pl.DataFrame, budget: float, eac: float | None, forecast_finish: dt.date | None
) -> go.Figure:
    """PV, EV and AC to date, with the cost projected to EAC at the forecast finish."""
    x = history["period"].to_list()
    fig = go.Figure()
    fig.add_scatter(
        x=x, y=history["planned_value"], name="Planned value (PV)", line={"color": "#7f7f7f", "dash": "dash"}
    )
    fig.add_scatter(
        x=x, y=history["earned_value"], name="Earned value (EV)", line={"color": ACCENT, "width": 3}
    )
    fig.add_scatter(
        x=x, y=history["actual_cost"], name="Actual cost (AC)", line={"color": "#d62728", "width": 3}
    )
    last = history.drop_nulls("actual_cost").tail(1)
    if eac is not None and forecast_finish is not None and last.height:
        fig.add_scatter(
            x=[last["period"][0], forecast_finish],
            y=[last["actual_cost"][0], eac],
            name="Projected to EAC",
            line={"color": "#d62728", "dash": "dot"},
            mode="lines+markers",
        )
    fig.add_hline(y=budget, line_color="#2ca02c", line_dash="dot", annotation_text="Budget (BAC)")
    return _layout(fig, 340, yaxis_title="cumulative")


def milestones(rows: pl.DataFrame) -> go.Figure:
    """Each milestone on a line from its baseline date to its forecast (or actual) date."""
    fig = go.Figure()
    names = _safe(rows["name"])
    for name, base, fc, actual, slip in zip(
        names,
        rows["baseline_date"],
        rows["forecast_date"],
        rows["actual_date"],
        rows["slip_days"],
        strict=True,
    ):
        end = actual or fc or base
        colour = "#2ca02c" if (slip or 0) <= 0 else "#ff9f1c" if slip <= 30 else "#d62728"
        fig.add_scatter(
            x=[base, end],
            y=[name, name],
            mode="lines",
            line={"color": colour, "width": 4},
            showlegend=False,
            hoverinfo="skip",
        )
    fig.add_scatter(
        x=rows["baseline_date"],
        y=names,
        mode="markers",
        name="Baseline",
        marker={"symbol": "line-ns-open", "size": 16, "color": INK},
    )
    done = [a is not None for a in rows["actual_date"]]
    ends = [
        a or f or b
        for a, f, b in zip(rows["actual_date"], rows["forecast_date"], rows["baseline_date"], strict=True)
    ]
    fig.add_scatter(
        x=ends,
        y=names,
        mode="markers",
        name="Achieved / forecast",
        marker={"symbol": ["circle" if d else "circle-open" for d in done], "size": 11, "color": ACCENT},
        customdata=rows["slip_days"],
        hovertemplate="%{y}: %{x} (%{customdata:+d} days)<extra></extra>",
    )
    _layout(
        fig,
        max(220, 34 * rows.height + 90),
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0},
    )
    fig.update_yaxes(autorange="reversed")
    return fig
