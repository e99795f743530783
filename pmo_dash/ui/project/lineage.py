"""A project's lineage: the returns, files and rows its figures came from, and the submissions that
carried them."""

from __future__ import annotations

import polars as pl
import streamlit as st

from pmo_dash.ui import fmt, tables
from pmo_dash.ui.intake import history


def show(rows: pl.DataFrame) -> None:
    """Where the project's figures came from: each return's file and rows (as numbered in the
    spreadsheet), and the submission that carried the file, or the base returns."""
    with st.expander("Where these figures came from", icon=":material/source:"):
        if rows.is_empty():
            st.caption("Nothing to trace.")
            return
        shown = rows.with_columns(
            pl.col("source_rows").map_elements(fmt.row_ranges, return_dtype=pl.String),
            history.submitted_in(),
            pl.col("sha256").str.slice(0, 12),
        )
        st.caption(
            "The rows of each return this page reads for the project: its record, the status return in "
            "force for the period, and its milestones, risks, issues, benefits, changes, gates and "
            "controls. A file submitted in the app names its version; sha256 (its first 12 characters) "
            "identifies the file the build read."
        )
        tables.show(
            shown,
            {
                "table_name": st.column_config.TextColumn("Return", width="small"),
                "source_file": st.column_config.TextColumn("File", width="medium"),
                "source_rows": st.column_config.TextColumn("Rows", width="medium"),
                "source": st.column_config.TextColumn("Submitted", width="medium"),
                "sha256": st.column_config.TextColumn("sha256", width="small"),
            },
            key="project_lineage",
        )
