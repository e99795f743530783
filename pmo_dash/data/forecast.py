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
