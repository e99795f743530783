"""Pure chart builders: data in, plotly figure out. No Streamlit here.

Every label that came from a return is escaped: plotly renders a little HTML in its text, and
user text is never HTML. Figures are built in one go from traces and a layout dict, with arrays
rather than lists: plotly validates each `update_layout` and each list element by element, and
that, not the data, was most of a page's time.
"""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import plotly.graph_objects as go
import polars as pl

from pmo_dash.ui.fmt import RAG_COLOURS, RAG_ORDER

GRID = "#eee"
INK = "#1f2d3d"
ACCENT = "#1f4e79"
RED, AMBER, GREEN = RAG_COLOURS["Red"], RAG_COLOURS["Amber"], RAG_COLOURS["Green"]
LABEL_LIMIT = 80  # characters of a name on an axis, in a legend or a hover


def _safe(values: pl.Series, limit: int = LABEL_LIMIT) -> np.ndarray:
    """Text from a return, escaped and at most `limit` characters, as an array."""
    text = values.cast(pl.String).fill_null("")
    text = pl.select(
        pl.when(text.str.len_chars() > limit).then(text.str.slice(0, limit - 1) + "…").otherwise(text)
    ).to_series()
    escaped = text.str.replace_all("&", "&amp;").str.replace_all("<", "&lt;").str.replace_all(">", "&gt;")
    return escaped.to_numpy()


def _label(text: str) -> str:
    """One text from a return, escaped, as a trace's name."""
    return str(_safe(pl.Series([text]))[0])


def _axis(**more) -> dict:
    return {"gridcolor": GRID, "zeroline": False} | more


def _layout(height: int, **more) -> dict:
    return {
        "height": height,
        "margin": {"l": 10, "r": 10, "t": 30, "b": 10},
        "plot_bgcolor": "white",
        "legend": {"orientation": "h", "y": -0.15},
        "font": {"color": INK},
        "xaxis": _axis(),
        "yaxis": _axis(),
    } | more


def _line(axis: str, at: float, *, ref: str = "") -> dict:
    """A dotted reference line across the plot at x or y = `at`."""
    if axis == "y":
        return {
            "type": "line",
            "xref": f"x{ref} domain",
            "x0": 0,
            "x1": 1,
            "yref": f"y{ref}",
            "y0": at,
            "y1": at,
            "line": {"color": "#999", "dash": "dot"},
        }
    return {
        "type": "line",
        "yref": f"y{ref} domain",
        "y0": 0,
        "y1": 1,
        "xref": f"x{ref}",
        "x0": at,
        "x1": at,
        "line": {"color": "#999", "dash": "dot"},
    }


def _side_by_side(titles: tuple[str, str], gap: float, shared_y: bool = False) -> dict:
    """Layout for two plots in one figure, left and right (make_subplots does this, ten times slower)."""
    half = (1 - gap) / 2
    title = {
        "xref": "paper",
        "yref": "paper",
        "y": 1.0,
        "yanchor": "bottom",
        "showarrow": False,
        "font": {"size": 13},
    }
    return {
        "xaxis": _axis(domain=[0, half]),
        "xaxis2": _axis(domain=[half + gap, 1], anchor="y2"),
        "yaxis2": _axis(anchor="x2", matches="y" if shared_y else None, showticklabels=not shared_y),
        "annotations": [
            title | {"text": titles[0], "x": half / 2},
            title | {"text": titles[1], "x": 1 - half / 2},
        ],
    }


def rag_mix(mix: pl.DataFrame, basis: str) -> go.Figure:
    """Stacked horizontal bars: projects per RAG for each department; a click selects a department."""
    chosen = mix.filter(pl.col("basis") == basis)
    names = chosen.select("department_id", "department").unique().sort("department", descending=True)
    labels, ids = _safe(names["department"]), names["department_id"].to_numpy()
    bars = []
    for rag in RAG_ORDER:
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
    height = max(260, 40 * names.height + 90)
    # The legend above the plot, in the bars' order (plotly reverses it for stacked bars by default).
    legend = {"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0, "traceorder": "normal"}
    return go.Figure(
        bars, _layout(height, barmode="stack", xaxis=_axis(title="active projects"), legend=legend)
    )


def department_variance(variance: pl.DataFrame) -> go.Figure:
    """Median slip (days) and cost variance per department, side by side; a click selects one."""
    rows = variance.sort("department", descending=True)
    labels, ids = _safe(rows["department"]), rows["department_id"].to_numpy()
    slip = rows["median_slip_days"].fill_null(0).to_numpy()
    cv = rows["cost_variance"].fill_null(0).to_numpy()
    bars = [
        go.Bar(
            y=labels,
            x=slip,
            orientation="h",
            customdata=ids,
            showlegend=False,
            marker_color=np.where(slip > 30, RED, np.where(slip > 0, AMBER, GREEN)),
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
            hovertemplate="%{y}: %{x:,.0f}<extra></extra>",
        ),
    ]
    sides = _side_by_side(("Median schedule slip (days)", "Cost variance, EV − AC"), 0.04, shared_y=True)
    return go.Figure(bars, _layout(max(260, 40 * rows.height + 90), **sides))


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
                text=_safe(rows["project"] + " · " + rows["department"]),
                hovertemplate="%{text}<br>SPI %{x:.2f} · CPI %{y:.2f}<extra></extra>",
            )
        )
    layout = _layout(
        420,
        xaxis=_axis(title="SPI (schedule: earned / planned)"),
        yaxis=_axis(title="CPI (cost: earned / actual)"),
        shapes=[_line("x", 1), _line("y", 1)],
    )
    return go.Figure(points, layout)


def reporting_compliance(compliance: pl.DataFrame) -> go.Figure:
    """Share of active projects that reported for the period, per department."""
    rows = compliance.sort("department", descending=True)
    share = rows["reporting_compliance"].fill_null(0).to_numpy()
    counts = zip(share, rows["reported_projects"], rows["active_projects"], strict=True)
    bar = go.Bar(
        y=_safe(rows["department"]),
        x=share,
        orientation="h",
        customdata=rows["department_id"].to_numpy(),
        text=np.array([f"{s:.0%} ({r}/{a})" for s, r, a in counts]),
        textposition="auto",
        marker_color=np.where(share >= 0.95, GREEN, np.where(share >= 0.8, AMBER, RED)),
        hovertemplate="%{y}: %{text}<extra></extra>",
    )
    layout = _layout(max(220, 36 * rows.height + 80), xaxis=_axis(tickformat=".0%", range=[0, 1.05]))
    return go.Figure([bar], layout)


def trends(trend: pl.DataFrame) -> go.Figure:
    """SPI and CPI over the periods, beside the share Red and reporting compliance."""
    # Periods as names, not dates: a month end plotted on a time axis sits under the next month's tick.
    x = np.array([p.strftime("%b %y") for p in trend["period"]])
    lines = [
        go.Scatter(x=x, y=trend["spi"].to_numpy(), name="SPI", line={"color": ACCENT, "width": 3}),
        go.Scatter(x=x, y=trend["cpi"].to_numpy(), name="CPI", line={"color": "#8c564b", "width": 3}),
        go.Scatter(
            x=x,
            y=trend["share_red"].to_numpy(),
            name="Red on evidence",
            xaxis="x2",
            yaxis="y2",
            line={"color": RED, "width": 3},
        ),
        go.Scatter(
            x=x,
            y=trend["reporting_compliance"].to_numpy(),
            name="Reporting compliance",
            xaxis="x2",
            yaxis="y2",
            line={"color": "#7f7f7f", "width": 2, "dash": "dash"},
        ),
    ]
    sides = _side_by_side(("Schedule and cost performance", "Red on evidence, and reporting"), 0.08)
    sides["yaxis2"] |= {"tickformat": ".0%", "range": [0, 1.05]}
    return go.Figure(lines, _layout(300, shapes=[_line("y", 1)], **sides))


def rag_strip(history: pl.DataFrame) -> go.Figure:
    """Two rows of coloured cells, reported over evidence, one column per period."""
    codes = {"Red": 0, "Amber": 1, "Green": 2}
    x = [p.strftime("%b %y") for p in history["period"]]
    z = [[codes.get(v) for v in history["reported_rag"]], [codes.get(v) for v in history["evidence_rag"]]]
    text = [[v or "no return" for v in history["reported_rag"]], [v or "" for v in history["evidence_rag"]]]
    cells = go.Heatmap(
        x=x,
        y=["Reported", "Evidence"],
        z=z,
        text=text,
        zmin=0,
        zmax=2,
        showscale=False,
        xgap=3,
        ygap=3,
        colorscale=[[0, RED], [0.5, AMBER], [1, GREEN]],
        hovertemplate="%{x} %{y}: %{text}<extra></extra>",
    )
    return go.Figure([cells], _layout(150, margin={"l": 10, "r": 10, "t": 10, "b": 10}))


def s_curve(
    history: pl.DataFrame, budget: float, eac: float | None, forecast_finish: dt.date | None
) -> go.Figure:
    """PV, EV and AC to date, with the cost projected to EAC at the forecast finish."""
    x = history["period"].to_numpy()
    lines = [
        go.Scatter(
            x=x,
            y=history["planned_value"].to_numpy(),
            name="Planned value (PV)",
            line={"color": "#7f7f7f", "dash": "dash"},
        ),
        go.Scatter(
            x=x,
            y=history["earned_value"].to_numpy(),
            name="Earned value (EV)",
            line={"color": ACCENT, "width": 3},
        ),
        go.Scatter(
            x=x, y=history["actual_cost"].to_numpy(), name="Actual cost (AC)", line={"color": RED, "width": 3}
        ),
    ]
    last = history.drop_nulls("actual_cost").tail(1)
    if eac is not None and forecast_finish is not None and last.height:
        lines.append(
            go.Scatter(
                x=[last["period"][0], forecast_finish],
                y=[last["actual_cost"][0], eac],
                name="Projected to EAC",
                mode="lines+markers",
                line={"color": RED, "dash": "dot"},
            )
        )
    budget_line = _line("y", budget) | {"line": {"color": GREEN, "dash": "dot"}}
    label = {
        "text": "Budget (BAC)",
        "xref": "paper",
        "x": 1,
        "xanchor": "right",
        "y": budget,
        "yanchor": "bottom",
        "showarrow": False,
    }
    return go.Figure(
        lines, _layout(340, yaxis=_axis(title="cumulative"), shapes=[budget_line], annotations=[label])
    )


def milestones(rows: pl.DataFrame) -> go.Figure:
    """Each milestone on a line from its baseline date to its forecast (or actual) date."""
    names = _safe(rows["name"])
    ends = [
        a or f or b
        for a, f, b in zip(rows["actual_date"], rows["forecast_date"], rows["baseline_date"], strict=True)
    ]
    traces = []
    for name, base, end, slip in zip(names, rows["baseline_date"], ends, rows["slip_days"], strict=True):
        colour = GREEN if (slip or 0) <= 0 else AMBER if slip <= 30 else RED
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
    layout = _layout(
        max(220, 34 * rows.height + 90),
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0},
        yaxis=_axis(autorange="reversed"),
    )
    return go.Figure(traces, layout)


def risk_grid(
    cells: pl.DataFrame, value: str, red_from: int, amber_from: int, moves: pl.DataFrame | None = None
):
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
            exposure = likelihood * impact
            zone_row.append(2 if exposure >= red_from else 1 if exposure >= amber_from else 0)
            if moves is not None:
                m = moved.get((likelihood, impact))
                label_row.append(f"+{m['moved_in']} / −{m['moved_out']}" if m else "")
            else:
                cell = known.get((likelihood, impact))
                label_row.append(f"{cell[value]:,}" if cell and cell[value] else "")
        zones.append(zone_row)
        labels.append(label_row)
    colours = [[0, "#7fc97f"], [0.5, "#fdc086"], [1, "#ef6f6c"]]
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
    layout = _layout(
        430,
        xaxis=_axis(title="impact", constrain="domain", **ticks),
        yaxis=_axis(title="likelihood", scaleanchor="x", constrain="domain", **ticks),
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
    )
    return go.Figure([grid, clicks], layout)


def risk_trend(trend: pl.DataFrame) -> go.Figure:
    """Summed exposure of the open risks per period, with how many are in the red zone."""
    x = np.array([p.strftime("%b %y") for p in trend["period"]])
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
    layout = _layout(
        300,
        xaxis=_axis(nticks=7),
        yaxis2=_axis(
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
        x=_safe(pl.Series(departments)),
        y=_safe(pl.Series(categories)),
        z=z,
        colorscale="Reds",
        hovertemplate="%{y} in %{x}: exposure %{z}<extra></extra>",
        colorbar={"title": "exposure"},
        text=[["" if v is None else f"{v:,}" for v in row] for row in z],
        texttemplate="%{text}",
    )
    return go.Figure([cells], _layout(max(300, 34 * len(categories) + 120)))


def issues_by_severity(rows: pl.DataFrame) -> go.Figure:
    """Open issues per severity, stacked by age."""
    severities = ["Critical", "High", "Medium", "Low"]
    shades = {"0-30 days": "#fdd0a2", "31-90 days": "#fd8d3c", "over 90 days": "#a63603"}
    bars = []
    for age, shade in shades.items():
        part = dict(
            zip(
                rows.filter(pl.col("age") == age)["severity"],
                rows.filter(pl.col("age") == age)["issues"],
                strict=True,
            )
        )
        bars.append(
            go.Bar(
                name=age, x=severities, y=np.array([part.get(s, 0) for s in severities]), marker_color=shade
            )
        )
    return go.Figure(bars, _layout(300, barmode="stack", yaxis=_axis(title="open issues")))


def benefits_curve(curve: pl.DataFrame) -> go.Figure:
    """Cashable benefits, planned against realised, cumulative by period."""
    x = np.array([p.strftime("%b %y") for p in curve["period"]])
    lines = [
        go.Scatter(
            x=x, y=curve["planned"].to_numpy(), name="Planned", line={"color": "#7f7f7f", "dash": "dash"}
        ),
        go.Scatter(
            x=x,
            y=curve["actual"].to_numpy(),
            name="Realised",
            line={"color": GREEN, "width": 3},
            fill="tozeroy",
            fillcolor="rgba(44,160,44,0.1)",
        ),
    ]
    return go.Figure(lines, _layout(320, xaxis=_axis(nticks=8), yaxis=_axis(title="cumulative")))


def realisation_bars(rows: pl.DataFrame) -> go.Figure:
    """Mean realisation (actual / planned to date) per group; 100% is on plan."""
    ordered = rows.sort("name", descending=True)
    share = ordered["realisation"].fill_null(0).to_numpy()
    bar = go.Bar(
        y=_safe(ordered["name"]),
        x=share,
        orientation="h",
        text=np.array([f"{s:.0%}" for s in share]),
        textposition="auto",
        marker_color=np.where(share >= 0.95, GREEN, np.where(share >= 0.8, AMBER, RED)),
        hovertemplate="%{y}: %{x:.0%} of plan<extra></extra>",
    )
    right = max(1.1, float(share.max(initial=0)) * 1.05)
    layout = _layout(
        max(160, 40 * ordered.height + 80),
        xaxis=_axis(tickformat=".0%", range=[0, right]),
        shapes=[_line("x", 1)],
        bargap=0.35,
    )
    return go.Figure([bar], layout)


def kinds(rows: pl.DataFrame) -> go.Figure:
    """How many benefits of each kind: cashable, non-cashable, non-financial."""
    pie = go.Pie(
        labels=_safe(rows["name"]),
        values=rows["benefits"].to_numpy(),
        hole=0.55,
        marker={"colors": [ACCENT, "#6baed6", "#c6dbef"]},
        sort=False,
    )
    return go.Figure([pie], _layout(300))


def health_trend(health: pl.DataFrame) -> go.Figure:
    """Each department's lessons health score over the periods."""
    lines = []
    for department in sorted(set(health["department"])):
        rows = health.filter(pl.col("department") == department)
        lines.append(
            go.Scatter(
                x=np.array([p.strftime("%b %y") for p in rows["period"]]),
                y=rows["score"].to_numpy(),
                name=_label(department),
                mode="lines",
            )
        )
    return go.Figure(lines, _layout(320, yaxis=_axis(title="health score", range=[0, 100])))


def lessons_mix(rows: pl.DataFrame) -> go.Figure:
    """Lessons per category, positive and negative."""
    categories = sorted(set(rows["category"]), reverse=True)
    bars = []
    for effect, colour in (("Negative", RED), ("Positive", GREEN)):
        part = dict(
            zip(
                rows.filter(pl.col("effect") == effect)["category"],
                rows.filter(pl.col("effect") == effect)["lessons"],
                strict=True,
            )
        )
        bars.append(
            go.Bar(
                name=effect,
                y=_safe(pl.Series(categories)),
                x=np.array([part.get(c, 0) for c in categories]),
                orientation="h",
                marker_color=colour,
            )
        )
    return go.Figure(bars, _layout(max(260, 30 * len(categories) + 90), barmode="stack"))
