"""PMO Dash: the entry point. Page config, the warehouse, and navigation over pages/."""

import streamlit as st

from pmo_dash.ui.session import ensure_warehouse

st.set_page_config(page_title="PMO Dash", page_icon=":material/monitoring:", layout="wide")
ensure_warehouse()

navigation = st.navigation(
    [st.Page("pages/overview.py", title="Portfolio overview", icon=":material/dashboard:", default=True)]
)
navigation.run()
