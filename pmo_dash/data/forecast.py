"""Forecast reads: where the portfolio will land (reference-class P50 and P80 cost and finish), as the
build computed them for each period, so that an earlier period shows what could be forecast then."""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl

from pmo_dash.data.cache import Filters, Scope, run


def exposure(f: Filters) -> pl.DataFrame:
    """Per department: projects forecast and not, budget, P50 and P80 cost, contingency to hold."""
    return run("forecast/exposure", f.params())


def totals(by_department: pl.DataFrame) -> dict[str, Any]:
    """The exposure of every department in view, summed (the history is the portfolio's)."""
    sums = by_department.select(
        pl.col("forecast", "not_forecast", "budget", "p50_cost", "p80_cost", "contingency").sum(),
        pl.col("history_size").max(),
    )
    return sums.row(0, named=True)


def largest_exposure(f: Filters, limit: int = 10) -> pl.DataFrame:
    """The projects whose P80 cost exceeds their budget most."""
    return run("forecast/largest_exposure", f.params(limit=limit))


def project(scope: Scope, project_id: str, as_of: dt.date) -> dict[str, Any] | None:
    """One project's forecast in the period, or None when it is not forecast (finished, not active)."""
    rows = run("forecast/project_forecast", {"scope": scope, "project": project_id, "as_of": as_of})
    return rows.row(0, named=True) if rows.height else None


def project_warning(scope: Scope, project_id: str, as_of: dt.date) -> dict[str, Any] | None:
    """The early warning's view of one project in the period, or None when it did not consider it (Red
    already, finished, not active)."""
    rows = run("forecast/project_warning", {"scope": scope, "project": project_id, "as_of": as_of})
    return rows.row(0, named=True) if rows.height else None


def warnings(f: Filters) -> pl.DataFrame:
    """The projects the early warning flags in the period, likeliest first, with why."""
    return run("forecast/warnings", f.params())


def backtest(f: Filters) -> dict[str, dict[str, Any]]:
    """The early warning's accuracy on the projects in view whose outcome was known by the period: by
    method (model, rule)."""
    rows = run("forecast/backtest", f.params())
    return {row["method"]: row for row in rows.iter_rows(named=True)}


def reference_summary(f: Filters) -> pl.DataFrame:
    """How the closed projects in view landed by the period, per department and for them all."""
    return run("forecast/reference_summary", f.params())
