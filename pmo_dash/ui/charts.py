"""Pure chart builders: data in, plotly figure out. No Streamlit here."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from pmo_dash.ui.fmt import RAG_COLOURS, RAG_ORDER


def rag_mix(mix: pl.DataFrame, basis: str) -> go.Figure:
    """Stacked horizontal bars: projects per RAG for each department, Red first."""
    chosen = mix.filter(pl.col("basis") == basis)
    departments = chosen.select("department").unique().sort("department", descending=True)["department"]
    fig = go.Figure()
    for rag in RAG_ORDER:
        rows = chosen.filter(pl.col("rag") == rag)
        counts = dict(zip(rows["department"], rows["projects"], strict=True))
        fig.add_bar(
            name=rag,
            y=list(departments),
            x=[counts.get(d, 0) for d in departments],
            orientation="h",
            marker_color=RAG_COLOURS[rag],
            customdata=list(departments),
            hovertemplate="%{y}: %{x} " + rag + "<extra></extra>",
        )
    fig.update_layout(
        barmode="stack",
        height=max(260, 42 * len(departments) + 90),
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        legend={"orientation": "h", "y": -0.12, "traceorder": "normal"},
        xaxis_title="projects",
        plot_bgcolor="white",
    )
    fig.update_xaxes(gridcolor="#eee")
    return fig
