"""What every slide of a pack shares: the request, the cut-offs the warehouse was built with, the
departments in scope, which returns they sent, and the headline measures; all read through
pmo_dash.data, scoped to the request's filters."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import polars as pl

from pmo_dash import data, periods
from pmo_dash.boardpack.kpis import Headline, headline
from pmo_dash.boardpack.request import Request
from pmo_dash.data import Filters
from pmo_dash.settings import Thresholds

# What supplies each kind of thing a slide draws (docs/data-contract.md), for the sentence that stands
# where a department's returns do not carry it.
SUPPLIED_BY = {
    "risks": "risks return (and risk_reviews)",
    "benefits": "benefits and benefit_measurements returns",
    "lessons": "lessons return",
    "earned value": "status_reports return's planned_value, earned_value and actual_cost",
    "slip": "status_reports return's forecast_finish (or earned value and actual cost)",
}


def not_returned(what: str, where: str = "in view") -> str:
    """The sentence that stands in for a chart of something no department in view returns."""
    return f"No {what} {where}: not returned. A department's {SUPPLIED_BY[what]} would supply them."


@dataclass(frozen=True)
class Pack:
    request: Request

    def prepare(self) -> None:
        """Read what every slide shares, before slides are drawn in more than one thread."""
        _ = self.cut, self.departments, self.returned, self.headline

    @property
    def f(self) -> Filters:
        return self.request.filters

    @property
    def period(self) -> str:
        return periods.label(self.f.as_of)

    @cached_property
    def cut(self) -> Thresholds:
        return data.intake.thresholds()

    @cached_property
    def departments(self) -> pl.DataFrame:
        """The departments in scope (ID, name), by name."""
        return data.portfolio.departments(self.f.scope).sort("name", "department_id")

    @cached_property
    def returned(self) -> dict[str, frozenset[str]]:
        return data.intake.returned(self.f.scope)

    def has(self, *tables: str, department: str | None = None) -> bool:
        """Did any department in scope (or this one) return rows of any of these tables?"""
        return any(
            department in found if department else bool(found)
            for found in (self.returned.get(t, frozenset()) for t in tables)
        )

    @cached_property
    def trend(self) -> pl.DataFrame:
        return data.portfolio.kpi_trend(self.f)

    @cached_property
    def headline(self) -> Headline:
        return headline(self.trend, self.f.as_of)

    @cached_property
    def red_on_evidence(self) -> pl.DataFrame:
        return data.boardpack.red_on_evidence(self.f)

    @cached_property
    def benefits(self) -> pl.DataFrame:
        """The benefits roll-up (per department, objective and kind)."""
        return data.benefits.rollup(self.f)
