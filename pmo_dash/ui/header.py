"""The line under each page title: when, how much, and from which returns."""

from __future__ import annotations

import streamlit as st

from pmo_dash import data
from pmo_dash.data import Filters
from pmo_dash.periods import label
from pmo_dash.ui import fmt


def caption(f: Filters, what: str) -> None:
    info = data.intake.build_info(f.scope)
    st.caption(
        f"{fmt.plain(what)} · as of {label(f.as_of)} · "
        f"warehouse built {info['built_at']:%-d %b %Y %H:%M} UTC from "
        f"{info['files']} returns ({info['accepted']:,} rows accepted, {info['rejected']:,} rejected)"
    )
