"""A KPI card: the number, its change, and its trend over the last periods as a line drawn in the page.

Streamlit's own card trend line (`st.metric(chart_data=...)`) is a Vega chart: eight of them took the
browser some 150 ms to compile and draw on every visit to a page with cards, longer than the rest of
the cards together. Here the line is a few hundred bytes of SVG made from the numbers alone (no text
from a return reaches it), painted as the card's background by one style sheet for all the cards: as
eight images (each a Streamlit element with its own toolbar and full-screen frame), a drill into a
department and a page switch took some 20-60 ms longer to draw (paired Chromium browsers, demo tier).
What the line showed is also in words: the cards' caption names the 12 periods, and each card's number
and change are its text. (A background has no alternative text of its own, as the image had.)
"""

from __future__ import annotations

import base64
import math
import re
from collections.abc import Sequence
from typing import Any

import streamlit as st

WIDTH, HEIGHT, PAD = 200, 44, 4  # the line's box (stretched to the card's width) and its margin
STROKE = "#6B7280"  # the grey of Streamlit's own card lines
CARD = "kpi_card_"  # the start of each card's key: its class is st-key-kpi_card_<label>


def points(values: Sequence[Any]) -> list[tuple[float, float] | None]:
    """Where each period's value sits in the box: x by its period (the first at the left edge, the last
    at the right), y by value, the highest at the top, a flat series through the middle. None for a
    period whose value is unknown (None, not a number): the line breaks there. Empty with fewer than
    two known values: no line to draw."""
    series = [_number(v) for v in values]
    known = [v for v in series if v is not None]
    if len(known) < 2:
        return []
    low, high = min(known), max(known)
    half_range = high / 2 - low / 2  # in halves: no overflow to infinity, whatever the values
    step = WIDTH / (len(series) - 1)
    inner = HEIGHT - 2 * PAD

    def y(v: float) -> float:
        return HEIGHT / 2 if half_range == 0 else PAD + (high / 2 - v / 2) / half_range * inner

    return [None if v is None else (round(i * step, 1), round(y(v), 1)) for i, v in enumerate(series)]


def _number(value: Any) -> float | None:
    if value is None:
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def svg(values: Sequence[Any]) -> str | None:
    """The trend line, broken where a period is unknown (a lone known period is a dot), or None with
    fewer than two known values."""
    line = points(values)
    if not line:
        return None
    runs: list[list[tuple[float, float]]] = [[]]
    for point in line:
        if point is None:
            runs.append([])
        else:
            runs[-1].append(point)
    d = " ".join(
        f"M{run[0][0]:g},{run[0][1]:g}"
        + ("h0" if len(run) == 1 else "")
        + "".join(f" L{x:g},{y:g}" for x, y in run[1:])
        for run in runs
        if run
    )
    return (
        # Stretched to the card's width at its own height: the stroke keeps its width (non-scaling).
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" '
        f'height="{HEIGHT}" preserveAspectRatio="none">'
        f'<path d="{d}" fill="none" stroke="{STROKE}" stroke-width="2" '
        'vector-effect="non-scaling-stroke" stroke-linejoin="round" stroke-linecap="round"/></svg>'
    )


def card(column: Any, label: str, value: str, trend: Sequence[Any] = (), **metric: Any) -> str | None:
    """A bordered card in `column`: `st.metric(label, value, **metric)`, room below it for its trend line,
    and the style rule that paints the line there (None without one): give every card's rule to
    `lines`."""
    key = CARD + re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_")
    with column.container(border=True, height="stretch", gap=None, key=key):
        st.metric(label, value, **metric)
    line = svg(trend)
    if line is None:
        return None
    # Numbers and a key of [a-z0-9_] only: nothing a return wrote reaches the style sheet.
    url = "data:image/svg+xml;base64," + base64.b64encode(line.encode()).decode("ascii")
    # Longhands, not `background`: the card keeps its own colour. Printed too (browsers drop backgrounds).
    return (
        f".st-key-{key} {{background-image: url({url}); background-repeat: no-repeat; "
        f"background-position: left 1rem bottom 1rem; background-size: calc(100% - 2rem) {HEIGHT}px; "
        f"print-color-adjust: exact; padding-bottom: calc({HEIGHT}px + 1.25rem)}}"
    )


def lines(rules: Sequence[str | None]) -> None:
    """The cards' trend lines: one style sheet (Streamlit sends a style-only `st.html` to its event
    container: nothing drawn in the page)."""
    if drawn := [rule for rule in rules if rule]:
        st.html("<style>" + "".join(drawn) + "</style>")
