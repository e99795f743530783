"""The login page fetches the scripts the dashboard needs while the user types.

Streamlit fetches an element's script only when a page first draws an element of its kind. A fresh
browser used to do that after logging in: plotly.js (3.5 MB, the largest), then the data grid, Arrow and
the pickers, each compiled before the dashboard could draw, and a click in that time waited for them.
The login form draws one of each, showing nothing, so the browser has them before the password is
submitted and keeps them for every page after.
"""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from pmo_dash.ui import cookie, unseen

HIDDEN = {"visible": False, "fixedrange": True}
CONTAINER = "warmup_scripts"  # the key of the container of the grid and pickers, never displayed


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


def scripts() -> None:
    """The blank chart, and an empty grid, picker and multi-picker in a container never displayed: after
    logging in, the dashboard's first page fetched some 45 scripts, 1.7 MB, among them the grid's (0.5 MB)
    and Arrow's (0.7 MB). Nothing in them comes from the warehouse. (The KPI cards' trend lines are
    drawn in the page, `ui.sparkline`: no Vega to fetch.)"""
    charts()
    cookie.warm()  # custom components' script: the login's cookie writer runs as soon as it is drawn
    with unseen.container(CONTAINER):
        st.dataframe(pl.DataFrame(), hide_index=True)
        st.selectbox("warm-up", [], key="warmup_select", label_visibility="collapsed")
        st.multiselect("warm-up", [], key="warmup_multiselect", label_visibility="collapsed")
