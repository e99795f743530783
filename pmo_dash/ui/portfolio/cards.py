"""The headline KPI cards of the enterprise, department and programme pages: each number with its
change since an earlier period and a 12-period sparkline."""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl
import streamlit as st

from pmo_dash import data, periods
from pmo_dash.ui import fmt, sparkline
from pmo_dash.ui.filters import IN_LINK

COMPARE = "compare"  # URL key of the KPI comparison
BASELINES = ["previous period", "previous quarter-end"]


def judged(trend: pl.DataFrame, as_of: dt.date) -> bool:
    """Whether any project in view has an evidence RAG this period (a return carries SPI, CPI or slip)."""
    return bool(trend.filter(pl.col("period") == as_of)["rated_projects"].sum())


def kpi_cards(trend: pl.DataFrame, as_of: dt.date, *, risks: bool = True) -> None:
    """The headline numbers with their change since the chosen earlier period and a 12-period sparkline;
    the choice of that period under them (the numbers come first)."""
    numbers = st.container()
    below = st.container(horizontal=True, vertical_alignment="center", gap="medium")
    choice = below.segmented_control(
        "Change since", BASELINES, default=BASELINES[0], key=COMPARE, label_visibility="collapsed", **IN_LINK
    )
    now = trend.filter(pl.col("period") == as_of)
    if now.is_empty():
        numbers.info("Nothing to show for this period.")
        return
    current = now.row(0, named=True)
    since = _baseline(trend["period"].to_list(), as_of, choice or BASELINES[0])
    before = trend.filter(pl.col("period") == since).row(0, named=True) if since in trend["period"] else None
    history = trend.tail(12)
    withheld = current["withheld_budgets"]
    below.caption(
        (
            f"Changes against {periods.label(since)}; sparklines over the last 12 periods."
            if before is not None
            else "No earlier period to compare with."
        )
        + (f" Budget excluding {withheld} withheld." if withheld else "")
    )

    trends: list[str | None] = []  # each card's trend line, drawn together at the end

    def card(column, label, key, shown, *, delta_fmt, good_up: bool | None = True, help=None, missing=None):
        change = None
        if before is not None and current[key] is not None and before[key] is not None:
            change = delta_fmt(current[key] - before[key])
        trends.append(
            sparkline.card(
                column,
                label,
                missing if current[key] is None and missing else fmt.reported(current[key], shown),
                history[key].to_list(),
                **fmt.delta(change, "off" if good_up is None else "normal" if good_up else "inverse"),
                help=help,
            )
        )

    def count(v):
        return f"{v:,}"

    def signed_count(d):
        return f"{d:+,}"

    def signed_money(d):
        return _signed(fmt.money(d))

    def signed_ratio(d):
        return f"{round(d, 2) + 0.0:+.2f}"

    # Two rows of four: at eight across, a card is too narrow for "£29.4m" below 1600 px.
    cols = [*numbers.columns(4), *numbers.columns(4)]
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
        cols[7],
        "Satisfaction",
        "satisfaction",
        lambda v: f"{v:.1f} / 5",
        delta_fmt=lambda d: f"{round(d, 1) + 0.0:+.1f}",
        help="Stakeholder satisfaction: the mean score (1 poor to 5 excellent) of the "
        f"{current['satisfaction_scores']} returns in force that give one",
        missing="not reported",
    )
    if risks:
        card(
            cols[6],
            "High risks",
            "open_high_risks",
            count,
            delta_fmt=signed_count,
            good_up=False,
            help=f"Open risks with likelihood × impact ≥ {data.intake.thresholds().high_risk_exposure}",
        )
    else:  # no department in view returns risks: not a count of 0, and no line
        sparkline.card(
            cols[6],
            "High risks",
            "not reported",
            help="No department in view returns risks (the `risks` return).",
        )
    sparkline.lines(trends)


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
