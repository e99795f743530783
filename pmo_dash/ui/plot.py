"""Every chart on every page is drawn here: with room for its labels (`room.fit`), so that the browser
draws it once, not twice."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from pmo_dash.ui import room


def show(fig: go.Figure, *, half: bool = False, **options):
    """`st.plotly_chart` of `fig` with margins that fit its labels; `half` for a chart in a column beside
    another (its legend wraps and its labels turn sooner); `options` as st.plotly_chart's."""
    return st.plotly_chart(room.fit(fig, room.HALF_WIDTH if half else room.PLOT_WIDTH), **options)
