"""Roadmap charts (the timeline by group or by project, the dependency network): data in, figure out."""

from __future__ import annotations

import datetime as dt

import numpy as np
import plotly.graph_objects as go
import polars as pl

from pmo_dash.ui import theme

ROW = 30  # pixels per row of a timeline
TOOLBAR = 28  # pixels at the top of a timeline kept for the toolbar Plotly shows on hover
NAME_LIMIT = 38  # characters of a name on the timeline's axis (the hover has up to theme.LABEL_LIMIT)
BASELINE = "#d5dbe3"
NOT_RATED = theme.RAG_COLOURS["Not reported"]
DAY_MS = 86_400_000


def group_rag(red: np.ndarray, amber: np.ndarray, green: np.ndarray) -> np.ndarray:
    """A group's colour (README "Measures"): Red when a third or more of its rated projects are Red,
    Amber when a third or more are Red or Amber, else Green; grey when none is rated."""
    rated = red + amber + green
    with np.errstate(invalid="ignore", divide="ignore"):
        worst = np.where(rated > 0, red / rated, 0)
        poor = np.where(rated > 0, (red + amber) / rated, 0)
    colour = np.where(worst >= 1 / 3, "Red", np.where(poor >= 1 / 3, "Amber", "Green"))
    return np.where(rated > 0, colour, "Not reported")


def _span(start: pl.Series, finish: pl.Series) -> np.ndarray:
    """Bar lengths in milliseconds (plotly's unit on a date axis), a day at least so a bar shows."""
    days = (finish.cast(pl.Date) - start.cast(pl.Date)).dt.total_days().fill_null(0).to_numpy()
    return np.maximum(days, 1) * DAY_MS


def _dates(values: pl.Series) -> np.ndarray:
    return np.array([v.isoformat() if v else None for v in values.to_list()], dtype=object)


def _frame(ids: np.ndarray, labels: np.ndarray, as_of: dt.date, today: dt.date, **more) -> dict:
    """The timeline's layout: one row per id, the first at the top, the as-of and today lines marked."""
    shapes, notes = [], []
    for when, text, anchor, dash in ((as_of, "as of", "right", "solid"), (today, "today", "left", "dot")):
        shapes.append(
            {
                "type": "line",
                "xref": "x",
                "yref": "paper",
                "x0": when.isoformat(),
                "x1": when.isoformat(),
                "y0": 0,
                "y1": 1,
                "line": {"color": theme.INK if dash == "solid" else theme.GREY, "width": 1, "dash": dash},
            }
        )
        # The two labels point away from each other, so they never overlap however close the dates.
        notes.append(
            {
                "x": when.isoformat(),
                "y": 1,
                "xref": "x",
                "yref": "paper",
                "yanchor": "bottom",
                "xanchor": anchor,
                "text": f"{text} {when:%-d %b %Y}",
                "showarrow": False,
                "font": {"size": 11, "color": theme.INK},
            }
        )
    height = 90 + TOOLBAR + ROW * len(ids)
    return (
        theme.layout(
            height,
            barmode="overlay",
            shapes=shapes,
            annotations=notes,
            clickmode="event+select",
            showlegend=True,
            # Two lines of legend, below the strip where Plotly's toolbar shows on hover.
            legend=theme.LEGEND_ABOVE | {"yref": "container", "y": 1 - TOOLBAR / height, "yanchor": "top"},
            margin={"l": 10, "r": 20, "t": 90 + TOOLBAR, "b": 10},
            xaxis=theme.axis(type="date", tickformat=theme.MONTH),
            yaxis=theme.axis(
                tickmode="array",
                tickvals=ids,
                ticktext=labels,
                categoryorder="array",
                categoryarray=ids[::-1],
                type="category",
                automargin=True,
            ),
        )
        | more
    )


def group_timeline(rows: pl.DataFrame, noun: str, as_of: dt.date, today: dt.date) -> go.Figure:
    """One row per group: its baseline span (grey) and its span to the latest forecast finish (coloured
    as `group_rag`); a bar's customdata is the group's id, to expand it."""
    ids = rows["group_id"].to_numpy()
    names = theme.safe(rows["group_name"], NAME_LIMIT)
    labels = np.array([f"{n} ({c})" for n, c in zip(names, rows["projects"].to_list(), strict=True)])
    rag = group_rag(*(rows[c].to_numpy() for c in ("red", "amber", "green")))
    hover = np.array(
        [
            f"{n}<br>{c} projects: {r} Red, {a} Amber, {g} Green, {x} not rated<br>{b} broken dependencies"
            for n, c, r, a, g, x, b in zip(
                theme.safe(rows["group_name"]),
                *(rows[k].to_list() for k in ("projects", "red", "amber", "green", "not_rated")),
                rows["broken_dependencies"].to_list(),
                strict=True,
            )
        ]
    )
    traces = _spans(rows, ids, rag, hover)
    return go.Figure(traces, _frame(ids, labels, as_of, today, title=None))


def project_timeline(
    rows: pl.DataFrame, markers: pl.DataFrame, links: pl.DataFrame, as_of: dt.date, today: dt.date
) -> go.Figure:
    """One row per project: baseline (grey) and forecast (its evidence RAG) bars, milestones (diamonds)
    and gates (triangles), and its dependencies on the projects shown (red when broken); a bar's
    customdata is the project's id, to open it."""
    ids = rows["project_id"].to_numpy()
    labels = theme.safe(rows["project"], NAME_LIMIT)
    rag = rows["rag"].fill_null("Not reported").to_numpy()
    hover = np.array(
        [
            f"{n}<br>baseline {b:%-d %b %Y}, forecast {f:%-d %b %Y}"
            + (f"<br>{k} days' knock-on from its dependencies" if k else "")
            + ("<br>RAG as reported (no evidence returned)" if r else "")
            for n, b, f, k, r in zip(
                theme.safe(rows["project"]),
                rows["baseline_finish"].to_list(),
                rows["forecast_finish"].to_list(),
                rows["knock_on_days"].to_list(),
                rows["rag_reported"].to_list(),
                strict=True,
            )
        ]
    )
    traces = _spans(rows, ids, rag, hover)
    traces += _markers(markers)
    traces += _links(links)
    return go.Figure(traces, _frame(ids, labels, as_of, today))


def _spans(rows: pl.DataFrame, ids: np.ndarray, rag: np.ndarray, hover: np.ndarray) -> list[go.Bar]:
    """Each row's baseline span (grey, wide) and, over it, its span to the forecast finish (narrow,
    coloured by its RAG); a bar's customdata is its row's id."""
    start = _dates(rows["start_on"])
    traces = [
        go.Bar(
            y=ids,
            x=_span(rows["start_on"], rows["baseline_finish"]),
            base=start,
            orientation="h",
            width=0.8,
            marker_color=BASELINE,
            name="Baseline",
            customdata=ids,
            hovertext=hover,
            hovertemplate="%{hovertext}<extra>baseline</extra>",
        )
    ]
    forecast = _span(rows["start_on"], rows["forecast_finish"])
    for colour in theme.RAG_ORDER:
        keep = rag == colour
        if keep.any():
            traces.append(
                go.Bar(
                    y=ids[keep],
                    x=forecast[keep],
                    base=start[keep],
                    orientation="h",
                    width=0.4,
                    marker_color=theme.RAG_COLOURS[colour],
                    name=f"Forecast · {colour}",
                    customdata=ids[keep],
                    hovertext=hover[keep],
                    hovertemplate="%{hovertext}<extra>forecast</extra>",
                )
            )
    return traces


def _markers(markers: pl.DataFrame) -> list[go.Scatter]:
    out = []
    for kind, symbol in (("Milestone", "diamond"), ("Gate", "triangle-up")):
        part = markers.filter(pl.col("kind") == kind)
        if part.is_empty():
            continue
        out.append(
            go.Scatter(
                x=_dates(part["on_date"]),
                y=part["project_id"].to_numpy(),
                mode="markers",
                marker={
                    "symbol": symbol,
                    "size": 9,
                    "color": theme.INK,
                    "line": {"color": "white", "width": 1},
                },
                name=f"{kind}s",
                hovertext=theme.safe(part["name"]),
                customdata=part["project_id"].to_numpy(),  # a click on a marker opens its project too
                hovertemplate="%{hovertext}<br>%{x|%-d %b %Y}<extra></extra>",
            )
        )
    return out


def _links(links: pl.DataFrame) -> list[go.Scatter]:
    """Each dependency as a line from the predecessor's finish (its row) to when the waiting project
    needs it (its row)."""
    out = []
    for broken, colour, name in ((False, theme.GREY, "Dependency"), (True, theme.RED, "Broken dependency")):
        part = links.filter(pl.col("is_broken") == broken)
        if part.is_empty():
            continue
        x, y = [], []
        for frm, to, done, need in part.select(
            "predecessor_project_id", "project_id", "predecessor_finish", "needed_on"
        ).iter_rows():
            x += [done.isoformat(), need.isoformat(), None]
            y += [frm, to, None]
        out.append(
            go.Scatter(
                x=x,
                y=y,
                mode="lines+markers",
                name=name,
                hoverinfo="skip",
                line={"color": colour, "width": 1.5},
                marker={"size": 5, "color": colour},
            )
        )
    return out
