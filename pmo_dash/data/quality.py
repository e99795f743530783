"""Data-quality reads: the scorecard of each department PMO (components, weights, score)."""

from __future__ import annotations

import datetime as dt

import polars as pl

from pmo_dash.data.cache import Filters, Scope, run

COMPONENTS = ("timeliness", "completeness", "validity", "honesty", "freshness")


def scorecard(f: Filters) -> pl.DataFrame:
    """The five components and the score per department per period (12 up to the as-of period)."""
    return run("quality/scorecard", {"scope": f.scope, "as_of": f.as_of})


def ranking(card: pl.DataFrame, as_of: dt.date) -> pl.DataFrame:
    """The departments at `as_of` (from `scorecard`), best score first; unscored last."""
    return card.filter(pl.col("period") == as_of).sort(
        ["score", "department"], descending=[True, False], nulls_last=True
    )


def problems(scope: Scope) -> pl.DataFrame:
    """What the last build found wrong in these departments' returns (file, row, column, value, rule,
    message), and the submission each file came from (none: the base returns)."""
    return run("quality/problems", {"scope": scope})


def not_reported(f: Filters) -> pl.DataFrame:
    """Active projects whose status for the as-of period was carried forward or never returned."""
    return run("quality/not_reported", {"scope": f.scope, "as_of": f.as_of})


def unstated_fields(f: Filters) -> pl.DataFrame:
    """Rows of the as-of period's returns with an optional field left empty, and which fields."""
    return run("quality/unstated_fields", {"scope": f.scope, "as_of": f.as_of})
