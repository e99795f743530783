"""The projects table of a department or programme: search, RAG chips, sparklines, a click, a CSV."""

from __future__ import annotations

import polars as pl
import streamlit as st

from pmo_dash import data
from pmo_dash.settings import get_settings
from pmo_dash.ui import download, tables


def projects_table(rows: pl.DataFrame, key: str, file_name: str = "projects") -> str | None:
    """Every project: RAG badges, progress, SPI trend, slip and EAC; sortable, filterable, clickable,
    and the rows found downloadable as CSV."""
    left, middle, right = st.columns([2, 2, 1])
    needle = left.text_input("Find a project", key=f"{key}_find", placeholder="name, ID or manager")
    rags = middle.multiselect("Evidence RAG", ["Red", "Amber", "Green"], key=f"{key}_rag", placeholder="any")
    late_only = right.toggle("Late only", key=f"{key}_late")
    shown = data.portfolio.find_projects(rows, needle, rags, late_only)
    # The five-point rating as reported, where any return in view gave one.
    five_point = rows["delivery_confidence"].is_not_null().any()
    chips = [tables.rag_cell(c) for c in ("evidence_rag", "reported_rag", "delivery_confidence")]
    table = shown.with_columns(chips)
    withheld = shown["budget_withheld"].sum()
    found = f"{rows.height:,}" if shown.height == rows.height else f"{shown.height:,} of {rows.height:,}"
    st.caption(
        f"{found} project{'' if rows.height == 1 else 's'} · click a row to open the project"
        + (f" · budgets withheld: {withheld} (shown {tables.MISSING})" if withheld else "")
    )
    # The measures an executive compares first, then who and where; the ID last (it is in the link).
    columns = {
        "project": st.column_config.TextColumn("Project", width=190),
        "evidence_rag": tables.rag_column("Evidence"),
        "delivery_confidence": tables.rating_column("Confidence", help="Delivery confidence as reported"),
        "reported_rag": tables.rag_column("Reported", help="Reported RAG. " + tables.COLLAPSE),
        "percent_complete": tables.percent("Complete", bar=True, width=90),
        "spi": tables.ratio("SPI", width=50),
        "cpi": tables.ratio("CPI", width=50),
        "slip_days": st.column_config.NumberColumn("Slip (days)", format="%d", width=70),
        "eac": tables.money("EAC", width=80),
        "eac_over_budget": tables.money("EAC − budget", width=95),
        "budget": tables.money("Budget", width=80),
        "spi_trend": st.column_config.LineChartColumn("SPI, 12 periods", width=100),
        "project_manager": st.column_config.TextColumn("Manager"),
        "programme": st.column_config.TextColumn("Programme"),
        "project_id": st.column_config.TextColumn("ID"),
    }
    if not five_point:
        del columns["delivery_confidence"]
    event = tables.show(
        table,
        columns,
        title="Projects",
        height=tables.fitted_height(table.height, 560),
        key=key,
        on_select="rerun",
        selection_mode="single-row",
    )
    if not shown.is_empty():
        download.csv_button(projects_export(shown), file_name, key=f"{key}_csv")
    return tables.selected_row(event, shown, "project_id", key=key, opens="project")


def projects_export(rows: pl.DataFrame) -> pl.DataFrame:
    """The projects table as a file: its columns under their headings, but the SPI sparkline."""
    symbol = get_settings().currency_symbol
    headings = {
        "project_id": "ID",
        "project": "Project",
        "programme": "Programme",
        "evidence_rag": "Evidence RAG",
        "reported_rag": "Reported RAG",
        "percent_complete": "Complete (%)",
        "spi": "SPI",
        "cpi": "CPI",
        "slip_days": "Slip (days)",
        "budget": f"Budget ({symbol})",
        "eac": f"EAC ({symbol})",
        "eac_over_budget": f"EAC − budget ({symbol})",
        "project_manager": "Manager",
    }
    return rows.select(list(headings)).rename(headings)
