"""A table's rows as a CSV download: the one way a table leaves the app, since Streamlit's own table
toolbar export is switched off (`client.disableDataExport`): it writes cells raw, formulas and all."""

from __future__ import annotations

import polars as pl
import streamlit as st

from pmo_dash import exports


def csv_button(rows: pl.DataFrame, file_name: str, key: str, label: str = "Download CSV") -> None:
    """A small button under a table that downloads `rows` as a neutralised CSV."""
    st.download_button(
        label,
        # Made only when clicked, not on every rerun; a click needs no rerun of the page.
        lambda: exports.csv_bytes(rows),
        f"{exports.file_stem(file_name)}.csv",
        "text/csv",
        key=key,
        type="tertiary",
        icon=":material/download:",
        on_click="ignore",
    )


def xlsx_button(
    sheets: dict[str, pl.DataFrame], file_name: str, key: str, label: str = "Download XLSX"
) -> None:
    """A small button that downloads `sheets` (sheet name -> rows) as one neutralised workbook."""
    st.download_button(
        label,
        lambda: exports.xlsx_bytes(sheets),
        f"{exports.file_stem(file_name)}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=key,
        type="tertiary",
        icon=":material/download:",
        on_click="ignore",
    )
