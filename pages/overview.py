"""Portfolio overview: the enterprise at a glance, watermelons first."""

import streamlit as st

from pmo_dash import data
from pmo_dash.ui import charts, components, fmt
from pmo_dash.ui.session import ensure_warehouse, scope

ensure_warehouse()
visible = scope()
periods = data.periods(visible)

st.title("Portfolio overview")
if not periods:
    st.info("No project has reported yet: there is nothing to show.")
    st.stop()
as_of = periods[0]
info = data.build_info(visible)
st.caption(
    f"As of {fmt.day(as_of)} · {len(visible)} departments · "
    f"warehouse built {info['built_at']:%-d %b %Y %H:%M} UTC from {info['files']} returns "
    f"({info['accepted']:,} rows accepted, {info['rejected']:,} rejected)"
)

components.kpi_cards(data.overview_kpis(visible, as_of))

melons = data.watermelons(visible, as_of)
st.subheader(f"Watermelons: reported Green, Red on evidence ({melons.height})")
if melons.is_empty():
    st.success("No project reports Green while its evidence is Red.")
else:
    components.watermelon_table(melons)

st.subheader("RAG by department")
basis = st.segmented_control(
    "Judged on", ["Evidence", "Reported"], default="Evidence", key="rag_basis", label_visibility="collapsed"
)
st.plotly_chart(charts.rag_mix(data.rag_mix(visible, as_of), basis or "Evidence"), width="stretch")
