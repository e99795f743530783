"""Portfolio views (enterprise, department, programme): KPI cards, watermelons, what changed, programmes."""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl
import streamlit as st

from pmo_dash import data, periods
from pmo_dash.ui import fmt, tables
from pmo_dash.ui.filters import IN_LINK
from pmo_dash.ui.theme import MIXED

COMPARE = "compare"  # URL key of the KPI comparison
# What a chart would need, and which return would supply it, when no project in view reports it.
NO_VARIANCE = (
    "no project in view carries a forecast finish or earned value and actual cost "
    "(status_reports: forecast_finish, earned_value, actual_cost)."
)
NO_SCATTER = (
    "no project in view reports both SPI and CPI (status_reports: planned_value, earned_value, actual_cost)."
)
BASELINES = ["previous period", "previous quarter-end"]


def kpi_cards(trend: pl.DataFrame, as_of: dt.date) -> None:
    """The headline numbers with their change since the chosen earlier period and a 12-period sparkline."""
    choice = st.segmented_control("Change since", BASELINES, default=BASELINES[0], key=COMPARE, **IN_LINK)
    now = trend.filter(pl.col("period") == as_of)
    if now.is_empty():
        st.info("Nothing to show for this period.")
        return
    current = now.row(0, named=True)
    since = _baseline(trend["period"].to_list(), as_of, choice or BASELINES[0])
    before = trend.filter(pl.col("period") == since).row(0, named=True) if since in trend["period"] else None
    history = trend.tail(12)
    withheld = current["withheld_budgets"]
    st.caption(
        (
            f"Changes against {periods.label(since)}; sparklines over the last 12 periods."
            if before is not None
            else "No earlier period to compare with."
        )
        + (f" Budget excluding {withheld} withheld." if withheld else "")
    )

    def card(column, label, key, shown, *, delta_fmt, good_up: bool | None = True, help=None, missing=None):
        change = None
        if before is not None and current[key] is not None and before[key] is not None:
            change = delta_fmt(current[key] - before[key])
        column.metric(
            label,
            missing if current[key] is None and missing else fmt.reported(current[key], shown),
            delta=change,
            delta_color="off" if good_up is None else "normal" if good_up else "inverse",
            border=True,
            help=help,
            chart_data=[v for v in history[key].to_list() if v is not None] or None,
        )

    def count(v):
        return f"{v:,}"

    def signed_count(d):
        return f"{d:+,}"

    def signed_money(d):
        return _signed(fmt.money(d))

    def signed_ratio(d):
        return f"{round(d, 2) + 0.0:+.2f}"

    cols = st.columns(7)
    card(cols[0], "Active projects", "active_projects", count, delta_fmt=signed_count, good_up=None)
    card(
        cols[1],
        "Budget",
        "budget",
        fmt.money,
        delta_fmt=signed_money,
        good_up=None,
        help="Budget at completion (BAC) of the active projects, as at each one's latest return"
        + (f", excluding {withheld} withheld" if withheld else ""),
        missing="withheld" if withheld else None,  # every budget in view withheld: never £0
    )
    card(cols[2], "EAC", "eac", fmt.money, delta_fmt=signed_money, good_up=False, help=_overrun(current))
    card(cols[3], "SPI", "spi", fmt.ratio, delta_fmt=signed_ratio, help="Earned value / planned value")
    card(cols[4], "CPI", "cpi", fmt.ratio, delta_fmt=signed_ratio, help="Earned value / actual cost")
    card(
        cols[5],
        "Red (evidence)",
        "share_red",
        fmt.share,
        delta_fmt=lambda d: f"{d * 100:+.0f} pts",
        good_up=False,
        help=f"{current['red_projects']} of {current['rated_projects']} reporting projects are Red on "
        "SPI, CPI, slip or open high risks, whatever they reported",
    )
    card(
        cols[6],
        "High risks",
        "open_high_risks",
        count,
        delta_fmt=signed_count,
        good_up=False,
        help=f"Open risks with likelihood × impact ≥ {data.intake.thresholds().high_risk_exposure}",
    )


def _baseline(known: list[dt.date], as_of: dt.date, choice: str) -> dt.date | None:
    if choice == BASELINES[1]:
        return periods.previous_quarter_end(as_of)
    return periods.previous(known, as_of)


def _signed(text: str) -> str:
    return text if text.startswith("-") else f"+{text}"


def _overrun(kpis: dict[str, Any]) -> str:
    if not kpis["budget_with_eac"] or kpis["eac"] is None:
        return "Estimate at completion (needs actual cost; not reported where a return carries none)"
    # Against the budgets of the projects that have an EAC: the others are not reported, not on budget.
    return f"Estimate at completion: {kpis['eac'] / kpis['budget_with_eac'] - 1:+.1%} against the budget"


def watermelons(rows: pl.DataFrame, key: str) -> str | None:
    """The projects reported Green but Red on evidence; returns the project a user clicked, if any."""
    st.subheader(f"Watermelons: reported Green, Red on evidence ({rows.height})")
    if rows.is_empty():
        st.success("No project reports Green while its evidence is Red.")
        return None
    event = st.dataframe(
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
            "report_as_of",
        ),
        hide_index=True,
        placeholder=tables.MISSING,
        width="stretch",
        height=tables.fitted_height(rows.height, 400),
        on_select="rerun",
        selection_mode="single-row",
        key=key,
        column_config={
            "project_id": st.column_config.TextColumn("ID"),
            "project": st.column_config.TextColumn("Project"),
            "department": st.column_config.TextColumn("Department"),
            "project_manager": st.column_config.TextColumn("Manager"),
            "evidence": st.column_config.TextColumn("Why it is Red", width="large"),
            "spi": tables.ratio("SPI"),
            "cpi": tables.ratio("CPI"),
            "budget": tables.money("Budget", currency=True),
            "eac": tables.money("EAC", currency=True),
            "report_as_of": tables.date("Last return"),
        },
    )
    return tables.selected_row(event, rows, "project_id")


def changed_since(changed: pl.DataFrame, into_red: pl.DataFrame, since: dt.date) -> None:
    """What moved since an earlier period: RAG changes, newly Red projects, risks into the red zone."""
    newly_red = changed.filter(pl.col("newly_red"))
    st.caption(
        f"Since {periods.label(since)}: {changed.height} projects changed RAG on evidence, "
        f"{newly_red.height} newly Red, {into_red.height} risks crossed into the red zone."
    )
    left, right = st.columns(2)
    with left:
        shown = changed.with_columns(tables.rag_cell("rag_before"), tables.rag_cell("rag_now")).select(
            "project_id", "rag_before", "rag_now", "project", "department", "evidence"
        )
        st.dataframe(
            shown,
            hide_index=True,
            placeholder=tables.MISSING,
            width="stretch",
            height=300,
            column_config={
                "project_id": "ID",
                "project": "Project",
                "department": "Department",
                "rag_before": tables.rag_column("Was"),
                "rag_now": tables.rag_column("Now"),
                "evidence": "Evidence now",
            },
        )
    with right:
        st.dataframe(
            into_red.select("risk_id", "exposure_before", "exposure_now", "title", "project", "owner"),
            hide_index=True,
            placeholder=tables.MISSING,
            width="stretch",
            height=300,
            column_config={
                "risk_id": "Risk",
                "title": "Risk title",
                "project": "Project",
                "exposure_before": st.column_config.NumberColumn("Was", format="%d"),
                "exposure_now": st.column_config.NumberColumn("Now", format="%d"),
                "owner": "Owner",
            },
        )


def rating_note(mix: pl.DataFrame, basis: str) -> None:
    """What the RAG-by-department chart counts: evidence, or the ratings as reported (five-point where a
    return gave a delivery confidence, and how three-colour roll-ups read those)."""
    if basis == "Evidence":
        st.caption(
            "Judged on SPI, CPI, slip and open high risks, on the measures each return carries; "
            "Not reported where it carries none."
        )
    elif mix.filter(pl.col("basis") == basis)["rag"].is_in(MIXED).any():
        st.caption("As reported: five-point delivery confidence where a return gave one. " + tables.COLLAPSE)


def not_reported(rows: pl.DataFrame, columns: tuple[str, ...], what: str) -> bool:
    """True, saying so in place of a chart, when no row in view carries any of `columns`."""
    if rows.is_empty() or all(rows[c].is_null().all() for c in columns):
        st.caption(f"Not reported: {what}")
        return True
    return False


def programme_table(rows: pl.DataFrame, key: str) -> str | None:
    """Programmes rolled up; a click opens one."""
    if withheld := rows["withheld_budgets"].sum():
        st.caption(f"Budgets excluding {withheld} withheld.")
    event = st.dataframe(
        rows.select(
            "programme",
            "active_projects",
            "red",
            "amber",
            "green",
            "watermelons",
            "spi",
            "cpi",
            "budget",
            "eac",
        ),
        hide_index=True,
        placeholder=tables.MISSING,
        width="stretch",
        key=key,
        on_select="rerun",
        selection_mode="single-row",
        column_config={
            "programme": st.column_config.TextColumn("Programme", width="medium"),
            "active_projects": st.column_config.NumberColumn("Projects"),
            "red": st.column_config.NumberColumn("Red"),
            "amber": st.column_config.NumberColumn("Amber"),
            "green": st.column_config.NumberColumn("Green"),
            "watermelons": st.column_config.NumberColumn("Watermelons"),
            "spi": tables.ratio("SPI"),
            "cpi": tables.ratio("CPI"),
            "budget": tables.money("Budget", currency=True),
            "eac": tables.money("EAC", currency=True),
        },
    )
    return tables.selected_row(event, rows, "programme_id")
