"""The dependency network of a programme or department: data in, plotly figure out."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import polars as pl

from pmo_dash.ui import theme


def network(edges: pl.DataFrame) -> go.Figure:
    """The dependencies of a programme or department as a network: each project a node, placed in
    columns by how many links lie before it; a red arrow is a broken dependency."""
    # A predecessor outside the user's scope has no id, only its department's name: one node per department.
    before = [i or n for i, n in zip(edges["predecessor_project_id"], edges["predecessor"], strict=True)]
    names = dict(zip(before, edges["predecessor"], strict=True))
    names |= dict(zip(edges["project_id"], edges["project"], strict=True))
    visible = set(edges["project_id"]) | {i for i in edges["predecessor_project_id"] if i}
    pairs = list(zip(before, edges["project_id"], strict=True))
    depth = _depths(list(names), pairs)
    columns: dict[int, list[str]] = {}
    for node in sorted(names, key=lambda n: (depth[n], n)):
        columns.setdefault(depth[node], []).append(node)
    at = {n: (d, -i) for d, nodes in columns.items() for i, n in enumerate(nodes)}
    traces = []
    for broken, colour in ((False, theme.GREY), (True, theme.RED)):
        x, y = [], []
        for (frm, to), is_broken in zip(pairs, edges["is_broken"].to_list(), strict=True):
            if bool(is_broken) == broken:
                x += [at[frm][0], at[to][0], None]
                y += [at[frm][1], at[to][1], None]
        if x:
            traces.append(
                go.Scatter(
                    x=x,
                    y=y,
                    mode="lines",
                    hoverinfo="skip",
                    line={"color": colour, "width": 2},
                    name="Broken" if broken else "On track",
                )
            )
    nodes = list(at)
    label = theme.safe(pl.Series([names[n] for n in nodes]), 30)
    traces.append(
        go.Scatter(
            x=[at[n][0] for n in nodes],
            y=[at[n][1] for n in nodes],
            mode="markers+text",
            text=label,
            textposition="top center",
            textfont={"size": 10},
            marker={"size": 14, "color": theme.ACCENT},
            customdata=np.array([n if n in visible else "" for n in nodes]),
            hovertext=theme.safe(pl.Series([names[n] for n in nodes])),
            hovertemplate="%{hovertext}<extra></extra>",
            name="Project",
        )
    )
    tallest = max(len(c) for c in columns.values())
    hidden = {"visible": False}
    return go.Figure(
        traces,
        theme.layout(
            120 + 60 * tallest,
            xaxis=hidden | {"range": [-0.5, max(columns) + 0.5]},
            yaxis=hidden | {"range": [-tallest + 0.5, 0.7]},
            legend=theme.LEGEND_ABOVE,
            clickmode="event+select",
        ),
    )


def _depths(nodes: list[str], pairs: list[tuple[str, str]]) -> dict[str, int]:
    """Each node's column: the most links on any chain into it (a loop, which the returns should not
    hold, stops counting after as many rounds as there are nodes)."""
    depth = dict.fromkeys(nodes, 0)
    for _ in range(len(nodes)):
        moved = False
        for frm, to in pairs:
            if depth[to] < depth[frm] + 1:
                depth[to] = depth[frm] + 1
                moved = True
        if not moved:
            break
    return depth
