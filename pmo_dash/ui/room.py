"""Room for a chart's labels: margins that already fit its axes' labels and titles, its legend and its
colour bars, so that the browser draws the chart once.

Plotly draws a chart, measures what its axes, legend and colour bars need, and where the margins it
was given are too small it widens them and draws the whole chart again. Every chart here was drawn
twice: on the Risks page the second drawing was more than half of the heat map's time in Chromium
(0.33 s of main-thread time, profiled, fell to 0.14 s with margins that fit). The margins here follow
Plotly's own rule (`Plots.doAutoMargin` in plotly.js) on sizes worked out from the labels' text
(`ticks`), with a few pixels to spare. Plotly still measures: a label wider than worked out here is
never cut, the chart is drawn twice, as before. One worked out too wide leaves a few pixels of white.

A chart's width is the browser's, unknown here: `fit` takes the plot's width at 1440 px (full width
or half), which decides only where a legend wraps and when x labels turn.

No Streamlit here: figures in, figures out."""

from __future__ import annotations

import base64
import math

import numpy as np
import plotly.graph_objects as go

from pmo_dash.ui.ticks import TITLE_FONT, labels, text_width, widest

PLOT_WIDTH = 820  # px: a full-width chart's plot at 1440 px, where its legend wraps and x labels turn
HALF_WIDTH = 340  # px: the same for a chart in one of two columns
PAPER_WIDTH = 1400  # px: only a colour bar's room depends on the chart's width; the wider, the more

# What Plotly adds to a side it measures, in px (from its pushes as Chromium drew them).
LINE = 16  # a line of tick labels
LABEL_GAP = 9  # between the axis and its labels
TICK = 8  # outside ticks (a heat map's axes have them)
Y_TITLE, X_TITLE = 34, 30  # an axis title and its stand-off
LEGEND_ROW, LEGEND_ITEM, LEGEND_PAD = 19, 40, 10  # a legend row; an entry's symbol and gaps; its frame
COLOUR_BAR_LABELS = 24  # a colour bar's gaps around its labels
MOST_PAD = 12  # Plotly pads each push by the smallest margin, at most this
SPARE = 3  # px to spare on every side pushed
ROUNDING = 1e-6  # px: 30 * 1.15 / 1.15 is a hair over 30, not a pixel more
LEGEND_ANCHORED_AT_TOP_BELOW = 1 / 3  # a legend with yanchor "auto" below this hangs from its top
NOT_ON_AXES = ("pie", "sunburst", "treemap", "indicator", "table", "sankey", "funnelarea")

# What pushes the margins: for each side pushed, its size in px (before the pad) and where on the paper
# it is measured from (0 the plot's left or bottom edge, 1 its right or top).
Push = dict[str, tuple[float, float]]


def fit(fig: go.Figure, width: float = PLOT_WIDTH) -> go.Figure:
    """`fig` with margins wide enough for what its axes, legend and colour bars show, never narrower
    than the margins it had: Plotly then draws it once. `width`: the plot's width, as far as it can be
    known here."""
    spec = fig.to_plotly_json()
    layout, traces = plain(spec["layout"]), [plain(trace) for trace in spec["data"]]
    given = {side: float((layout.get("margin") or {}).get(side, 80)) for side in "lrtb"}
    if (layout.get("margin") or {}).get("autoexpand") is False:
        return fig
    margins = _solve(given, _pushes(layout, traces, width), float(layout.get("height") or 450))
    fig.layout.margin = {side: math.ceil(margins[side] - ROUNDING) for side in "lrtb"}
    return fig


def plain(spec):
    """`spec` (part of a figure's JSON) with its typed arrays as NumPy arrays: Plotly 6 hands them over
    as base64 ({"dtype", "bdata", "shape"})."""
    if isinstance(spec, dict):
        if "bdata" in spec and "dtype" in spec:
            found = np.frombuffer(base64.b64decode(spec["bdata"]), dtype=spec["dtype"])
            shape = spec.get("shape")
            shape = [int(n) for n in shape.split(",")] if isinstance(shape, str) else shape
            return found.reshape(shape) if shape else found
        return {key: plain(value) for key, value in spec.items()}
    if isinstance(spec, list | tuple):
        return [plain(value) for value in spec]
    return spec


def _pushes(layout: dict, traces: list[dict], width: float) -> list[Push]:
    found = [_axis_push(name, axis, layout, traces, width) for name, axis in _axes(layout, traces)]
    found.append(_legend_push(layout, traces, width))
    found += [_colour_bar_push(trace) for trace in traces if _has_colour_bar(trace)]
    return [push for push in found if push]


def _axes(layout: dict, traces: list[dict]) -> list[tuple[str, dict]]:
    """Every axis the chart draws, by its layout name (xaxis, yaxis2, ...): none without a trace on
    axes (a pie's chart has none)."""
    cartesian = [t for t in traces if t.get("type", "scatter") not in NOT_ON_AXES]
    names = {key for key in layout if key[:5] in ("xaxis", "yaxis")} if cartesian else set()
    names |= {f"{letter}axis{t.get(f'{letter}axis', letter)[1:]}" for t in cartesian for letter in "xy"}
    return [(name, layout.get(name) or {}) for name in sorted(names)]


def _axis_push(name: str, axis: dict, layout: dict, traces: list[dict], width: float) -> Push | None:
    if axis.get("visible") is False or axis.get("automargin") is False:
        return None
    letter = name[0]
    mine = [t for t in traces if t.get(f"{letter}axis", letter) == f"{letter}{name[5:]}"]
    shown = labels(letter, axis, layout, mine)
    ticks = TICK if any(t.get("type") == "heatmap" for t in mine) or axis.get("ticks") == "outside" else 0
    title = axis.get("title")
    titled = bool(title.get("text") if isinstance(title, dict) else title)
    if letter == "y":
        across = (widest(shown) + LABEL_GAP + ticks if shown else 0) + (Y_TITLE if titled else 0)
        side = axis.get("side", "left")
        domain = (layout.get("xaxis") or {}).get("domain", [0, 1])
        half = LINE / 2 if shown else 0  # the top and bottom labels reach past the plot by half a line
        return {side[0]: (across, domain[0] if side == "left" else domain[1]), "t": (half, 1), "b": (half, 0)}
    lines = max((str(t).count("<br>") + 1 for t in shown), default=1)
    tall = widest(shown) if _turned(shown, axis, width) else LINE * lines
    across = (tall + LABEL_GAP + ticks if shown else 0) + (X_TITLE if titled else 0)
    side = axis.get("side", "bottom")
    domain = axis.get("domain") or [0, 1]
    rows = (layout.get(f"yaxis{name[5:]}") or {}).get("domain", [0, 1])
    half = widest(shown) / 2  # the end labels reach past the plot by half their width
    return {
        "l": (half, domain[0]),
        "r": (half, domain[1]),
        side[0]: (across, rows[0] if side == "bottom" else rows[1]),
    }


def _turned(shown: list[str], axis: dict, width: float) -> bool:
    """Whether Plotly will turn an x axis's labels: more of them side by side than fit `width` (a
    narrower chart that turns them is drawn twice, as before)."""
    if axis.get("tickangle") not in (None, "auto"):
        return axis.get("tickangle") not in (0, 180, -180)
    return sum(text_width(label) + 6 for label in shown) > width


def _legend_push(layout: dict, traces: list[dict], width: float) -> Push | None:
    names = _legend_names(layout, traces)
    if not names:
        return None
    legend = layout.get("legend") or {}
    if legend.get("orientation", "v") != "h":
        return {"r": (widest(names) + LEGEND_ITEM + LEGEND_PAD, float(legend.get("x", 1.02)))}
    rows, used = 1, 0.0
    for name in names:
        item = text_width(name) + LEGEND_ITEM
        if used and used + item > width:
            rows, used = rows + 1, 0.0
        used += item
    y, anchor = float(legend.get("y", -0.1)), legend.get("yanchor", "auto")
    below = anchor == "top" or (anchor == "auto" and y < LEGEND_ANCHORED_AT_TOP_BELOW)
    return {"b" if below else "t": (rows * LEGEND_ROW + LEGEND_PAD, y)}


def _legend_names(layout: dict, traces: list[dict]) -> list[str]:
    """What the legend lists: a pie's slices, or the traces in it (none if it is not drawn: Plotly
    draws it for two traces or more unless told)."""
    if layout.get("showlegend") is False:
        return []
    pies = [t for t in traces if t.get("type") == "pie" and t.get("showlegend", True) is not False]
    if pies:
        return [str(label) for pie in pies for label in pie.get("labels", [])]
    listed = [t for t in traces if t.get("showlegend", True) is not False]
    if layout.get("showlegend") is not True and len(listed) < 2:
        return []
    return [str(t["name"]) for t in listed if t.get("name")]


def _has_colour_bar(trace: dict) -> bool:
    if trace.get("type") in ("heatmap", "contour", "histogram2d"):
        return trace.get("showscale", True) is not False
    return bool((trace.get("marker") or {}).get("showscale"))


def _colour_bar_push(trace: dict) -> Push:
    bar = trace.get("colorbar") or (trace.get("marker") or {}).get("colorbar") or {}
    z = np.asarray(trace.get("z") if trace.get("z") is not None else [0.0, 1.0], dtype=float)
    z = z[np.isfinite(z)]
    low = trace.get("zmin", float(z.min()) if z.size else 0.0)
    high = trace.get("zmax", float(z.max()) if z.size else 1.0)
    shown = labels("z", bar | {"type": "linear", "range": [low, high]}, {}, [])
    title = bar.get("title")
    title = title.get("text") if isinstance(title, dict) else title
    room = float(bar.get("thickness", 30)) + COLOUR_BAR_LABELS + widest(shown)
    if title:
        room = max(room, text_width(title, TITLE_FONT) + COLOUR_BAR_LABELS)
    return {"r": (room, float(bar.get("x", 1.02)))}


def _solve(given: dict[str, float], pushes: list[Push], height: float) -> dict[str, float]:
    """Plotly's margins for these pushes, never below `given`. Each push is padded as Plotly pads it
    (by the smallest margin set, at most 12 px), plus SPARE: the pad follows the margins, so twice."""
    margins = dict(given)
    for _ in range(2):
        pad = min(MOST_PAD, *margins.values()) + SPARE
        padded = [{side: (size + pad, at) for side, (size, at) in push.items()} for push in pushes]
        base = {side: (given[side], 0.0 if side in "lb" else 1.0) for side in "lrtb"}
        margins = _pairwise([base, *padded], given, height)
    return margins


def _pairwise(pushes: list[Push], given: dict[str, float], height: float) -> dict[str, float]:
    """`Plots.doAutoMargin`'s rule: for each push on the left (bottom) paired with each on the right
    (top), the margins that keep both in view; the pair needing most wins."""
    left, right, bottom, top = given["l"], given["r"], given["b"], given["t"]
    for a in pushes:
        for b in pushes:
            if "l" in a and "r" in b and b["r"][1] > a["l"][1]:
                (n, m), (g, w) = a["l"], b["r"]
                k = (n * w + (g - PAPER_WIDTH) * m) / (w - m)
                q = (g * (1 - m) + (n - PAPER_WIDTH) * (1 - w)) / (w - m)
                if k + q > left + right:
                    left, right = k, q
            if "b" in a and "t" in b and b["t"][1] > a["b"][1]:
                (f, p), (y, j) = a["b"], b["t"]
                x = (f * j + (y - height) * p) / (j - p)
                e = (y * (1 - p) + (f - height) * (1 - j)) / (j - p)
                if x + e > bottom + top:
                    bottom, top = x, e
    return {
        "l": max(left, given["l"]),
        "r": max(right, given["r"]),
        "t": max(top, given["t"]),
        "b": max(bottom, given["b"]),
    }
