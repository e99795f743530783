"""The headline measures as the pack states them: each with its value in the period, in the period
before, and the change, from the KPI trend the pages' cards read (data.portfolio.kpi_trend)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import polars as pl

from pmo_dash import periods
from pmo_dash.boardpack.tables import Cell, number
from pmo_dash.ui import fmt


@dataclass(frozen=True)
class Measure:
    label: str
    key: str
    shown: Callable[[Any], str]
    change: Callable[[Any], str]
    good_up: bool | None  # whether a rise is good news (None: neither)


def _count(value) -> str:
    return f"{value:,}"


def _points(share: float) -> str:
    """A change of a share in percentage points, never "-0 pts"."""
    return f"{round(share * 100) + 0:+d} pts"


def _signed_money(value) -> str:
    text = fmt.money(value)
    return text if text.startswith("-") else f"+{text}"


MEASURES = (
    Measure("Active projects", "active_projects", _count, lambda d: f"{d:+,}", None),
    Measure("Budget (BAC)", "budget", fmt.money, _signed_money, None),
    Measure("EAC", "eac", fmt.money, _signed_money, False),
    Measure("SPI", "spi", fmt.ratio, lambda d: f"{round(d, 2) + 0.0:+.2f}", True),
    Measure("CPI", "cpi", fmt.ratio, lambda d: f"{round(d, 2) + 0.0:+.2f}", True),
    Measure("Red on evidence", "share_red", fmt.share, _points, False),
    Measure("Watermelons", "watermelons", _count, lambda d: f"{d:+,}", False),
    Measure("Open high risks", "open_high_risks", _count, lambda d: f"{d:+,}", False),
    Measure("Reporting compliance", "reporting_compliance", fmt.share, _points, True),
)


ON_EVIDENCE = ("share_red", "watermelons")  # measures of the evidence RAG


@dataclass(frozen=True)
class Headline:
    """The period's row of the KPI trend and the previous period's (None when there is none)."""

    now: dict[str, Any] | None
    before: dict[str, Any] | None
    previous: dt.date | None

    @property
    def judged(self) -> bool:
        """Whether any project in view has an evidence RAG (a return carries SPI, CPI or slip)."""
        return bool(self.now and self.now["rated_projects"])


def headline(trend: pl.DataFrame, as_of: dt.date) -> Headline:
    known = trend["period"].to_list()
    previous = periods.previous(known, as_of)

    def row(period):
        found = trend.filter(pl.col("period") == period)
        return found.row(0, named=True) if period is not None and found.height else None

    return Headline(row(as_of), row(previous), previous)


def rows(h: Headline, *, risks: bool, with_before: bool = True) -> list[list[Cell | str]]:
    """One row per measure: label, value now, (value before,) change coloured good or bad."""
    table = []
    for m in MEASURES:
        if m.key == "open_high_risks" and not risks:
            table.append(
                [m.label, number(fmt.NOT_REPORTED), *([number("")] if with_before else []), number("")]
            )
            continue
        now, before = _judged(m, h.now), _judged(m, h.before)
        if m.key == "budget" and h.now and now is None and h.now["withheld_budgets"]:
            shown = "withheld"  # every budget in view withheld: never £0
        else:
            shown = fmt.reported(now, m.shown)
        row: list[Cell | str] = [m.label, number(shown)]
        if with_before:
            row.append(number("" if h.before is None else fmt.reported(before, m.shown)))
        row.append(_change(m, now, before))
        table.append(row)
    return table


def _judged(m: Measure, row: dict[str, Any] | None):
    """A period's value of the measure; none for a count on evidence when nothing was judged (no return
    carries SPI, CPI or slip), which is not a count of 0."""
    if row is None or (m.key in ON_EVIDENCE and not row["rated_projects"]):
        return None
    return row[m.key]


def _change(m: Measure, now, before) -> Cell:
    """The change since the period before, on a pale green or red when it is good or bad news."""
    if now is None or before is None:
        return number("")
    delta = now - before
    shown = m.change(delta)
    if m.good_up is None or not any(c in "123456789" for c in shown):  # no news, or none that shows
        return number(shown)
    good = (delta > 0) == m.good_up
    return Cell(shown, "#e3f2e3" if good else "#fbe3e3", "right", True)


def compared_with(h: Headline) -> str:
    return (
        f"Changes against {periods.label(h.previous)}."
        if h.previous
        else "No earlier period to compare with."
    )
