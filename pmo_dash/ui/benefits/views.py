"""Benefit views: the headline cards and how a list of benefits reads."""

from __future__ import annotations

from typing import Any

import polars as pl
import streamlit as st

from pmo_dash import data
from pmo_dash.ui import fmt, tables

TABS = ("Furthest behind plan", "At risk", "Every benefit")  # the page's lists, one drawn at a time
CHARTS = ("Cashable benefits", "Realisation")  # its charts, a row of tabs above the lists
CHARTS_KEY = "view"  # that row's link parameter


def benefit_cards(rollup: pl.DataFrame, status: pl.DataFrame) -> None:
    """Benefits in view: how many, how far realised, cashable money, and how many at risk."""
    cashable_planned, cashable_actual = data.benefits.cashable(rollup)
    cards = st.columns(5)
    cards[0].metric(
        "Benefits",
        f"{status.height:,}",
        border=True,
        help=f"{data.benefits.measured(status).height:,} measured so far",
    )
    cards[1].metric(
        "Realisation",
        fmt.share(data.benefits.mean_realisation(status)),
        border=True,
        help="Mean of each measured benefit's actual / planned to date",
    )
    cards[2].metric("Cashable planned to date", fmt.money(cashable_planned), border=True)
    cards[3].metric(
        "Cashable realised",
        fmt.money(cashable_actual),
        delta=fmt.share(cashable_actual / cashable_planned) + " of plan" if cashable_planned else None,
        delta_color="off",
        border=True,
    )
    cards[4].metric(
        "At risk",
        f"{status['at_risk'].sum():,}",
        border=True,
        help="Benefits of projects Red on evidence in the period",
    )


def benefit_columns() -> dict[str, Any]:
    """How a list of benefits reads."""
    # Amounts are in each benefit's own unit (hours, records, GBP), so they are quantities, not money.
    return {
        "benefit": st.column_config.TextColumn("Benefit", width=190),
        "project": st.column_config.TextColumn("Project", width=170),
        "realisation": tables.share("Realised / planned", width=130),
        "planned_value": tables.quantity("Planned to date", width=110),
        "actual_value": tables.quantity("Realised", width=80),
        "unit": st.column_config.TextColumn("Unit", width=80),
        "department": st.column_config.TextColumn("Department", width=140),
        "kind": st.column_config.TextColumn("Kind"),
        "owner": st.column_config.TextColumn("Owner"),
        "benefit_id": st.column_config.TextColumn("ID"),
    }
