"""Streamlit building blocks shared by the pages."""

from __future__ import annotations

from typing import Any

import polars as pl
import streamlit as st

from pmo_dash.settings import get_settings
from pmo_dash.ui import fmt


def kpi_cards(kpis: dict[str, Any]) -> None:
    """The portfolio's headline numbers in one row of cards."""
    overrun = None
    if kpis["budget"]:
        overrun = kpis["eac"] / kpis["budget"] - 1
    cards = st.columns(6)
    cards[0].metric("Active projects", f"{kpis['active_projects']:,}", border=True)
    cards[1].metric("Budget (BAC)", fmt.money(kpis["budget"]), border=True)
    cards[2].metric(
        "Forecast cost (EAC)",
        fmt.money(kpis["eac"]),
        delta=None if overrun is None else f"{overrun:+.1%} vs budget",
        delta_color="inverse",
        border=True,
    )
    cards[3].metric(
        "Schedule (SPI)", fmt.ratio(kpis["spi"]), help="Earned value / planned value", border=True
    )
    cards[4].metric("Cost (CPI)", fmt.ratio(kpis["cpi"]), help="Earned value / actual cost", border=True)
    cards[5].metric(
        "Red on evidence",
        fmt.share(kpis["share_red"]),
        help=f"{kpis['red_projects']} of {kpis['rated_projects']} reporting projects are Red on SPI, CPI, "
        "slip or open high risks, whatever they reported",
        border=True,
    )


def watermelon_table(rows: pl.DataFrame) -> None:
    symbol = get_settings().currency_symbol
    st.dataframe(
        rows.select(
            "project_id",
            "project",
            "department",
            "project_manager",
            "evidence",
            "spi",
            "cpi",
            "budget",
            "eac",
        ),
        hide_index=True,
        width="stretch",
        height=min(35 * (rows.height + 1) + 2, 600),
        column_config={
            "project_id": st.column_config.TextColumn("ID"),
            "project": st.column_config.TextColumn("Project"),
            "department": st.column_config.TextColumn("Department"),
            "project_manager": st.column_config.TextColumn("Manager"),
            "evidence": st.column_config.TextColumn("Why it is Red", width="large"),
            "spi": st.column_config.NumberColumn("SPI", format="%.2f"),
            "cpi": st.column_config.NumberColumn("CPI", format="%.2f"),
            "budget": st.column_config.NumberColumn(f"Budget ({symbol})", format="compact"),
            "eac": st.column_config.NumberColumn(f"EAC ({symbol})", format="compact"),
        },
    )
