"""Data-quality reads: the scorecard of each department PMO (components, weights, score)."""

from __future__ import annotations

import datetime as dt

import polars as pl

from pmo_dash.data.cache import Filters, run

COMPONENTS = ("timeliness", "completeness", "validity", "honesty", "freshness")


def scorecard(f: Filters) -> pl.DataFrame:
    """The five components and the score per department per period (12 up to the as-of period)."""
    return run("quality/scorecard", {"scope": f.scope, "as_of": f.as_of})


def ranking(card: pl.DataFrame, as_of: dt.date) -> pl.DataFrame:
    """The departments at `as_of` (from `scorecard`), best score first; unscored last."""
    return card.filter(pl.col("period") == as_of).sort(
        ["score", "department"], descending=[True, False], nulls_last=True
    )
