"""Room for a chart's labels: margins that already fit its axes' labels and titles, its legend and its
colour bars, so that the browser draws the chart once.

Plotly draws a chart, measures what its axes, legend and colour bars need, and where the margins it
was given are too small it widens them and draws the whole chart again. Every chart here was drawn
twice: on the Risks page the second drawing was more than half of the heat map's time in Chromium
(0.33 s of main-thread time, profiled, fell to 0.14 s with margins that fit). The margins here follow
Plotly's own rule (`Plots.doAutoMargin` in plotly.js) on sizes worked out from the labels' text
(`ticks`), with a few pixels to spare. Plotly still measures: a label wider than worked out here is
never cut, the chart is drawn twice, as before; so is a figure this cannot read (it is logged).

A chart's width is the browser's, unknown here: `fit` takes the plot's width at 1440 px (full width
or half), which decides where a legend wraps, when x labels turn and how far in the end categories
sit.

No Streamlit here: figures in, figures out."""

from __future__ import annotations

import base64
import logging
import math

import numpy as np
import plotly.graph_objects as go

from pmo_dash.ui import automargin, ticks
from pmo_dash.ui.automargin import Push
from pmo_dash.ui.ticks import TITLE_FONT, text_width, widest

log = logging.getLogger(__name__)

PLOT_WIDTH = 820  # px: a full-width chart's plot at 1440 px
HALF_WIDTH = 340  # px: the same for a chart in one of two columns
BESIDE_PLOT = 160  # px: the chart's width beyond its plot's, about (where a colour bar's room depends on it)

# Plotly's defaults, where a figure does not say.
MARGIN, HEIGHT = 80, 450  # px
LEGEND_X, COLOUR_BAR_X = 1.02, 1.02  # paper: a vertical legend's and a colour bar's left edge
LEGEND_Y_BELOW = -0.1  # paper: a horizontal legend's top
COLOUR_BAR_THICKNESS = 30  # px
# What Plotly adds to a side it measures, in px (from its pushes as Chromium drew them).
LINE = 16  # a line of tick labels
LABEL_GAP = 9  # between the axis and its labels
LABEL_SPACE = 6  # between two level labels side by side
TICK = 8  # outside ticks (a heat map's axes have them)
Y_TITLE, X_TITLE = 34, 30  # an axis title and its stand-off
LEGEND_ROW, LEGEND_ITEM, LEGEND_PAD = 19, 40, 10  # a legend row; an entry's symbol and gaps; its frame
COLOUR_BAR_LABELS = 24  # a colour bar's gaps around its labels
ROUNDING = 1e-6  # px: 30 * 1.15 / 1.15 is a hair over 30, not a pixel more
# Labels that do not fit level Plotly turns by 30 degrees, or on end where even that is too crowded.
LEVEL = (0, 180, -180)
TURNED_AT = 30  # degrees
ROOM_TO_TURN = 24  # px between ticks: less, and labels stand on end
# Legend anchors: the share of its height above and below its y.
ABOVE = {"top": 0.0, "middle": 0.5, "bottom": 1.0}
AUTO_BOTTOM_TO, AUTO_TOP_FROM = 1 / 3, 2 / 3  # yanchor "auto": bottom up to here, top from here
PADDED = ("bar", "heatmap", "box", "violin", "histogram", "waterfall", "funnel", "candlestick", "ohlc")
ON_AXES = ("scatter", "scattergl", "bar", "heatmap", "box", "violin", "histogram", "contour", "candlestick")
ON_AXES += ("ohlc", "waterfall", "funnel", "histogram2d", "histogram2dcontour", "image", "splom")
TRACE_KEYS = ("type", "x", "y", "z", "orientation", "xaxis", "yaxis", "name", "showlegend", "showscale")
TRACE_KEYS += ("colorbar", "marker", "labels", "zmin", "zmax")
LAYOUT_KEYS = ("margin", "height", "legend", "showlegend", "barmode")


def fit(fig: go.Figure, width: float = PLOT_WIDTH) -> go.Figure:
    """`fig` with margins wide enough for what its axes, legend and colour bars show, never narrower
    than the margins it had: Plotly then draws it once. `width`: the plot's width, as far as it can be
    known here. A figure this cannot read keeps its margins."""
    try:
        found = margins(fig, width)
    except Exception:  # an optimisation only: the chart is drawn as given, Plotly fits it
        log.warning("margins not worked out for a chart; Plotly fits them", exc_info=True)
        return fig
    if found:
        # Assigned whole: `margin.update` goes through the figure's relayout machinery, ten times the
        # time (3.3 ms against 0.3 ms a chart). What else the margin says (pad, autoexpand) is kept.
        sides = {side: math.ceil(found[side] - ROUNDING) for side in "lrtb"}
        fig.layout.margin = fig.layout.margin.to_plotly_json() | sides
    return fig


def margins(fig: go.Figure, width: float = PLOT_WIDTH) -> dict[str, float] | None:
    """The margins `fit` gives `fig`, or None where its margins may not grow (autoexpand off)."""
    layout = {
        k: plain(v) for k, v in fig.layout.to_plotly_json().items() if k in LAYOUT_KEYS or k[1:5] == "axis"
    }
    traces = [_trace(trace) for trace in fig.data]
    given = {side: float((layout.get("margin") or {}).get(side, MARGIN)) for side in "lrtb"}
    if (layout.get("margin") or {}).get("autoexpand") is False:
        return None
    height = float(layout.get("height") or HEIGHT)
    return automargin.solve(given, _pushes(layout, traces, width), height, width + BESIDE_PLOT)


def _trace(trace) -> dict:
    """What a trace's room depends on, read from it without copying its data (a figure's JSON is a
    deep copy: 75 ms for three traces of 4,000 points)."""
    found = {"type": trace.type}
    for key in TRACE_KEYS:
        value = getattr(trace, key, None)  # a key the trace's type lacks reads as None
        if key == "marker" and value is not None:
            value = {
                "showscale": getattr(value, "showscale", None),
                "colorbar": getattr(value, "colorbar", None),
            }
        found[key] = _json(value)
    return {key: value for key, value in found.items() if value is not None}


def _json(value):
    """A compound property (a colour bar, a marker's parts) as plain JSON; data as it is."""
    if hasattr(value, "to_plotly_json"):
        return plain(value.to_plotly_json())
    if isinstance(value, dict):
        return {key: _json(part) for key, part in value.items()}
    return value


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
    x and y axes (a pie's chart has none)."""
    cartesian = [t for t in traces if t.get("type", "scatter") in ON_AXES]
    names = {key for key in layout if key[:5] in ("xaxis", "yaxis")} if cartesian else set()
    names |= {f"{letter}axis{t.get(f'{letter}axis', letter)[1:]}" for t in cartesian for letter in "xy"}
    return [(name, layout.get(name) or {}) for name in sorted(names)]


def _axis_push(name: str, axis: dict, layout: dict, traces: list[dict], width: float) -> Push | None:
    """What an axis's labels and title push: a y axis its side, an x axis its side and, by the end
    labels' overhang, left and right."""
    if axis.get("visible") is False or axis.get("automargin") is False:
        return None
    letter = name[0]
    mine = [t for t in traces if t.get(f"{letter}axis", letter) == f"{letter}{name[5:]}"]
    shown = ticks.labels(letter, axis, layout, mine)
    outside = TICK if any(t.get("type") == "heatmap" for t in mine) or axis.get("ticks") == "outside" else 0
    title = axis.get("title")
    titled = bool(title.get("text") if isinstance(title, dict) else title)
    if letter == "y":
        across = (widest(shown) + LABEL_GAP + outside if shown else 0) + (Y_TITLE if titled else 0)
        side = axis.get("side", "left")
        domain = (layout.get("xaxis") or {}).get("domain", [0, 1])
        reach = LINE / 2 if shown else 0  # the top and bottom labels reach past the plot by half a line
        return {
            side[0]: (across, domain[0] if side == "left" else domain[1]),
            "t": (reach, 1),
            "b": (reach, 0),
        }
    count = ticks.categories(letter, axis, mine)
    label = widest(shown)
    # Category labels sit one per category, or fewer where the figure asks for fewer (nticks, tick
    # values); Plotly thins numbers and dates to fit level.
    labelled = min(count, axis.get("nticks") or count, len(shown) or 1)
    angle = _angle(shown, axis, width / labelled if count else math.inf)
    if angle in LEVEL:
        tall, overhang = LINE * max((str(t).count("<br>") + 1 for t in shown), default=1), label / 2
    elif abs(angle) == TURNED_AT:
        tall = label * math.sin(math.radians(TURNED_AT)) + LINE * math.cos(math.radians(TURNED_AT))
        overhang = label * math.cos(math.radians(TURNED_AT))
    else:
        tall, overhang = label, LINE / 2
    # Under bars or cells the end categories sit half a category in from the plot's edge; under lines
    # and points, on it.
    inset = width / count / 2 if count and any(t.get("type") in PADDED for t in mine) else 0
    across = (tall + LABEL_GAP + outside if shown else 0) + (X_TITLE if titled else 0)
    side = axis.get("side", "bottom")
    domain = axis.get("domain") or [0, 1]
    rows = (layout.get(f"yaxis{name[5:]}") or {}).get("domain", [0, 1])
    ends = max(0.0, overhang - inset) if shown else 0.0
    return {
        "l": (ends, domain[0]),
        "r": (ends, domain[1]),
        side[0]: (across, rows[0] if side == "bottom" else rows[1]),
    }


def _angle(shown: list[str], axis: dict, spacing: float) -> float:
    """The angle Plotly draws an x axis's labels at: as set, else level where they fit side by side
    (on average: in Chromium Plotly kept eight department names level where the widest pair did not
    quite fit), else turned, and on end where the ticks are too close even for that."""
    if axis.get("tickangle") not in (None, "auto"):
        return float(axis["tickangle"])
    if sum(text_width(label) + LABEL_SPACE for label in shown) <= spacing * len(shown):
        return LEVEL[0]
    return TURNED_AT if spacing >= ROOM_TO_TURN else 90.0


def _legend_push(layout: dict, traces: list[dict], width: float) -> Push | None:
    names = _legend_names(layout, traces)
    if not names:
        return None
    legend = layout.get("legend") or {}
    if legend.get("orientation", "v") != "h":
        return {"r": (widest(names) + LEGEND_ITEM + LEGEND_PAD, float(legend.get("x", LEGEND_X)))}
    rows, used = 1, 0.0
    for name in names:
        item = text_width(name) + LEGEND_ITEM
        if used and used + item > width:
            rows, used = rows + 1, 0.0
        used += item
    height = rows * LEGEND_ROW + LEGEND_PAD
    y = legend.get("y")
    y = LEGEND_Y_BELOW if y is None else float(y)
    anchor = legend.get("yanchor") or "top"  # Plotly's default under a horizontal legend
    if anchor == "auto":
        anchor = "bottom" if y <= AUTO_BOTTOM_TO else "top" if y >= AUTO_TOP_FROM else "middle"
    return {"t": (height * ABOVE[anchor], y), "b": (height * (1 - ABOVE[anchor]), y)}


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
    if trace.get("type") in ("heatmap", "contour", "histogram2d", "histogram2dcontour"):
        return trace.get("showscale", True) is not False
    return bool((trace.get("marker") or {}).get("showscale"))


def _colour_bar_push(trace: dict) -> Push:
    bar = trace.get("colorbar") or (trace.get("marker") or {}).get("colorbar") or {}
    z = ticks.numeric(trace.get("z") if trace.get("z") is not None else [])
    z = z[np.isfinite(z)]
    low = trace.get("zmin", float(z.min()) if z.size else 0.0)
    high = trace.get("zmax", float(z.max()) if z.size else 1.0)
    shown = ticks.labels("z", bar | {"type": "linear", "range": [low, high]}, {}, [])
    title = bar.get("title")
    title = title.get("text") if isinstance(title, dict) else title
    room = float(bar.get("thickness", COLOUR_BAR_THICKNESS)) + COLOUR_BAR_LABELS + widest(shown)
    if title:
        room = max(room, text_width(title, TITLE_FONT) + COLOUR_BAR_LABELS)
    return {"r": (room, float(bar.get("x", COLOUR_BAR_X)))}
