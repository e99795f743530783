"""The login page fetches the browser's chart library while the user types.

Streamlit loads plotly.js (3.5 MB, the largest of its scripts) only when a page first draws a chart. A
fresh browser used to do that after logging in: measured in Chromium, the dashboard's charts came up to
a second after everything else, and a click in that second waited for the script to be compiled. The
login form draws one blank, invisible chart, so the script is fetched and compiled before the password
is submitted; the browser keeps it for every page after.
"""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

HIDDEN = {"visible": False, "fixedrange": True}


def charts() -> None:
    """A chart with nothing in it and nothing shown: no axes, no toolbar, no hover, ten pixels high."""
    blank = go.Figure(
        layout={
            "height": 10,
            "margin": {"l": 0, "r": 0, "t": 0, "b": 0},
            "xaxis": HIDDEN,
            "yaxis": HIDDEN,
            "paper_bgcolor": "rgba(0,0,0,0)",
            "plot_bgcolor": "rgba(0,0,0,0)",
        }
    )
    st.plotly_chart(blank, config={"staticPlot": True, "displayModeBar": False}, key="warmup_charts")
