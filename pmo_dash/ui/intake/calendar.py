"""The Submit page's reporting calendar: per department and month, whether its return came on time."""

from __future__ import annotations

import datetime as dt

import polars as pl
import streamlit as st

from pmo_dash import intake
from pmo_dash.settings import Settings
from pmo_dash.ui import tables
from pmo_dash.ui.intake.views import month_label
from pmo_dash.ui.theme import AMBER, GREEN, RAG_COLOURS, RED

# What a cell shows, and its colour.
# Short enough for twelve months side by side at 1280 px; the caption says what each means.
CHIPS = {
    "on time": GREEN,
    "resent": RAG_COLOURS["Amber/Green"],  # resubmitted, its first version on time
    "late": AMBER,
    "late, resent": RAG_COLOURS["Amber/Red"],  # resubmitted, its first version late
    "missing": RED,
    "loaded": "#5b7fa6",  # in the base returns, not submitted here: neither on time nor missing
    "not due": RAG_COLOURS["Not reported"],
}
SAID = {"in the base returns": "loaded", "not yet due": "not due"}


def chip(status: str, first_on_time: bool | None) -> str | None:
    """What a cell says: a resubmission says how its first version came; nothing when no return was
    expected that month."""
    if status == "resubmitted":
        return "resent" if first_on_time else "late, resent"
    if status == "not expected":
        return None
    return SAID.get(status, status)


def grid(found: pl.DataFrame, names: dict[str, str]) -> pl.DataFrame:
    """Department × period: one coloured chip per cell, the periods oldest to newest."""
    cells: dict[str, dict[str, list[str]]] = {}
    for row in found.iter_rows(named=True):
        said = chip(row["status"], row["first_on_time"])
        cells.setdefault(row["department_id"], {})[row["period"]] = [said] if said else []
    periods = list(dict.fromkeys(found["period"]))
    return pl.DataFrame(
        [
            {"department": f"{names.get(d, d)} ({d})"} | {month_label(p): by_period[p] for p in periods}
            for d, by_period in cells.items()
        ],
        schema={"department": pl.String} | {month_label(p): pl.List(pl.String) for p in periods},
    )


def _time(value: dt.datetime | None) -> str | None:
    return f"{value:%-d %b %Y %H:%M} UTC" if value else None


def show(
    settings: Settings, departments: pl.DataFrame, today: dt.date, loaded: frozenset[tuple[str, str]]
) -> None:
    """The calendar for these departments (department_id, name): the grid, then who submitted and when."""
    st.subheader("Reporting calendar")
    st.caption(
        f"A month's return is due {settings.due_working_days} working days after the month ends; on time "
        "when its first version is submitted here by the end of that day (UTC). 'Resent': submitted again, "
        "the first on time ('late, resent': the first late). 'Loaded': its returns came from the base "
        "folder, not submitted here, so neither on time nor missing. A quarterly or annual department's "
        "months between returns are blank."
    )
    if departments.is_empty():
        return
    names = dict(departments.select("department_id", "name").iter_rows())
    cadences = dict(departments.select("department_id", "cadence").iter_rows())
    found = intake.reporting_calendar(settings, list(names), today, loaded=loaded, cadences=cadences)
    shown = grid(found, names)
    dues = dict(zip(found["period"], found["due"], strict=True))
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        height=tables.fitted_height(shown.height, 420),
        key="reporting_calendar",
        column_config={"department": st.column_config.TextColumn("Department", pinned=True, width=170)}
        | {
            month_label(period): st.column_config.MultiselectColumn(
                month_label(period),
                options=list(CHIPS),
                color=list(CHIPS.values()),
                help=f"Due {due:%-d %b %Y}",
                width=76,
            )
            for period, due in dues.items()
        },
    )
    who = found.filter(pl.col("versions") > 0).sort("period", "department_id", descending=[True, False])
    with st.expander("Who submitted, and when", expanded=False):
        if who.is_empty():
            st.caption("Nothing submitted here yet in these months.")
            return
        st.dataframe(
            who.select(
                pl.col("department_id").alias("department"),
                pl.col("period").map_elements(month_label, return_dtype=pl.String),
                pl.col("due").map_elements(lambda d: f"{d:%-d %b %Y}", return_dtype=pl.String),
                pl.struct("status", "first_on_time")
                .map_elements(lambda s: chip(s["status"], s["first_on_time"]), return_dtype=pl.String)
                .alias("status"),
                "versions",
                "first_by",
                pl.col("first_at").map_elements(_time, return_dtype=pl.String),
                "latest_by",
                pl.col("latest_at").map_elements(_time, return_dtype=pl.String),
            ),
            hide_index=True,
            width="stretch",
            key="reporting_calendar_who",
        )
