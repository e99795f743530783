"""The login page fetches the browser's chart library while the user types.

Streamlit loads plotly.js (3.5 MB, the largest of its scripts) only when a page first draws a chart. A
fresh browser used to do that after logging in: measured in Chromium, the dashboard's charts came up to
a second after everything else, and a click in that second waited for the script to be compiled. The
login form draws one blank, invisible chart, so the script is fetched and compiled before the password
is submitted; the browser keeps it for every page after.
"""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl
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


CONTAINER = "warmup_scripts"  # the key of the container of the elements below, never displayed


def scripts() -> None:
    """The scripts the dashboard's first page needs, fetched and compiled while the password is typed.

    Streamlit fetches an element's script when the first element of its kind is drawn: after logging in,
    the dashboard's first page fetched some 45 scripts, 1.7 MB, among them the data grid's (0.5 MB) and
    Arrow's (0.7 MB), and compiled them before drawing. An empty grid, picker and multi-picker, in a
    container that is never displayed, make the browser fetch them here instead. Nothing in them comes
    from the warehouse."""
    charts()
    with st.container(key=CONTAINER):
        st.html(f"<style>.st-key-{CONTAINER} {{display: none}}</style>")
        st.dataframe(pl.DataFrame(), hide_index=True)
        st.selectbox("warm-up", [], key="warmup_select", label_visibility="collapsed")
        st.multiselect("warm-up", [], key="warmup_multiselect", label_visibility="collapsed")
