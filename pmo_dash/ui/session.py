"""The warehouse the session reads: built on first start if there is none."""

from __future__ import annotations

import logging

import streamlit as st

from pmo_dash import intake
from pmo_dash.auth.roles import User
from pmo_dash.settings import get_settings
from pmo_dash.ui import fmt

LOG = logging.getLogger("pmo_dash")


def ensure_warehouse(user: User) -> None:
    """On first start there is no warehouse: build it from the configured returns, or say why not
    (with the server's paths to an admin only)."""
    settings = get_settings()
    if settings.warehouse.exists():
        return
    try:
        with st.spinner("First start: building the warehouse from the departments' returns ..."):
            intake.build_if_missing(settings)
    except intake.BuildError as err:
        LOG.error("No warehouse, and none could be built: %s", err)
        if "admin" in user.pages:
            st.error(f"No warehouse yet, and none could be built: {fmt.plain(str(err), 600)}")
        else:
            st.error(
                "There is no data to show yet: the warehouse has not been built from the departments' "
                "returns. An admin can see why."
            )
        st.stop()
