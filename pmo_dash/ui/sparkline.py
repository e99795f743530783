"""A KPI card: the number, its change, and its trend over the last periods as a line drawn in the page.

Streamlit's own card trend line (`st.metric(chart_data=...)`) is a Vega chart: eight of them took the
browser some 150 ms to compile and draw on every visit to a page with cards, longer than the rest of
the cards together. Here the line is a few hundred bytes of SVG made from the numbers alone (no text
from a return reaches it), shown as an image, which the browser draws with the page.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Any

import streamlit as st

WIDTH, HEIGHT, PAD = 200, 44, 4  # the line's box (stretched to the card's width) and its margin
STROKE = "#6B7280"  # the grey of Streamlit's own card lines
CARD = "kpi_card_"  # the start of each card's key: its class is st-key-kpi_card_<label>
# An image offers a full-screen button on hover; a card's trend line is not a picture to enlarge.
STYLE = f'<style>[class*="st-key-{CARD}"] [data-testid="stElementToolbar"] {{display: none}}</style>'


def points(values: Sequence[Any]) -> list[tuple[float, float]]:
    """Where each known value sits in the box: left to right, the highest at the top; a flat series
    runs through the middle. Unknown values (None, not a number) are left out."""
    known = [float(v) for v in values if v is not None and math.isfinite(float(v))]
    if len(known) < 2:
        return []
    low, high = min(known), max(known)
    step = WIDTH / (len(known) - 1)
    inner = HEIGHT - 2 * PAD
    return [
        (
            round(i * step, 1),
            round(HEIGHT / 2 if high == low else PAD + (high - v) / (high - low) * inner, 1),
        )
        for i, v in enumerate(known)
    ]


def svg(values: Sequence[Any]) -> str | None:
    """The trend line, or None with fewer than two known values (no line to draw)."""
    line = points(values)
    if not line:
        return None
    xy = " ".join(f"{x:g},{y:g}" for x, y in line)
    return (
        f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}">'
        f'<polyline points="{xy}" fill="none" stroke="{STROKE}" stroke-width="2" '
        'vector-effect="non-scaling-stroke" stroke-linejoin="round" stroke-linecap="round"/></svg>'
    )


def card(column: Any, label: str, value: str, trend: Sequence[Any] = (), **metric: Any) -> None:
    """A bordered card in `column`: `st.metric(label, value, **metric)`, its trend line below it. The
    shell draws `STYLE` once a run."""
    key = CARD + re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_")
    with column.container(border=True, height="stretch", gap=None, key=key):
        st.metric(label, value, **metric)
        if line := svg(trend):
            # An image (a data URL, no request): Streamlit's HTML element drops SVG.
            st.image(line, width="stretch")
