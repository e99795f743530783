"""The data-quality scorecard: every department PMO ranked, with its components, the weights and its
score over time (Admin); one department's card with the rows to fix (Submit, for its PMO head)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl
import streamlit as st

from pmo_dash import data
from pmo_dash.data import Filters
from pmo_dash.ui import download, fmt, plot, tables
from pmo_dash.ui.intake import history
from pmo_dash.ui.intake.views import PROBLEM_COLUMNS
from pmo_dash.ui.quality import charts

PARTS = {
    "timeliness": (
        "Timeliness",
        "quality_weight_timeliness",
        "Returns submitted here on time, of those due (a month loaded from the base returns has no time)",
    ),
    "completeness": ("Completeness", "quality_weight_completeness", "Optional fields filled"),
    "validity": ("Validity", "quality_weight_validity", "Rows read that were not rejected"),
    "honesty": ("Honesty", "quality_weight_honesty", "Rated returns that are not watermelons"),
    "freshness": ("Freshness", "quality_weight_freshness", "Active projects reported, not carried forward"),
}


def scorecard_table(card: pl.DataFrame, as_of: dt.date) -> None:
    """Each department's score, RAG and components over the 12 periods up to `as_of`, best first."""
    cut = data.intake.thresholds()
    now = data.quality.ranking(card, as_of).with_columns(
        tables.rag_cell("rag"), *(pl.col(k) * 100 for k in PARTS)
    )
    weights = " · ".join(f"{label} {getattr(cut, weight):g}" for label, weight, _ in PARTS.values())
    st.caption(
        f"Over the 12 periods up to {as_of:%b %Y}. Score 0-100 weighs the components: {weights}; "
        "a component with nothing to measure (a dash) drops out and the others' weights re-share. "
        f"Green from {cut.quality_green:g}, Amber from {cut.quality_amber:g}."
    )
    columns: dict[str, Any] = {
        "department": st.column_config.TextColumn("Department", width=150),
        "score": st.column_config.ProgressColumn(
            "Score", format="%.0f", min_value=0, max_value=100, width=100
        ),
        "rag": tables.rag_column("RAG"),
    }
    for key, (label, weight, help) in PARTS.items():
        columns[key] = tables.percent(f"{label} ({getattr(cut, weight):g})", help=help, width=95)
    tables.show(now, columns, title="Data quality")


def score_over_time(card: pl.DataFrame) -> None:
    """Every department's score in each of the 12 periods (its own 12-period window each time)."""
    if card.filter(pl.col("score").is_not_null()).is_empty():
        st.caption("No department has a score yet: nothing to draw.")
        return
    st.markdown("**Score over time**")
    st.caption("Each month's score is judged on the 12 months up to it; best at the latest month first.")
    plot.show(charts.score_map(card, data.intake.thresholds()), key="quality_over_time")


def own(card: pl.DataFrame, department_id: str, name: str, as_of: dt.date) -> None:
    """One department's score and components at `as_of` and over time, then the rows to fix."""
    mine = card.filter(pl.col("department_id") == department_id).sort("period")
    now = mine.filter(pl.col("period") == as_of)
    st.subheader(f"Data quality: {fmt.plain(name)}")
    if now.is_empty():
        st.caption(f"{fmt.plain(name)} has no projects in {as_of:%b %Y}: nothing to score.")
        return
    row = now.row(0, named=True)
    cut = data.intake.thresholds()
    cells = st.columns(len(PARTS) + 1)
    cells[0].metric(
        f"Score ({row['rag']})" if row["rag"] else "Score",
        "–" if row["score"] is None else f"{row['score']:.0f}",
        help=f"0-100; Green from {cut.quality_green:g}, Amber from {cut.quality_amber:g}",
    )
    for cell, (key, (label, weight, help)) in zip(cells[1:], PARTS.items(), strict=True):
        value = row[key]
        cell.metric(
            f"{label} ({getattr(cut, weight):g})",
            "–" if value is None else f"{100 * value:.0f}%",
            help=help + ("; nothing to measure yet, so it does not count" if value is None else ""),
        )
    st.caption(
        f"Over the 12 periods up to {as_of:%b %Y}; the weight of each component in brackets, a dash where "
        "there is nothing to measure (it then does not count). " + _counts(row)
    )
    if mine["score"].drop_nulls().len() > 1:
        plot.show(
            charts.components(mine, {k: label for k, (label, _, _) in PARTS.items()}),
            key="quality_components",
        )


def _counts(row: dict[str, Any]) -> str:
    """What each component counted, in words."""
    said = []
    if row["due_returns"]:
        said.append(f"{row['on_time']} of {row['due_returns']} returns due came on time")
    if row["cells"]:
        said.append(f"{row['filled_cells']:,} of {row['cells']:,} optional fields filled")
    if row["rows_read"]:
        said.append(f"{row['rejected']:,} of {row['rows_read']:,} rows rejected")
    if row["rated"]:
        said.append(f"{row['watermelons']} of {row['rated']} rated returns were watermelons")
    if row["active"]:
        said.append(f"{row['reported']} of {row['active']} active project-months reported")
    return ("; ".join(said) + ".") if said else ""


def rows_to_fix(f: Filters, department_id: str) -> None:
    """What to fix in the department's returns: the rows the last build rejected or flagged (and the
    submission each came from), projects not reported this month, optional fields left empty, and
    Green reports the evidence says are Red."""
    mine = f.within((department_id,))
    problems = data.quality.problems(mine.scope).with_columns(history.submitted_in())
    stale = data.quality.not_reported(mine)
    empty = data.quality.unstated_fields(mine)
    melons = data.portfolio.watermelons(mine)
    st.markdown("**Rows to fix**")
    tabs = st.tabs(
        [
            f"Rejected or flagged ({problems.height})",
            f"Not reported in {f.as_of:%b %Y} ({stale.height})",
            f"Optional fields empty ({empty.height})",
            f"Green, but Red on evidence ({melons.height})",
        ]
    )
    with tabs[0]:
        if problems.is_empty():
            st.caption("The last build accepted every row of this department's returns.")
        else:
            st.caption(
                "Rows the last build rejected (not in any figure) or kept with a warning, as numbered in "
                "the spreadsheet; fix them in your next submission."
            )
            columns = {k: PROBLEM_COLUMNS[k] for k in ("file", "row")}
            columns["source"] = st.column_config.TextColumn("From", width=150)
            columns |= {k: PROBLEM_COLUMNS[k] for k in ("column", "value", "rule")}
            columns["message"] = st.column_config.TextColumn("What is wrong")
            tables.show(
                problems,
                columns,
                height=tables.fitted_height(problems.height, 400),
                key="quality_problems",
            )
            download.csv_button(
                problems.drop("department_id"),
                f"problems-{department_id}",
                key="quality_problems_csv",
                label="Download the rows to fix",
            )
    with tabs[1]:
        if stale.is_empty():
            st.caption(f"Every active project's status was reported for {f.as_of:%b %Y}.")
        else:
            st.caption("Active projects whose status for the month was carried forward or never returned.")
            tables.show(
                stale,
                {
                    "project_id": st.column_config.TextColumn("Project", width="small"),
                    "project": st.column_config.TextColumn("Name", width="large"),
                    "project_manager": st.column_config.TextColumn("Project manager"),
                    "last_reported": tables.date("Last reported"),
                },
                key="quality_not_reported",
            )
    with tabs[2]:
        if empty.is_empty():
            st.caption("Every optional field the score counts is filled.")
        else:
            st.caption("Optional fields completeness counts, left empty in the month's returns.")
            tables.show(
                empty,
                {
                    "project_id": st.column_config.TextColumn("Project", width="small"),
                    "project": st.column_config.TextColumn("Name", width="medium"),
                    "source_file": st.column_config.TextColumn("File", width="medium"),
                    "source_row": st.column_config.NumberColumn("Row", format="%d", width="small"),
                    "fields": st.column_config.TextColumn("Empty", width="large"),
                },
                key="quality_unstated",
            )
    with tabs[3]:
        if melons.is_empty():
            st.caption(f"No project was reported Green while Red on evidence in {f.as_of:%b %Y}.")
        else:
            st.caption(
                "Reported Green while the evidence (schedule, cost, risks) says Red: check the report."
            )
            tables.show(
                melons,
                {
                    "project_id": st.column_config.TextColumn("Project", width="small"),
                    "project": st.column_config.TextColumn("Name", width="medium"),
                    "evidence": st.column_config.TextColumn("Evidence", width="large"),
                    "spi": tables.ratio("SPI", width="small"),
                    "cpi": tables.ratio("CPI", width="small"),
                },
                key="quality_watermelons",
            )
